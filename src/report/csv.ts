// CSV for spreadsheets: one row per finding, RFC 4180 quoting, CRLF line ends, and text cells
// neutralised against formula injection (https://owasp.org/www-community/attacks/CSV_Injection).

import { valuesNotAddedUp } from '../exposure/policy.js';
import type { Finding, ScreenSummary } from '../model.js';
import { findingReason } from './finding-text.js';
import { sanitize } from './format.js';
import type { Reporter } from './types.js';

/** A text cell, or a number written as a plain number (never neutralised), or empty. */
type Cell = string | number | null;

export const CSV_COLUMNS = [
  'status',
  'kind',
  'entity_id',
  'entity_name',
  'related',
  'file',
  'line',
  'account',
  'holding_name',
  'ticker',
  'isin',
  'sedol',
  'cusip',
  'quantity',
  'value',
  'weight',
  'matched_on',
  'matched',
  'score',
  'reason',
  'ignored_reason',
  'ignored_expires',
  'currency',
  'local_value',
  'local_currency',
] as const;

type Column = (typeof CSV_COLUMNS)[number];

const EOL = '\r\n';

/** Characters that make a spreadsheet read a cell as a formula (or, for tab and CR, hide one). */
const FORMULA_PREFIX = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * Prefixes a text cell that a spreadsheet would take for a formula with a single quote. Leading spaces
 * are looked through too, since some importers trim them (sanitize turns a leading tab into a space).
 */
export function neutralizeFormula(text: string): string {
  return FORMULA_PREFIX.has(text.charAt(0)) || FORMULA_PREFIX.has(text.replace(/^ +/, '').charAt(0)) ? `'${text}` : text;
}

/** RFC 4180: quote a field holding a comma, quote, CR or LF, doubling the quotes inside. */
export function quoteCsvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * One cell as written: numbers plain (a negative value stays a number), text stripped of control
 * characters and escape sequences, neutralised, then quoted.
 */
export function csvCell(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  return quoteCsvField(neutralizeFormula(sanitize(cell)));
}

/**
 * The currency of a finding's `value`: the base currency when values were converted, else the one the
 * position states; none when the values are in several currencies and were not added up.
 */
function valueCurrencyOf(f: Finding, summary: ScreenSummary): string | null {
  if (valuesNotAddedUp(summary)) return null;
  return summary.conversion?.base ?? f.holding.currency;
}

function findingRow(f: Finding, summary: ScreenSummary): Record<Column, Cell> {
  const h = f.holding;
  const t = f.match.target;
  return {
    status: f.status,
    kind: f.kind,
    entity_id: t.entityId,
    entity_name: t.entityName,
    related: t.relation === 'self' ? null : `${t.relatedName ?? ''} (${t.relation})`.trim(),
    file: h.file,
    line: h.line,
    account: h.account,
    holding_name: h.name,
    ticker: h.ticker,
    isin: h.isin,
    sedol: h.sedol,
    cusip: h.cusip,
    quantity: h.quantity,
    value: f.exposure.value,
    weight: f.exposure.weight,
    matched_on: f.match.on,
    matched: f.match.matched,
    score: f.match.score,
    reason: findingReason(f),
    ignored_reason: f.ignoredBy?.reason ?? null,
    ignored_expires: f.ignoredBy?.expires ?? null,
    currency: f.exposure.value === null ? null : valueCurrencyOf(f, summary),
    // Each finding in its own currency when the values are not all in one: the per-currency totals are their sums.
    local_value: f.exposure.local?.value ?? null,
    local_currency: f.exposure.local?.currency ?? null,
  };
}

/** Header row first, then one row per finding, every line ending in CRLF. */
export const renderCsv: Reporter = (result) => {
  const lines = [CSV_COLUMNS.join(',')];
  for (const f of result.findings) {
    const row = findingRow(f, result.summary);
    lines.push(CSV_COLUMNS.map((c) => csvCell(row[c])).join(','));
  }
  return lines.map((l) => `${l}${EOL}`).join('');
};
