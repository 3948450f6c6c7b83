// `exposure-screener inspect`: how a file was read, before any screening. The first thing to run
// when a file does not screen as expected.

import type { Concept, DatedLine, FileReading, RowWarning, SkipReason, SkippedRow, TableInfo } from '../model.js';
import type { RowShare } from '../normalize/row-accounting.js';
import {
  dateColumnText,
  dateConflictText,
  numberConventionText,
  positionCurrenciesText,
  readerText,
  rowShareText,
  sheetText,
  SKIP_REASON_TEXT,
  tableCurrencyText,
  warningText,
  type TableCurrency,
} from './finding-text.js';
import { sanitize } from './format.js';

export interface Inspection {
  readonly read: FileReading;
  readonly asOf: string | null;
  /** How the date was read: the order of a slashed date and why, a date not believed or read both ways. */
  readonly date: {
    readonly rejected: string | null;
    readonly ambiguous: string | null;
    readonly order: 'dmy' | 'mdy' | null;
    readonly why: string | null;
    /** Whether the order decided the date ("05/06/2021"), not its own shape: only then is it shown. */
    readonly orderDecided: boolean;
    /** The date came from the rows' date column, every row that has one agreeing: its text, header and first line. */
    readonly column: { readonly text: string; readonly line: number; readonly header: string | null } | null;
    /** The date column gives several dates: none is used. */
    readonly conflict: { readonly header: string | null; readonly dates: readonly DatedLine[] } | null;
  };
  /** The number convention and the cells that decided it. */
  readonly numbers: {
    readonly decimal: '.' | ',';
    readonly thousands: string | null;
    readonly commaVotes: number;
    readonly pointVotes: number;
    readonly example: string | null;
    readonly thousandsVotes: number;
    readonly thousandsExample: string | null;
  };
  /** Whether the positions have values, only weights, or neither. */
  readonly values: 'given' | 'weights' | 'none';
  readonly decimal: '.' | ',';
  readonly screened: number;
  /** The share of the data rows read, as the row accounting's owner (normalize/row-accounting.ts) counts it. */
  readonly share: RowShare;
  readonly skipped: readonly SkippedRow[];
  /** The positions by the currency of their value (null: not stated), most first. */
  readonly currencies: readonly { readonly currency: string | null; readonly positions: number }[];
  readonly warnings: readonly RowWarning[];
  readonly accounts: readonly string[];
}

const LABEL: Readonly<Record<Concept, string>> = {
  name: 'name',
  ticker: 'symbol',
  isin: 'ISIN',
  cusip: 'CUSIP',
  sedol: 'SEDOL',
  exchange: 'exchange',
  quantity: 'quantity',
  value: 'value',
  weight: 'weight',
  assetClass: 'asset class',
  currency: 'currency',
  account: 'account',
  date: 'date',
};

function isConcept(key: string): key is Concept {
  return Object.hasOwn(LABEL, key);
}

/** The inspection as a plain object. */
export function inspectionJson(i: Inspection): Record<string, unknown> {
  return {
    file: i.read.file,
    encoding: i.read.encoding,
    sha256: i.read.sha256,
    delimiter: i.read.delimiter,
    reader: i.read.reader,
    sheet: i.read.sheet ?? null,
    decimal: i.decimal,
    numbers: i.numbers,
    asOf: i.asOf,
    asOfText: i.read.asOfText,
    asOfLine: i.date.column !== null ? i.date.column.line : i.asOf === null && i.date.ambiguous === null ? null : i.read.asOfLine,
    date: i.date,
    values: i.values,
    preambleLines: i.read.preambleLines,
    titles: i.read.titles,
    tables: i.read.tables.map((t) => ({
      headerLine: t.headerLine,
      kind: t.kind,
      context: t.context,
      columns: Object.fromEntries(Object.entries(t.columns).map(([concept, index]) => [concept, t.headers[index] ?? null])),
      why: t.why ?? {},
      tickerIsCode: t.tickerIsCode === true,
      ...(t.continuedOn === undefined ? {} : { continuedOn: t.continuedOn }),
      currency: tableCurrency(t),
    })),
    read: i.share,
    currencies: i.currencies,
    accounts: i.accounts,
    rows: { total: i.screened + i.skipped.length, screened: i.screened, skipped: i.skipped.length },
    skipped: i.skipped.map((s) => ({ line: s.line, reason: s.reason, text: s.text })),
    warnings: i.warnings.map((w) => ({ line: w.line, code: w.code, column: w.column, value: w.value })),
  };
}

/** Where a table's values get their currency: the value header, a currency column (row by row), or nowhere. */
function tableCurrency(t: TableInfo): TableCurrency {
  const valueAt = t.columns.value;
  if (t.valueCurrency !== undefined && valueAt !== undefined)
    return { source: t.element === undefined ? 'header' : 'value-field', currency: t.valueCurrency, header: t.headers[valueAt] ?? '' };
  const at = t.columns.currency;
  if (at !== undefined) return { source: t.element === undefined ? 'column' : 'field', currency: null, header: t.headers[at] ?? '' };
  return { source: 'none', currency: null, header: null };
}

/** The inspection as text: encoding, dialect, tables and their columns, accounts, row accounting. */
export function renderInspection(i: Inspection, limit = 15): string {
  const r = i.read;
  const out: string[] = [];
  const delimiter = r.delimiter === '\t' ? 'tab' : r.delimiter === ',' ? 'comma' : r.delimiter === ';' ? 'semicolon' : 'pipe';
  out.push(`File:       ${sanitize(r.file)}`);
  // The decimal separator is the Numbers line's, with its evidence: said once.
  out.push(`Encoding:   ${r.encoding}; delimiter ${delimiter}`);
  if (r.sheet !== undefined) out.push(`Workbook:   ${sheetText(r.sheet)}`);
  out.push(`Reader:     ${readerText(r.reader ?? null)}`);
  const n = i.numbers;
  out.push(`Numbers:    ${numberConventionText(n)}`);
  const line = r.asOfLine === null ? '' : ` on line ${r.asOfLine}`;
  const stated =
    i.date.column !== null
      ? ` (${dateColumnText(i.date.column, i.date.ambiguous === null)})`
      : r.asOfText === null
        ? ''
        : ` ("${sanitize(r.asOfText)}"${line})`;
  const how =
    i.date.why === null || i.asOf === null || !i.date.orderDecided
      ? ''
      : `; ${i.date.order === 'dmy' ? 'day' : 'month'} first: ${i.date.why}`;
  const dateText =
    i.date.conflict !== null
      ? dateConflictText(i.date.conflict.header, i.date.conflict.dates)
      : i.date.ambiguous !== null
        ? `ambiguous: "${sanitize(i.date.ambiguous)}" reads as day/month or month/day, and nothing in the file says which (give --as-of)`
        : i.date.rejected !== null
          ? `not used: ${i.date.rejected} is before 1990 or after today`
          : (i.asOf ?? 'not stated');
  out.push(`As of:      ${dateText}${stated}${how}`);
  out.push(
    `Preamble:   ${r.preambleLines} line(s)${r.titles.length === 0 ? '' : `: ${r.titles.map((t) => `"${sanitize(t)}"`).join(', ')}`}`,
  );
  for (const t of r.tables) {
    // A fixed schema (the SEC's) maps every field for one reason: said once, on the table's line.
    const reasons = new Set(Object.values(t.why ?? {}));
    const schema = t.element !== undefined && reasons.size === 1 && Object.keys(t.columns).length > 1 ? [...reasons][0] : undefined;
    // In the file's column order, as a person reading the file sees them.
    const mapped = Object.entries(t.columns)
      .flatMap(([concept, index]) => (isConcept(concept) && index !== undefined ? [{ concept, index }] : []))
      .sort((a, b) => a.index - b.index)
      .map(({ concept, index }) => {
        const header = t.headers[index] ?? '';
        const as = t.why?.[concept];
        const why = as === undefined || as === schema || as === header.trim().toLowerCase() ? '' : ` (as "${sanitize(as)}")`;
        return `${LABEL[concept]} ← "${sanitize(header)}"${why}`;
      })
      .join(', ');
    const continued = t.continuedOn === undefined ? '' : ` (continued on line ${t.continuedOn})`;
    const context = t.context === null ? '' : ` [${sanitize(t.context)}]`;
    out.push(
      t.element === undefined
        ? `Table:      header on line ${t.headerLine}${continued}, ${t.kind}${context}`
        : `Table:      ${t.kind}${context}, one row per ${sanitize(t.element)} element, the first on line ${t.headerLine}; ` +
            (schema === undefined
              ? 'its attributes read by their names, as a CSV header is'
              : `its fields as ${sanitize(schema)} defines them`),
    );
    out.push(`            ${mapped === '' ? '(no known columns)' : mapped}`);
    if (t.kind === 'holdings') out.push(`            ${tableCurrencyText(tableCurrency(t))}`);
    if (t.tickerIsCode === true)
      out.push(`            the symbol column is named as exchange codes: a bare 6-digit code is an A share, 5 digits Hong Kong`);
  }
  if (i.currencies.length > 0) out.push(`Currency:   ${positionCurrenciesText(i.currencies)}`);
  if (i.accounts.length > 0) out.push(`Accounts:   ${i.accounts.map((a) => sanitize(a)).join(' | ')}`);
  // Every record but the header lines: the title block before the first header is counted, as screen counts it.
  out.push(`Rows:       ${i.screened + i.skipped.length}, header lines aside: ${i.screened} to screen, ${i.skipped.length} skipped`);
  out.push(
    `Read:       ${rowShareText(i.share)}; values ${i.values === 'given' ? 'given' : i.values === 'weights' ? 'not given, weights only' : 'not given'}`,
  );
  const counts = new Map<SkipReason, number>();
  for (const s of i.skipped) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  for (const [reason, n] of counts) out.push(`            ${n} × ${SKIP_REASON_TEXT[reason]}`);
  // Blank lines are counted above; list the rows a person would want to check.
  const notable = i.skipped.filter((s) => s.reason !== 'blank');
  for (const s of notable.slice(0, limit)) out.push(`  line ${s.line}: ${s.reason}${s.text === '' ? '' : `: ${sanitize(s.text)}`}`);
  if (notable.length > limit) out.push(`  … ${notable.length - limit} more (--json lists all)`);
  for (const w of i.warnings.slice(0, limit)) out.push(`warning: line ${w.line}: ${sanitize(warningText(w))}`);
  return `${out.join('\n')}\n`;
}
