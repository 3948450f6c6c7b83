// Raw rows to positions: identifiers validated, amounts parsed, totals and cash set aside with a reason.

import type { Concept, Holding, RawHolding, RowWarning, SkippedRow } from '../model.js';
import {
  currencyCode,
  numberConvention,
  parseAmount,
  scannedPointAmount,
  type DecimalSeparator,
  type NumberConvention,
  type ParsedAmount,
} from './amounts.js';
import { canonicalIdentifier, classifyIdentifier, isValidIdentifier, type IdentifierKind } from './identifiers.js';
import { createDateColumn, type DateColumn } from './dates.js';

export interface NormalizedRows {
  readonly holdings: readonly Holding[];
  readonly skipped: readonly SkippedRow[];
  readonly warnings: readonly RowWarning[];
  readonly decimal: DecimalSeparator;
  /** The texts of the rows' date column, for fileDateOf; null when there is none. */
  readonly dates: DateColumn | null;
}

// "Total balance: $272,167.09", "Account Total", "Subtotal of Stocks", "All Investments", comdirect's
// "Depotwert" and "Kaufwert" footer lines; but not the company "TOTAL ACCESS COMMUNICATION" nor the fund
// "Total Equity Market Index Fund".
const TOTAL_TEXT =
  /^(?:(?:account|positions|grand|portfolio|net)\s+)?(?:sub)?totals?(?:\s*[:$]|\s+(?:of|for|balance|value|investments|assets)\b|$)|^subtotal\b|^all investments$|^(?:summe|gesamt|gesamtsumme|totaal|totale|depotwert|kaufwert)$|^(?:合计|总计|小计|合計|總計)/i;
// A "symbol" cell holding words that start or end with Total is a total row's label, never a ticker.
const TOTAL_IN_SYMBOL = /^(?:total|(?:\S+\s+)?(?:sub)?totals?(?:\s.*)?)$/i;
export const CASH_NAME =
  /^(?:cash(?:\s*(?:&|and)\s*(?:cash investments|equivalents|money market))?|pending activity|core account|money market)$/i;
const CASH_TICKERS: ReadonlySet<string> = new Set(['CASH', 'USD', 'CURRENCY', 'MONEY MARKET']);
export const CASH_CLASSES = /^(?:cash|money market|cash collateral and margins|cash and money market|cash & equivalents|fx|currency)$/i;
// Also IBKR's asset categories and 13F's putCall, and N-PORT's derivative asset categories.
export const DERIVATIVE_CLASSES =
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
  if (t === '') return null;
  // A placeholder starts with a dash or an n: most cells are judged by their first character.
  const first = t.charCodeAt(0);
  return (first === 0x2d || first === 0x2014 || first === 0x4e || first === 0x6e) && PLACEHOLDER.test(t) ? null : t;
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
  /** Returns the row's verdict once the decimal separator is decided (null before, and for rows none repeats). */
  row: (row: RawHolding) => RowVerdict | null;
  /** The file has ended: rows still waiting are normalised; returns the separator the file was read with. */
  finish: () => DecimalSeparator;
  /** The convention the file was read with and its evidence (after finish). */
  convention: () => NumberConvention;
  /** The rows' date column (every row read, but those a verdict repeats: their cells but amounts are a read row's). */
  dates: () => DateColumn | null;
}

export function createRowNormalizer(sink: RowSink): RowNormalizer {
  let decimal: DecimalSeparator | null = null;
  let convention: NumberConvention | null = null;
  const pending: RawHolding[] = [];
  const dates = createDateColumn();
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
      dates.add(row.cells.date, row.line);
      if (decimal !== null) return normalizeRow(row, decimal, sink);
      pending.push(row);
      if (pending.length >= DECIMAL_SAMPLE_ROWS) decide();
      return null;
    },
    finish: () => decimal ?? decide(),
    convention: () => convention ?? numberConvention([]),
    dates: dates.result,
  };
}

/** Normalises a file's rows. The decimal separator is decided once for the whole file. */
export function normalizeRows(rows: readonly RawHolding[]): NormalizedRows {
  const decimal = decideDecimal(rows);
  const holdings: Holding[] = [];
  const skipped: SkippedRow[] = [];
  const warnings: RowWarning[] = [];
  const sink: RowSink = { holding: (h) => holdings.push(h), skip: (s) => skipped.push(s), warn: (w) => warnings.push(w) };
  const dates = createDateColumn();
  for (const row of rows) {
    dates.add(row.cells.date, row.line);
    normalizeRow(row, decimal, sink);
  }
  return { holdings, skipped, warnings, decimal, dates: dates.result() };
}

/**
 * An amount cell: its text, or the number a reader already read from a cell of the plain shape
 * ("318.03", "52,677.45", "1043": PLAIN_AMOUNT_DIGITS digits at most), which parseAmount reads the same
 * in a decimal-point file and which is always plausible.
 */
type AmountCell = string | number;

/** The numbers of a repeated row's amount cells (see RowVerdict); a blank cell has none. */
export interface RowNumbers {
  value?: number;
  quantity?: number;
  weight?: number;
}

/** Digits a plain amount read from bytes may have: below 10^15, so exact as a double and plausible. */
export const PLAIN_AMOUNT_DIGITS = 15;

/**
 * What normalizeRow decided for a one-line row, as a function of every cell but its amounts: the same
 * decision for any later row of the file with the same other cells, the same blank amount cells and
 * plain amounts in the others (a fast reader's verdict table repeats it with repeatVerdict).
 */
export type RowVerdict =
  | { readonly kind: 'holding'; readonly currency: string | null; readonly warnings: readonly VerdictWarning[] }
  | {
      readonly kind: 'skip';
      readonly currency: string | null;
      readonly reason: SkippedRow['reason'];
      readonly text: string;
      /** The skip carries the row's value (cash, derivatives, rows with no security). */
      readonly valued: boolean;
      readonly warnings: readonly VerdictWarning[];
    };

type VerdictWarning = Pick<RowWarning, 'code' | 'column' | 'value'>;

/** Where a repeated verdict goes: the row's warnings, its skip, or a holding's value and weight. */
export interface VerdictSink {
  skip(row: SkippedRow): void;
  warn(warning: RowWarning): void;
  holding(value: number | null, weight: number | null | undefined, currency: string | null): void;
}

type AmountCells = Readonly<Partial<Record<'value' | 'quantity' | 'weight', AmountCell>>>;

/**
 * One row's warnings, each sent to the sink as it comes and kept for the row's verdict; null for a
 * repeated row, whose warnings its verdict repeats. An object passed down rather than a closure per
 * row: normalizeRow runs once for every new row of a file, as cold code, where each closure and its
 * context is an allocation (issue 18). For the same reason its per-row loops are indexed.
 */
interface RowWarnings {
  readonly row: RawHolding;
  readonly sink: RowSink;
  /** Created by the first warning: most rows have none. */
  kept: VerdictWarning[] | null;
  /** Whether a warning other than a bad check digit came: then no verdict repeats the row. */
  amountOrBytes: boolean;
}

function warnRow(warnings: RowWarnings | null, code: RowWarning['code'], column: Concept, value: string): void {
  if (warnings === null) return;
  if (code !== 'BAD_CHECK_DIGIT') warnings.amountOrBytes = true;
  (warnings.kept ??= []).push({ code, column, value });
  warnings.sink.warn({ file: warnings.row.file, line: warnings.row.line, code, column, value });
}

/**
 * A text cell's amount when it is of the shapes parseAmount reads first (scannedPointAmount) in a
 * decimal-point file, without the result object parseAmount returns; NaN otherwise, and then parseAmount
 * decides. Three cells of every Vanguard row come this way.
 */
function pointAmountOf(cell: AmountCell, decimal: DecimalSeparator): number {
  return typeof cell === 'string' && decimal === '.' ? scannedPointAmount(cell) : Number.NaN;
}

function readAmount(cell: AmountCell, decimal: DecimalSeparator): ParsedAmount {
  return typeof cell === 'number' ? { ok: true, value: cell } : parseAmount(cell, decimal);
}

/** A value or quantity cell's amount: null when blank, and null with a warning when it does not read or cannot be. */
function amountIn(c: AmountCells, column: 'value' | 'quantity', decimal: DecimalSeparator, warnings: RowWarnings | null): number | null {
  const cell = c[column];
  if (cell === undefined) return null;
  if (typeof cell === 'number' && Math.abs(cell) <= MAX_PLAUSIBLE_AMOUNT) return cell;
  const scanned = pointAmountOf(cell, decimal);
  if (Math.abs(scanned) <= MAX_PLAUSIBLE_AMOUNT) return scanned;
  const parsed = readAmount(cell, decimal);
  if (parsed.ok && (parsed.value === null || Math.abs(parsed.value) <= MAX_PLAUSIBLE_AMOUNT)) return parsed.value;
  const text = String(cell);
  // "1e400" or three hundred digits would defeat --max-exposure and every share: an input problem at its line.
  warnRow(warnings, parsed.ok || /\d{16,}|\de[+]?\d/i.test(text) ? 'IMPLAUSIBLE_AMOUNT' : 'UNREADABLE_AMOUNT', column, text.slice(0, 40));
  return null;
}

/**
 * A weight column is a percentage ("4.56", "4,56 %", "<0.01%"): the row's share of the file, 0..1.
 * One that does not read is unknown; the weight is never what the screen's totals rest on.
 */
function shareOf(cell: AmountCell, decimal: DecimalSeparator): number | null {
  if (typeof cell === 'number') return Math.abs(cell) <= 100 ? cell / 100 : null;
  const scanned = pointAmountOf(cell, decimal);
  if (!Number.isNaN(scanned)) return Math.abs(scanned) <= 100 ? scanned / 100 : null;
  const parsed = parseAmount(cell, decimal);
  return parsed.ok && parsed.value !== null && Math.abs(parsed.value) <= 100 ? parsed.value / 100 : null;
}

/** A position's value: its value cell, else money in its quantity cell (a plain number has no currency sign: never money). */
function valueIn(c: AmountCells, decimal: DecimalSeparator, warnings: RowWarnings | null): number | null {
  if (c.value !== undefined) return amountIn(c, 'value', decimal, warnings);
  return typeof c.quantity === 'number' ? null : moneyInQuantity(c.quantity, decimal);
}

/** Repeats a verdict for a row at `line` whose amount cells read as `numbers`: the same events normalizeRow gave. */
export function repeatVerdict(verdict: RowVerdict, file: string, line: number, numbers: RowNumbers, sink: VerdictSink): void {
  for (const w of verdict.warnings) sink.warn({ file, line, code: w.code, column: w.column, value: w.value });
  if (verdict.kind === 'skip') {
    sink.skip({
      file,
      line,
      reason: verdict.reason,
      text: verdict.text,
      value: verdict.valued ? amountIn(numbers, 'value', '.', null) : null,
      ...(verdict.valued && verdict.currency !== null ? { currency: verdict.currency } : {}),
    });
    return;
  }
  sink.holding(valueIn(numbers, '.', null), numbers.weight === undefined ? undefined : shareOf(numbers.weight, '.'), verdict.currency);
}

/**
 * Whether a text starts with one of `letters` (lower-case ASCII), either case: the first letters of an
 * anchored /i expression's words, so that a text starting otherwise cannot match it. The cash and class
 * expressions each row is tested against then run only on the few texts that may match: seven expressions
 * a row were much of normalizeRow's own time on a file of new rows (issue 18). A non-unicode /i expression
 * folds no other character to an ASCII letter. test/normalize/rows-prefilter.test.ts holds each to its expression.
 */
function startsWithLetterIn(text: string, letters: string): boolean {
  if (text.length === 0) return false;
  // Sets the lower-case bit: an ASCII capital becomes its small letter, and nothing else becomes a letter.
  const code = text.charCodeAt(0) | 0x20;
  for (let i = 0; i < letters.length; i++) if (letters.charCodeAt(i) === code) return true;
  return false;
}

/** The first letters of CASH_NAME's, CASH_CLASSES' and DERIVATIVE_CLASSES' words. */
export const CASH_NAME_LETTERS = 'cpm';
export const CASH_CLASS_LETTERS = 'cmf';
export const DERIVATIVE_CLASS_LETTERS = 'fsopcwd';

/** CASH_NAME's test, run only on a text that may match it. */
export function isCashName(text: string): boolean {
  return startsWithLetterIn(text, CASH_NAME_LETTERS) && CASH_NAME.test(text);
}

/** CASH_CLASSES' test, run only on a text that may match it. */
export function isCashClass(text: string): boolean {
  return startsWithLetterIn(text, CASH_CLASS_LETTERS) && CASH_CLASSES.test(text);
}

/** DERIVATIVE_CLASSES' test, run only on a text that may match it. */
export function isDerivativeClass(text: string): boolean {
  return startsWithLetterIn(text, DERIVATIVE_CLASS_LETTERS) && DERIVATIVE_CLASSES.test(text);
}

/** An event being built: its optional fields are set after the literal, instead of spread in from objects made to be copied. */
type Building<T> = { -readonly [K in keyof T]: T[K] };

const TOTAL_SYMBOL_HAN = /^(?:合计|总计|小计|合計|總計)$/;
const WHITESPACE = /\s/;
const DIGIT = /\d/;
const STARTS_WITH_TOTAL = /^(?:sub)?totals?\b/i;
const TOTAL_CELL = /^(?:sub)?total$/i;
const IDENTIFIER_KINDS = ['isin', 'cusip', 'sedol'] as const;
/** A row's verdict has no warnings: one array for all of them. */
const NO_WARNINGS: readonly VerdictWarning[] = [];

/** IBKR's section-tagged CSV says the row type in its second cell: "Open Positions,Total,,Stocks,USD,,…". */
function typedTotal(raw: readonly string[]): boolean {
  const cells = Math.min(raw.length, 3);
  for (let i = 0; i < cells; i++) if (TOTAL_CELL.test((raw[i] ?? '').trim())) return true;
  return false;
}

/** A skipped row's event, and the verdict that repeats it (null when none can). */
function skipRow(
  row: RawHolding,
  decimal: DecimalSeparator,
  warnings: RowWarnings,
  repeatable: boolean,
  reason: SkippedRow['reason'],
  valued: boolean,
  label: string,
  currency: string | null,
): RowVerdict | null {
  const text = label.slice(0, 120);
  const skipped: Building<SkippedRow> = {
    file: row.file,
    line: row.line,
    reason,
    text,
    value: valued ? amountIn(row.cells, 'value', decimal, warnings) : null,
  };
  if (valued && currency !== null) skipped.currency = currency;
  if (row.lines !== undefined) skipped.lines = row.lines;
  warnings.sink.skip(skipped);
  return repeatable && !warnings.amountOrBytes
    ? { kind: 'skip', reason, text, valued, currency, warnings: warnings.kept ?? NO_WARNINGS }
    : null;
}

/**
 * Normalises one row: a holding, or a skipped row with its reason; warnings on the side. Returns the
 * verdict that repeats it for rows differing only in plain amounts, or null when none can (a decimal-comma
 * file, a row of several lines or with undecodable bytes, an amount that did not read).
 */
export function normalizeRow(row: RawHolding, decimal: DecimalSeparator, sink: RowSink): RowVerdict | null {
  const c = row.cells;
  const warnings: RowWarnings = { row, sink, kept: null, amountOrBytes: false };
  const repeatable = decimal === '.' && row.lines === undefined && row.undecodable !== true;
  if (row.undecodable === true) warnRow(warnings, 'UNDECODABLE_BYTES', 'name', row.raw.join(' ').slice(0, 80));
  const first = row.raw[0] ?? '';
  const currency = currencyOf(row);
  let name = present(c.name);
  let ticker = present(c.ticker);
  // Words in a Symbol column of a table with no name column ("HANGZHOU HIKVISION DIGITAL TECHNOLOGY")
  // are a name, not a ticker: as a ticker they would match nothing.
  if (name === null && ticker !== null && ticker.length > 12 && !DIGIT.test(ticker) && (ticker.match(/\p{L}{2,}/gu) ?? []).length >= 2) {
    name = ticker;
    ticker = null;
  }
  const label = name ?? ticker ?? first;

  const isin = present(c.isin);
  const cusip = present(c.cusip);
  const sedol = present(c.sedol);
  const hasIdentifier = isin !== null || cusip !== null || sedol !== null;
  const upperTicker = ticker === null ? null : ticker.toUpperCase();
  const symbolIsTotal =
    ticker !== null &&
    // Each of TOTAL_SYMBOL_HAN's words is two characters: the expression runs only on a ticker of two.
    (upperTicker === 'TOTAL' ||
      (ticker.length === 2 && TOTAL_SYMBOL_HAN.test(ticker)) ||
      (WHITESPACE.test(ticker) && TOTAL_IN_SYMBOL.test(ticker)));
  const noSecurity = ticker === null && !hasIdentifier;
  if (
    symbolIsTotal ||
    (noSecurity &&
      (TOTAL_TEXT.test(name ?? '') ||
        TOTAL_TEXT.test(first) ||
        (STARTS_WITH_TOTAL.test(name ?? first) && present(c.quantity) === null) ||
        typedTotal(row.raw)))
  ) {
    return skipRow(row, decimal, warnings, repeatable, 'total', false, label, currency);
  }
  const assetClass = present(c.assetClass) ?? '';
  if (
    isCashName(name ?? '') ||
    // Usually the same cell as the name, already tested.
    (first !== name && isCashName(first)) ||
    (upperTicker !== null &&
      ticker !== null &&
      // CORE_POSITION ends with "*": tested only on a ticker that does.
      (CASH_TICKERS.has(upperTicker) || (ticker.charCodeAt(ticker.length - 1) === 0x2a && CORE_POSITION.test(ticker)))) ||
    (noSecurity && CASH_LINE.test(name ?? first)) ||
    isCashClass(assetClass)
  ) {
    return skipRow(row, decimal, warnings, repeatable, 'cash', true, label, currency);
  }
  if (isDerivativeClass(assetClass)) {
    return skipRow(row, decimal, warnings, repeatable, 'derivative', true, label, currency);
  }

  const ids: Record<IdentifierKind, string | null> = { isin: null, cusip: null, sedol: null };
  for (let k = 0; k < IDENTIFIER_KINDS.length; k++) {
    const kind = IDENTIFIER_KINDS[k] ?? 'isin';
    const text = kind === 'isin' ? isin : kind === 'cusip' ? cusip : sedol;
    if (text === null) continue;
    // Nearly every cell is a valid identifier of its column's kind as printed, and a valid one is
    // canonical already (only digits and capitals, * @ #): canonicalIdentifier and the shape check
    // again would give the same. Decided first, it spares each row the canonical form's test.
    if (isValidIdentifier(kind, text)) {
      ids[kind] ??= text;
      continue;
    }
    const canonical = canonicalIdentifier(text);
    // A column of one kind may carry another ("Identifier": CUSIPs, and ISINs for non-US lines): shape and check digit decide.
    const byShape = isValidIdentifier(kind, canonical) ? kind : classifyIdentifier(canonical);
    if (byShape !== null) ids[byShape] ??= canonical;
    else {
      warnRow(warnings, 'BAD_CHECK_DIGIT', kind, text);
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
    return skipRow(row, decimal, warnings, repeatable, 'no-security', true, label, currency);
  }
  const holding: Building<Holding> = {
    file: row.file,
    line: row.line,
    account: present(c.account) ?? row.context,
    name,
    ticker,
    exchange: present(c.exchange),
    isin: ids.isin,
    cusip: ids.cusip,
    sedol: ids.sedol,
    quantity: amountIn(c, 'quantity', decimal, warnings),
    value: valueIn(c, decimal, warnings),
    currency,
    assetClass: assetClass === '' ? null : assetClass,
  };
  // Set only when the file has them, as before: a holding without a weight column has no weight key.
  if (c.weight !== undefined) holding.weight = shareOf(c.weight, decimal);
  if (row.tickerIsCode === true && ticker !== null) holding.tickerIsCode = true;
  sink.holding(holding);
  if (!repeatable || warnings.amountOrBytes) return null;
  return warnings.kept === null ? cleanHolding(currency) : { kind: 'holding', currency, warnings: warnings.kept };
}

/**
 * The currency of a row's value: the value header's ("Market Value (USD)") first, for a currency column
 * beside it may name where the security trades; else the row's currency cell; null when neither names one.
 */
function currencyOf(row: RawHolding): string | null {
  return row.valueCurrency ?? currencyCode(row.cells.currency);
}

/** The verdicts of most rows, shared by currency: a verdict table of a million rows holds one object for them. */
const CLEAN_HOLDINGS = new Map<string | null, RowVerdict>();
function cleanHolding(currency: string | null): RowVerdict {
  const known = CLEAN_HOLDINGS.get(currency);
  if (known !== undefined) return known;
  const verdict: RowVerdict = { kind: 'holding', currency, warnings: [] };
  // ISO 4217 has under 200 codes: the map stays small.
  CLEAN_HOLDINGS.set(currency, verdict);
  return verdict;
}
