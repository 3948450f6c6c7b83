// The start-up bundle (dist/cli/bundle.cjs and its V8 code cache, scripts/build-bundle.mjs, src/cli/boot.ts)
// is the plain dist in one file: it is what dist/ builds now, this Node accepts its cache, and the bin
// gives the same output, messages and exit code from it as from dist/cli/main.js, which it falls back to.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODE_CACHE_PATH, loadBundle, wrappedBundle } from '../../src/cli/boot.js';
import { ROOT, runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

/** The built bundle and its cache (boot.ts names them beside itself: here in src/, built in dist/). */
const BUNDLE = join(ROOT, 'dist/cli/bundle.cjs');
const CACHE = join(ROOT, 'dist/cli', basename(CODE_CACHE_PATH));

/** A copy of the package without the code cache: its bin starts from dist/cli/main.js. */
function plainCopy(): string {
  const dir = join(makeTempDir('bundle'), 'package');
  mkdirSync(dir);
  for (const entry of ['package.json', 'bin', 'dist', 'data', 'examples']) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  rmSync(join(dir, 'dist/cli', basename(CODE_CACHE_PATH)));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

describe('the start-up bundle', () => {
  it('is what dist/ builds now, with a code cache this Node accepts (rebuild: npm run build)', { timeout: 60_000 }, () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build-bundle.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('is what the bin starts from: its loader loads, and this Node runs the bundle with its cache', () => {
    // A loader that fails to load is not an error for the bin, which then starts the plain dist: slower, same output.
    const r = spawnSync(
      process.execPath,
      [
        '-e',
        `const launch = require(${JSON.stringify(join(ROOT, 'dist/cli/launch.cjs'))}); process.argv.push('--help'); console.error(launch.startFromBundle())`,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.stderr).toBe('true\n');
    expect(r.stdout).toContain('Usage: exposure-screener');
    expect(r.status).toBe(0);
  });

  it('loads, for a screen of a CSV file whose report goes to -o, no built-in module it does not use there', () => {
    // Required when first used (scripts/build-bundle.mjs), and stdout made only when written (cli/main.ts):
    // not zlib (spreadsheets), not tty (chalk's terminal check, left out), not net (stdout or stderr as a pipe).
    const dir = makeTempDir('bundle-modules');
    const preload = join(dir, 'modules.cjs');
    const loaded = join(dir, 'loaded.json');
    writeFileSync(
      preload,
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(loaded)}, JSON.stringify(process.moduleLoadList)));\n`,
    );
    const r = spawnSync(
      process.execPath,
      ['-r', preload, join(ROOT, 'bin/exposure-screener.js'), 'screen', 'examples/sample-holdings.csv', '-o', join(dir, 'report.txt')],
      { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1); // the sample holds listed entities
    const modules = new Set(JSON.parse(readFileSync(loaded, 'utf8')) as string[]);
    expect(modules.has('NativeModule vm')).toBe(true); // the bundle's compiler: the preload does see what the run loads
    // Nor crypto (a table shows no file's SHA-256: none is taken), nor stream (csv-parse's stream parser, unused).
    for (const absent of ['zlib', 'tty', 'net', 'internal/fs/streams', 'crypto', 'stream'])
      expect(modules.has(`NativeModule ${absent}`), absent).toBe(false);
    // A JSON report shows each file's SHA-256: that run takes it.
    const json = spawnSync(
      process.execPath,
      [
        '-r',
        preload,
        join(ROOT, 'bin/exposure-screener.js'),
        'screen',
        'examples/sample-holdings.csv',
        '--format',
        'json',
        '-o',
        join(dir, 'report.json'),
      ],
      { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(json.status).toBe(1);
    expect(new Set(JSON.parse(readFileSync(loaded, 'utf8')) as string[]).has('NativeModule crypto')).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).inputs[0].sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is ASCII in its file, inside the CommonJS wrapper, so that the file read as latin1 is the source compiled', () => {
    const text = readFileSync(BUNDLE, 'latin1');
    expect(text.startsWith('(function (exports, require, module, __filename, __dirname) {')).toBe(true);
    expect(text.endsWith('\n})')).toBe(true);
    expect(readFileSync(BUNDLE, 'utf8')).toBe(text);
    expect(wrappedBundle('let a = "\\u00e9";')).toBe('(function (exports, require, module, __filename, __dirname) {let a = "\\u00e9";\n})');
    expect(() => wrappedBundle('let a = "\u00e9";')).toThrow(/not ASCII/);
  });

  it('is not used without its code cache, or with one that does not fit', () => {
    const dir = makeTempDir('bundle-cache');
    expect(existsSync(CACHE)).toBe(true);
    expect(loadBundle(BUNDLE, join(dir, 'absent.cache'))).toBeNull();
    writeFileSync(join(dir, 'bad.cache'), 'not a code cache');
    expect(loadBundle(BUNDLE, join(dir, 'bad.cache'))).toBeNull();
    expect(loadBundle(join(dir, 'absent.cjs'), CACHE)).toBeNull();
  });

  // Each path of the command line, and each dependency the bundle requires only when it is needed: zod
  // (a --data file, a --list file), the spreadsheet and XML readers.
  const cases: readonly (readonly string[])[] = [
    ['screen', 'examples/sample-holdings.csv'],
    ['screen', 'examples/sample-holdings.csv', '--format', 'json', '--as-of', '2026-01-02'],
    ['screen', 'fixtures/real/formats/vanguard_etf_holdings_details_VWO_2020-09-30.csv', '--format', 'sarif', '--fail-on', 'review'],
    ['screen', 'examples/sample-holdings.csv', '--data', 'data/entities.json', '-q'],
    ['screen', 'examples/sample-holdings.csv', '--list', 'fixtures/lists/user/valid.csv', '--format', 'csv'],
    ['screen', 'fixtures/xlsx/spdr-daily-holdings-spem.xlsx', '--format', 'markdown'],
    ['screen', 'fixtures/real/formats/sec_13f_information_table_real.xml', '--format', 'json'],
    ['screen', 'fixtures/holdings/binary-garbage.csv'],
    ['screen', 'no-such-file.csv'],
    ['screen', 'examples/sample-holdings.csv', '--no-such-option'],
    ['screen', '--help'],
    ['--help'],
    ['inspect', 'examples/sample-holdings.csv', '--json'],
    ['entities'],
    ['data', '--json'],
    ['explain', 'hikvision'],
    ['lists', 'check', 'fixtures/lists/user/invalid.csv'],
  ];

  it('gives the same output, messages and exit code as the plain dist', { timeout: 120_000 }, () => {
    const plain = plainCopy();
    for (const args of cases) {
      const env = { EXPOSURE_SCREENER_HOME: join(plain, 'no-library') };
      const bundled = runCli(args, { env });
      const fromDist = spawnSync(process.execPath, [join(plain, 'bin/exposure-screener.js'), ...args], {
        cwd: ROOT,
        env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', ...env },
        encoding: 'utf8',
      });
      // The copy names its own data files (`data --json`): as if it were here.
      const here = (text: string): string => text.replaceAll(`${plain}/`, ROOT);
      expect({ args, stdout: bundled.stdout, stderr: bundled.stderr, exitCode: bundled.exitCode }).toEqual({
        args,
        stdout: here(fromDist.stdout),
        stderr: here(fromDist.stderr),
        exitCode: fromDist.status,
      });
    }
  });
});
