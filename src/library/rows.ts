// A library holding as a row for the screener, and the screener's verdicts on a library's holdings.
// Pure: the screener's normaliser, matcher and policy decide; this module only carries rows in and matches out.

import type { DatasetFile } from '../dataset/schema.js';
import { buildMatchIndex } from '../match/build-index.js';
import type { Concept, RawHolding } from '../model.js';
import { DEFAULT_THRESHOLDS, statusOf, type Thresholds } from '../exposure/policy.js';
import { createMatcher } from '../match/match-positions.js';
import { normalizeRow, type RowSink } from '../normalize/rows.js';

/** A holding as the library stores it: the cells of the N-PORT XML reader (src/ingest/xml.ts), as data. */
export interface StoredHolding {
  readonly line: number;
  readonly name: string | null;
  readonly cusip: string | null;
  readonly isin: string | null;
  readonly ticker: string | null;
  readonly balance: number | null;
  readonly currency: string | null;
  readonly value: number | null;
  readonly pct: number | null;
  readonly asset_cat: string | null;
  /** Only from fund issuers' holdings files (schema 2). */
  readonly sedol: string | null;
  readonly exchange: string | null;
  /** 1 when the file's ticker column is named as exchange codes ("Stock Code"): a bare number is a code. */
  readonly ticker_is_code: number | null;
}

/** The holding table's columns a StoredHolding is read from, in one place for every SELECT. */
export const STORED_HOLDING_COLUMNS =
  'line, name, cusip, isin, ticker, balance, currency, value, pct, asset_cat, sedol, exchange, ticker_is_code';

// The order ingest/xml.ts gives a row's raw cells: security first, as a person reads them.
const ORDER: readonly (readonly [Concept, keyof StoredHolding])[] = [
  ['name', 'name'],
  ['ticker', 'ticker'],
  ['isin', 'isin'],
  ['cusip', 'cusip'],
  ['sedol', 'sedol'],
  ['exchange', 'exchange'],
  ['quantity', 'balance'],
  ['value', 'value'],
  ['weight', 'pct'],
  ['currency', 'currency'],
  ['assetClass', 'asset_cat'],
];

/** The row the screener reads for a stored holding: the same cells the N-PORT XML reader gives. */
export function rawHoldingOf(file: string, h: StoredHolding): RawHolding {
  const cells: Partial<Record<Concept, string>> = {};
  const raw: string[] = [];
  for (const [concept, key] of ORDER) {
    const v = h[key];
    if (v === null) continue;
    const text = String(v);
    cells[concept] = text;
    raw.push(text);
  }
  // Two literals rather than a spread: this runs for every holding an import or a screen reads.
  if (h.ticker_is_code === 1) return { file, line: h.line, cells, raw, context: null, tickerIsCode: true };
  return { file, line: h.line, cells, raw, context: null };
}

/** A stored holding from a reader's row (XML filing or data-set table): numbers parsed once, here. */
export function storedHoldingOf(row: RawHolding): StoredHolding {
  const num = (text: string | undefined): number | null => {
    if (text === undefined) return null;
    const n = Number(text);
    return Number.isFinite(n) ? n : null;
  };
  const c = row.cells;
  return {
    line: row.line,
    name: c.name ?? null,
    cusip: c.cusip ?? null,
    isin: c.isin ?? null,
    ticker: c.ticker ?? null,
    balance: num(c.quantity),
    currency: c.currency ?? null,
    value: num(c.value),
    pct: num(c.weight),
    asset_cat: c.assetClass ?? null,
    sedol: c.sedol ?? null,
    exchange: c.exchange ?? null,
    ticker_is_code: row.tickerIsCode === true ? 1 : null,
  };
}

export interface MatchRow {
  readonly filingId: number;
  readonly line: number;
  readonly entityId: string;
  readonly entityName: string;
  readonly relation: string;
  readonly relatedName: string | null;
  readonly status: string;
  readonly on: string;
  readonly score: number;
  readonly matched: string;
}

/**
 * Judges a library's holdings with the screener's own row normaliser, matcher and status policy (one
 * matcher for the whole import, so each distinct name is scored once) and returns the holdings that
 * are a listed entity or a related company, keyed by filing and line. Row by row, nothing buffered:
 * numbers in the data sets and XML filings always use a decimal point. Dates (before listing, a listing
 * that ended) are decided when the matches are read, for the period asked.
 */
export function createLibraryMatcher(
  dataset: DatasetFile,
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
): { add(filingId: number, holding: StoredHolding): void; finish(): MatchRow[] } {
  const match = createMatcher(buildMatchIndex(dataset), thresholds.review);
  const found: MatchRow[] = [];
  let filingId = 0;
  const sink: RowSink = {
    holding: (h) => {
      const outcome = match(h);
      if (outcome.kind !== 'match') return;
      const status = statusOf(outcome.match, thresholds);
      if (status === null) return;
      const m = outcome.match;
      found.push({
        filingId,
        line: h.line,
        entityId: m.target.entityId,
        entityName: m.target.entityName,
        relation: m.target.relation,
        relatedName: m.target.relatedName,
        status,
        on: m.on,
        score: m.score,
        matched: m.matched,
      });
    },
    skip: () => undefined,
    warn: () => undefined,
  };
  return {
    add: (id, holding) => {
      filingId = id;
      // What the matcher sees is what is stored and what a screen later reads back.
      normalizeRow(rawHoldingOf('', holding), '.', sink);
    },
    finish: () => found,
  };
}
