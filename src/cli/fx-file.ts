// The rates file of --fx-file: loaded only when one is given, so a screen without one does not load zod.
//
//   currency,rate,as_of,source
//   EUR,1.08,2026-11-30,"ECB euro foreign exchange reference rates, 16:00 CET"
//   HKD,0.128
//
// A header line naming the columns (currency and rate; as_of and source may follow), then one line per
// currency: units of the base currency per unit of it. Blank lines and lines starting with # are notes.
// It is CSV as RFC 4180 writes it (a source naming its publisher and time has commas, so it is quoted),
// read by the same parser as the list files.

import { z } from 'zod';
import { UsageError } from '../errors.js';
import { fxRateProblem } from '../exposure/currency.js';
import type { FxRate } from '../model.js';
import { parseCsv } from '../lists/common.js';
import { isIsoDate } from '../normalize/dates.js';

const COLUMNS = ['currency', 'rate', 'as_of', 'source'] as const;

const RateLine = z.strictObject({
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code, three capital letters (EUR)'),
  rate: z
    .string()
    .regex(/^[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/, 'must be a number written with a decimal point (1.08)')
    .transform(Number),
  as_of: z
    .string()
    .refine((d) => d === '' || isIsoDate(d), 'must be a date written YYYY-MM-DD')
    .optional(),
  source: z.string().optional(),
});

const HINT = 'a rates file is CSV: a header "currency,rate,as_of,source" (as_of and source optional), then e.g. "EUR,1.08,2026-11-30,ECB"';

/** The rates of a rates file, in file order; a bad line is a UsageError naming file:line. */
export function parseFxFile(text: string, path: string, base: string): FxRate[] {
  const parsed = parseCsv(text);
  if (!parsed.ok)
    throw new UsageError(`${path}${parsed.line === null ? '' : `:${parsed.line}`}: not CSV (${parsed.message})`, { hint: HINT });
  const rates: FxRate[] = [];
  const seen = new Map<string, number>();
  let header: string[] | null = null;
  parsed.records.forEach(({ line: lineNumber, cells: raw }) => {
    const at = `${path}:${lineNumber}`;
    const cells = raw.map((c) => c.trim());
    if (cells.every((c) => c === '') || (cells[0] ?? '').startsWith('#')) return;
    if (header === null) {
      const named = cells.map((c) => c.toLowerCase());
      const unknown = named.find((c) => !COLUMNS.some((k) => k === c));
      if (named[0] !== 'currency' || named[1] !== 'rate' || unknown !== undefined)
        throw new UsageError(`${at}: the header must name the columns currency,rate[,as_of,source]`, { hint: HINT });
      header = named;
      return;
    }
    if (cells.length > header.length)
      throw new UsageError(`${at}: ${cells.length} cells under a header of ${header.length}`, { hint: HINT });
    const names = header;
    const parsed = RateLine.safeParse(Object.fromEntries(cells.map((c, k) => [names[k] ?? '', c])));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UsageError(`${at}: ${String(issue?.path[0] ?? 'line')} ${issue?.message ?? 'is invalid'}`, { hint: HINT });
    }
    const { currency, rate, as_of: asOf, source } = parsed.data;
    const problem = fxRateProblem(currency, rate, base);
    if (problem !== null) throw new UsageError(`${at}: ${problem}`, { hint: HINT });
    const earlier = seen.get(currency);
    if (earlier !== undefined)
      throw new UsageError(`${at}: ${currency} is given twice (line ${earlier})`, { hint: 'keep one rate per currency' });
    seen.set(currency, lineNumber);
    rates.push({
      currency,
      rate,
      asOf: asOf === undefined || asOf === '' ? null : asOf,
      source: source === undefined || source === '' ? null : source,
    });
  });
  if (header === null) throw new UsageError(`${path}: no rates in the file`, { hint: HINT });
  return rates;
}
