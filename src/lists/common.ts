// Helpers shared by the importers: dates, tickers, ids, hashes, skip counts. Pure.

import { CsvError, parse } from 'csv-parse/sync';
import { ExchangeSchema, type Exchange } from '../dataset/schema.js';
import { findDate, isIsoDate } from '../normalize/dates.js';
import { canonicalCode, parseTicker, type Venue } from '../normalize/tickers.js';
import type { SkipCount } from './types.js';

/** "03 Jun 2021" (OFAC) or "2021-06-03" (CSL) → "2021-06-03"; null for anything else. */
export function parseListDate(text: string): string | null {
  const t = text.trim();
  if (isIsoDate(t)) return t;
  if (!/^\d{1,2} [A-Za-z]{3,9} \d{4}$/.test(t)) return null;
  return findDate(t);
}

/**
 * Shanghai or Shenzhen for a six-digit A- or B-share code, by the exchanges' code ranges:
 * Shenzhen 000–003, 200 (B), 300–301 (ChiNext); Shanghai 600–605, 688–689 (STAR), 900 (B).
 * Beijing (4xx, 8xx, 92x) is not a venue of the data schema.
 */
export function chinaVenue(code: string): 'XSHE' | 'XSHG' | null {
  if (!/^\d{6}$/.test(code)) return null;
  if (/^(00|20|30)/.test(code)) return 'XSHE';
  if (/^(60|68|90)/.test(code)) return 'XSHG';
  return null;
}

function isExchange(venue: Venue): venue is Exchange {
  return ExchangeSchema.safeParse(venue).success;
}

/** A ticker placed on one venue of the data schema, with the code as that venue prints it. */
export interface ResolvedTicker {
  readonly exchange: Exchange;
  readonly code: string;
}

/**
 * Places a ticker ("002415 CN", "603019CN", "00981 HK", "300367.SZ", or "002415" with an exchange
 * column) on one venue of the schema. Null when the notation names no venue, names a venue the schema
 * lacks (Germany, Singapore), or is ambiguous (Bloomberg "US" is any US market).
 */
export function resolveTicker(text: string, exchangeColumn?: string): ResolvedTicker | null {
  // OFAC writes "CODE CC" with one, two or no spaces ("600677  CN", "603019CN").
  const ofac = /^([A-Za-z0-9]+?)\s*([A-Z]{2})$/.exec(text.trim());
  const notation = ofac?.[1] !== undefined && ofac[2] !== undefined && exchangeColumn === undefined ? `${ofac[1]} ${ofac[2]}` : text;
  const ref = parseTicker(notation, exchangeColumn);
  if (ref === null || ref.venues === null || ref.venues.includes('OTHER')) return null;
  const venues = ref.venues.filter(isExchange);
  let exchange: Exchange | null = null;
  if (venues.length === 1) exchange = venues[0] ?? null;
  else if (venues.length === 2 && venues.includes('XSHE') && venues.includes('XSHG')) exchange = chinaVenue(ref.code.padStart(6, '0'));
  if (exchange === null) return null;
  const code = canonicalCode(exchange, ref.code);
  if (code === null) return null;
  if ((exchange === 'XSHE' || exchange === 'XSHG') && chinaVenue(code) !== exchange) return null;
  return { exchange, code };
}

/** 32-bit FNV-1a of a text, as 8 hex digits: short stable ids without node:crypto. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Lower-case ASCII words joined by dashes, at most `max` characters: a part of an entity id. */
export function slugify(text: string, max = 40): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= max) return slug;
  return slug.slice(0, max).replace(/-+[a-z0-9]*$/, '') || slug.slice(0, max);
}

/** Counts skipped records by reason and keeps a few examples. */
export class SkipCounter {
  private readonly counts = new Map<string, { count: number; examples: string[] }>();

  /** Counts one skipped record. */
  add(reason: string, example: string): void {
    const entry = this.counts.get(reason) ?? { count: 0, examples: [] };
    entry.count++;
    if (entry.examples.length < 5 && example !== '') entry.examples.push(example);
    this.counts.set(reason, entry);
  }

  /** The counts in the order reasons were first met. */
  list(): SkipCount[] {
    return [...this.counts].map(([reason, { count, examples }]) => ({ reason, count, examples }));
  }
}

/** "-0-" is OFAC's null; everything is trimmed. */
export function ofacField(cell: string | undefined): string {
  const t = (cell ?? '').trim();
  return t === '-0-' ? '' : t;
}

/** One CSV record and the physical line it starts on. */
export interface CsvRecord {
  readonly line: number;
  readonly cells: readonly string[];
}

export type CsvParse =
  | { readonly ok: true; readonly records: readonly CsvRecord[] }
  | { readonly ok: false; readonly line: number | null; readonly message: string };

/** A property of a value parsed by an untyped library, or undefined: read as unknown, checked where used. */
function property(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
}

/** Parses RFC 4180 text (any line ending, BOM, OFAC's trailing Ctrl-Z); blank lines are left out. */
export function parseCsv(text: string): CsvParse {
  // One record delimiter for the whole text: csv-parse keeps the first one it meets.
  // eslint-disable-next-line no-control-regex -- OFAC's files end in a Ctrl-Z (U+001A), which is what it removes
  const clean = text.replace(/\u001a\s*$/, '').replace(/\r\n?/g, '\n');
  let parsed: unknown;
  try {
    parsed = parse(clean, { info: true, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  } catch (error) {
    if (error instanceof CsvError) return { ok: false, line: typeof error.lines === 'number' ? error.lines : null, message: error.message };
    throw error;
  }
  const records: CsvRecord[] = [];
  if (!Array.isArray(parsed)) return { ok: true, records };
  let previousEnd = 0;
  for (const item of parsed) {
    const cells = property(item, 'record');
    const lines = property(property(item, 'info'), 'lines');
    if (!Array.isArray(cells) || typeof lines !== 'number') continue;
    const strings = cells.map(String);
    if (!(strings.length === 1 && (strings[0] ?? '').trim() === '')) records.push({ line: previousEnd + 1, cells: strings });
    previousEnd = lines;
  }
  return { ok: true, records };
}
