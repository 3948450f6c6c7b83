// The fund library end to end: a generated N-PORT quarter (scripts/gen-nport-dataset.mjs) and the real
// N-PORT XML filings of fixtures/real imported through the built bin, then holders, list, show, remove,
// and screens that look funds up in it. Every run gets its own temporary library (--library, and
// EXPOSURE_SCREENER_HOME pointing there too, so the user's folder is never touched) and removes it.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultLibraryDir } from '../../src/library/paths.js';
import { accessionInName } from '../../src/library/import.js';
import { isoDate } from '../../src/library/nport-tables.js';
import { REAL, ROOT, runCli } from '../support/run-cli.js';
import { generate, type Generated } from './generate.js';
import { makeTempDir } from '../support/temp-dir.js';

let work = '';
let library = '';
let gen: Generated;

function cli(args: readonly string[]): ReturnType<typeof runCli> {
  return runCli([...args, '--library', library], { env: { EXPOSURE_SCREENER_HOME: library } });
}

function json<T>(args: readonly string[]): T {
  const run = cli([...args, '--json']);
  expect(run.stderr).toBe('');
  expect(run.exitCode).toBe(0);
  return JSON.parse(run.stdout);
}

beforeAll(() => {
  work = makeTempDir('library');
  library = join(work, 'library');
  gen = generate(join(work, 'data'), [
    '--series',
    '30',
    '--holdings-per-series',
    '25',
    '--planted',
    '6',
    '--amended',
    '2',
    '--broken-rows',
    '2',
  ]);
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('funds import', () => {
  it('imports a data set zip and the ticker file, and says what it stored', () => {
    const run = cli(['funds', 'import', gen.zip, gen.tickers, '--json']);
    expect(run.exitCode).toBe(0);
    const out: {
      imports: {
        kind: string;
        funds: number;
        filings: number;
        amendments: number;
        holdings: number;
        tickers: number;
        skipped: unknown[];
      }[];
    } = JSON.parse(run.stdout);
    const [tickers, dataset] = out.imports;
    expect(tickers?.kind).toBe('sec-tickers');
    expect(tickers?.tickers).toBeGreaterThanOrEqual(gen.series);
    expect(dataset).toMatchObject({
      kind: 'nport-dataset',
      funds: gen.series,
      filings: gen.filings,
      amendments: gen.amendments.length,
      holdings: gen.holdings,
    });
    // Each holding whose name carries a line break is two lines, both set aside with the reason.
    expect(dataset?.skipped).toEqual([
      { reason: "FUND_REPORTED_HOLDING line whose number of fields differs from the header's (a line break inside a value?)", rows: 4 },
    ]);
  });

  it('changes nothing when the same file is imported again', () => {
    const before = json<unknown>(['funds', 'list']);
    const again = cli(['funds', 'import', gen.zip]);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/already in the library \(same SHA-256\): nothing changed/);
    expect(json<unknown>(['funds', 'list'])).toEqual(before);
  });

  it("imports the real N-PORT XML filings of the fixtures with the project's own N-PORT reader", () => {
    const run = cli([
      'funds',
      'import',
      `${REAL}formats/sec_nport_p_real_dupree.xml`,
      `${REAL}formats/sec_nport_p_sec_sample1.xml`,
      '--json',
    ]);
    expect(run.exitCode).toBe(0);
    const out: { imports: { kind: string; holdings: number; filings: number }[] } = JSON.parse(run.stdout);
    expect(out.imports.map((i) => [i.kind, i.filings, i.holdings])).toEqual([
      ['nport-xml', 1, 55],
      ['nport-xml', 1, 1],
    ]);
    const dupree = json<{ name: string; classIds: string[]; filings: { period: string; holdings: number; netAssets: number }[] }>([
      'funds',
      'show',
      'S000012000',
    ]);
    expect(dupree.name).toBe('Kentucky Tax-Free Short-to-Medium Series');
    expect(dupree.classIds).toEqual(['C000032728']);
    expect(dupree.filings).toMatchObject([{ period: '2022-12-31', holdings: 55, netAssets: 41349926.01 }]);
  });

  it('refuses a file that is none of the four, naming it and what it reads (exit 2)', () => {
    const run = cli(['funds', 'import', join(ROOT, 'README.md')]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(
      /README\.md:\d+: .*\(funds import reads N-PORT data set zips, N-PORT XML filings, the SEC's company_tickers_mf\.json and funds' holdings files\)\n$/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('funds holders, list, show', () => {
  it('finds every fund whose standing filing holds the entity, with value, weight, period and filing', () => {
    const out = json<{ holders: { seriesId: string; status: string; value: number; weight: number; period: string; accession: string }[] }>(
      ['funds', 'holders', 'hikvision'],
    );
    const dropped = new Set(gen.amendments.filter((a) => a.dropped === 'CNE100000PM8').map((a) => a.seriesId));
    const expected = gen.planted
      .filter((p) => p.entities.includes('hikvision') && !dropped.has(p.seriesId))
      .map((p) => p.seriesId)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(out.holders.map((h) => h.seriesId).sort()).toEqual(expected);
    for (const h of out.holders) {
      expect(h).toMatchObject({ status: 'flagged', period: gen.reportDate });
      expect(h.value).toBeGreaterThan(0);
      expect(h.weight).toBeGreaterThan(0);
      expect(h.weight).toBeLessThan(1);
    }
    // By a name rather than the id, the same answer.
    expect(json<{ holders: unknown[] }>(['funds', 'holders', 'Hangzhou Hikvision Digital Technology Co., Ltd.']).holders).toEqual(
      out.holders,
    );
  });

  it('lets an amendment supersede the original of its period', () => {
    const amended = gen.amendments[0];
    expect(amended).toBeDefined();
    const show = json<{ filings: { accession: string; subType: string; supersededBy: string | null }[] }>([
      'funds',
      'show',
      amended?.seriesId ?? '',
    ]);
    const standing = show.filings.filter((f) => f.supersededBy === null);
    expect(standing.map((f) => [f.accession, f.subType])).toEqual([[amended?.accession, 'NPORT-P/A']]);
    expect(show.filings.find((f) => f.subType === 'NPORT-P')?.supersededBy).toBe(amended?.accession);
  });

  it('answers nothing held before the first report period, and names an unknown entity (exit 2)', () => {
    expect(json<{ holders: unknown[] }>(['funds', 'holders', 'hikvision', '--as-of', '2020-01-01']).holders).toEqual([]);
    const run = cli(['funds', 'holders', 'no such company']);
    expect(run.exitCode).toBe(2);
  });

  it('finds a fund by ticker or series id', () => {
    const p = gen.planted[1];
    const byTicker = json<{ seriesId: string; tickers: { ticker: string }[] }>(['funds', 'show', p?.tickers[0] ?? '']);
    expect(byTicker.seriesId).toBe(p?.seriesId);
    expect(byTicker.tickers.map((t) => t.ticker).sort()).toEqual([...(p?.tickers ?? [])].sort());
    const list = json<{ funds: { seriesId: string }[] }>(['funds', 'list']);
    expect(list.funds.map((f) => f.seriesId)).toContain(p?.seriesId);
  });
});

describe('screens look funds up in the library', () => {
  const portfolio = (): string => {
    const planted = gen.planted.find((p) => p.entities.includes('hikvision') && !gen.amendments.some((a) => a.seriesId === p.seriesId));
    const clean = gen.unplanted[0];
    const path = join(work, 'portfolio.csv');
    writeFileSync(
      path,
      [
        'Symbol,Description,Quantity,Market Value',
        `${planted?.tickers[0]},${planted?.name.toUpperCase()},100,10000.00`,
        `${clean?.tickers[0]},${clean?.name.toUpperCase()},100,5000.00`,
        // A library ticker on a position whose name is another company's: not that fund.
        `${gen.unplanted[1]?.tickers[0] ?? ''},UNRELATED WIDGETS INC,10,100.00`,
        'QQQQX,SOME INDEX FUND NOT IN THE LIBRARY,10,2000.00',
        // A position that names its fund by series id (no name to agree needed).
        `${gen.unplanted[2]?.seriesId ?? ''},,10,300.00`,
      ].join('\n') + '\n',
    );
    return path;
  };

  it('looks through a library fund by ticker and name, from its filing, and says which filing and how old', () => {
    const path = portfolio();
    const run = cli(['screen', path, '--as-of', '2024-12-31', '-f', 'json']);
    expect(run.exitCode).toBe(1);
    const report: {
      findings: { entity: { id: string }; via?: { basis: { source: string; date: string; sha256: string } } }[];
      summary: { byFund: { ticker: string }[]; notLookedThrough: { ticker: string }[] };
    } = JSON.parse(run.stdout);
    const hik = report.findings.find((f) => f.entity.id === 'hikvision');
    expect(hik?.via?.basis.date).toBe(gen.reportDate);
    expect(hik?.via?.basis.source).toMatch(
      /^SEC N-PORT NPORT-P \d{10}-\d{2}-\d{6} \(2024q4_nport\.zip; reported 92 days before the as-of date\)$/,
    );
    expect(hik?.via?.basis.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The clean library fund is looked through and holds none; the fund not in the library is named.
    expect(report.summary.byFund.map((b) => b.ticker)).toContain(gen.unplanted[0]?.tickers[0]);
    expect(report.summary.byFund.map((b) => b.ticker)).not.toContain(gen.unplanted[1]?.tickers[0]);
    expect(report.summary.byFund.map((b) => b.ticker)).toContain(gen.unplanted[2]?.seriesId);
    expect(report.summary.notLookedThrough.map((u) => u.ticker)).toEqual(['QQQQX']);
  });

  it('leaves a library fund "not looked through" when it has no filing by the as-of date, and with --no-library', () => {
    const path = portfolio();
    const early = JSON.parse(cli(['screen', path, '--as-of', '2024-06-30', '-f', 'json']).stdout);
    expect(early.findings).toEqual([]);
    expect(early.summary.notLookedThrough.map((u: { ticker: string }) => u.ticker)).toHaveLength(4);
    const inLibrary = early.summary.notLookedThrough.filter((u: { ticker: string }) => u.ticker !== 'QQQQX');
    expect(inLibrary).toHaveLength(3);
    for (const u of inLibrary)
      expect(u.evidence).toMatch(/: in the fund library, with no report period by 2024-06-30 \(the first is 2024-09-30\)$/);
    const off = runCli(['screen', path, '--as-of', '2024-12-31', '--no-library', '-f', 'json'], {
      env: { EXPOSURE_SCREENER_HOME: library },
    });
    expect(off.exitCode).toBe(0);
    expect(JSON.parse(off.stdout).findings).toEqual([]);
    // Without --library, $EXPOSURE_SCREENER_HOME is the library.
    const home = runCli(['screen', path, '--as-of', '2024-12-31', '-q'], { env: { EXPOSURE_SCREENER_HOME: library } });
    expect(home.exitCode).toBe(1);
  });

  it('says so when --library names a folder without a library (exit 2)', () => {
    const run = runCli(['screen', portfolio(), '--library', join(work, 'nothing-here')]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/--library .*nothing-here: no fund library there; build one: exposure-screener funds import/);
  });
});

describe('a fund of the shipped catalogue found in the library', () => {
  it('is looked through by its filing when that is closer to the date than the shipped snapshot, else by the snapshot', () => {
    // A ticker file in which VWO names a series of the generated quarter that holds Hikvision.
    const series = gen.planted.find((p) => p.entities.includes('hikvision') && !gen.amendments.some((a) => a.seriesId === p.seriesId));
    const tickers: { fields: string[]; data: (string | number)[][] } = JSON.parse(readFileSync(gen.tickers, 'utf8'));
    tickers.data.push([1, series?.seriesId ?? '', 'C999999999', 'VWO']);
    const own = join(work, 'vwo-library');
    const tickerFile = join(work, 'company_tickers_mf_vwo.json');
    writeFileSync(tickerFile, JSON.stringify(tickers));
    const run = (args: readonly string[]): ReturnType<typeof runCli> =>
      runCli([...args, '--library', own], { env: { EXPOSURE_SCREENER_HOME: own } });
    expect(run(['funds', 'import', gen.zip, tickerFile]).exitCode).toBe(0);
    const path = join(work, 'vwo.csv');
    writeFileSync(path, 'Symbol,Description,Quantity,Market Value\nVWO,VANGUARD FTSE EMERGING MARKETS ETF,100,10000.00\n');
    const basisOn = (date: string): { kind: string; source: string }[] =>
      JSON.parse(run(['screen', path, '--as-of', date, '-f', 'json']).stdout).findings.map(
        (f: { via: { basis: { kind: string; source: string } } }) => f.via.basis,
      );
    // 2024-12-31: the filing of 2024-09-30 (92 days) is closer than the snapshot of 2025-11-24.
    const early = basisOn('2024-12-31');
    expect(early.length).toBeGreaterThan(0);
    for (const b of early) expect(b.source).toMatch(/^SEC N-PORT NPORT-P /);
    // 2025-11-30: the shipped snapshot of 2025-11-24 is the closer.
    const late = basisOn('2025-11-30');
    expect(late.some((b) => b.kind === 'snapshot')).toBe(true);
    expect(late.some((b) => b.source.startsWith('SEC N-PORT'))).toBe(false);
  });
});

describe('the schema version', () => {
  it('refuses a library of a newer schema than this version knows, naming it (exit 2)', () => {
    const dir = join(work, 'future');
    mkdirSync(dir);
    const db = new Database(join(dir, 'library.sqlite'));
    db.pragma('user_version = 99');
    db.close();
    const run = runCli(['funds', 'list', '--library', dir], { env: { EXPOSURE_SCREENER_HOME: dir } });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/has schema version 99, newer than this exposure-screener knows \(2\); update exposure-screener/);
  });
});

describe('funds remove', () => {
  it('removes a fund, and importing its file again brings it back', () => {
    const p = gen.planted[2];
    const removed = cli(['funds', 'remove', p?.seriesId ?? '']);
    expect(removed.stdout).toMatch(/^removed 1 filing\(s\) with \d+ holdings; 1 fund\(s\) left the library$/m);
    expect(json<{ funds: { seriesId: string }[] }>(['funds', 'list']).funds.map((f) => f.seriesId)).not.toContain(p?.seriesId);
    const again = json<{ imports: { filings: number; funds: number }[] }>(['funds', 'import', gen.zip]);
    expect(again.imports[0]).toMatchObject({ filings: 1, funds: 1 });
    expect(json<{ funds: { seriesId: string }[] }>(['funds', 'list']).funds.map((f) => f.seriesId)).toContain(p?.seriesId);
  });

  it('removes a report period', () => {
    expect(cli(['funds', 'remove', '2022-12-31']).stdout).toMatch(/^removed 1 filing\(s\) with 55 holdings/);
    expect(cli(['funds', 'remove', '1999-12-31']).exitCode).toBe(2);
  });
});

describe('pieces', () => {
  it("puts the library in $EXPOSURE_SCREENER_HOME or the platform's user data folder", () => {
    expect(defaultLibraryDir({ EXPOSURE_SCREENER_HOME: '/x' }, 'linux', '/home/u')).toBe('/x');
    expect(defaultLibraryDir({}, 'linux', '/home/u')).toBe('/home/u/.local/share/exposure-screener');
    expect(defaultLibraryDir({ XDG_DATA_HOME: '/data' }, 'linux', '/home/u')).toBe('/data/exposure-screener');
    expect(defaultLibraryDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/exposure-screener');
    expect(defaultLibraryDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toBe(
      'C:\\Users\\u\\AppData\\Roaming\\exposure-screener',
    );
  });

  it("reads the data sets' dates and an accession number in a file name", () => {
    expect(isoDate('31-DEC-2024')).toBe('2024-12-31');
    expect(isoDate('2024-12-31')).toBe('2024-12-31');
    expect(isoDate('31-XYZ-2024')).toBeNull();
    expect(accessionInName('0001752724-24-123456.xml')).toBe('0001752724-24-123456');
    expect(accessionInName('000175272424123456_primary_doc.xml')).toBe('0001752724-24-123456');
    expect(accessionInName('primary_doc.xml')).toBeNull();
  });
});
