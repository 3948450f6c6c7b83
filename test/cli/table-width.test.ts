// The terminal table fits the terminal: no line longer than COLUMNS, and in a log (no COLUMNS, no
// terminal) nothing is cut.

import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT, runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const FILES = [
  'fixtures/look-through/vwo-eem-emxc-and-a-stock.csv',
  'fixtures/pension/nystrs-style-listing.csv',
  'fixtures/real/formats/fidelity_portfolio_positions_2023.csv',
];

describe('the table at a terminal width', () => {
  it.each([80, 120, 200])('has no line longer than %i columns, with every finding still on its own row', (columns) => {
    const run = runCli(['screen', ...FILES, '--verbose'], { env: { COLUMNS: String(columns) } });
    expect(run.exitCode).toBe(1);
    const lines = run.stdout.replace(/\n$/, '').split('\n');
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(columns);
    // 3 direct and 7 fund findings: one table row each, whatever the width.
    expect(lines.filter((l) => /^│ (FLAGGED|REVIEW)/.test(l))).toHaveLength(10);
    // No row is broken over two lines: the two tables' lines inside borders are their 2 headers and 10 rows.
    expect(lines.filter((l) => l.startsWith('│'))).toHaveLength(12);
  });

  it('cuts long names with an ellipsis at 80 columns; --format json keeps the full text', () => {
    const table = runCli(['screen', 'fixtures/pension/nystrs-style-listing.csv'], { env: { COLUMNS: '80' } }).stdout;
    const row = table.split('\n').find((l) => l.startsWith('│ FLAGGED') && l.includes('Dahua'));
    expect(row).toMatch(/│ ZHEJIANG D[A-Z ]*… │/);
    expect(table).not.toContain('ZHEJIANG DAHUA TECHNOLOGY CO LTD-A');
    const json: { findings: { holding: { name: string }; source: { file: string } }[] } = JSON.parse(
      runCli(['screen', 'fixtures/pension/nystrs-style-listing.csv', '--format', 'json'], { env: { COLUMNS: '80' } }).stdout,
    );
    expect(json.findings.map((f) => f.holding.name)).toContain('ZHEJIANG DAHUA TECHNOLOGY CO LTD-A');
    expect(json.findings[0]?.source.file).toBe('fixtures/pension/nystrs-style-listing.csv');
  });

  it.each(['', 'wide', '0', '-5'])('takes COLUMNS=%j for no width: nothing is cut in a pipe', (columns) => {
    const run = runCli(['screen', 'fixtures/pension/nystrs-style-listing.csv'], { env: { COLUMNS: columns } });
    expect(run.stdout).toContain('ZHEJIANG DAHUA TECHNOLOGY CO LTD-A');
  });

  it.for([80, 120])("fits a terminal's own width (process.stdout.columns) at %i columns without COLUMNS", (columns, ctx) => {
    // A terminal of that size from util-linux's script(1); stty sets its width, which Node reads as process.stdout.columns.
    if (spawnSync('script', ['--version']).error !== undefined) ctx.skip('script(1) is not installed: no terminal to test on');
    // stderr's notes are not the table: left out.
    const command = `stty cols ${columns} rows 50; ${[process.execPath, BIN, 'screen', ...FILES, '--verbose'].join(' ')} 2>/dev/null`;
    const out = spawnSync('script', ['-qec', command, '/dev/null'], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', TERM: 'xterm' },
      encoding: 'utf8',
    }).stdout;
    // The terminal ends lines in CRLF; the progress line (rewritten in place with CR) is not part of the table.
    const lines = out.split(/\r?\n/).flatMap((l) => l.split('\r').slice(-1));
    expect(lines.filter((l) => /^│ (FLAGGED|REVIEW)/.test(l))).toHaveLength(10);
    const widest = Math.max(...lines.map((l) => [...l].length));
    expect(widest).toBeLessThanOrEqual(columns);
    // It reads this terminal's width, not a default: the table takes the room there is.
    expect(widest).toBeGreaterThan(columns - 10);
  });

  it('cuts nothing in a file, whatever COLUMNS says (-o or --output-format)', () => {
    const dir = makeTempDir('table-width');
    runCli(['screen', join(ROOT, 'fixtures/pension/nystrs-style-listing.csv'), '-o', 'a.txt', '--output-format', 'table=b.txt'], {
      cwd: dir,
      env: { COLUMNS: '80' },
    });
    for (const name of ['a.txt', 'b.txt']) expect(readFileSync(join(dir, name), 'utf8')).toContain('ZHEJIANG DAHUA TECHNOLOGY CO LTD-A');
  });

  it('cuts nothing when the output is a pipe and COLUMNS is not set', () => {
    const run = runCli(['screen', 'fixtures/pension/nystrs-style-listing.csv']);
    expect(run.stdout).toMatch(/HANGZHOU HIKVISION DIGITAL TECH-A/);
    expect(run.stdout).not.toMatch(/…/);
  });
});
