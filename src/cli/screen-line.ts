// The plain screen line, `screen FILE… [options]`, read without commander: a screen in CI then starts
// without loading it and building the whole program. It reads by the options screen-flags.ts declares
// for commander, as commander reads them, and gives up (null: commander reads the line) on anything else:
// help, an unknown option, a value not among the choices, a cluster of short flags, `--`, a value that
// begins with "-". So every error and all help still come from commander, word for word.

import type { Invocation } from './program.js';
import { DEBUG_FLAG, SCREEN_FLAGS, type FlagSpec } from './screen-flags.js';

interface Flag {
  /** Where commander stores it: --as-of → asOf, --no-color → color. */
  readonly key: string;
  readonly takesValue: boolean;
  /** --no-x: sets false; true by default when no --x is declared before it (commander's rule). */
  readonly negated: boolean;
  readonly spec: FlagSpec;
}

const FLAG_SHAPE = /^(?:-([A-Za-z]), )?--([a-z][a-z-]*)(?: <[^>]+>)?$/;

function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** The flags by what is typed (--format, -f), and the defaults commander gives before reading the line. */
function readFlags(specs: readonly FlagSpec[]): { byName: ReadonlyMap<string, Flag>; defaults: Readonly<Record<string, unknown>> } {
  const byName = new Map<string, Flag>();
  const defaults: Record<string, unknown> = {};
  for (const spec of specs) {
    const shape = FLAG_SHAPE.exec(spec.flags);
    const long = shape?.[2];
    if (shape === null || long === undefined) throw new Error(`screen-line: cannot read the flags "${spec.flags}"`);
    const negated = long.startsWith('no-');
    const key = camel(negated ? long.slice(3) : long);
    if (negated && !byName.has(`--${long.slice(3)}`)) defaults[key] = true;
    const flag: Flag = { key, takesValue: spec.flags.includes('<'), negated, spec };
    byName.set(`--${long}`, flag);
    if (shape[1] !== undefined) byName.set(`-${shape[1]}`, flag);
  }
  return { byName, defaults };
}

const SCREEN = readFlags(SCREEN_FLAGS);
const PROGRAM = readFlags([DEBUG_FLAG]);

/** The invocation of a plain screen line (argv as process.argv), or null for commander to read it. */
export function plainScreenLine(argv: readonly string[]): Invocation | null {
  if (argv[2] !== 'screen') return null;
  const options: Record<string, unknown> = { ...SCREEN.defaults };
  const files: string[] = [];
  for (let i = 3; i < argv.length; i++) {
    const word = argv[i] ?? '';
    if (word === '-' || !word.startsWith('-')) {
      files.push(word);
      continue;
    }
    const equals = word.startsWith('--') ? word.indexOf('=') : -1;
    const name = equals === -1 ? word : word.slice(0, equals);
    // The program's --debug, after the command: commander takes it for the program; main.ts reads it.
    if (PROGRAM.byName.has(name) && equals === -1) continue;
    const flag = SCREEN.byName.get(name);
    if (flag === undefined) return null;
    if (!flag.takesValue) {
      if (equals !== -1) return null;
      options[flag.key] = !flag.negated;
      continue;
    }
    const value = equals === -1 ? argv[++i] : word.slice(equals + 1);
    if (value === undefined || value.startsWith('-')) return null;
    if (flag.spec.choices !== undefined && !flag.spec.choices.includes(value)) return null;
    const before: unknown = options[flag.key];
    const collected: readonly unknown[] = Array.isArray(before) ? before : [];
    options[flag.key] = flag.spec.repeatable === true ? [...collected, value] : value;
  }
  return files.length === 0 ? null : { command: 'screen', files, options };
}
