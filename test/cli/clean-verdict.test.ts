// A clean verdict must be true: one small fixture per class of input that used to end in a false
// all-clear (fixtures/trust/, named for the class), screened by the built bin.

import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const TRUST = 'fixtures/trust/';

interface Report {
  asOf: string;
  asOfSource: string;
  inputs: {
    file: string;
    encoding: string;
    asOf: string | null;
    asOfLine: number | null;
    asOfRejected: string | null;
    rows: { total: number; screened: number; skipped: number };
    lines: { total: number; header: number; screened: number; skipped: number } | null;
    skipped: { line: number; reason: string; lines: number }[];
    warnings: { line: number; code: string }[];
  }[];
  findings: {
    status: string;
    entity: { id: string };
    source: { file: string; line: number };
    match: { on: string; reason: string };
    exposure: { value: number | null; weight: number | null };
  }[];
  summary: {
    flaggedValue: number | null;
    flaggedWeight: number | null;
    flaggedValueKnown: number;
    flaggedUnknown: number;
    flaggedLong: number;
    flaggedShort: number;
    grossPortfolioValue: number | null;
    byEntity: { id: string; value: number | null; unknownValue: number }[];
    notLookedThrough: { ticker: string | null; evidence: string }[];
  };
}

function screen(args: readonly string[]): { report: Report | null; exitCode: number | null; stderr: string } {
  const run = runCli(['screen', ...args, '--format', 'json']);
  const report: Report | null = run.stdout.trim() === '' ? null : JSON.parse(run.stdout);
  return { report, exitCode: run.exitCode, stderr: run.stderr };
}

const flagged = (report: Report | null): string[] =>
  (report?.findings ?? []).filter((f) => f.status === 'flagged').map((f) => `${f.entity.id}:${f.source.line}`);

/** Every physical line in one bucket, for every input. */
function expectLinesAddUp(report: Report | null): void {
  for (const input of report?.inputs ?? []) {
    const lines = input.lines;
    expect(lines).not.toBeNull();
    expect((lines?.header ?? 0) + (lines?.screened ?? 0) + (lines?.skipped ?? 0)).toBe(lines?.total);
  }
}

describe('a table does not end early (notes, footnotes, a name without an amount)', () => {
  it.each([
    ['note-row-inside-table.csv', ['hikvision:6']],
    ['footnote-row-inside-table.csv', ['dahua:6']],
  ])('%s: the holding below the note is screened', (file, expected) => {
    const { report, exitCode } = screen([`${TRUST}${file}`]);
    expect(exitCode).toBe(1);
    expect(flagged(report)).toEqual(expected);
    expect(report?.inputs[0]?.skipped.map((s) => s.reason)).toContain('trailer');
    expectLinesAddUp(report);
  });

  it('a row with a listed name and no amount is a position of unknown value, found where it sits', () => {
    const { report, exitCode } = screen([`${TRUST}name-without-amount.csv`]);
    expect(exitCode).toBe(1);
    expect(flagged(report)).toEqual(['hikvision:4']);
    const finding = report?.findings[0];
    expect(finding?.exposure.value).toBeNull();
    expect(finding?.match.reason).toMatch(/not read as a position \(section or account label\)/);
  });
});

describe('a stray quote never swallows rows silently', () => {
  it('exits 2 naming the line where the quote opened', () => {
    const { report, exitCode, stderr } = screen([`${TRUST}stray-quote-swallows-rows.csv`]);
    expect(exitCode).toBe(2);
    expect(report).toBeNull();
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/stray-quote-swallows-rows\.csv:4: a quote opened on this line closes only on line 8/);
    expect(stderr).not.toMatch(/\bat \w+ \(|Invalid Closing Quote/);
  });
});

describe('the encoding is decided on the whole file, and a bad byte is reported by line', () => {
  it('a UTF-8 file with one stray byte stays UTF-8; the row is screened and keeps the screen from being clean', () => {
    const { report, exitCode, stderr } = screen([`${TRUST}stray-byte-in-utf8.csv`]);
    expect(exitCode).toBe(2);
    expect(report?.inputs[0]?.encoding).toBe('utf-8');
    expect(report?.inputs[0]?.warnings).toEqual([expect.objectContaining({ line: 32, code: 'UNDECODABLE_BYTES' })]);
    expect(stderr).toMatch(/stray-byte-in-utf8\.csv:32: .*not valid in the file's encoding/);
  });

  it('PARTICIPAÇÕES in windows-1252 is read as windows-1252, not GB18030', () => {
    const { report } = screen([`${TRUST}windows-1252-participacoes.csv`]);
    expect(report?.inputs[0]?.encoding).toBe('windows-1252');
    expect(flagged(report)).toEqual(['hikvision:3']);
  });
});

describe('every line is accounted for, and identifiers in rows that are not positions are still screened', () => {
  it('a listed ISIN among the words of another table is flagged; the lines add up', () => {
    const { report, exitCode } = screen([`${TRUST}listed-isin-in-transactions-table.csv`]);
    expect(exitCode).toBe(1);
    expect(flagged(report)).toEqual(['hikvision:7']);
    // "Date,Action,Description,Amount" is a header (a transactions table), not a row of the holdings above it.
    expect(report?.inputs[0]?.lines).toEqual({ total: 7, header: 2, screened: 1, skipped: 4 });
  });
});

describe('dates belong to each file', () => {
  it('the order of the files does not change the verdict', () => {
    const one = screen([`${TRUST}dated-2018.csv`, 'fixtures/pension/nystrs-style-listing.csv']);
    const other = screen(['fixtures/pension/nystrs-style-listing.csv', `${TRUST}dated-2018.csv`]);
    const statuses = (r: Report | null): string[] => (r?.findings ?? []).map((f) => `${f.source.file}:${f.source.line}:${f.status}`).sort();
    expect(statuses(one.report)).toEqual(statuses(other.report));
    // The 2018 file is before the listing (review); the 2019 file is after it (flagged).
    expect(statuses(one.report)).toContain(`${TRUST}dated-2018.csv:3:review`);
    expect(one.report?.asOfSource).toBe('files');
    expect(one.stderr).toMatch(/the files state different dates/);
  });

  it('a year 1019 is not believed, and a note in the body does not date the file', () => {
    const { report, stderr } = screen([`${TRUST}implausible-date.csv`]);
    expect(report?.inputs[0]?.asOf).toBeNull();
    expect(report?.inputs[0]?.asOfRejected).toBe('1019-10-19');
    expect(report?.asOfSource).toBe('today');
    expect(stderr).toMatch(/1019-10-19, is before 1990 or after today/);
  });
});

describe('unknown is never zero', () => {
  it('a flagged position without a value has a null total, in JSON and in words', () => {
    const { report, exitCode } = screen([`${TRUST}flagged-value-unknown.csv`]);
    expect(exitCode).toBe(1);
    expect(report?.summary.flaggedValue).toBeNull();
    expect(report?.summary.flaggedWeight).toBeNull();
    expect(report?.summary.flaggedUnknown).toBe(1);
    expect(report?.summary.byEntity).toEqual([expect.objectContaining({ id: 'hikvision', value: null, unknownValue: 1 })]);
    const table = runCli(['screen', `${TRUST}flagged-value-unknown.csv`, '-q']);
    expect(table.stdout).toMatch(/flagged value unknown \(no value given\)/);
    expect(table.stdout).not.toMatch(/flagged value 0\.00/);
  });

  it('--max-exposure fails closed with one line that says why', () => {
    const run = runCli(['screen', `${TRUST}flagged-value-unknown.csv`, '--max-exposure', '10%', '-q']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/--max-exposure: 1 counted finding\(s\) have no value, so the limit cannot be checked; failing closed/);
  });
});

describe('implausible values and short positions', () => {
  it('an amount of 1e400 is an input problem at its line: exit 2, not a clean screen', () => {
    const { report, exitCode, stderr } = screen([`${TRUST}implausible-amount.csv`]);
    expect(exitCode).toBe(2);
    expect(report?.inputs[0]?.warnings).toEqual([expect.objectContaining({ line: 4, code: 'IMPLAUSIBLE_AMOUNT' })]);
    expect(stderr).toMatch(/implausible-amount\.csv:4: value "1e400" is not a plausible amount/);
  });

  it('a short position is reported as short, and its share is taken on the gross value', () => {
    const { report } = screen([`${TRUST}short-position.csv`]);
    expect(report?.summary.flaggedShort).toBe(-151060);
    expect(report?.summary.flaggedLong).toBe(0);
    expect(report?.summary.grossPortfolioValue).toBe(86962100 + 151060);
    expect(report?.summary.flaggedWeight).toBeCloseTo(151060 / (86962100 + 151060), 12);
    expect(report?.summary.flaggedWeight ?? 1).toBeLessThanOrEqual(1);
  });
});

describe('look-through that did not happen is not reported as done', () => {
  it('an account export given as a fund file is not used, and the fund is not looked through, with why', () => {
    const { report, stderr } = screen([`${TRUST}holds-vwo.csv`, '--funds', `VWO=${TRUST}account-export-as-fund-file.csv`]);
    expect(report?.summary.notLookedThrough).toEqual([
      expect.objectContaining({ ticker: 'VWO', evidence: expect.stringMatching(/not used: .*account export/) }),
    ]);
    expect(report?.findings).toEqual([]);
    expect(stderr).toMatch(/warning: --funds VWO=.*was not used/);
    const gate = runCli([
      'screen',
      `${TRUST}holds-vwo.csv`,
      '--funds',
      `VWO=${TRUST}account-export-as-fund-file.csv`,
      '--require-look-through',
      '-q',
    ]);
    expect(gate.exitCode).toBe(1);
  });

  it('a fund that holds itself, and a fund inside a fund that has no data, are gaps of the position, with why', () => {
    const { report } = screen([
      'fixtures/look-through/holds-fof.csv',
      '--funds',
      'FOF=fixtures/look-through/fund-of-funds-FOF.csv',
      '--as-of',
      '2022-06-30',
    ]);
    const gaps = report?.summary.notLookedThrough ?? [];
    expect(gaps).toContainEqual(expect.objectContaining({ ticker: 'FOF', evidence: expect.stringMatching(/held by FOF .*holds itself/) }));
    expect(gaps).toContainEqual(expect.objectContaining({ ticker: 'BND', evidence: expect.stringMatching(/held by FOF/) }));
  });

  it('a portfolio file given as a fund file too is a usage error', () => {
    const run = runCli(['screen', `${TRUST}holds-vwo.csv`, '--funds', `VWO=${TRUST}holds-vwo.csv`]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/also screened as the portfolio/);
  });

  it('a fund ticker on a row whose name is another company is not taken for the fund', () => {
    const { report, exitCode } = screen([`${TRUST}ticker-of-a-fund-with-another-name.csv`]);
    expect(exitCode).toBe(0);
    expect(report?.findings).toEqual([]);
    expect(report?.summary.notLookedThrough).toEqual([
      expect.objectContaining({ ticker: 'VT', evidence: expect.stringMatching(/name does not agree/) }),
    ]);
  });
});

describe('spelling and invisible controls', () => {
  it('a Cyrillic А and a split word still match; the look-alike still does not', () => {
    const { report } = screen([`${TRUST}confusable-and-split-names.csv`]);
    expect(flagged(report).sort()).toEqual(['hikvision:4', 'iflytek:5']);
  });

  it('bidi controls in a name never reach the table or Markdown, and are escaped in JSON', () => {
    for (const format of ['table', 'markdown', 'csv']) {
      const run = runCli(['screen', `${TRUST}bidi-controls-in-name.csv`, '--format', format]);
      expect(run.exitCode).toBe(1);
      expect(run.stdout).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    }
    const json = runCli(['screen', `${TRUST}bidi-controls-in-name.csv`, '--format', 'json']);
    expect(json.stdout).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(json.stdout).toContain('\\u202e');
  });
});
