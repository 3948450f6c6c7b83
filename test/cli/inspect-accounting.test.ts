// inspect and screen read a file through one path: for every fixture, inspect's row accounting and share
// of rows read are screen's, so the two cannot drift (a footer counted as a data row by one of them, a
// memoised verdict that sets a row aside differently).

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
    const got: { rows: Rows; read: ReturnType<typeof rowShare>; skipped: Skip[] } = JSON.parse(inspected.stdout);
    const screen: { inputs: { rows: Rows; skipped: Skip[] }[] } = JSON.parse(screened.stdout);
    const input = screen.inputs[0];
    expect(input).toBeDefined();
    if (input === undefined) return;
    expect(got.rows).toEqual(input.rows);
    expect(byReason(got.skipped)).toEqual(byReason(input.skipped));
    expect(got.read).toEqual(rowShare(input.rows.screened, input.skipped));
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
