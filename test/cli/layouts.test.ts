// The layouts people download elsewhere (fixtures/layouts/, provenance in its README): each screened
// end to end through the built bin, with its findings, values (or unknown), shares and line accounting.

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REAL, runCli } from '../support/run-cli.js';

interface Finding {
  readonly status: string;
  readonly source: { readonly line: number };
  readonly holding: { readonly name: string | null; readonly ticker: string | null; readonly isin: string | null };
  readonly entity: { readonly id: string };
  readonly match: { readonly on: string; readonly score: number; readonly reason: string };
  readonly exposure: { readonly value: number | null; readonly weight: number | null };
}
interface Input {
  readonly asOf: string | null;
  readonly asOfLine: number | null;
  readonly asOfAmbiguous: string | null;
  readonly asOfConflict?: readonly { readonly date: string; readonly line: number }[];
  readonly values: string;
  readonly portfolioValue: number | null;
  readonly rows: { readonly total: number; readonly screened: number; readonly skipped: number };
  readonly lines: { readonly total: number; readonly header: number; readonly screened: number; readonly skipped: number } | null;
  readonly warnings: readonly { readonly line: number; readonly code: string; readonly column: string }[];
}
interface Report {
  readonly inputs: readonly Input[];
  readonly findings: readonly Finding[];
  readonly summary: { readonly flaggedWeight: number | null; readonly flaggedValue: number | null };
}

function screen(name: string): { report: Report; input: Input; stderr: string; exitCode: number | null } {
  const run = runCli(['screen', `fixtures/layouts/${name}`, '--format', 'json']);
  // The report's shape is held by the JSON schema tests; here its figures are read.
  const report: Report = JSON.parse(run.stdout);
  const input = report.inputs[0];
  if (input === undefined) throw new Error('no input');
  const lines = input.lines;
  // Every physical line in one bucket.
  if (lines !== null) expect(lines.header + lines.screened + lines.skipped).toBe(lines.total);
  return { report, input, stderr: run.stderr, exitCode: run.exitCode };
}

const flagged = (r: Report): string[] =>
  r.findings.filter((f) => f.status === 'flagged').map((f) => `${f.source.line}:${f.entity.id}:${f.match.on}`);

describe('lists without amounts', () => {
  it('a CSI constituent file (bilingual headers, weights only): codes match, weights are the shares, values unknown', () => {
    const { report, input, stderr, exitCode } = screen('csi-constituents-weight-only.csv');
    expect(exitCode).toBe(1);
    expect(flagged(report)).toEqual(['3:hikvision:ticker', '4:iflytek:ticker']);
    expect(report.findings.map((f) => f.exposure)).toEqual([
      { value: null, weight: 0.00987 },
      { value: null, weight: 0.00321 },
    ]);
    expect(report.summary.flaggedValue).toBeNull();
    expect(report.summary.flaggedWeight).toBeCloseTo(0.01308, 10);
    expect(input.values).toBe('weights');
    expect(input.portfolioValue).toBeNull();
    expect(input.lines).toEqual({ total: 5, header: 1, screened: 4, skipped: 0 });
    expect(stderr).toContain('gives no values, only weights');
  });

  it('a CSI constituent file is dated by its 日期Date column, every row agreeing, and inspect shows the line', () => {
    const { input } = screen('csi-constituents-weight-only.csv');
    expect(input).toMatchObject({ asOf: '2020-12-21', asOfLine: 2 });
    expect(input.asOfConflict).toBeUndefined();
    expect(runCli(['inspect', 'fixtures/layouts/csi-constituents-weight-only.csv']).stdout).toContain(
      'As of:      2020-12-21 ("20201221" in the column "日期Date" of every row that has one, first on line 2)',
    );
  });

  it('a date column whose rows disagree gives no date: both dates and their lines are reported, none picked', () => {
    const { input, stderr } = screen('csi-constituents-dates-disagree.csv');
    expect(input).toMatchObject({ asOf: null, asOfLine: null });
    expect(input.asOfConflict).toEqual([
      { date: '2020-12-21', line: 2 },
      { date: '2020-12-18', line: 4 },
    ]);
    expect(stderr).toContain(
      "csi-constituents-dates-disagree.csv: not used: the rows' date column gives several dates, 2020-12-21 (line 2), 2020-12-18 (line 4), so none is the file's date (give --as-of)",
    );
    expect(runCli(['inspect', 'fixtures/layouts/csi-constituents-dates-disagree.csv']).stdout).toContain(
      'As of:      not used: the column "日期Date" gives several dates, 2020-12-21 (line 2), 2020-12-18 (line 4), so none is the file\'s date (give --as-of)',
    );
  });

  it('an HKEX list of securities opening with a line of bare separators: 00020 under "Stock Code" is SenseTime', () => {
    const { report, input, exitCode } = screen('hkex-list-of-securities-bare-separators.csv');
    expect(exitCode).toBe(1);
    expect(flagged(report)).toEqual(['6:sensetime:ticker']);
    expect(report.findings[0]?.exposure).toEqual({ value: null, weight: null });
    expect(input).toMatchObject({ asOf: '2022-12-21', asOfLine: 3, values: 'none' });
    expect(input.lines).toEqual({ total: 7, header: 1, screened: 3, skipped: 3 });
  });
});

describe('lists of one column', () => {
  const findings = (r: Report): string[] => r.findings.map((f) => `${f.status}:${f.source.line}:${f.entity.id}:${f.match.on}`).sort();

  it('a watch list of tickers: the one header cell "Ticker" is the header, every line a position of unknown value', () => {
    const { report, input, stderr, exitCode } = screen('one-column-tickers.csv');
    expect(exitCode).toBe(1);
    expect(findings(report)).toEqual(['flagged:3:hikvision:ticker', 'flagged:4:sensetime:ticker']);
    expect(report.findings.map((f) => f.exposure)).toEqual([
      { value: null, weight: null },
      { value: null, weight: null },
    ]);
    expect(input).toMatchObject({ values: 'none', portfolioValue: null });
    expect(input.lines).toEqual({ total: 5, header: 1, screened: 4, skipped: 0 });
    expect(stderr).toContain('one-column-tickers.csv gives no values: its 4 position(s) are screened with unknown value');
  });

  it('a title line ("Watch list") before a one-column ISIN list stays a title', () => {
    const { report, input } = screen('one-column-isins-after-title.csv');
    expect(findings(report)).toEqual(['flagged:5:dahua:isin', 'flagged:6:iflytek:isin']);
    // The title and the blank line after it are skipped, not read as positions.
    expect(input.lines).toEqual({ total: 6, header: 1, screened: 3, skipped: 2 });
    expect(runCli(['inspect', 'fixtures/layouts/one-column-isins-after-title.csv']).stdout).toContain(
      'ISIN ← "ISIN" (as "isin, the only column: a list of securities without amounts")',
    );
  });

  it('证券代码 alone over bare codes: the header names exchange codes, so a 6-digit code is an A share', () => {
    const { report, input } = screen('one-column-chinese-codes.csv');
    expect(findings(report)).toEqual(['flagged:2:hikvision:ticker', 'flagged:4:dahua:ticker']);
    expect(input.rows).toEqual({ total: 3, screened: 3, skipped: 0 });
  });

  it('names split at an unquoted comma ("Acer, Inc.") are one name again', () => {
    const { report } = screen('one-column-names-with-commas.csv');
    expect(findings(report)).toEqual(['flagged:3:hikvision:name', 'flagged:4:dahua:name']);
    expect(report.findings.map((f) => f.holding.name).sort()).toEqual([
      'Hangzhou Hikvision Digital Technology Co., Ltd.',
      'Zhejiang Dahua Technology Co., Ltd.',
    ]);
  });

  it("names beside Sector and Location (a fund page's columns kept without amounts) are a list: each name screened, values unknown", () => {
    const { report, input, stderr, exitCode } = screen('name-sector-location-list.csv');
    expect(exitCode).toBe(1);
    expect(findings(report)).toEqual(['flagged:7:iflytek:name', 'flagged:8:dahua:name']);
    expect(report.findings.map((f) => f.exposure)).toEqual([
      { value: null, weight: null },
      { value: null, weight: null },
    ]);
    expect(input).toMatchObject({ values: 'none', portfolioValue: null });
    expect(input.lines).toEqual({ total: 8, header: 1, screened: 7, skipped: 0 });
    expect(stderr).toContain('name-sector-location-list.csv gives no values: its 7 position(s) are screened with unknown value');
    expect(runCli(['inspect', 'fixtures/layouts/name-sector-location-list.csv']).stdout).toContain(
      'name ← "Name" (as "name, beside Sector, a column that describes securities: a list of securities without amounts")',
    );
  });

  it('a one-column file of notes names no security column: refused, saying a security column is all it needs', () => {
    const run = runCli(['screen', 'fixtures/layouts/one-column-notes-refused.csv']);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'exposure-screener: fixtures/layouts/one-column-notes-refused.csv: no header row naming a security column was found (first line: Notes); ' +
        'a column of names, symbols, codes, ISINs, CUSIPs or SEDOLs is all that is needed, alone or beside amounts, weights, other security columns or columns that describe them (sector, country); ' +
        'add a first line naming the column ("Name", "Ticker" or "ISIN"), or name the columns with --columns name=<header>\n',
    );
  });

  it('a headerless list of names (the real JanAbe file) is refused, and read whole once a "Name" line heads it', () => {
    const file = join(REAL, 'JanAbe-etf-visualizer__holdings-etf.txt');
    const refused = runCli(['screen', file]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('(first line: Aac Technologies Holdings Inc); a column of names');
    expect(refused.stderr).toContain('add a first line naming the column');
    const named = runCli(['screen', '-', '--format', 'json'], { input: `Name\n${readFileSync(file, 'utf8')}` });
    expect(named.exitCode).toBe(1);
    const report: Report = JSON.parse(named.stdout);
    // 1,373 lines under the header: every one is a position but the one blank line.
    expect(report.inputs[0]?.lines).toEqual({ total: 1374, header: 1, screened: 1372, skipped: 1 });
    expect(report.findings.filter((f) => f.match.on === 'name').map((f) => `${f.source.line}:${f.entity.id}`)).toEqual(
      expect.arrayContaining(['568:hikvision', '1344:dahua']),
    );
  });
});

describe('Chinese headers and code notations', () => {
  it('sz.002415, SZ002236, 002230.XSHE, 0020.HK match as the data knows them; 00700 and SHSE.600000 are no listed company', () => {
    const { report, input, exitCode } = screen('watch-list-code-notations.csv');
    expect(exitCode).toBe(1);
    expect(flagged(report).sort()).toEqual(['2:hikvision:ticker', '3:dahua:ticker', '4:iflytek:ticker', '6:sensetime:ticker'].sort());
    expect(input.rows).toEqual({ total: 6, screened: 6, skipped: 0 });
  });

  it('a bare 5-digit HKEX code under "Code": flagged when the name agrees, a review when it does not, "20" left to the name', () => {
    const { report, exitCode } = screen('code-column-hk-bare-codes.csv');
    expect(exitCode).toBe(1);
    expect(report.findings.map((f) => `${f.status}:${f.source.line}:${f.entity.id}`)).toEqual([
      'flagged:2:sensetime',
      'review:3:sensetime',
    ]);
    expect(report.findings[1]?.match.score).toBe(0.8);
    expect(report.findings[1]?.match.reason).toBe(
      'symbol "00020" is the code of XHKG 0020, a listing of Sense Time, but no exchange and no name say it is that listing',
    );
  });

  it('a bare 6-digit code under "Symbol" does not flag by itself: it is a question for a person', () => {
    const { report, exitCode } = screen('symbol-column-bare-code.csv');
    expect(exitCode).toBe(0);
    expect(flagged(report)).toEqual([]);
    expect(report.findings.map((f) => `${f.status}:${f.holding.ticker ?? ''}`)).toEqual(['review:002415']);
  });

  it('a GB18030 TSV with a title block, a header split over two lines and a 合计 row', () => {
    const { report, input, exitCode } = screen('gb18030-broker-positions-two-line-header.tsv');
    expect(exitCode).toBe(1);
    expect(flagged(report).sort()).toEqual(['6:hikvision:ticker', '8:sensetime:ticker']);
    expect(report.findings.map((f) => f.exposure.value).sort()).toEqual([3560, 58120]);
    expect(input).toMatchObject({ asOf: '2020-12-21', asOfLine: 2, values: 'given', portfolioValue: 261480 });
    // Two header lines; the 合计 row is a total, not a position.
    expect(input.lines).toEqual({ total: 9, header: 2, screened: 3, skipped: 4 });
  });
});

describe('European exports', () => {
  it('DEGIRO in Dutch: "Waarde in EUR" with dot thousands', () => {
    const { report, input } = screen('degiro-dutch-portfolio.csv');
    expect(flagged(report)).toEqual(['2:hikvision:isin']);
    expect(report.findings[0]?.exposure.value).toBe(10358.03);
    expect(input.portfolioValue).toBe(14405.43);
  });

  it('a Trade Republic depot statement in German: "Stand: 21.12.2020", "Kurswert (EUR)", fractional shares', () => {
    const { report, input } = screen('trade-republic-german-depot.csv');
    expect(flagged(report)).toEqual(['6:hikvision:isin']);
    expect(report.findings[0]?.exposure.value).toBe(7815);
    expect(input).toMatchObject({ asOf: '2020-12-21', asOfLine: 2, portfolioValue: 9161.14 });
  });

  it('a Boursorama export in French: space thousands ("7 230,00")', () => {
    const { report, input } = screen('boursorama-french-space-thousands.csv');
    expect(flagged(report)).toEqual(['2:dahua:isin']);
    expect(report.findings[0]?.exposure.value).toBe(7230);
    expect(input.portfolioValue).toBe(10662.75);
  });

  it('Spanish "Valor" beside "Valor de mercado EUR" is the security; the value and its currency come from the other header', () => {
    const { report, input } = screen('spanish-valor-names-the-security.csv');
    expect(flagged(report)).toEqual(['3:hikvision:isin']);
    expect(report.findings[0]?.exposure.value).toBe(5892.45);
    expect(input).toMatchObject({ values: 'given', portfolioValue: 7655.93 });
    const inspect = runCli(['inspect', 'fixtures/layouts/spanish-valor-names-the-security.csv']).stdout;
    expect(inspect).toContain('name ← "Valor" (as "valor (Spanish for the security: "Valor de mercado EUR" gives the value)")');
    expect(inspect).toContain('value ← "Valor de mercado EUR" (as "valor de mercado")');
    expect(inspect).toContain('currency EUR, from the value header "Valor de mercado EUR"');
  });

  it('Italian "Controvalore EUR": the value and its currency', () => {
    const { report, input } = screen('italian-controvalore-eur.csv');
    expect(flagged(report)).toEqual(['3:dahua:isin']);
    expect(report.findings[0]?.exposure.value).toBe(3915.2);
    expect(input.portfolioValue).toBe(5678.68);
    expect(runCli(['inspect', 'fixtures/layouts/italian-controvalore-eur.csv']).stdout).toContain(
      'currency EUR, from the value header "Controvalore EUR"',
    );
  });

  it('a Fineco export in windows-1252: "Valore di mercato €" is in EUR, whatever the security\'s "Valuta"', () => {
    const { report, input } = screen('fineco-italian-valore-di-mercato-euro-sign.csv');
    expect(flagged(report)).toEqual(['2:hikvision:isin']);
    expect(report.findings[0]?.exposure.value).toBe(5892.45);
    expect(input.portfolioValue).toBe(7655.93);
    const inspect = runCli(['inspect', 'fixtures/layouts/fineco-italian-valore-di-mercato-euro-sign.csv']).stdout;
    expect(inspect).toContain('Encoding:   windows-1252; delimiter semicolon\n');
    expect(inspect).toContain('Numbers:    decimal ",": 2 cell(s) say decimal comma, e.g. "5.892,45"');
    expect(inspect).toContain('currency EUR, from the value header "Valore di mercato €"');
    expect(inspect).toContain('Currency:   2 position(s) in EUR');
  });

  it('a value column that does not parse under the chosen convention is a problem by line and exit 2, not a zero', () => {
    const { input, stderr, exitCode } = screen('german-values-unreadable.csv');
    expect(exitCode).toBe(2);
    expect(input.warnings.map((w) => [w.line, w.code, w.column])).toEqual([
      [2, 'UNREADABLE_AMOUNT', 'value'],
      [3, 'UNREADABLE_AMOUNT', 'value'],
    ]);
    expect(stderr).toContain('german-values-unreadable.csv:2: value "1.263,60" is not a number');
  });
});

describe('dates as people write them', () => {
  it('"05/06/2021" with nothing to say which part is the day is reported, not read as US', () => {
    const { input, stderr } = screen('date-ambiguous.csv');
    expect(input).toMatchObject({ asOf: null, asOfAmbiguous: '05/06/2021', asOfLine: 2 });
    expect(stderr).toContain('date-ambiguous.csv:2: the date it states, 05/06/2021, reads as day/month or month/day');
  });

  it('"Date: 05/06/2021" on a title line is the stated date, reported as ambiguous with its line', () => {
    const { input, stderr } = screen('date-label-colon-ambiguous.csv');
    expect(input).toMatchObject({ asOf: null, asOfAmbiguous: '05/06/2021', asOfLine: 2 });
    expect(stderr).toContain('date-label-colon-ambiguous.csv:2: the date it states, 05/06/2021, reads as day/month or month/day');
  });

  it('Italian "Data: 05/06/2021" is the stated date, day first as Italian writes it', () => {
    const { input } = screen('date-label-italian-data-day-first.csv');
    expect(input).toMatchObject({ asOf: '2021-06-05', asOfAmbiguous: null, asOfLine: 2 });
    expect(runCli(['inspect', 'fixtures/layouts/date-label-italian-data-day-first.csv']).stdout).toContain(
      'As of:      2021-06-05 ("Data: 05/06/2021" on line 2); day first: the words around the date',
    );
  });

  it("the file's other dates (a stamp of 21/06/2021) say day first", () => {
    const { input } = screen('date-resolved-by-other-dates.csv');
    expect(input).toMatchObject({ asOf: '2021-06-05', asOfAmbiguous: null, asOfLine: 2 });
  });
});

describe('inspect shows how a file was read', () => {
  it('columns and why, the number convention and its evidence, the date and its line, the share read', () => {
    const run = runCli(['inspect', 'fixtures/layouts/trade-republic-german-depot.csv']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('value ← "Kurswert (EUR)" (as "kurswert")');
    expect(run.stdout).toContain(
      'Numbers:    decimal ",": 6 cell(s) say decimal comma, e.g. "82,54"; 0 say decimal point; thousands ".": 3 cell(s) group digits with it, e.g. "7.815,00"',
    );
    // "21.12.2020" is day first by its shape: no order had to be chosen, so none is argued for.
    expect(run.stdout).toContain('As of:      2020-12-21 ("Stand: 21.12.2020" on line 2)\n');
    expect(run.stdout).toContain('Read:       3 of 3 data row(s) as positions (100 %); values given');
  });

  it('a header continued on a second line, and a code column', () => {
    const run = runCli(['inspect', 'fixtures/layouts/gb18030-broker-positions-two-line-header.tsv']);
    expect(run.stdout).toContain('header on line 4 (continued on line 5)');
    expect(run.stdout).toContain('value ← "参考市值(元)" (as "参考市值")');
    expect(run.stdout).toContain('named as exchange codes');
  });
});
