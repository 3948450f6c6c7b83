// The start-up bundle: the command line (main.js and all it imports) as one CommonJS script, with a V8
// code cache made at build time by a screen (scripts/build-bundle.mjs). Started from it, Node reads two
// files instead of resolving, reading and compiling some eighty modules, and the functions a screen runs
// come compiled. The bin starts the plain dist/cli/main.js instead when either file is missing or this
// Node rejects the cache (another Node or V8 version, other V8 flags): the same code, slower to start.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script, constants } from 'node:vm';

/**
 * The bundle and its code cache, beside this module in dist/cli/ (so the bundle's `../../data` is ours).
 * The cache is named for the V8 that made it: under another Node there is none to try, and the bin does
 * not compile the whole bundle only to have its cache refused.
 */
export const BUNDLE_PATH = fileURLToPath(new URL('./bundle.cjs', import.meta.url));
export const CODE_CACHE_PATH = fileURLToPath(new URL(`./bundle-v8-${process.versions.v8.replace(/[^\w.-]/g, '_')}.cache`, import.meta.url));

/** The function wrapper Node compiles a CommonJS module in, around the bundle's code in its file. */
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) {';
const WRAPPER_TAIL = '\n})';

/**
 * The bundle file's text for the bundle's code: the code inside the CommonJS wrapper, so that the file
 * read is the source compiled. Wrapped after reading, it made V8 copy the 780 KB into one flat string
 * before compiling, and read as UTF-8 it was decoded: ~1.3 ms of every start, against a latin1 read of
 * the file as it is. ASCII only (rolldown's charset option escapes the rest), so latin1 reads it exactly.
 */
export function wrappedBundle(code: string): string {
  // eslint-disable-next-line no-control-regex -- every ASCII character, control ones included, is allowed
  if (!/^[\u0000-\u007f]*$/.test(code)) throw new Error('the start-up bundle is not ASCII: it is read as latin1');
  return `${WRAPPER_HEAD}${code}${WRAPPER_TAIL}`;
}

/**
 * The bundle compiled as Node compiles a CommonJS module (its file holds it in the same wrapper:
 * wrappedBundle), with the code cache when there is one.
 */
export function compileBundle(cachedData?: Buffer, bundlePath: string = BUNDLE_PATH): Script {
  return new Script(readFileSync(bundlePath, 'latin1'), {
    filename: bundlePath,
    ...(cachedData === undefined ? {} : { cachedData }),
    // The bundle has no import() left (scripts/build-bundle.mjs turns them into require), but should one
    // come back it loads as in any module rather than failing; Node 20 before 20.19 has no such loader.
    ...(constants.USE_MAIN_CONTEXT_DEFAULT_LOADER === undefined
      ? {}
      : { importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER }),
  });
}

/**
 * The require the bundle runs with: one that resolves from the bundle's folder, as a CommonJS module's
 * own does. Run from dist/cli/launch.cjs (CommonJS, beside the bundle), that is launch.cjs's own require,
 * and node:module, which Node has not loaded when the bin starts, stays unloaded (~0.3 ms with the parts
 * of the ES module loader it loads); from this module as an ES module (the build's training, tests),
 * one is made.
 */
function requireBeside(bundlePath: string): NodeJS.Require {
  const folder = dirname(bundlePath);
  return typeof require === 'function' && typeof __dirname === 'string' && __dirname === folder ? require : createRequire(bundlePath);
}

/** Runs a compiled bundle: the command line starts, as importing main.js starts it. */
export function runBundle(script: Script, bundlePath: string = BUNDLE_PATH): void {
  const wrapper: unknown = script.runInThisContext();
  if (typeof wrapper !== 'function') throw new Error(`${bundlePath} is not a CommonJS bundle`);
  const module = { exports: {} };
  Reflect.apply(wrapper, module.exports, [module.exports, requireBeside(bundlePath), module, bundlePath, dirname(bundlePath)]);
}

/** The bundle with its code cache, when both are there and this Node accepts the cache; else null. */
export function loadBundle(bundlePath: string = BUNDLE_PATH, cachePath: string = CODE_CACHE_PATH): Script | null {
  let cachedData: Buffer;
  try {
    cachedData = readFileSync(cachePath);
  } catch {
    return null;
  }
  try {
    const script = compileBundle(cachedData, bundlePath);
    return script.cachedDataRejected === false ? script : null;
  } catch {
    return null;
  }
}

/** Starts the command line from the bundle; false, having run nothing, when the plain dist must start it. */
export function startFromBundle(): boolean {
  const script = loadBundle();
  if (script === null) return false;
  runBundle(script);
  return true;
}
