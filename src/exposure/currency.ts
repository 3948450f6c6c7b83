// The one owner of what currency a value is in, and of converting values into one base currency.
// Pure: the rates come from --fx and --fx-file (src/cli/fx-rates.ts reads them); every total and
// every reporter reads what this decides.

import type { FxRate } from '../model.js';
import { currencyCode } from '../normalize/amounts.js';
import { compareText } from '../order.js';

/** The base currency the user asked for, and the rates given for other currencies. */
export interface FxTable {
  readonly base: string;
  readonly rates: ReadonlyMap<string, FxRate>;
}

/**
 * How a screen's values become single-number totals:
 * - `one`: every value is in one currency, or none states one (the common brokerage case): summed as they are;
 * - `converted`: a base currency and a rate for every other currency present: each value is converted;
 * - `several`: values in several currencies (values with no stated currency count as one of them), or a
 *   currency with no rate: not added up; `missing` names the currencies a rate would be needed for.
 */
export type CurrencyPlan =
  | { readonly kind: 'one' }
  | { readonly kind: 'converted'; readonly base: string; readonly rates: readonly FxRate[] }
  | { readonly kind: 'several'; readonly currencies: readonly (string | null)[]; readonly missing: readonly string[] };

/**
 * The currency a value is in: the one its row or table states; with a base currency, a value that
 * states none is taken to be in it; else null (not stated, which is not USD or any other).
 */
export function valueCurrency(stated: string | null, fx: FxTable | null): string | null {
  return stated ?? fx?.base ?? null;
}

/** Orders currency keys for reports: codes alphabetically, not stated last. */
export function compareCurrencies(a: string | null, b: string | null): number {
  return compareText(a ?? '~', b ?? '~');
}

/** The plan for the currencies present (each already through valueCurrency). */
export function currencyPlan(present: Iterable<string | null>, fx: FxTable | null): CurrencyPlan {
  const currencies = [...new Set(present)].sort(compareCurrencies);
  if (fx === null) return currencies.length > 1 ? { kind: 'several', currencies, missing: [] } : { kind: 'one' };
  const missing = currencies.filter((c): c is string => c !== null && c !== fx.base && !fx.rates.has(c));
  if (missing.length > 0) return { kind: 'several', currencies, missing };
  const rates = currencies.flatMap((c) => (c === null || c === fx.base ? [] : [fx.rates.get(c)].filter((r) => r !== undefined)));
  return { kind: 'converted', base: fx.base, rates };
}

/** Whether the plan adds values up into one number. */
export function addsUp(plan: CurrencyPlan): boolean {
  return plan.kind !== 'several';
}

/** Whole cents in `currency` as cents of the plan's one currency; null when the plan does not add up. */
export function convertCents(cents: number, currency: string | null, plan: CurrencyPlan): number | null {
  if (plan.kind === 'several') return null;
  if (plan.kind === 'one' || currency === null || currency === plan.base) return cents;
  const rate = plan.rates.find((r) => r.currency === currency);
  return rate === undefined ? null : Math.round(cents * rate.rate);
}

/** A value in `currency` in the plan's one currency, exact to the cent; null when unknown or not convertible. */
export function convertValue(value: number | null, currency: string | null, plan: CurrencyPlan): number | null {
  if (value === null) return null;
  if (plan.kind === 'one') return value;
  const cents = convertCents(Math.round(value * 100), currency, plan);
  return cents === null ? null : cents / 100;
}

/** Why a rates entry is refused, or null when it is a positive finite rate of an ISO 4217 code. */
export function fxRateProblem(currency: string, rate: number, base: string): string | null {
  if (currencyCode(currency) !== currency) return `"${currency}" is not an ISO 4217 currency code (three capital letters, e.g. EUR)`;
  if (!Number.isFinite(rate) || rate <= 0) return `the rate of ${currency} must be a positive number`;
  if (currency === base && rate !== 1) return `${currency} is the base currency: its rate is 1`;
  return null;
}

/** "--fx EUR=1.08,HKD=0.128": each currency and its rate as written, or null for a part that is not CUR=RATE. */
export function splitFxOption(text: string): ({ readonly currency: string; readonly rate: number } | { readonly bad: string })[] {
  return text.split(',').map((part) => {
    const m = /^\s*([A-Za-z]{3})\s*=\s*([0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)\s*$/.exec(part);
    return m?.[1] === undefined || m[2] === undefined ? { bad: part } : { currency: m[1].toUpperCase(), rate: Number(m[2]) };
  });
}
