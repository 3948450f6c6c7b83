// inspect shows how a file is read, through the path screen reads it by: for every fixture, inspect's row
// accounting and share of rows read are screen's, so the two cannot drift (a footer counted as a data row
// by one of them, a memoised verdict that sets a row aside differently).

import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SkipReason } from '../../src/model.js';
import { rowShare } from '../../src/normalize/row-accounting.js';
import { ROOT, runCli } from '../support/run-cli.js';

const FIXTURES = join(ROOT, 'fixtures');
/** Not holdings files: lists to screen against, their READMEs. */
const NOT_HOLDINGS = ['lists'];

function holdingsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return NOT_HOLDINGS.includes(entry.name) && dir === FIXTURES ? [] : holdingsFiles(path);
      return entry.name.endsWith('.md') ? [] : [relative(ROOT, path)];
    })
    .sort();
}

interface Rows {
  readonly total: number;
  readonly screened: number;
  readonly skipped: number;
}
interface Skip {
  readonly reason: SkipReason;
}

/** Skipped rows by reason, blank lines aside (screen keeps a run of them as one entry). */
function byReason(skipped: readonly Skip[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of skipped) if (s.reason !== 'blank') counts[s.reason] = (counts[s.reason] ?? 0) + 1;
  return counts;
}

const FILES = holdingsFiles(FIXTURES);

describe("inspect's row accounting is screen's", () => {
  it('finds the fixtures: the real exports, the layouts, the currency and XLSX files', () => {
    expect(FILES.filter((f) => f.startsWith('fixtures/real/')).length).toBeGreaterThan(30);
    expect(FILES).toContain('fixtures/layouts/trade-republic-german-depot.csv');
    expect(FILES).toContain('fixtures/currency/wealthsimple-cad-usd.csv');
    expect(FILES).toContain('fixtures/xlsx/spdr-daily-holdings-spem.xlsx');
    expect(FILES).toContain('fixtures/real/formats/ibkr_flex_query_statement.xml');
  });

  it.each(FILES)('%s', (file) => {
    const inspected = runCli(['inspect', file, '--json']);
    const screened = runCli(['screen', file, '-f', 'json', '--fail-on', 'none', '--no-ignore']);
    // A file screen cannot read, inspect refuses too (exit 2); and the other way round. (A screen that reads
    // a file but cannot call it clean, for an unreadable value, also exits 2: with its report.)
    const reported = screened.stdout !== '';
    expect(inspected.exitCode !== 2, `${inspected.stderr}${screened.stderr}`).toBe(reported);
    if (!reported) return;
    type Inspected = { file: string; rows: Rows; read: ReturnType<typeof rowShare>; skipped: Skip[] };
    const inspectedJson: Inspected | { sheets: Inspected[] } = JSON.parse(inspected.stdout);
    const screen: { inputs: { file: string; rows: Rows; skipped: Skip[] }[] } = JSON.parse(screened.stdout);
    // A workbook is inspected sheet by sheet, as it is screened input by input (`book.xlsx[Sheet]`).
    const sheets = 'sheets' in inspectedJson ? inspectedJson.sheets : [inspectedJson];
    expect(sheets.map((s) => s.file)).toEqual(screen.inputs.map((i) => i.file));
    for (const [i, got] of sheets.entries()) {
      const input = screen.inputs[i];
      expect(input).toBeDefined();
      if (input === undefined) return;
      expect(got.rows).toEqual(input.rows);
      expect(byReason(got.skipped)).toEqual(byReason(input.skipped));
      expect(got.read).toEqual(rowShare(input.rows.screened, input.skipped));
    }
  });
});

describe("inspect's share of rows read", () => {
  it("does not count Wealthsimple's download stamp as a data row", () => {
    const run = runCli(['inspect', 'fixtures/currency/wealthsimple-cad-usd.csv']);
    expect(run.stdout).toContain('Read:       3 of 3 data row(s) as positions (100 %); values given');
    expect(run.stdout).toContain('line 6: trailer: As of 2026-05-11 10:11 GMT-04:00');
  });

  it("nor comdirect's Depotwert and Kaufwert footer, nor the IBKR activity statement's Total", () => {
    expect(runCli(['inspect', 'fixtures/currency/comdirect-wert-in-eur-beside-waehrung.csv']).stdout).toContain(
      'Read:       2 of 2 data row(s) as positions (100 %)',
    );
    expect(runCli(['inspect', 'fixtures/currency/ibkr-activity-currency-column.csv']).stdout).toContain(
      'Read:       2 of 2 data row(s) as positions (100 %)',
    );
  });

  it('counts a cash row as a data row read, but not screened', () => {
    const run = runCli(['inspect', 'fixtures/holdings/totals-cash-and-disclaimer-trailer.csv']);
    expect(run.stdout).toContain(
      'Read:       2 of 2 data row(s) (100 %): 1 as positions, 1 as cash or derivatives (counted in the value, not screened)',
    );
  });

  it('a row with no security is a data row not read', () => {
    const run = runCli(['inspect', '-'], { input: 'Name,Ticker,Market Value\nALPHA CORP,ALP,100\n,,50\nTotal,,150\n' });
    expect(run.stdout).toContain('Read:       1 of 2 data row(s) as positions (50 %)');
  });
});

describe('inspect of an XML statement', () => {
  it("IBKR Flex: the OpenPosition attributes mapped and why, the positions' currency, the date's line", () => {
    const run = runCli(['inspect', 'fixtures/real/formats/ibkr_flex_query_statement.xml']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(
      'Table:      holdings, one row per IBKR Flex OpenPosition element, the first on line 11; its attributes read by their names, as a CSV header is',
    );
    expect(run.stdout).toContain('value ← "positionValue" (as "position value")');
    expect(run.stdout).toContain('weight ← "percentOfNAV" (as "percent of nav")');
    expect(run.stdout).toContain('currency row by row, from the field "currency"');
    expect(run.stdout).toContain('Currency:   1 position(s) in USD');
    expect(run.stdout).not.toContain('currency not stated');
    expect(run.stdout).toContain('As of:      2026-01-01 ("as of 2026-01-01" on line 3)');
    const json = JSON.parse(runCli(['inspect', 'fixtures/real/formats/ibkr_flex_query_statement.xml', '--json']).stdout);
    expect(json.tables[0].columns).toMatchObject({ value: 'positionValue', currency: 'currency', weight: 'percentOfNAV' });
    expect(json.currencies).toEqual([{ currency: 'USD', positions: 1 }]);
  });

  it("SEC N-PORT: the schema's fields, the value in US dollars whatever the security's currency", () => {
    const run = runCli(['inspect', 'fixtures/real/formats/sec_nport_p_real_dupree.xml']);
    expect(run.stdout).toContain("its fields as the SEC's Form N-PORT defines them");
    expect(run.stdout).toContain('value ← "valUSD"');
    expect(run.stdout).toContain('currency USD, from the value field "valUSD"');
    expect(run.stdout).toMatch(/Currency: {3}55 position\(s\) in USD\n/);
  });
});

describe('inspect counts the positions by currency', () => {
  it('Wealthsimple: CAD and USD, not added up as one', () => {
    const run = runCli(['inspect', 'fixtures/currency/wealthsimple-cad-usd.csv']);
    expect(run.stdout).toContain('Currency:   2 position(s) in USD, 1 in CAD; not added up as one (see --base-currency and --fx)');
  });

  it('a file that states none says so', () => {
    const run = runCli(['inspect', 'fixtures/real/formats/vanguard_etf_holdings_details_VWO_2020-09-30.csv']);
    expect(run.stdout).toContain('Currency:   5018 position(s) with no currency stated');
  });
});

describe('inspect says how the date was read, and where', () => {
  it('gives the order of a slashed date only when the order decided it', () => {
    expect(runCli(['inspect', 'fixtures/layouts/date-resolved-by-other-dates.csv']).stdout).toContain(
      'As of:      2021-06-05 ("Holdings: 05/06/2021" on line 2); day first: the file\'s other dates put the day first (1)\n',
    );
    // An ISO date, a month written out, a day above 12: their shape says it.
    expect(runCli(['inspect', 'fixtures/currency/wealthsimple-cad-usd.csv']).stdout).toContain(
      'As of:      2026-05-11 ("As of 2026-05-11 10:11 GMT-04:00" on line 6)\n',
    );
    expect(runCli(['inspect', 'fixtures/real/formats/ishares_holdings_URTH_2020-11-04.csv']).stdout).toContain(
      'As of:      2020-11-04 ("Fund Holdings as of Nov 04, 2020" on line 2)\n',
    );
  });

  it("names the row of a date column's date that reads both ways, as screen's JSON does", () => {
    const file = 'fixtures/real/formats/ark_holdings_ARKK_2024-06-04.csv';
    expect(runCli(['inspect', file]).stdout).toContain(
      'As of:      ambiguous: "06/04/2024" reads as day/month or month/day, and nothing in the file says which (give --as-of) (in the column "date", line 2)',
    );
    const screened = JSON.parse(runCli(['screen', file, '-f', 'json', '--fail-on', 'none']).stdout);
    expect(screened.inputs[0]).toMatchObject({ asOfAmbiguous: '06/04/2024', asOfLine: 2 });
    expect(JSON.parse(runCli(['inspect', file, '--json']).stdout).asOfLine).toBe(2);
  });
});

describe('inspect gives the evidence for the number convention', () => {
  it('the cells that say the decimal separator, and those that group digits', () => {
    expect(runCli(['inspect', 'fixtures/layouts/boursorama-french-space-thousands.csv']).stdout).toContain(
      'Numbers:    decimal ",": 3 cell(s) say decimal comma, e.g. "7 230,00"; 0 say decimal point; thousands space: 4 cell(s) group digits with it, e.g. "7 230,00"',
    );
    expect(runCli(['inspect', 'fixtures/currency/wealthsimple-cad-usd.csv']).stdout).toContain(
      'Numbers:    decimal ".": no cell decides, the default; no thousands separator seen',
    );
  });
});

describe('inspect rounds the share read honestly', () => {
  it('457 of 459 rows is 99 %, not 100 %', () => {
    expect(runCli(['inspect', 'fixtures/labelled/securities.csv']).stdout).toContain(
      'Read:       457 of 459 data row(s) as positions (99 %)',
    );
  });

  it('counts the title block with the rows, as screen does, and says the header lines are what is left aside', () => {
    expect(runCli(['inspect', 'fixtures/layouts/trade-republic-german-depot.csv']).stdout).toContain(
      'Rows:       6, header lines aside: 3 to screen, 3 skipped',
    );
  });
});

describe("inspect's accounts", () => {
  it("are the labels of holdings tables, not a filter table's", () => {
    const run = runCli(['inspect', 'fixtures/holdings/decoy-filter-header-before-positions.csv']);
    expect(run.stdout).toContain('Table:      header on line 8, other [View Summary - All Positions / Filters applied:]');
    expect(run.stdout).not.toContain('Accounts:');
  });
});
