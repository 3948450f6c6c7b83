// Raw rows to positions: identifiers validated, amounts parsed, totals and cash set aside with a reason.

import type { Concept, Holding, RawHolding, RowWarning, SkippedRow } from '../model.js';
import { numberConvention, parseAmount, type DecimalSeparator, type NumberConvention } from './amounts.js';
import { canonicalIdentifier, classifyIdentifier, isValidIdentifier, type IdentifierKind } from './identifiers.js';

export interface NormalizedRows {
  readonly holdings: readonly Holding[];
  readonly skipped: readonly SkippedRow[];
  readonly warnings: readonly RowWarning[];
  readonly decimal: DecimalSeparator;
}

// "Total balance: $272,167.09", "Account Total", "Subtotal of Stocks", "All Investments"; but not the
// company "TOTAL ACCESS COMMUNICATION" nor the fund "Total Equity Market Index Fund".
const TOTAL_TEXT =
  /^(?:(?:account|positions|grand|portfolio|net)\s+)?(?:sub)?totals?(?:\s*[:$]|\s+(?:of|for|balance|value|investments|assets)\b|$)|^subtotal\b|^all investments$|^(?:summe|gesamt|gesamtsumme|totaal|totale)$|^(?:合计|总计|小计|合計|總計)/i;
// A "symbol" cell holding words that start or end with Total is a total row's label, never a ticker.
const TOTAL_IN_SYMBOL = /^(?:total|(?:\S+\s+)?(?:sub)?totals?(?:\s.*)?)$/i;
const CASH_NAME = /^(?:cash(?:\s*(?:&|and)\s*(?:cash investments|equivalents|money market))?|pending activity|core account|money market)$/i;
const CASH_TICKERS: ReadonlySet<string> = new Set(['CASH', 'USD', 'CURRENCY', 'MONEY MARKET']);
const CASH_CLASSES = /^(?:cash|money market|cash collateral and margins|cash and money market|cash & equivalents|fx|currency)$/i;
// Also IBKR's asset categories and 13F's putCall, and N-PORT's derivative asset categories.
const DERIVATIVE_CLASSES =
  /^(?:futures?|swaps?|forwards?|fx forwards?|options?|put|call|opt|fut|fop|war|warrants?|DCO|DCR|DE|DFE|DIR|DO)$/i;
const PLACEHOLDER = /^(?:-+|—|n\/?a|none|not applicable)$/i;
// TIAA prints the ticker only inside the fund name: "Vanguard Institutional Index Fund Institutional Plus (VIIIX)".
const TICKER_IN_NAME = /\(([A-Z]{2,6})\)\s*$/;
// …but "(CHF)" at the end of DEGIRO's cash line is a currency.
const CURRENCIES: ReadonlySet<string> = new Set([
  'USD',
  'EUR',
  'GBP',
  'CHF',
  'JPY',
  'HKD',
  'CNY',
  'CNH',
  'CAD',
  'AUD',
  'SEK',
  'NOK',
  'DKK',
  'SGD',
]);
// Fidelity marks its core money-market positions with ** (SPAXX**, FDRXX**, FCASH**).
const CORE_POSITION = /\*\*$/;
// DEGIRO's "CASH & CASH FUND & FTX CASH (CHF)": a row with no identifier whose name starts with cash.
const CASH_LINE = /^cash\b|\bmoney market\b/i;

function present(text: string | undefined): string | null {
  if (text === undefined) return null;
  const t = text.trim();
  return t === '' || PLACEHOLDER.test(t) ? null : t;
}

/**
 * A table with no value column whose quantity is money ("FACE AMOUNT" of "$48,000,000.00" in Vanguard's
 * short-term reserves): the face amount is the best value there is, and leaving it out would understate
 * the fund's total.
 */
function moneyInQuantity(text: string | undefined, decimal: DecimalSeparator): number | null {
  if (text === undefined || !/^[(\s-]*[$£€]/.test(text)) return null;
  const parsed = parseAmount(text, decimal);
  return parsed.ok ? parsed.value : null;
}

/** No position is worth more than this (10^15, a thousand times the largest funds): a larger amount is a misread. */
const MAX_PLAUSIBLE_AMOUNT = 1e15;

/** Where normalised rows go, one at a time. */
export interface RowSink {
  holding(holding: Holding): void;
  skip(row: SkippedRow): void;
  warn(warning: RowWarning): void;
}

/** Amount cells of a row, to decide the file's decimal separator from a sample. */
function amountSamples(row: RawHolding): string[] {
  return [row.cells.value, row.cells.quantity, row.cells.weight].filter((v): v is string => v !== undefined);
}

/** Rows read before a file's decimal separator is decided: enough amounts to vote, few enough to hold. */
const DECIMAL_SAMPLE_ROWS = 500;

/** The file's decimal separator, decided on its first rows (the screener streams and decides the same way). */
function decideDecimal(firstRows: readonly RawHolding[]): DecimalSeparator {
  return decideConvention(firstRows).decimal;
}

/** The file's number convention with its evidence, decided on its first rows. */
function decideConvention(firstRows: readonly RawHolding[]): NumberConvention {
  return numberConvention(firstRows.slice(0, DECIMAL_SAMPLE_ROWS).flatMap(amountSamples));
}

/** Normalises rows as they stream in: the first DECIMAL_SAMPLE_ROWS wait until the file's decimal separator is decided. */
export interface RowNormalizer {
  row: (row: RawHolding) => void;
  /** The file has ended: rows still waiting are normalised; returns the separator the file was read with. */
  finish: () => DecimalSeparator;
  /** The convention the file was read with and its evidence (after finish). */
  convention: () => NumberConvention;
}

export function createRowNormalizer(sink: RowSink): RowNormalizer {
  let decimal: DecimalSeparator | null = null;
  let convention: NumberConvention | null = null;
  const pending: RawHolding[] = [];
  const decide = (): DecimalSeparator => {
    convention = decideConvention(pending);
    const decided = convention.decimal;
    decimal = decided;
    for (const row of pending) normalizeRow(row, decided, sink);
    pending.length = 0;
    return decided;
  };
  return {
    row: (row) => {
      if (decimal !== null) {
        normalizeRow(row, decimal, sink);
        return;
      }
      pending.push(row);
      if (pending.length >= DECIMAL_SAMPLE_ROWS) decide();
    },
    finish: () => decimal ?? decide(),
    convention: () => convention ?? numberConvention([]),
  };
}

/** Normalises a file's rows. The decimal separator is decided once for the whole file. */
export function normalizeRows(rows: readonly RawHolding[]): NormalizedRows {
  const decimal = decideDecimal(rows);
  const holdings: Holding[] = [];
  const skipped: SkippedRow[] = [];
  const warnings: RowWarning[] = [];
  const sink: RowSink = { holding: (h) => holdings.push(h), skip: (s) => skipped.push(s), warn: (w) => warnings.push(w) };
  for (const row of rows) normalizeRow(row, decimal, sink);
  return { holdings, skipped, warnings, decimal };
}

/** Normalises one row: a holding, or a skipped row with its reason; warnings on the side. */
export function normalizeRow(row: RawHolding, decimal: DecimalSeparator, sink: RowSink): void {
  const c = row.cells;
  const warn = (code: RowWarning['code'], column: Concept, value: string): void => {
    sink.warn({ file: row.file, line: row.line, code, column, value });
  };
  const amount = (column: 'value' | 'quantity'): number | null => {
    const text = c[column];
    if (text === undefined) return null;
    const parsed = parseAmount(text, decimal);
    if (parsed.ok && (parsed.value === null || Math.abs(parsed.value) <= MAX_PLAUSIBLE_AMOUNT)) return parsed.value;
    // "1e400" or three hundred digits would defeat --max-exposure and every share: an input problem at its line.
    warn(parsed.ok || /\d{16,}|\de[+]?\d/i.test(text) ? 'IMPLAUSIBLE_AMOUNT' : 'UNREADABLE_AMOUNT', column, text.slice(0, 40));
    return null;
  };
  // A weight column is a percentage ("4.56", "4,56 %", "<0.01%"): the row's share of the file, 0..1.
  // One that does not read is unknown; the weight is never what the screen's totals rest on.
  const share = (text: string): number | null => {
    const parsed = parseAmount(text, decimal);
    return parsed.ok && parsed.value !== null && Math.abs(parsed.value) <= 100 ? parsed.value / 100 : null;
  };
  if (row.undecodable === true) warn('UNDECODABLE_BYTES', 'name', row.raw.join(' ').slice(0, 80));
  const first = row.raw[0] ?? '';
  let name = present(c.name);
  let ticker = present(c.ticker);
  // Words in a Symbol column of a table with no name column ("HANGZHOU HIKVISION DIGITAL TECHNOLOGY")
  // are a name, not a ticker: as a ticker they would match nothing.
  if (name === null && ticker !== null && ticker.length > 12 && !/\d/.test(ticker) && (ticker.match(/\p{L}{2,}/gu) ?? []).length >= 2) {
    name = ticker;
    ticker = null;
  }
  const label = name ?? ticker ?? first;
  const skip = (reason: SkippedRow['reason'], value: number | null = null): void => {
    sink.skip({
      file: row.file,
      line: row.line,
      reason,
      text: label.slice(0, 120),
      value,
      ...(row.lines === undefined ? {} : { lines: row.lines }),
    });
  };

  const hasIdentifier = present(c.isin) !== null || present(c.cusip) !== null || present(c.sedol) !== null;
  const symbolIsTotal =
    ticker !== null &&
    (ticker.toUpperCase() === 'TOTAL' ||
      /^(?:合计|总计|小计|合計|總計)$/.test(ticker) ||
      (/\s/.test(ticker) && TOTAL_IN_SYMBOL.test(ticker)));
  const noSecurity = ticker === null && !hasIdentifier;
  const startsWithTotal = /^(?:sub)?totals?\b/i.test(name ?? first) && present(c.quantity) === null;
  if (symbolIsTotal || (noSecurity && (TOTAL_TEXT.test(name ?? '') || TOTAL_TEXT.test(first) || startsWithTotal))) {
    skip('total');
    return;
  }
  const assetClass = present(c.assetClass) ?? '';
  if (
    CASH_NAME.test(name ?? '') ||
    CASH_NAME.test(first) ||
    (ticker !== null && (CASH_TICKERS.has(ticker.toUpperCase()) || CORE_POSITION.test(ticker))) ||
    (noSecurity && CASH_LINE.test(name ?? first)) ||
    CASH_CLASSES.test(assetClass)
  ) {
    skip('cash', amount('value'));
    return;
  }
  if (DERIVATIVE_CLASSES.test(assetClass)) {
    skip('derivative', amount('value'));
    return;
  }

  const ids: Record<IdentifierKind, string | null> = { isin: null, cusip: null, sedol: null };
  for (const kind of ['isin', 'cusip', 'sedol'] as const) {
    const text = present(c[kind]);
    if (text === null) continue;
    const value = canonicalIdentifier(text);
    if (isValidIdentifier(kind, value)) ids[kind] = value;
    else {
      warn('BAD_CHECK_DIGIT', kind, text);
      // A cell that is not the identifier may still hold one ("CNE100000PM8 HIKVISION A" under the
      // columns of another table): a valid one among its words is used, never silently dropped.
      const inside = text.split(/[\s,;/()]+/).find((word) => word !== text && classifyIdentifier(word) !== null);
      const found = inside === undefined ? null : classifyIdentifier(inside);
      if (inside !== undefined && found !== null) ids[found] ??= canonicalIdentifier(inside);
    }
  }
  // A Symbol column often carries a CUSIP (Fidelity bonds) or an ISIN (DEGIRO "Symbol/ISIN").
  if (ticker !== null) {
    const kind = classifyIdentifier(ticker);
    if (kind !== null) {
      ids[kind] ??= canonicalIdentifier(ticker);
      ticker = null;
    }
  }
  // A name cell that is nothing but an identifier ("CNE100000PM8" under "Your Investments") is that identifier.
  const nameAsId = name === null ? null : classifyIdentifier(name);
  if (name !== null && nameAsId !== null) ids[nameAsId] ??= canonicalIdentifier(name);
  if (ticker === null && name !== null) {
    const inName = TICKER_IN_NAME.exec(name)?.[1];
    if (inName !== undefined && !CURRENCIES.has(inName)) ticker = inName;
  }

  if (name === null && ticker === null && ids.isin === null && ids.cusip === null && ids.sedol === null) {
    skip('no-security', amount('value'));
    return;
  }
  sink.holding({
    file: row.file,
    line: row.line,
    account: present(c.account) ?? row.context,
    name,
    ticker,
    exchange: present(c.exchange),
    isin: ids.isin,
    cusip: ids.cusip,
    sedol: ids.sedol,
    quantity: amount('quantity'),
    value: c.value !== undefined ? amount('value') : moneyInQuantity(c.quantity, decimal),
    assetClass: assetClass === '' ? null : assetClass,
    ...(c.weight === undefined ? {} : { weight: share(c.weight) }),
    ...(row.tickerIsCode === true && ticker !== null ? { tickerIsCode: true } : {}),
  });
}
