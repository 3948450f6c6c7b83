// node scripts/build-bundle.mjs [--check] (run by `npm run build`, after tsc): the start-up bundle and its code
// cache; --check says whether they are what dist/ builds now and this Node accepts the cache.
//
// dist/cli/bundle.cjs is dist/cli/main.js and everything it imports as one CommonJS script (rolldown), in
// the wrapper Node gives a CommonJS module (boot.ts wrappedBundle: compiled as read),
// dist/cli/launch.cjs the bin's CommonJS half (src/cli/launch.ts: the version, the bundle's loader);
// dist/cli/bundle-v8-VERSION.cache is V8's code cache of it, made by screening examples/sample-holdings.csv
// (with the repository's real exports: trainingArgs) once, so that the functions a screen runs are in it
// compiled. src/cli/boot.ts loads the two (the bin starts the plain dist when it cannot) and
// test/cli/bundle.test.ts holds them to dist.
//
// The dependencies a screen does not need (zod: the bundled data ships validated; the spreadsheet, XML
// and zip readers; better-sqlite3, native and optional) are not inlined but required where they were
// imported, when that module first runs, so the bundle loads none of them at start.

import { spawnSync } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
/** The bin's CommonJS half: the version and the bundle's loader (src/cli/launch.ts). */
const LAUNCH = fileURLToPath(new URL('../dist/cli/launch.js', import.meta.url));
const LAUNCH_PATH = fileURLToPath(new URL('../dist/cli/launch.cjs', import.meta.url));
const SAMPLE = fileURLToPath(new URL('../examples/sample-holdings.csv', import.meta.url));
/**
 * Real brokers' and fund managers' exports (the repository's fixtures; a package has none): screened with
 * the sample, so that the cache holds the functions their layouts run too (several tables in a file, the
 * csv-parse reader that takes over a file's tail, amounts marked by $ or %, check digits…). V8 caches only
 * functions compiled when the cache is made; trained on the sample alone, the VWO file's screen compiled
 * some 70 more as it met them (~4 ms, V8's --log-function-events).
 */
const REAL_FORMATS = fileURLToPath(new URL('../fixtures/real/formats/', import.meta.url));

/** The training screen's arguments: the sample and, when there, every real CSV export, as one screen. */
function trainingArgs() {
  const real = existsSync(REAL_FORMATS) ? readdirSync(REAL_FORMATS).filter((name) => name.endsWith('.csv')) : [];
  return ['screen', SAMPLE, ...real.sort().map((name) => join(REAL_FORMATS, name))];
}
const BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
/** Required at run time when first needed, not inlined. */
const REQUIRED_LATE = /^(?:zod|@e965\/xlsx|better-sqlite3|yauzl|saxes)$/;
const LATE = '\0required-late:';
/**
 * chalk's terminal detection, which this tool never uses: each Chalk it makes is given its level
 * (report/table.ts, entities.ts; cli/color.ts decides), and its default instance is not imported. Left
 * in, it checks both terminals as chalk loads, which loads node:tty and node:net at every table report.
 */
const SUPPORTS_COLOR = '\0chalk-supports-color';

/** A bundle's source, from dist/ as it is now (the drift test compares it with the file). */
export async function bundleSource(entry = ENTRY) {
  const { rolldown } = await import('rolldown');
  const build = await rolldown({
    input: entry,
    platform: 'node',
    cwd: ROOT,
    logLevel: 'warn',
    // A bare built-in name ('stream', as csv-parse imports it) goes to resolveId below, to be the node: one.
    external: (id) => id.startsWith('node:') && BUILTINS.has(id),
    plugins: [
      {
        // `import { z } from 'zod'` becomes a CommonJS module `module.exports = require('zod')`, which
        // rolldown initialises when its importer first runs, not at the top of the bundle.
        name: 'required-late',
        resolveId(id, importer) {
          if (id === '#supports-color' && importer?.includes('/node_modules/chalk/')) return SUPPORTS_COLOR;
          // A built-in by its bare name ('stream', as csv-parse imports it) is the node: one, bound once.
          if (BUILTINS.has(id) && !id.startsWith('node:') && BUILTINS.has(`node:${id}`)) return { id: `node:${id}`, external: true };
          if (!REQUIRED_LATE.test(id)) return null;
          return importer?.startsWith(LATE) ? { id, external: true } : `${LATE}${id}`;
        },
        load(id) {
          if (id === SUPPORTS_COLOR) return 'export default { stdout: false, stderr: false };\n';
          return id.startsWith(LATE) ? `module.exports = require(${JSON.stringify(id.slice(LATE.length))});\n` : null;
        },
      },
    ],
  });
  const { output } = await build.generate({ format: 'cjs', codeSplitting: false, sourcemap: false, charset: 'ascii', comments: false });
  await build.close();
  const [chunk, ...more] = output;
  if (chunk?.type !== 'chunk' || more.some((o) => o.type === 'chunk')) throw new Error('build-bundle: expected one chunk');
  return requireBuiltinsWhenUsed(chunk.code);
}

/**
 * Built-in modules Node has loaded before the bin runs: requiring them at the top costs nothing. Not
 * node:module: Node has its loader's internals, but the public module loads parts of the ES module
 * loader as it is first required (~0.3 ms), which only the XML reader's saxes needs.
 */
const LOADED_AT_START = new Set(['buffer', 'events', 'fs', 'path', 'process', 'timers', 'url', 'util']);

/**
 * rolldown requires every built-in module at the top of the bundle. A built-in Node has not loaded yet
 * (node:crypto, node:zlib, node:tty, node:os, node:stream…: 0.5 to 4 ms each) is instead required when
 * one of its exports is first read, through an object of getters: a screen of a CSV file then never
 * loads zlib (the spreadsheet reader's), nor tty (chalk's) when nothing is coloured. Only a binding
 * that the bundle uses solely as `name.export` is made lazy; any other use keeps its require at the top.
 */
function requireBuiltinsWhenUsed(code) {
  const lines = code.split('\n');
  const declared = /^let (\w+) = require\("((?:node:)?([\w/]+))"\);$/;
  const lazy = [];
  for (const [i, line] of lines.entries()) {
    const m = declared.exec(line);
    if (m === null) continue;
    const [, name, specifier, bare] = m;
    if (LOADED_AT_START.has(bare) || !BUILTINS.has(specifier)) continue;
    const esm = lines[i + 1] === `${name} = __toESM(${name}, 1);`;
    const rest = lines.filter((_, j) => j !== i && !(esm && j === i + 1)).join('\n');
    const uses = [...rest.matchAll(new RegExp(`(?<![\\w$.])${name}(?![\\w$])(\\.default)?(\\.([A-Za-z_$][\\w$]*))?`, 'g'))];
    // Every use reads an export, or (when rolldown made it an ES module's namespace) the module as `.default`.
    if (uses.length === 0 || uses.some((u) => (u[1] === undefined ? u[3] === undefined : !esm))) continue;
    const keys = [...new Set(uses.filter((u) => u[1] === undefined).map((u) => u[3]))].sort();
    lazy.push({ i, esm, replacement: `const ${name} = __requireWhenUsed(${JSON.stringify(specifier)}, ${JSON.stringify(keys)}, ${esm});` });
  }
  if (lazy.length === 0) return code;
  for (const { i, esm, replacement } of lazy.reverse()) lines.splice(i, esm ? 2 : 1, replacement);
  const first = lines.findIndex((line) => declared.test(line) || (line.startsWith('const ') && line.includes('__requireWhenUsed(')));
  lines.splice(
    first,
    0,
    '/** The built-in module `id` required when one of `keys` is first read (scripts/build-bundle.mjs); `esm`: read through `.default`. */',
    'var __requireWhenUsed = (id, keys, esm) => {',
    '\tlet loaded;',
    '\tconst exports = {};',
    '\tfor (const key of keys) Object.defineProperty(exports, key, { get: () => (loaded ??= require(id))[key], enumerable: true });',
    '\tif (esm) Object.defineProperty(exports, "default", { get: () => (loaded ??= require(id)), enumerable: true });',
    '\treturn exports;',
    '};',
  );
  return lines.join('\n');
}

/** In a child: screens the training file through the bundle and writes the code cache as it exits. */
async function train(cachePath) {
  const { compileBundle, runBundle } = await import('../dist/cli/boot.js');
  const { COMPILE_FLAGS } = await import('../dist/cli/compile-tuning.js');
  const script = compileBundle();
  process.argv = [process.argv[0], fileURLToPath(new URL('../bin/exposure-screener.js', import.meta.url)), ...trainingArgs()];
  process.on('exit', () => {
    // The cache records V8's flags as they are when it is made, and the screen may have tuned them for its
    // input (src/cli/compile-tuning.ts): restored, the cache is made under the flags every run starts with.
    setFlagsFromString(COMPILE_FLAGS.default);
    writeFileSync(cachePath, script.createCachedData());
  });
  runBundle(script);
}

async function build() {
  const { BUNDLE_PATH, CODE_CACHE_PATH, wrappedBundle } = await import('../dist/cli/boot.js');
  // The caches of other Node versions too: one build, one cache.
  for (const name of readdirSync(dirname(CODE_CACHE_PATH)))
    if (/^bundle.*\.cache$/.test(name)) rmSync(join(dirname(CODE_CACHE_PATH), name));
  writeFileSync(BUNDLE_PATH, wrappedBundle(await bundleSource()));
  writeFileSync(LAUNCH_PATH, await bundleSource(LAUNCH));
  // A child started with no V8 flags of ours, as the bin is: the cache records the flags and is refused
  // under others (its screen tunes them for its input and restores them; train() makes sure of it).
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--train', CODE_CACHE_PATH], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  // The sample holds listed entities: exit 1 (flagged) is the screen working.
  if (child.status !== 1) throw new Error(`build-bundle: the training screen exited ${child.status}: ${child.stderr}`);
  // Refused here (NODE_OPTIONS with V8 flags, say): the bin would start the plain dist; say so, do not fail.
  const { loadBundle } = await import('../dist/cli/boot.js');
  if (loadBundle() === null)
    console.warn('build-bundle: this Node refuses the code cache just made; the bin will start from dist/cli/main.js');
}

/** --check: the bundle is what dist/ builds now, and this Node accepts its code cache (test/cli/bundle.test.ts). */
async function check() {
  const { BUNDLE_PATH, loadBundle, wrappedBundle } = await import('../dist/cli/boot.js');
  const problems = [];
  if (!existsSync(LAUNCH_PATH) || readFileSync(LAUNCH_PATH, 'utf8') !== (await bundleSource(LAUNCH))) {
    problems.push('dist/cli/launch.cjs is not what dist/ builds now: run npm run build');
  }
  if (!existsSync(BUNDLE_PATH) || readFileSync(BUNDLE_PATH, 'latin1') !== wrappedBundle(await bundleSource())) {
    problems.push('dist/cli/bundle.cjs is not what dist/ builds now: run npm run build');
  } else if (loadBundle() === null) problems.push('this Node refuses the code cache (absent, or made by another Node): run npm run build');
  for (const problem of problems) console.error(`build-bundle --check: ${problem}`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === '--train') await train(process.argv[3]);
  else if (process.argv[2] === '--check') await check();
  else await build();
}
