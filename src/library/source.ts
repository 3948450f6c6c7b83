// The fund library as a source of fund holdings for screens (src/look-through/library.ts): which
// position is a library fund, and its holdings in the latest filing at or before the as-of date.
// Reads the database; decides nothing the pipeline decides.

import type { Fund } from '../dataset/funds-schema.js';
import { closestSnapshot, daysApart, nameAgrees, portfolioOf, type FundCatalog } from '../look-through/funds.js';
import type { FundLibrary } from '../look-through/library.js';
import type { Holding } from '../model.js';
import { canonicalIdentifier } from '../normalize/identifiers.js';
import { parseExchange } from '../normalize/tickers.js';
import type { ScreenInput } from '../screen.js';
import { rawHoldingOf, type StoredHolding, STORED_HOLDING_COLUMNS } from './rows.js';
import type { SourceKind } from './import.js';
import { FILE_TICKER_KIND, type Db } from './store.js';

interface KeyRow {
  readonly series_id: string;
  readonly kind: string;
  readonly name: string;
  readonly registrant: string | null;
}

export interface LibraryFiling {
  readonly id: number;
  readonly accession: string;
  readonly period: string;
  readonly filed: string | null;
  readonly sub_type: string;
  readonly net_assets: number | null;
  readonly source: string;
  readonly sha256: string;
  /** The source file's kind: an N-PORT data set or filing, or a fund's holdings file. */
  readonly kind: SourceKind;
}

const FUND_ID_PREFIX = 'sec-';
const SERIES_OR_CLASS = /^[SC]\d{9}$/;

/** The id a library fund has in screens: "sec-s000004310". */
export function libraryFundId(seriesId: string): string {
  return `${FUND_ID_PREFIX}${seriesId.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

/** A fund's latest standing filing at or before a date. */
export function latestFilingStatement(db: Db): (seriesId: string, asOf: string) => LibraryFiling | undefined {
  const st = db.prepare<[string, string], LibraryFiling>(
    `SELECT f.id, f.accession, f.period, f.filed, f.sub_type, f.net_assets, s.name AS source, s.sha256, s.kind
     FROM filing f JOIN source_file s ON s.id = f.source_id
     WHERE f.series_id = ? AND f.superseded_by IS NULL AND f.period <= ?
     ORDER BY f.period DESC LIMIT 1`,
  );
  return (seriesId, asOf) => st.get(seriesId, asOf);
}

/** Builds the library source a screen consults. The catalogue decides when a shipped snapshot is closer. */
export function createLibrarySource(db: Db, catalog: FundCatalog | null): FundLibrary {
  const byKey = db.prepare<[string], KeyRow>(
    `SELECT k.series_id, k.kind, s.name, s.registrant FROM fund_key k JOIN series s ON s.series_id = k.series_id WHERE k.key = ? ORDER BY k.kind`,
  );
  const latest = latestFilingStatement(db);
  const earliest = db.prepare<[string], { period: string | null }>(
    'SELECT MIN(period) AS period FROM filing WHERE series_id = ? AND superseded_by IS NULL',
  );
  const rows = db.prepare<[number], StoredHolding>(`SELECT ${STORED_HOLDING_COLUMNS} FROM holding WHERE filing_id = ? ORDER BY line`);
  // A fund's CUSIP or ISIN is a key only where the shipped catalogue or a holdings file gave one (a few
  // dozen): read them once, on the first holding that has one, instead of a query for each holding's.
  let identifiers: ReadonlyMap<string, KeyRow> | null = null;
  const byIdentifier = (id: string): KeyRow | undefined => {
    identifiers ??= new Map(
      db
        .prepare<[], KeyRow & { key: string }>(
          `SELECT k.key, k.series_id, k.kind, s.name, s.registrant FROM fund_key k JOIN series s ON s.series_id = k.series_id
           WHERE k.kind IN ('isin', 'cusip', 'fund-isin', 'fund-cusip') ORDER BY k.key, k.series_id`,
        )
        .all()
        .reverse()
        .map((r) => [r.key, r]),
    );
    return identifiers.get(id);
  };
  const keys = new Map<string, readonly KeyRow[]>();
  const lookup = (key: string): readonly KeyRow[] => {
    let found = keys.get(key);
    if (found === undefined) {
      found = byKey.all(key);
      keys.set(key, found);
    }
    return found;
  };
  const funds = new Map<string, Fund>();
  const seriesOf = new Map<string, string | null>();
  const fundFor = (row: KeyRow, ticker: string | null): Fund => {
    const id = libraryFundId(row.series_id);
    const key = `${id}|${ticker ?? ''}`;
    let fund = funds.get(key);
    if (fund === undefined) {
      fund = { id, ticker: ticker ?? row.series_id, name: row.name, names: [], tracks: [], holdsFunds: [], sources: ['sec-nport-library'] };
      funds.set(key, fund);
      seriesOf.set(id, row.series_id);
    }
    return fund;
  };

  const asFund = (row: KeyRow, ticker: string | null): Fund => {
    const fund = fundFor(row, ticker);
    return row.registrant === null ? fund : { ...fund, names: [row.registrant] };
  };

  const recognize = (holding: Holding): Fund | null => {
    for (const id of [holding.isin, holding.cusip]) {
      if (id === null) continue;
      const row = byIdentifier(canonicalIdentifier(id));
      if (row !== undefined) return fundFor(row, null);
    }
    const ticker = holding.ticker?.trim().toUpperCase() ?? '';
    if (ticker === '') return null;
    const found = lookup(ticker);
    // A series or class id names its fund by itself.
    const byId = SERIES_OR_CLASS.test(ticker) ? found.find((k) => k.kind === 'series' || k.kind === 'class') : undefined;
    if (byId !== undefined) return fundFor(byId, null);
    // A ticker only with a name that agrees (or no name to disagree), and not on a non-US venue.
    const venues = holding.exchange === null ? null : (parseExchange(holding.exchange)?.venues ?? null);
    if (venues !== null && venues.every((v) => v !== 'OTHER' && v !== 'OTCM')) return null;
    // The catalogue's rule (look-through/funds.ts), with the series and registrant names as the fund's.
    const byTicker = found.find(
      (k) => (k.kind === 'ticker' || k.kind === FILE_TICKER_KIND) && (holding.name === null || nameAgrees(holding.name, asFund(k, ticker))),
    );
    return byTicker === undefined ? null : fundFor(byTicker, ticker);
  };

  // A fund of the shipped catalogue (VWO) is found in the library by its ticker, CUSIP or ISIN.
  const seriesOfFund = (fund: Fund): string | null => {
    const known = seriesOf.get(fund.id);
    if (known !== undefined) return known;
    let series: string | null = null;
    for (const key of [fund.ticker, fund.cusip, fund.isin]) {
      if (key === undefined || series !== null) continue;
      series = lookup(key.toUpperCase()).find((k) => k.kind !== 'class')?.series_id ?? null;
    }
    seriesOf.set(fund.id, series);
    return series;
  };

  return {
    recognize,
    holdingsAt: (fund, asOf) => {
      const series = seriesOfFund(fund);
      const filing = series === null ? undefined : latest(series, asOf);
      if (filing === undefined) return null;
      if (catalog !== null && !fund.id.startsWith(FUND_ID_PREFIX)) {
        // A shipped snapshot closer to the date than the filing stays the basis.
        const snapshot = closestSnapshot(catalog, portfolioOf(catalog, fund), asOf);
        if (snapshot !== null && daysApart(snapshot.date, asOf) < daysApart(filing.period, asOf)) return null;
      }
      const days = daysApart(filing.period, asOf);
      const before = `${days} day${days === 1 ? '' : 's'} before the as-of date`;
      const label =
        filing.kind === 'holdings-file'
          ? `holdings file ${filing.source} in the fund library (as of ${filing.period}; ${before})`
          : `SEC N-PORT ${filing.sub_type} ${filing.accession} (${filing.source}; reported ${before})`;
      const input: ScreenInput = {
        file: label,
        encoding: 'utf-8',
        asOfText: `as of ${filing.period}`,
        rows: rows.all(filing.id).map((h) => rawHoldingOf(label, h)),
        skipped: [],
        sha256: filing.sha256,
      };
      return input;
    },
    missingAt: (fund, asOf) => {
      if (!fund.id.startsWith(FUND_ID_PREFIX)) return null;
      const series = seriesOfFund(fund);
      if (series === null || latest(series, asOf) !== undefined) return null;
      const first = earliest.get(series)?.period ?? null;
      return `in the fund library, with no report period by ${asOf}${first === null ? '' : ` (the first is ${first})`}`;
    },
  };
}
