// A library holding as a row for the screener, and the screener's verdicts on a library's holdings.
// Pure: the screen pipeline and its matcher decide; this module only carries rows in and findings out.

import type { DatasetFile } from '../dataset/schema.js';
import { buildMatchIndex } from '../match/build-index.js';
import type { Concept, RawHolding } from '../model.js';
import { createScreener, type FileScreen } from '../screen.js';

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
}

// The order ingest/xml.ts gives a row's raw cells: security first, as a person reads them.
const ORDER: readonly (readonly [Concept, keyof StoredHolding])[] = [
  ['name', 'name'],
  ['ticker', 'ticker'],
  ['isin', 'isin'],
  ['cusip', 'cusip'],
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
 * Screens a library's holdings filing by filing with one screener (so each distinct name is scored
 * once for the whole import) and returns the holdings it found, keyed by filing and line.
 */
export function createLibraryMatcher(dataset: DatasetFile, today: string): { add(filingId: number, holding: StoredHolding): void; finish(): MatchRow[] } {
  const screener = createScreener(dataset, { today, asOf: today, index: buildMatchIndex(dataset) });
  let open: { id: number; file: FileScreen } | null = null;
  const close = (): void => {
    open?.file.close({ encoding: 'utf-8', asOfText: null });
    open = null;
  };
  return {
    add: (filingId, holding) => {
      if (open === null || open.id !== filingId) {
        close();
        open = { id: filingId, file: screener.openFile(String(filingId)) };
      }
      // What the matcher sees is what is stored and what a screen later reads back.
      open.file.row(rawHoldingOf(String(filingId), holding));
    },
    finish: () => {
      close();
      return screener.finish().findings.map((f) => ({
        filingId: Number(f.holding.file),
        line: f.holding.line,
        entityId: f.match.target.entityId,
        entityName: f.match.target.entityName,
        relation: f.match.target.relation,
        relatedName: f.match.target.relatedName,
        status: f.status,
        on: f.match.on,
        score: f.match.score,
        matched: f.match.matched,
      }));
    },
  };
}
