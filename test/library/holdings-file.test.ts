// Fund issuers' holdings files in the fund library: `funds import [--fund TICKER] FILE` on the real
// iShares and Vanguard downloads of fixtures/real, through the built bin, then screens that look the
// fund through from the library and say which file and date they used. Every run gets its own
// temporary library (--library, and EXPOSURE_SCREENER_HOME there too) and removes it.

import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundNamedIn, statedNetAssets } from '../../src/look-through/fund-file.js';
import { REAL, runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const VWO_FILE = `${REAL}formats/vanguard_etf_holdings_details_VWO_2020-09-30.csv`;
const URTH_FILE = `${REAL}formats/ishares_holdings_URTH_2020-11-04.csv`;
const ACWI_FILE = `${REAL}ctanny-geopandas__ACWI_holdings__2d5004b.csv`;
// EEM re-saved through a spreadsheet: no preamble, so no date.
const EEM_MARCH = `${REAL}ctanny-geopandas__EEM_holdings__2d5004b.csv`;
const EEM_JUNE = `${REAL}ctanny-geopandas__EEM_holdings__ecbd88c.csv`;
const PORTFOLIO = 'fixtures/look-through/vwo-eem-emxc-and-a-stock.csv';

let work = '';

function inLibrary(library: string): (args: readonly string[]) => ReturnType<typeof runCli> {
  return (args) => runCli([...args, '--library', library], { env: { EXPOSURE_SCREENER_HOME: library } });
}

interface Summary {
  kind: string;
  alreadyImported: boolean;
  sha256: string;
  holdings: number;
  matched: number;
  skipped: { reason: string; rows: number }[];
  holdingsFile?: { ticker: string; name: string; seriesId: string; period: string; netAssets: number | null };
}

function imported(run: ReturnType<typeof runCli>): Summary {
  expect(run.stderr).toBe('');
  expect(run.exitCode).toBe(0);
  const out: { imports: Summary[] } = JSON.parse(run.stdout);
  const [first] = out.imports;
  if (first === undefined) throw new Error('no import summary');
  return first;
}

interface Finding {
  status: string;
  entity: { id: string };
  exposure: { value: number | null };
  via?: { chain: { ticker: string }[]; basis: { kind: string; date: string | null; source: string; sha256: string | null } };
}

function findings(run: ReturnType<typeof runCli>): Finding[] {
  expect(run.exitCode).toBe(1);
  const report: { findings: Finding[] } = JSON.parse(run.stdout);
  return report.findings;
}

beforeAll(() => {
  work = makeTempDir('library-holdings-file');
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('funds import of a fund issuer holdings file', () => {
  it("stores a Vanguard file under the fund its title names, at the file's date, and a screen looks through it from the library as it would the file", () => {
    const cli = inLibrary(join(work, 'vwo'));
    const summary = imported(cli(['funds', 'import', VWO_FILE, '--json']));
    expect(summary).toMatchObject({
      kind: 'holdings-file',
      alreadyImported: false,
      holdingsFile: { ticker: 'VWO', seriesId: 'FILE-VWO', period: '2020-09-30', netAssets: null },
    });
    expect(summary.sha256).toBe('553c5348d9fb8b14083d1c2587fa6e8b127ce1459b3999cc9e8c95756473bad2');
    expect(summary.holdings).toBeGreaterThan(5000);
    // Hikvision, iFlytek, Dahua and Meiya Pico, two share lines each.
    expect(summary.matched).toBe(8);
    expect(summary.skipped.map((k) => k.reason)).toContain('title or metadata line before the first header');

    const fromFile = findings(
      runCli(['screen', PORTFOLIO, '--funds', `VWO=${VWO_FILE}`, '--as-of', '2020-09-30', '--no-library', '-f', 'json']),
    );
    const fromLibrary = findings(cli(['screen', PORTFOLIO, '--as-of', '2020-09-30', '-f', 'json']));
    const throughVwo = (list: Finding[]): Finding[] => list.filter((f) => f.via?.chain[0]?.ticker === 'VWO');
    // The same companies and the same values: the same rows, on the same fund total (cash included).
    expect(throughVwo(fromLibrary).map((f) => [f.status, f.entity.id, f.exposure.value])).toEqual(
      throughVwo(fromFile).map((f) => [f.status, f.entity.id, f.exposure.value]),
    );
    expect(throughVwo(fromLibrary).map((f) => f.entity.id)).toEqual(['dahua', 'hikvision', 'iflytek', 'meiya-pico']);
    for (const f of throughVwo(fromLibrary)) {
      expect(f.via?.basis).toMatchObject({
        kind: 'holdings-file',
        date: '2020-09-30',
        source:
          'holdings file vanguard_etf_holdings_details_VWO_2020-09-30.csv in the fund library (as of 2020-09-30; 0 days before the as-of date)',
        sha256: summary.sha256,
        derived: false,
        confidence: 'high',
      });
    }
  });

  it('changes nothing when the same file is imported again, and funds holders finds the fund', () => {
    const cli = inLibrary(join(work, 'vwo'));
    const before = cli(['funds', 'list', '--json']).stdout;
    const again = cli(['funds', 'import', VWO_FILE]);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/already in the library \(same SHA-256\): nothing changed/);
    expect(cli(['funds', 'list', '--json']).stdout).toBe(before);
    const holders: { holders: { seriesId: string; period: string; subType: string; source: string; lines: unknown[]; weight: number }[] } =
      JSON.parse(cli(['funds', 'holders', 'hikvision', '--as-of', '2020-12-31', '--json']).stdout);
    expect(holders.holders).toMatchObject([
      {
        seriesId: 'FILE-VWO',
        period: '2020-09-30',
        subType: 'HOLDINGS-FILE',
        source: 'vanguard_etf_holdings_details_VWO_2020-09-30.csv',
      },
    ]);
    expect(holders.holders[0]?.lines).toHaveLength(2);
    // No net assets in the file: the weight is the file's own "% OF FUNDS" of the two lines.
    expect(holders.holders[0]?.weight).toBeGreaterThan(0);
    expect(holders.holders[0]?.weight).toBeLessThan(0.01);
  });

  it('refuses a file whose title names no fund it knows, saying to give --fund (one line, exit 2); with --fund it is that fund', () => {
    const cli = inLibrary(join(work, 'urth'));
    const refused = cli(['funds', 'import', URTH_FILE]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/ishares_holdings_URTH_2020-11-04\.csv: the file does not say which fund it holds .*--fund TICKER/);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    const summary = imported(cli(['funds', 'import', '--fund', 'urth', URTH_FILE, '--json']));
    expect(summary.holdingsFile).toEqual({
      ticker: 'URTH',
      name: 'iShares MSCI World ETF',
      seriesId: 'FILE-URTH',
      period: '2020-11-04',
      netAssets: null,
    });
    // A position in it, by ticker with a name that agrees, is looked through from the library: holding none of the list.
    const portfolio = join(work, 'urth-position.csv');
    writeFileSync(portfolio, 'Symbol,Description,Quantity,Market Value\nURTH,ISHARES MSCI WORLD ETF,100,10000.00\n');
    const screen: { findings: unknown[]; summary: { byFund: { ticker: string }[]; notLookedThrough: unknown[] } } = JSON.parse(
      cli(['screen', portfolio, '--as-of', '2020-12-31', '-f', 'json']).stdout,
    );
    expect(screen.findings).toEqual([]);
    expect(screen.summary.byFund.map((b) => b.ticker)).toEqual(['URTH']);
    expect(screen.summary.notLookedThrough).toEqual([]);
  });

  it('keeps a fund given by its ISIN under that ISIN, so that a position with no ticker finds it (as --funds ISIN=FILE)', () => {
    const cli = inLibrary(join(work, 'by-isin'));
    // iShares MSCI World ETF's ISIN.
    const summary = imported(cli(['funds', 'import', '--fund', 'US4642863926', URTH_FILE, '--json']));
    expect(summary.holdingsFile).toMatchObject({ ticker: 'US4642863926', seriesId: 'FILE-US4642863926', name: 'iShares MSCI World ETF' });
    const portfolio = join(work, 'urth-by-isin.csv');
    writeFileSync(portfolio, 'Name,ISIN,Quantity,Market Value\nISHARES MSCI WORLD ETF,US4642863926,100,10000.00\n');
    const screen: { summary: { byFund: { ticker: string }[]; notLookedThrough: unknown[] } } = JSON.parse(
      cli(['screen', portfolio, '--as-of', '2020-12-31', '-f', 'json']).stdout,
    );
    expect(screen.summary.byFund).toHaveLength(1);
    expect(screen.summary.notLookedThrough).toEqual([]);
  });

  it('names the fund from a title the shipped catalogue knows by name (iShares MSCI ACWI ETF)', () => {
    const summary = imported(inLibrary(join(work, 'acwi'))(['funds', 'import', ACWI_FILE, '--json']));
    expect(summary.holdingsFile).toMatchObject({ ticker: 'ACWI', name: 'iShares MSCI ACWI ETF', period: '2022-03-10' });
  });

  it("names the fund from a ticker in the title that the library's ticker table knows, and keeps it under that series", () => {
    const cli = inLibrary(join(work, 'tickers'));
    const tickers = join(work, 'company_tickers_mf.json');
    writeFileSync(
      tickers,
      JSON.stringify({ fields: ['cik', 'seriesId', 'classId', 'symbol'], data: [[930667, 'S000004310', 'C000012345', 'URTH']] }),
    );
    expect(cli(['funds', 'import', tickers]).exitCode).toBe(0);
    // The URTH download with its title as iShares' newer downloads write it, ticker in parentheses.
    const titled = join(work, 'URTH_holdings_titled.csv');
    writeFileSync(titled, readFileSync(URTH_FILE, 'utf8').replace('iShares MSCI World ETF', 'iShares MSCI World ETF (URTH)'));
    const summary = imported(cli(['funds', 'import', titled, '--json']));
    expect(summary.holdingsFile).toMatchObject({ ticker: 'URTH', seriesId: 'S000004310', period: '2020-11-04' });
  });

  it('refuses a file that states no date unless --as-of gives it, and an --as-of that contradicts the date a file states', () => {
    const cli = inLibrary(join(work, 'eem'));
    const refused = cli(['funds', 'import', '--fund', 'EEM', EEM_MARCH]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/EEM_holdings__2d5004b\.csv: it states no as-of date, .*--as-of YYYY-MM-DD\n$/);
    const summary = imported(cli(['funds', 'import', '--fund', 'EEM', '--as-of', '2022-06-30', EEM_MARCH, '--json']));
    expect(summary.holdingsFile).toMatchObject({ ticker: 'EEM', seriesId: 'FILE-EEM', period: '2022-06-30' });
    const contradicted = cli(['funds', 'import', '--as-of', '2022-01-31', ACWI_FILE]);
    expect(contradicted.exitCode).toBe(2);
    expect(contradicted.stderr).toMatch(/the file is dated 2022-03-10 .*not 2022-01-31 as --as-of says/);
  });

  it('lets a newer file of the same fund and period supersede the one imported before', () => {
    const cli = inLibrary(join(work, 'eem'));
    const june = imported(cli(['funds', 'import', '--fund', 'EEM', '--as-of', '2022-06-30', EEM_JUNE, '--json']));
    const show: { filings: { accession: string; period: string; source: string; supersededBy: string | null }[] } = JSON.parse(
      cli(['funds', 'show', 'FILE-EEM', '--json']).stdout,
    );
    const standing = show.filings.filter((f) => f.supersededBy === null);
    expect(standing.map((f) => f.source)).toEqual(['ctanny-geopandas__EEM_holdings__ecbd88c.csv']);
    expect(show.filings.find((f) => f.source === 'ctanny-geopandas__EEM_holdings__2d5004b.csv')?.supersededBy).toBe(standing[0]?.accession);
    expect(june.sha256).toBe('3a50e7226fe602ba2b7893c62060414ad280f6a6f7adcde81a3f6c9c909effbb');
  });

  it("removes a holdings file's fund with its ticker, and the same file then goes in again", () => {
    const cli = inLibrary(join(work, 'acwi'));
    expect(cli(['funds', 'remove', 'ACWI']).stdout).toMatch(/^removed 1 filing\(s\) with 2,327 holdings; 1 fund\(s\) left the library$/m);
    expect(cli(['funds', 'show', 'ACWI']).exitCode).toBe(2);
    expect(imported(cli(['funds', 'import', ACWI_FILE, '--json'])).holdingsFile).toMatchObject({ ticker: 'ACWI', seriesId: 'FILE-ACWI' });
  });

  it("refuses --fund naming another fund than the file's title does (exit 2)", () => {
    const run = inLibrary(join(work, 'mismatch'))(['funds', 'import', '--fund', 'EEM', VWO_FILE]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/--fund EEM names EEM, but the file's title names VWO/);
  });

  it("refuses an account export given as a fund's file, by the --funds rule (exit 2)", () => {
    const run = inLibrary(join(work, 'refused'))([
      'funds',
      'import',
      '--fund',
      'VWO',
      `${REAL}formats/schwab_positions_single_account_2020.csv`,
    ]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/is not a fund's holdings file: its title "Positions for account .* names an account/);
  });
});

describe('pieces', () => {
  it('finds the fund a preamble names: a ticker in parentheses, else a title that is a name', () => {
    const namer = {
      byTicker: (t: string) => (t === 'VWO' ? 'vwo' : null),
      byName: (t: string) => (t === 'iShares MSCI ACWI ETF' ? 'acwi' : null),
    };
    expect(fundNamedIn(['Holdings details', 'FTSE Emerging Markets ETF (VWO)'], namer)).toBe('vwo');
    expect(fundNamedIn(['iShares MSCI ACWI ETF'], namer)).toBe('acwi');
    expect(fundNamedIn(['iShares MSCI World ETF (URTH)'], namer)).toBeNull();
  });

  it('reads net assets a preamble states, and none from a share class line or a line without an amount', () => {
    const preamble = (cells: string[]) => ({ reason: 'preamble', cells });
    expect(statedNetAssets([preamble(['Fund Holdings as of', 'Nov 04, 2020']), preamble(['Net Assets', '$1,234,567.89'])], '.')).toBe(
      1234567.89,
    );
    expect(statedNetAssets([preamble(['Total Net Assets', 'USD 2,000.50'])], '.')).toBe(2000.5);
    expect(statedNetAssets([preamble(['Net Assets of Share Class', '1,000'])], '.')).toBeNull();
    expect(statedNetAssets([preamble(['Net Assets', '-'])], '.')).toBeNull();
    expect(statedNetAssets([{ reason: 'trailer', cells: ['Net Assets', '1,000'] }], '.')).toBeNull();
  });
});
