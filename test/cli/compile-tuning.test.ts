// How V8 compiles a screen (src/cli/compile-tuning.ts): the mode by the input's size, the flags that
// restore V8's own (the start-up bundle's code cache is refused under any others), and the size a screen
// reports to the bin before it reads its rows.

import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPILE_FLAGS, compileModeFor, compileNote, LEAN_INPUT_BYTES, type CompileMode } from '../../src/cli/compile-tuning.js';
import { runScreen } from '../../src/cli/run.js';
import { ROOT, runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const VWO = join(ROOT, 'fixtures/real/formats/vanguard_etf_holdings_details_VWO_2020-09-30.csv');

describe('compileModeFor', () => {
  it('compiles lean from LEAN_INPUT_BYTES.from up to, not including, LEAN_INPUT_BYTES.below', () => {
    const { from, below } = LEAN_INPUT_BYTES;
    expect([from - 1, from, below - 1, below].map(compileModeFor)).toEqual(['default', 'lean', 'lean', 'default']);
  });

  it('keeps the defaults when the size is unknown (stdin may be a million rows)', () => {
    expect(compileModeFor(null)).toBe('default');
  });

  it('compiles the real VWO export (5,000 rows) lean, and a ten-row file with the defaults', () => {
    expect(compileModeFor(statSync(VWO).size)).toBe('lean');
    expect(compileModeFor(statSync(join(ROOT, 'examples/sample-holdings.csv')).size)).toBe('default');
  });
});

/**
 * In a child Node (this process's flags are the test runner's): whether a code cache made under V8's
 * defaults is accepted after the flags given are set, one call each.
 */
function cacheAcceptedAfter(flags: readonly string[]): boolean {
  const script = [
    "const { Script } = require('node:vm');",
    "const { setFlagsFromString } = require('node:v8');",
    "const source = '(function () { return 1 + 1; })';",
    'const cache = new Script(source).createCachedData();',
    `for (const flags of ${JSON.stringify(flags)}) setFlagsFromString(flags);`,
    "process.stdout.write(String(!new Script(source, { cachedData: cache, filename: 'again.js' }).cachedDataRejected));",
  ].join('\n');
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return r.stdout === 'true';
}

describe('COMPILE_FLAGS', () => {
  it('lean changes V8 flags that code caches record: a cache made before is refused under them', () => {
    expect(cacheAcceptedAfter([COMPILE_FLAGS.lean])).toBe(false);
  });

  it('default undoes every flag lean sets: the cache is accepted again (build-bundle restores them before it writes the cache)', () => {
    expect(cacheAcceptedAfter([COMPILE_FLAGS.lean, COMPILE_FLAGS.default])).toBe(true);
  });
});

describe('a screen tells the bin its input size before it reads a row', () => {
  const dir = makeTempDir('compile-tuning');
  const env = { today: '2026-11-26', tool: { name: 'exposure-screener', version: 'test' }, width: 120, cwd: dir };
  const options = { format: 'json', asOf: '2026-11-26', ignore: false, failOn: 'none' };
  /** A tuneCompiler that notes the sizes it is given, and leaves V8 as it is. */
  const recording =
    (sizes: (number | null)[]) =>
    (bytes: number | null): CompileMode => {
      sizes.push(bytes);
      return 'default';
    };

  it('the sum of the files’ sizes', async () => {
    const small = join(dir, 'small.csv');
    writeFileSync(small, readFileSync(join(ROOT, 'examples/sample-holdings.csv')));
    const sizes: (number | null)[] = [];
    await runScreen([VWO, small], options, { ...env, tuneCompiler: recording(sizes) });
    expect(sizes).toEqual([statSync(VWO).size + statSync(small).size]);
  });

  it('null when a file cannot be read, before its reader says why', async () => {
    const sizes: (number | null)[] = [];
    await expect(runScreen([VWO, join(dir, 'missing.csv')], options, { ...env, tuneCompiler: recording(sizes) })).rejects.toThrow(
      /missing\.csv/,
    );
    expect(sizes).toEqual([null]);
  });
});

describe('the bin', () => {
  const debugLines = (file: string): string[] =>
    runCli(['screen', file, '--debug', '--fail-on', 'none', '--format', 'json'])
      .stderr.split('\n')
      .filter((l) => l.includes('V8'));

  it('compiles the VWO export lean, and says so with --debug', () => {
    expect(debugLines(VWO)).toEqual([compileNote('lean', statSync(VWO).size)]);
  });

  it('keeps V8’s defaults for the ten-row sample', () => {
    const sample = join(ROOT, 'examples/sample-holdings.csv');
    expect(debugLines(sample)).toEqual([compileNote('default', statSync(sample).size)]);
  });
});
