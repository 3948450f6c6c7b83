// What the funds commands ask of the library: which funds hold an entity, the funds, one fund, and
// removing a fund or a period. SQL over the library's database; words live with the commands.

import { compareText } from '../order.js';
import { FILE_KEY_KINDS, FILE_TICKER_KIND, getMeta, settleAmendments, type Db } from './store.js';

export interface Holder {
  readonly seriesId: string;
  readonly fund: string;
  readonly registrant: string | null;
  readonly tickers: readonly string[];
  readonly period: string;
  readonly accession: string;
  readonly subType: string;
  readonly filed: string | null;
  readonly source: string;
  readonly status: 'flagged' | 'review';
  /** The report period precedes the entity's listing. */
  readonly beforeListing: boolean;
  /** Sum of the matched lines' values, US dollars; null when none has one. */
  readonly value: number | null;
  /** Share of the fund's net assets (0.01 = 1 %); from the lines' reported percentages when net assets are missing. */
  readonly weight: number | null;
  readonly netAssets: number | null;
  readonly lines: readonly {
    readonly line: number;
    readonly name: string | null;
    readonly matched: string;
    readonly on: string;
    readonly value: number | null;
  }[];
}

interface HolderRow {
  series_id: string;
  fund: string;
  registrant: string | null;
  period: string;
  accession: string;
  sub_type: string;
  filed: string | null;
  source: string;
  net_assets: number | null;
  status: string;
  line: number;
  name: string | null;
  matched: string;
  match_on: string;
  value: number | null;
  pct: number | null;
}

function tickersOf(db: Db): (seriesId: string) => string[] {
  const st = db.prepare<[string], { key: string }>("SELECT key FROM fund_key WHERE series_id = ? AND kind = 'ticker' ORDER BY key");
  return (seriesId) => st.all(seriesId).map((r) => r.key);
}

/**
 * Every fund whose standing filing, the latest at or before the date, holds the entity (or a company
 * the list relates to it), largest position first.
 */
export function holdersOf(db: Db, entityId: string, asOf: string, listedOn: string | null = null): Holder[] {
  // From the entity's matches (a few hundred) to their filings, each checked to be its series' latest
  // standing one by the date through the (series, period) index: not a pass over every filing.
  const rows = db
    .prepare<{ asOf: string; entity: string }, HolderRow>(
      `SELECT f.series_id, s.name AS fund, s.registrant, f.period, f.accession, f.sub_type, f.filed, src.name AS source, f.net_assets,
              m.status, m.line, h.name, m.matched, m.match_on, h.value, h.pct
       FROM match m
       JOIN filing f ON f.id = m.filing_id AND f.superseded_by IS NULL AND f.period <= @asOf
       JOIN series s ON s.series_id = f.series_id
       JOIN source_file src ON src.id = f.source_id
       JOIN holding h ON h.filing_id = m.filing_id AND h.line = m.line
       WHERE m.entity_id = @entity
         AND f.period = (SELECT MAX(l.period) FROM filing l WHERE l.series_id = f.series_id AND l.superseded_by IS NULL AND l.period <= @asOf)
       ORDER BY f.series_id, m.line`,
    )
    .all({ asOf, entity: entityId });
  const tickers = tickersOf(db);
  const bySeries = new Map<string, HolderRow[]>();
  for (const r of rows) {
    const list = bySeries.get(r.series_id) ?? [];
    list.push(r);
    bySeries.set(r.series_id, list);
  }
  const holders: Holder[] = [];
  for (const list of bySeries.values()) {
    const first = list[0];
    if (first === undefined) continue;
    const valued = list.filter((r) => r.value !== null);
    const value = valued.length === 0 ? null : valued.reduce((s, r) => s + (r.value ?? 0), 0);
    const pcts = list.filter((r) => r.pct !== null);
    const weight =
      value !== null && first.net_assets !== null && first.net_assets > 0
        ? value / first.net_assets
        : pcts.length === 0
          ? null
          : pcts.reduce((s, r) => s + (r.pct ?? 0), 0) / 100;
    holders.push({
      seriesId: first.series_id,
      fund: first.fund,
      registrant: first.registrant,
      tickers: tickers(first.series_id),
      period: first.period,
      accession: first.accession,
      subType: first.sub_type,
      filed: first.filed,
      source: first.source,
      // Held before the entity was listed: for review, as a screen says (--include-before-listing aside).
      status: list.some((r) => r.status === 'flagged') && (listedOn === null || first.period >= listedOn) ? 'flagged' : 'review',
      beforeListing: listedOn !== null && first.period < listedOn,
      value,
      weight,
      netAssets: first.net_assets,
      lines: list.map((r) => ({ line: r.line, name: r.name, matched: r.matched, on: r.match_on, value: r.value })),
    });
  }
  return holders.sort((a, b) => (b.value ?? -1) - (a.value ?? -1) || compareText(a.fund, b.fund));
}

export interface FundEntry {
  readonly seriesId: string;
  readonly name: string;
  readonly registrant: string | null;
  readonly tickers: readonly string[];
  readonly periods: number;
  readonly latestPeriod: string;
  readonly latestAccession: string;
  readonly holdings: number;
  readonly netAssets: number | null;
}

export function listFunds(db: Db): FundEntry[] {
  const rows = db
    .prepare<
      [],
      {
        series_id: string;
        name: string;
        registrant: string | null;
        periods: number;
        period: string;
        accession: string;
        holdings: number;
        net_assets: number | null;
      }
    >(
      `SELECT s.series_id, s.name, s.registrant,
              (SELECT COUNT(DISTINCT period) FROM filing WHERE series_id = s.series_id AND superseded_by IS NULL) AS periods,
              f.period, f.accession, f.holdings, f.net_assets
       FROM series s JOIN filing f ON f.id = (
         SELECT id FROM filing WHERE series_id = s.series_id AND superseded_by IS NULL ORDER BY period DESC LIMIT 1)
       ORDER BY s.name, s.series_id`,
    )
    .all();
  const tickers = tickersOf(db);
  return rows.map((r) => ({
    seriesId: r.series_id,
    name: r.name,
    registrant: r.registrant,
    tickers: tickers(r.series_id),
    periods: r.periods,
    latestPeriod: r.period,
    latestAccession: r.accession,
    holdings: r.holdings,
    netAssets: r.net_assets,
  }));
}

/** The series a user's word names: a series id, class id, ticker, CUSIP or ISIN, or a fund's exact name. */
export function findSeries(db: Db, text: string): string[] {
  const key = text.trim().toUpperCase();
  const byKey = db
    .prepare<[string], { series_id: string }>(
      'SELECT DISTINCT k.series_id FROM fund_key k JOIN series s ON s.series_id = k.series_id WHERE k.key = ?',
    )
    .all(key)
    .map((r) => r.series_id);
  if (byKey.length > 0) return byKey;
  return db
    .prepare<[string, string], { series_id: string }>('SELECT series_id FROM series WHERE series_id = ? OR lower(name) = lower(?)')
    .all(key, text.trim())
    .map((r) => r.series_id)
    .filter((v, i, all) => all.indexOf(v) === i);
}

/** The series a ticker names in the library's ticker table (the SEC's, or a holdings file's), with or without filings yet. */
export function seriesOfTicker(db: Db, ticker: string): string[] {
  return db
    .prepare<[string, string], { series_id: string }>("SELECT DISTINCT series_id FROM fund_key WHERE key = ? AND kind IN ('ticker', ?)")
    .all(ticker.trim().toUpperCase(), FILE_TICKER_KIND)
    .map((r) => r.series_id);
}

export interface FundDetail {
  readonly seriesId: string;
  readonly name: string;
  readonly registrant: string | null;
  readonly cik: string | null;
  readonly tickers: readonly { readonly ticker: string; readonly classId: string | null }[];
  readonly classIds: readonly string[];
  readonly filings: readonly {
    readonly accession: string;
    readonly period: string;
    readonly subType: string;
    readonly filed: string | null;
    readonly holdings: number;
    readonly netAssets: number | null;
    readonly supersededBy: string | null;
    readonly source: string;
    readonly sha256: string;
  }[];
  /** Listed entities in the standing latest filing. */
  readonly matches: readonly {
    readonly entityId: string;
    readonly status: string;
    readonly line: number;
    readonly name: string | null;
    readonly value: number | null;
    readonly period: string;
  }[];
}

export function showFund(db: Db, seriesId: string): FundDetail | null {
  const s = db
    .prepare<[string], { series_id: string; name: string; registrant: string | null; cik: string | null }>(
      'SELECT * FROM series WHERE series_id = ?',
    )
    .get(seriesId);
  if (s === undefined) return null;
  const keys = db
    .prepare<[string], { key: string; kind: string; class_id: string | null }>(
      'SELECT key, kind, class_id FROM fund_key WHERE series_id = ? ORDER BY kind, key',
    )
    .all(seriesId);
  const filings = db
    .prepare<
      [string],
      {
        id: number;
        accession: string;
        period: string;
        sub_type: string;
        filed: string | null;
        holdings: number;
        net_assets: number | null;
        superseded_by: string | null;
        source: string;
        sha256: string;
      }
    >(
      `SELECT f.id, f.accession, f.period, f.sub_type, f.filed, f.holdings, f.net_assets, f.superseded_by, src.name AS source, src.sha256
       FROM filing f JOIN source_file src ON src.id = f.source_id WHERE f.series_id = ? ORDER BY f.period DESC, f.superseded_by IS NOT NULL, f.accession DESC`,
    )
    .all(seriesId);
  const standing = filings.find((f) => f.superseded_by === null);
  const matches =
    standing === undefined
      ? []
      : db
          .prepare<[number], { entity_id: string; status: string; line: number; name: string | null; value: number | null }>(
            'SELECT m.entity_id, m.status, m.line, h.name, h.value FROM match m JOIN holding h ON h.filing_id = m.filing_id AND h.line = m.line WHERE m.filing_id = ? ORDER BY h.value DESC',
          )
          .all(standing.id)
          .map((m) => ({ entityId: m.entity_id, status: m.status, line: m.line, name: m.name, value: m.value, period: standing.period }));
  return {
    seriesId: s.series_id,
    name: s.name,
    registrant: s.registrant,
    cik: s.cik,
    tickers: keys.filter((k) => k.kind === 'ticker').map((k) => ({ ticker: k.key, classId: k.class_id })),
    classIds: keys.filter((k) => k.kind === 'class').map((k) => k.class_id ?? k.key),
    filings: filings.map((f) => ({
      accession: f.accession,
      period: f.period,
      subType: f.sub_type,
      filed: f.filed,
      holdings: f.holdings,
      netAssets: f.net_assets,
      supersededBy: f.superseded_by,
      source: f.source,
      sha256: f.sha256,
    })),
    matches,
  };
}

/**
 * Removes filings (a fund's, a period's, or a fund's in one period) with their holdings and matches, in
 * one transaction. The source files they came from are forgotten, so importing them again brings the
 * filings back (filings still in the library are not duplicated).
 */
export function removeFilings(
  db: Db,
  where: { readonly seriesIds?: readonly string[]; readonly period?: string },
): { filings: number; holdings: number; funds: number } {
  return db.transaction(() => {
    const clauses: string[] = [];
    const params: string[] = [];
    if (where.seriesIds !== undefined) {
      clauses.push(`series_id IN (${where.seriesIds.map(() => '?').join(', ')})`);
      params.push(...where.seriesIds);
    }
    if (where.period !== undefined) {
      clauses.push('period = ?');
      params.push(where.period);
    }
    const doomed = db
      .prepare<string[], { id: number; series_id: string; source_id: number; holdings: number }>(
        `SELECT id, series_id, source_id, holdings FROM filing WHERE ${clauses.join(' AND ')}`,
      )
      .all(...params);
    const delHoldings = db.prepare('DELETE FROM holding WHERE filing_id = ?');
    const delMatches = db.prepare('DELETE FROM match WHERE filing_id = ?');
    const delFiling = db.prepare('DELETE FROM filing WHERE id = ?');
    for (const f of doomed) {
      delHoldings.run(f.id);
      delMatches.run(f.id);
      delFiling.run(f.id);
    }
    const delSource = db.prepare('DELETE FROM source_file WHERE id = ?');
    for (const id of new Set(doomed.map((f) => f.source_id))) delSource.run(id);
    const touched = new Set(doomed.map((f) => f.series_id));
    settleAmendments(db, touched);
    let funds = 0;
    for (const seriesId of touched) {
      const left = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM filing WHERE series_id = ?').get(seriesId)?.n ?? 0;
      if (left === 0) {
        db.prepare('DELETE FROM series WHERE series_id = ?').run(seriesId);
        // The SEC's tickers stay (the ticker file says them); a holdings file's ticker leaves with its fund.
        db.prepare("DELETE FROM fund_key WHERE series_id = ? AND kind IN ('series', 'class', ?, ?, ?)").run(
          seriesId,
          FILE_KEY_KINDS.ticker,
          FILE_KEY_KINDS.isin,
          FILE_KEY_KINDS.cusip,
        );
        funds++;
      }
    }
    return { filings: doomed.length, holdings: doomed.reduce((s, f) => s + f.holdings, 0), funds };
  })();
}

/** Whether the matches kept for funds holders were made with another version of the list than this one. */
export function matchesStale(db: Db, listVersion: string): boolean {
  const version = getMeta(db, 'matched_with');
  return version !== null && version !== listVersion;
}
