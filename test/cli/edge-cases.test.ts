// Cases a review found: each ran wrong once; each test names what it guards.

import { writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, REAL } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const dir = makeTempDir('edge');
const file = (name: string, text: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
interface Report {
  findings: { status: string; entity: { id: string }; match: { on: string } }[];
  summary: { flaggedValue: number };
  inputs: {
    rows: { screened: number; skipped: number };
    lines: { total: number; header: number; screened: number; skipped: number } | null;
    warnings: { code: string; value: string }[];
  }[];
}
const json = (stdout: string): Report => JSON.parse(stdout);

describe('screen edge cases', () => {
  it('counts a short position as exposure instead of netting it against a long one', () => {
    const path = file('long-short.csv', 'Name,ISIN,Market Value\nLONG LINE,CNE100000PM8,100000\nSHORT LINE,CNE100000PM8,-100000\n');
    const run = runCli(['screen', path, '-f', 'json', '--max-exposure', '150000']);
    expect(json(run.stdout).summary.flaggedValue).toBe(200000);
    expect(run.exitCode).toBe(1);
  });

  it('screens a row whose text really contains U+FFFD in a valid UTF-8 file', () => {
    const path = file('literal-replacement.csv', 'Name,Ticker,Market Value\nHANGZHOU HIKVISION DIGITAL TECH-A \uFFFD,,100\n');
    const report = json(runCli(['screen', path, '-f', 'json']).stdout);
    expect(report.findings.map((f) => f.entity.id)).toEqual(['hikvision']);
  });

  it('does not misread "1.234,56" in a decimal-point file: it warns instead', () => {
    const rows = Array.from({ length: 600 }, (_, i) => `COMPANY ${i},C${i},100`).join('\n');
    const path = file('late-comma.csv', `Name,Ticker,Market Value\n${rows}\nLATE ROW,LATE,"1.234,56"\n`);
    const report = json(runCli(['screen', path, '-f', 'json']).stdout);
    expect(report.inputs[0]?.warnings).toEqual([expect.objectContaining({ code: 'UNREADABLE_AMOUNT', value: '1.234,56' })]);
  });

  it('refuses a file given twice', () => {
    const run = runCli(['screen', 'fixtures/pension/nystrs-style-listing.csv', './fixtures/pension/nystrs-style-listing.csv']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/given twice/);
  });

  it('reads a file whose title line starts with a bracket as CSV', () => {
    const path = file('bracket-title.csv', '[Positions export]\nName,ISIN,Market Value\nSOME HOLDING,CNE100000BJ4,100\n');
    expect(json(runCli(['screen', path, '-f', 'json']).stdout).findings.map((f) => f.entity.id)).toEqual(['dahua']);
  });

  it('treats a name of legal-form words only as no name: a bare code is then a review', () => {
    const path = file('form-word-name.csv', 'Name,Ticker,Market Value\nLtd,002415,100\n');
    expect(json(runCli(['screen', path, '-f', 'json', '--fail-on', 'none']).stdout).findings.map((f) => f.status)).toEqual(['review']);
  });

  it('says a look-through finding was found in a fund, not by an exchange code', () => {
    const report = json(
      runCli(['screen', 'fixtures/look-through/vwo-eem-emxc-and-a-stock.csv', '--as-of', '2022-06-30', '-f', 'json']).stdout,
    );
    expect(new Set(report.findings.map((f) => f.match.on))).toEqual(new Set(['fund']));
  });

  it('takes only files named exactly by a ticker from a --funds folder', () => {
    const funds = makeTempDir('funds');
    copyFileSync(`${REAL}formats/vanguard_etf_holdings_details_VWO_2020-09-30.csv`, join(funds, 't_rowe_export.csv'));
    const path = file('att.csv', 'Symbol,Description,Market Value\nT,AT&T INC,1000\n');
    const run = runCli(['screen', path, '--funds', funds, '-f', 'json']);
    expect(run.exitCode).toBe(0);
    expect(json(run.stdout).findings).toEqual([]);
  });
});

describe('errors stay one clear line, exit 2, no stack', () => {
  const expectClean = (args: string[], pattern: RegExp): void => {
    const run = runCli(args);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(pattern);
    expect(run.stderr).not.toMatch(/\n\s+at |unexpected error/);
  };

  it('for a missing --list file, and for lists commands on missing files', () => {
    expectClean(
      ['screen', 'fixtures/pension/nystrs-style-listing.csv', '--list', 'no/such/list.csv'],
      /no\/such\/list\.csv does not exist/,
    );
    expectClean(['lists', 'check', 'no/such/list.csv'], /does not exist/);
    expectClean(['lists', 'diff', 'no/such/a.json', 'no/such/b.json'], /does not exist/);
  });

  it('for -o into a folder that does not exist', () => {
    expectClean(
      ['screen', 'fixtures/pension/nystrs-style-listing.csv', '-o', 'no/such/dir/report.json'],
      /cannot write no\/such\/dir\/report\.json/,
    );
  });

  it('for an ignore rule naming an entity that does not exist (fail closed)', () => {
    const ignore = file('misspelt.json', JSON.stringify({ ignore: [{ entity: 'hikvison', reason: 'typo', expires: '2027-01-01' }] }));
    expectClean(
      ['screen', 'fixtures/pension/nystrs-style-listing.csv', '--ignore-file', ignore],
      /"hikvison" is not an entity of the list/,
    );
  });

  it('without the escape sequences a file puts in its first line', () => {
    const path = file('escape-title.csv', '\u001b]0;owned\u0007hello,world\n1,2\n');
    const run = runCli(['screen', path]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).not.toContain('\u001b');
  });
});

describe('inspect', () => {
  it('exits 2 when the file has no holding rows, as screen would', () => {
    const path = file('header-only.csv', 'Name,Ticker,Market Value\n');
    const run = runCli(['inspect', path]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/no holding rows/);
  });

  it('accounts for the rows of a file longer than the head it sniffs, as screen does', () => {
    // 60,000 rows (about 2 MB) run past the 256 KB head; a bad check digit, a blank line and a total far in.
    const lines = ['Positions as of 2024-06-28', 'Name,ISIN,Market Value'];
    for (let i = 1; i <= 60_000; i++)
      lines.push(i === 45_000 ? 'BAD CHECK DIGIT CO,CNE100000PM9,1' : i === 50_000 ? '' : `COMPANY ${i},,${i}.00`);
    lines.push('Total,,1');
    const path = file('long-listing.csv', `${lines.join('\n')}\n`);
    const inspected = runCli(['inspect', path, '--json']);
    expect(inspected.exitCode).toBe(0);
    const got = JSON.parse(inspected.stdout);
    expect(got.rows).toEqual({ total: 60_002, screened: 59_999, skipped: 3 });
    expect(got.skipped).toEqual([
      { line: 1, reason: 'preamble', text: 'Positions as of 2024-06-28' },
      { line: 50_002, reason: 'blank', text: '' },
      { line: 60_003, reason: 'total', text: 'Total' },
    ]);
    expect(got.warnings).toEqual([{ line: 45_002, code: 'BAD_CHECK_DIGIT', column: 'isin', value: 'CNE100000PM9' }]);
    const screened = json(runCli(['screen', path, '-f', 'json', '--fail-on', 'none']).stdout);
    expect(screened.inputs[0]?.rows).toMatchObject({ screened: 59_999, skipped: 3 });
    expect(screened.inputs[0]?.lines).toEqual({ total: 60_003, header: 1, screened: 59_999, skipped: 3 });
  });
});

describe('--columns', () => {
  const path = file('custom-headers.csv', 'Security,"Value, USD",Code\nHANGZHOU HIKVISION DIGITAL TECH-A,100,X\n');

  it('takes a quoted header with a comma', () => {
    const run = runCli(['screen', path, '--columns', 'name=Security,value="Value, USD"', '-f', 'json']);
    expect(run.exitCode).toBe(1);
    expect(json(run.stdout).summary.flaggedValue).toBe(100);
  });

  it('refuses a header the file does not have, listing the ones it has', () => {
    const run = runCli(['screen', path, '--columns', 'name=Security,value=Mkt Vlue']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/--columns names "Mkt Vlue", which no header row has \(headers: Security, Value, USD, Code\)/);
  });
});
