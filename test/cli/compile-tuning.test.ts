// How V8 compiles a screen (src/cli/compile-tuning.ts): the mode by the input's size, the flags that
// restore V8's own (the start-up bundle's code cache is refused under any others), and the size a screen
// reports to the bin before it reads its rows.

import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPILE_FLAGS, compileModeFor, compileNote, LEAN_INPUT_BYTES, type CompileMode } from '../../src/cli/compile-tuning.js';
import { runScreen } from '../../src/cli/run.js';
import { z } from 'zod';
import { holdingsFileSize } from '../../src/io/files.js';
import { ROOT } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const VWO = join(ROOT, 'fixtures/real/formats/vanguard_etf_holdings_details_VWO_2020-09-30.csv');
/** The V8 the lean compile was measured on (Node 20's). */
const V8 = '11.3.244.8-node.38';

describe('compileModeFor', () => {
  it('compiles lean from LEAN_INPUT_BYTES.from up to, not including, LEAN_INPUT_BYTES.below', () => {
    const { from, below } = LEAN_INPUT_BYTES;
    expect([from - 1, from, below - 1, below].map((bytes) => compileModeFor(bytes, V8))).toEqual(['default', 'lean', 'lean', 'default']);
  });

  it('keeps the defaults under a V8 it was not measured on (Node 22 and later)', () => {
    expect(compileModeFor(statSync(VWO).size, '12.4.254.21-node.33')).toBe('default');
  });

  it('keeps the defaults when the size is unknown (stdin may be a million rows)', () => {
    expect(compileModeFor(null, V8)).toBe('default');
  });

  it('compiles the real VWO export (5,000 rows) lean, and a ten-row file with the defaults', () => {
    expect(compileModeFor(statSync(VWO).size, V8)).toBe('lean');
    expect(compileModeFor(statSync(join(ROOT, 'examples/sample-holdings.csv')).size, V8)).toBe('default');
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

describe('holdingsFileSize', () => {
  const dir = makeTempDir('compile-size');

  it('is a regular file’s size, and null for stdin and for any path the reader would refuse or not find', () => {
    const file = join(dir, 'file.csv');
    writeFileSync(file, 'Name,Value\nAcme,1\n');
    symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'));
    symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b'));
    expect(
      [file, '-', dir, join(dir, 'missing.csv'), join(file, 'under-a-file.csv'), join(dir, 'loop-a')].map((path) => holdingsFileSize(path)),
    ).toEqual([statSync(file).size, null, null, null, null, null]);
  });
});

describe('a screen has the bin tune V8 once, with its input’s size, and restore it after the rows', () => {
  const dir = makeTempDir('compile-tuning');
  const env = { today: '2026-11-26', tool: { name: 'exposure-screener', version: 'test' }, width: 120, cwd: dir };
  const options = { format: 'json', asOf: '2026-11-26', ignore: false, failOn: 'none' };
  /** A compiler that notes what it is asked, and leaves V8 as it is. */
  const recording = (calls: string[]): { tune(bytes: number | null): CompileMode; restore(): void } => ({
    tune: (bytes) => {
      calls.push(`tune ${bytes}`);
      return 'default';
    },
    restore: () => void calls.push('restore'),
  });

  it('the sum of the files’ sizes, once for two files', async () => {
    const small = join(dir, 'small.csv');
    writeFileSync(small, readFileSync(join(ROOT, 'examples/sample-holdings.csv')));
    const calls: string[] = [];
    await runScreen([VWO, small], options, { ...env, compiler: recording(calls) });
    expect(calls).toEqual([`tune ${statSync(VWO).size + statSync(small).size}`, 'restore']);
  });

  it('null when a file cannot be read, before its reader says why', async () => {
    const calls: string[] = [];
    await expect(runScreen([VWO, join(dir, 'missing.csv')], options, { ...env, compiler: recording(calls) })).rejects.toThrow(
      /missing\.csv/,
    );
    expect(calls).toEqual(['tune null']);
  });

  it('for a workbook too, once its sheets are read', async () => {
    const calls: string[] = [];
    const book = join(ROOT, 'fixtures/xlsx/ishares-mchi-holdings.xlsx');
    await runScreen([book], options, { ...env, compiler: recording(calls) });
    expect(calls).toEqual([`tune ${statSync(book).size}`, 'restore']);
  });
});

describe('the bin', () => {
  const dir = makeTempDir('compile-bin');
  // A preload that notes every V8 flag change the bin makes (the bundle requires node:v8 when it first
  // reads setFlagsFromString, so it finds this one), and prints them as the process exits.
  const preload = join(dir, 'flags-preload.cjs');
  writeFileSync(
    preload,
    [
      "const v8 = require('node:v8');",
      'const set = v8.setFlagsFromString;',
      'const calls = [];',
      'v8.setFlagsFromString = (flags) => { calls.push(flags); return set.call(v8, flags); };',
      "process.on('exit', () => process.stderr.write(`flags set: ${JSON.stringify(calls)}\\n`));",
    ].join('\n'),
  );
  const screened = (args: readonly string[], input?: string): { debug: string[]; flags: string[] } => {
    const r = spawnSync(
      process.execPath,
      ['-r', preload, join(ROOT, 'bin/exposure-screener.js'), 'screen', ...args, '--debug', '--fail-on', 'none'],
      {
        cwd: ROOT,
        env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' },
        encoding: 'utf8',
        ...(input === undefined ? {} : { input }),
      },
    );
    const lines = r.stderr.split('\n');
    const flags = lines.find((l) => l.startsWith('flags set: '))?.slice('flags set: '.length) ?? 'none printed';
    return { debug: lines.filter((l) => l.includes('V8 optimises')), flags: z.array(z.string()).parse(JSON.parse(flags)) };
  };

  // Under a V8 the lean compile was not measured on, the bin keeps the defaults for VWO too.
  const measured = compileModeFor(statSync(VWO).size, process.versions.v8) === 'lean';

  it.runIf(measured)('compiles the VWO export lean, says so with --debug, and turns V8’s defaults back on after the rows', () => {
    expect(screened([VWO, '--format', 'json'])).toEqual({
      debug: [compileNote('lean', statSync(VWO).size)],
      flags: [COMPILE_FLAGS.lean, COMPILE_FLAGS.default],
    });
  });

  it.skipIf(measured)('keeps V8’s defaults for the VWO export under a V8 the lean compile was not measured on', () => {
    expect(screened([VWO, '--format', 'json'])).toEqual({ debug: [compileNote('default', statSync(VWO).size)], flags: [] });
  });

  it('keeps V8’s defaults for the ten-row sample, and for standard input (of any size)', () => {
    const sample = join(ROOT, 'examples/sample-holdings.csv');
    expect(screened([sample])).toEqual({ debug: [compileNote('default', statSync(sample).size)], flags: [] });
    expect(screened(['-'], readFileSync(VWO, 'utf8'))).toEqual({ debug: [compileNote('default', null)], flags: [] });
  });
});
