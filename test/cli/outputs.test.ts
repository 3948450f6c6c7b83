// Where the reports of one run go, end to end on the built bin: several formats from one screen
// (--output-format FORMAT=FILE), a CSV's byte order mark for Excel, FORCE_COLOR beside NO_COLOR, and -q.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const SAMPLE = join(ROOT, 'examples/sample-holdings.csv');
const BOM = '\uFEFF';
const ESC = '\u001b[';

describe('--output-format FORMAT=FILE', () => {
  it('writes each format from one screen, the same as a run of that format alone, with the same exit code', () => {
    const dir = makeTempDir('outputs');
    const files = { json: 'report.json', sarif: 'scan.sarif', junit: 'junit.xml', markdown: 'board.md', table: 'table.txt' };
    const run = runCli(['screen', SAMPLE, ...Object.entries(files).flatMap(([f, p]) => ['--output-format', `${f}=${p}`])], { cwd: dir });
    expect(run.exitCode, run.stderr).toBe(1);
    expect(run.stderr).toBe('');
    // stdout keeps --format's report (the table by default).
    expect(run.stdout).toMatch(/^┌/);
    for (const [format, path] of Object.entries(files)) {
      const alone = runCli(['screen', SAMPLE, '--format', format], { cwd: dir });
      expect(alone.exitCode).toBe(1);
      expect(readFileSync(join(dir, path), 'utf8'), format).toBe(alone.stdout);
    }
  });

  it('writes beside -o and --format, and stays clean (exit 0) on a clean file', () => {
    const dir = makeTempDir('outputs');
    const clean = join(ROOT, 'fixtures/holdings/crlf-line-endings.csv');
    const run = runCli(['screen', clean, '--format', 'json', '-o', 'out.json', '--output-format', 'sarif=out.sarif'], { cwd: dir });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    const sarif: { runs: { results: unknown[] }[] } = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8'));
    expect(sarif.runs[0]?.results).toEqual([]);
    const json: { summary: { counts: { flagged: number } } } = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
    expect(json.summary.counts.flagged).toBe(0);
  });

  it('refuses an unwritable path in one line, exit 2, before screening: no report is written', () => {
    const dir = makeTempDir('outputs');
    const run = runCli(['screen', SAMPLE, '--output-format', 'json=ok.json', '--output-format', 'sarif=no/such/folder/scan.sarif'], {
      cwd: dir,
    });
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'exposure-screener: cannot write no/such/folder/scan.sarif: its folder does not exist; check the path, its folder and the free space\n',
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each([
    [['--output-format', 'pdf=board.pdf'], /--output-format: "pdf=board.pdf" is not FORMAT=FILE; FORMAT is one of table, json, csv/],
    [['--output-format', 'json'], /--output-format: "json" is not FORMAT=FILE/],
    [['--output-format', 'json=a.json', '--output-format', 'sarif=a.json'], /sarif=a\.json: --output-format json=a\.json already writes/],
    [['-o', 'a.json', '--output-format', 'sarif=a.json'], /sarif=a\.json: -o a\.json already writes to this file/],
    [['--output-format', `json=${SAMPLE}`], /--output-format .*sample-holdings\.csv is the input/],
    [['--output-format', 'json=.'], /--output-format \. is a directory/],
  ])('refuses %j in one line, exit 2', (args, message) => {
    const dir = makeTempDir('outputs');
    const run = runCli(['screen', SAMPLE, ...args], { cwd: dir });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stdout).toBe('');
  });

  it('takes outputFormat and csvBom from the config file, its paths relative to the config file', () => {
    const dir = makeTempDir('outputs');
    const config = join(dir, 'exposure-screener.config.json');
    writeFileSync(config, JSON.stringify({ outputFormat: ['junit=junit.xml', 'csv=findings.csv'], csvBom: false }));
    const run = runCli(['screen', SAMPLE, '--config', config, '-q']);
    expect(run.exitCode, run.stderr).toBe(1);
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toMatch(/^<\?xml/);
    expect(readFileSync(join(dir, 'findings.csv'), 'utf8').startsWith('status,')).toBe(true);
    expect(existsSync(join(ROOT, 'junit.xml'))).toBe(false);
  });
});

describe('SARIF from the bin', () => {
  it('names files relative to SRCROOT, the folder it ran in, with the SHA-256 of the bytes screened', () => {
    const dir = makeTempDir('sarif');
    const holdings = join(dir, 'custody', 'positions.csv');
    mkdirSync(join(dir, 'custody'));
    copyFileSync(SAMPLE, holdings);
    const run = runCli(['screen', holdings, '--output-format', 'sarif=scan.sarif'], { cwd: dir });
    expect(run.exitCode, run.stderr).toBe(1);
    const log: {
      runs: {
        originalUriBaseIds: Record<string, { uri: string }>;
        artifacts: { location: { uri: string; uriBaseId: string }; hashes: Record<string, string> }[];
        results: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string; index: number } } }[] }[];
      }[];
    } = JSON.parse(readFileSync(join(dir, 'scan.sarif'), 'utf8'));
    const sarif = log.runs[0];
    expect(sarif?.originalUriBaseIds['SRCROOT']?.uri).toBe(pathToFileURL(`${realpathSync(dir)}/`).href);
    expect(sarif?.artifacts).toMatchObject([
      {
        location: { uri: 'custody/positions.csv', uriBaseId: 'SRCROOT' },
        hashes: { 'sha-256': createHash('sha256').update(readFileSync(SAMPLE)).digest('hex') },
      },
    ]);
    expect(sarif?.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation)).toEqual(
      Array(3).fill({ uri: 'custody/positions.csv', uriBaseId: 'SRCROOT', index: 0 }),
    );
  });
});

describe('CSV byte order mark', () => {
  const csvOf = (args: readonly string[], file: string | null) => {
    const dir = makeTempDir('csv-bom');
    const run = runCli(['screen', SAMPLE, ...args], { cwd: dir });
    expect(run.exitCode, run.stderr).toBe(1);
    return file === null ? run.stdout : readFileSync(join(dir, file), 'utf8');
  };

  it('starts a .csv file with a UTF-8 BOM, for Excel, by -o or --output-format', () => {
    expect(csvOf(['--format', 'csv', '-o', 'findings.csv'], 'findings.csv').startsWith(`${BOM}status,kind,`)).toBe(true);
    expect(csvOf(['--output-format', 'csv=findings.CSV'], 'findings.CSV').startsWith(`${BOM}status,`)).toBe(true);
  });

  it('leaves it out with --no-csv-bom, in a file not named .csv, and on stdout unless --csv-bom asks', () => {
    expect(csvOf(['--format', 'csv', '-o', 'findings.csv', '--no-csv-bom'], 'findings.csv').startsWith('status,')).toBe(true);
    expect(csvOf(['--output-format', 'csv=findings.txt'], 'findings.txt').startsWith('status,')).toBe(true);
    expect(csvOf(['--format', 'csv'], null).startsWith('status,')).toBe(true);
    expect(csvOf(['--format', 'csv', '--csv-bom'], null).startsWith(`${BOM}status,`)).toBe(true);
    expect(csvOf(['--output-format', 'csv=findings.txt', '--csv-bom'], 'findings.txt').startsWith(`${BOM}status,`)).toBe(true);
  });

  it('never puts one in front of another format', () => {
    expect(csvOf(['--format', 'json', '-o', 'report.csv'], 'report.csv').startsWith('{')).toBe(true);
  });
});

describe('colour: NO_COLOR and FORCE_COLOR', () => {
  // stdout is a pipe here: without FORCE_COLOR there is no colour.
  const table = (env: Record<string, string>, args: readonly string[] = []) =>
    runCli(['screen', SAMPLE, ...args], { env: { NO_COLOR: '', ...env } }).stdout;

  it('colours nothing in a pipe by default', () => {
    expect(table({})).not.toContain(ESC);
  });

  it.each(['1', '2', '3', '', 'true'])('FORCE_COLOR=%j colours the table without a terminal', (value) => {
    expect(table({ FORCE_COLOR: value })).toContain(ESC);
    expect(table({ FORCE_COLOR: value, TERM: 'dumb' })).toContain(ESC);
  });

  it.each(['0', 'false'])('FORCE_COLOR=%s colours nothing', (value) => {
    expect(table({ FORCE_COLOR: value })).not.toContain(ESC);
  });

  it('lets NO_COLOR and --no-color win over FORCE_COLOR, and ignores an empty NO_COLOR', () => {
    expect(table({ FORCE_COLOR: '1', NO_COLOR: '1' })).not.toContain(ESC);
    expect(table({ FORCE_COLOR: '1' }, ['--no-color'])).not.toContain(ESC);
    expect(table({ FORCE_COLOR: '1', NO_COLOR: '' })).toContain(ESC);
  });

  it('never colours a report written to a file', () => {
    const dir = makeTempDir('color');
    runCli(['screen', SAMPLE, '-o', 'table.txt', '--output-format', 'markdown=board.md'], {
      cwd: dir,
      env: { NO_COLOR: '', FORCE_COLOR: '3' },
    });
    expect(readFileSync(join(dir, 'table.txt'), 'utf8')).not.toContain(ESC);
    expect(readFileSync(join(dir, 'board.md'), 'utf8')).not.toContain(ESC);
  });
});

describe('-q', () => {
  // Two files with different dates (a note) and one with weights only (a warning: unknown values).
  const FILES = [
    'fixtures/pension/nystrs-style-listing.csv',
    'fixtures/pension/calstrs-style-listing-2018.csv',
    'fixtures/layouts/csi-constituents-weight-only.csv',
  ];

  it('leaves out notes but keeps warnings about unknown values', () => {
    const loud = runCli(['screen', ...FILES]);
    expect(loud.stderr).toMatch(/^note: the files state different dates/m);
    expect(loud.stderr).toMatch(/^warning: .*csi-constituents-weight-only\.csv gives no values, only weights/m);
    const quiet = runCli(['screen', ...FILES, '-q']);
    expect(quiet.exitCode).toBe(loud.exitCode);
    expect(quiet.stderr).not.toMatch(/note:/);
    expect(quiet.stderr).toMatch(/^warning: .*gives no values, only weights/m);
    expect(quiet.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('keeps errors', () => {
    const run = runCli(['screen', 'fixtures/holdings/unbalanced-quote.csv', '-q']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^exposure-screener: /);
  });

  it('shows no progress on a terminal, unless --progress asks for it', (ctx) => {
    // A terminal from util-linux's script(1): the progress line is shown only on one.
    if (spawnSync('script', ['--version']).error !== undefined) ctx.skip('script(1) is not installed: no terminal to test on');
    const onTerminal = (args: readonly string[]): string =>
      spawnSync('script', ['-qec', [process.execPath, BIN, 'screen', SAMPLE, ...args].join(' '), '/dev/null'], {
        env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', TERM: 'xterm' },
        encoding: 'utf8',
      }).stdout;
    expect(onTerminal([])).toMatch(/sample-holdings\.csv: \d+ rows, [\d,]+ rows\/s/);
    expect(onTerminal(['-q'])).not.toMatch(/rows\/s/);
    expect(onTerminal(['-q', '--progress'])).toMatch(/sample-holdings\.csv: \d+ rows/);
  });
});
