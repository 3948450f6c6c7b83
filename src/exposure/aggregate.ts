import type { Fund } from '../dataset/funds-schema.js';
import type {
  CurrencyTotal,
  EntityTotal,
  Finding,
  FundTotal,
  Holding,
  KindTotal,
  ScreenSummary,
  Status,
  UnscreenedFund,
} from '../model.js';
import { compareText } from '../order.js';
import { compareCurrencies } from './currency.js';

/** A fund position that was looked through, and the findings it gave. */
export interface FundPosition {
  readonly fund: Fund;
  readonly holding: Holding;
  readonly findings: readonly Finding[];
}

const STATUS_ORDER: Readonly<Record<Status, number>> = { flagged: 0, review: 1, ignored: 2 };

/** Report order: flagged, review, ignored; then entity, file and line. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    compareText(a.match.target.entityId, b.match.target.entityId) ||
    compareText(a.holding.file, b.holding.file) ||
    a.holding.line - b.holding.line
  );
}

/**
 * An exposure in whole cents, gross: a short position in a listed company is exposure to it too, and
 * must not cancel a long one elsewhere in the portfolio. Cents avoid float drift in sums.
 */
export function exposureCents(value: number | null): number {
  return value === null ? 0 : Math.round(Math.abs(value) * 100);
}

/** Sums findings per entity and for the portfolio. Values are summed in cents to avoid float drift. */
export function summarize(
  findings: readonly Finding[],
  portfolioValue: number | null,
  funds: readonly FundPosition[] = [],
  notLookedThrough: readonly UnscreenedFund[] = [],
  grossPortfolioValue: number | null = portfolioValue === null ? null : Math.abs(portfolioValue),
): ScreenSummary {
  const cents = exposureCents;
  const counts: Record<Status, number> = { flagged: 0, review: 0, ignored: 0 };
  let flaggedCents = 0;
  let longCents = 0;
  let shortCents = 0;
  let flaggedUnknown = 0;
  let reviewCents = 0;
  const byEntity = new Map<string, { name: string; cents: number; findings: number; unknown: number }>();
  for (const f of findings) {
    counts[f.status]++;
    if (f.status === 'review') reviewCents += cents(f.exposure.value);
    if (f.status !== 'flagged') continue;
    flaggedCents += cents(f.exposure.value);
    if (f.exposure.value === null) flaggedUnknown++;
    else if (f.exposure.value < 0) shortCents -= cents(f.exposure.value);
    else longCents += cents(f.exposure.value);
    const entry = byEntity.get(f.match.target.entityId) ?? { name: f.match.target.entityName, cents: 0, findings: 0, unknown: 0 };
    entry.cents += cents(f.exposure.value);
    entry.findings++;
    if (f.exposure.value === null) entry.unknown++;
    byEntity.set(f.match.target.entityId, entry);
  }
  const totals: EntityTotal[] = [...byEntity.entries()]
    .map(([id, e]) => ({
      id,
      name: e.name,
      value: e.unknown > 0 ? null : e.cents / 100,
      knownValue: e.cents / 100,
      unknownValue: e.unknown,
      findings: e.findings,
    }))
    .sort((a, b) => b.knownValue - a.knownValue || compareText(a.id, b.id));
  // Unknown is never zero: with one flagged value unknown, the total is unknown too, and the known part
  // is reported as what it is, a lower bound.
  const flaggedKnown = flaggedCents / 100;
  const flaggedValue = flaggedUnknown > 0 ? null : flaggedKnown;
  const base = exposureBase(portfolioValue, grossPortfolioValue);
  const share = (value: number | null): number | null => (value === null || base === null || base === 0 ? null : value / base);
  const kindTotal = (kind: Finding['kind']): KindTotal => {
    const flagged = findings.filter((f) => f.status === 'flagged' && f.kind === kind);
    const value = flagged.reduce((sum, f) => sum + cents(f.exposure.value), 0) / 100;
    return { findings: flagged.length, value, weight: share(value), unknownValue: flagged.filter((f) => f.exposure.value === null).length };
  };
  const byFund = fundTotals(
    funds.map((p) => ({
      fundId: p.fund.id,
      ticker: p.fund.ticker,
      name: p.fund.name,
      file: p.holding.file,
      line: p.holding.line,
      positionValue: p.holding.value,
    })),
    findings,
  );
  return {
    portfolioValue,
    grossPortfolioValue,
    flaggedValue,
    flaggedWeight: share(flaggedValue) ?? statedShare(findings, base),
    flaggedValueKnown: flaggedKnown,
    flaggedUnknown,
    flaggedLong: longCents / 100,
    flaggedShort: shortCents / 100,
    reviewValue: reviewCents / 100,
    counts,
    byEntity: totals,
    direct: kindTotal('direct'),
    indirect: kindTotal('indirect'),
    byFund,
    notLookedThrough,
  };
}

/**
 * With no values to take shares on, the flagged share as the file states it (its weight column), when
 * every flagged finding has one; null otherwise. Findings carry such a weight only then (screen.ts).
 */
function statedShare(findings: readonly Finding[], base: number | null): number | null {
  if (base !== null) return null;
  const flagged = findings.filter((f) => f.status === 'flagged');
  if (flagged.length === 0 || flagged.some((f) => f.exposure.weight === null)) return null;
  return flagged.reduce((sum, f) => sum + (f.exposure.weight ?? 0), 0);
}

type FundKey = Pick<FundTotal, 'fundId' | 'ticker' | 'name' | 'file' | 'line' | 'positionValue'>;

/** Totals per looked-through position, from the findings' final statuses (after ignore rules). */
function fundTotals(positions: readonly FundKey[], findings: readonly Finding[]): FundTotal[] {
  const cents = exposureCents;
  const byPosition = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.kind !== 'indirect') continue;
    const key = `${f.holding.file}:${f.holding.line}`;
    byPosition.set(key, [...(byPosition.get(key) ?? []), f]);
  }
  return positions.map((p) => {
    const own = byPosition.get(`${p.file}:${p.line}`) ?? [];
    const flagged = own.filter((f) => f.status === 'flagged');
    return {
      fundId: p.fundId,
      ticker: p.ticker,
      name: p.name,
      file: p.file,
      line: p.line,
      positionValue: p.positionValue,
      flaggedValue: flagged.reduce((sum, f) => sum + cents(f.exposure.value), 0) / 100,
      findings: own.length,
      bases: [...new Set(own.map((f) => f.via?.basis.kind ?? ''))].filter((b) => b !== '').sort(),
      entities: [...new Set(own.map((f) => f.match.target.entityId))].sort(),
    };
  });
}

/**
 * The base a share of the portfolio is taken on: the gross value of the positions (longs plus the
 * absolute value of shorts, cash included), so that gross exposure is never more than 100 % of it.
 * Without short positions it is the portfolio value.
 */
export function exposureBase(portfolioValue: number | null, grossPortfolioValue: number | null): number | null {
  return grossPortfolioValue ?? (portfolioValue === null ? null : Math.abs(portfolioValue));
}

/**
 * Each currency's portfolio value with the gross flagged value of the findings in it (their value in
 * that currency, `exposure.local`), summed in cents; currencies in report order, not stated last.
 */
export function currencyTotals(
  portfolios: readonly { readonly currency: string | null; readonly portfolioValue: number }[],
  findings: readonly Finding[],
): CurrencyTotal[] {
  const flagged = new Map<string | null, number>();
  for (const f of findings) {
    const local = f.exposure.local;
    if (f.status !== 'flagged' || local === undefined || local.value === null) continue;
    flagged.set(local.currency, (flagged.get(local.currency) ?? 0) + exposureCents(local.value));
  }
  return [...portfolios]
    .sort((a, b) => compareCurrencies(a.currency, b.currency))
    .map((p) => ({ currency: p.currency, portfolioValue: p.portfolioValue, flaggedValue: (flagged.get(p.currency) ?? 0) / 100 }));
}

/** Recomputes the summary after statuses changed (ignore rules), keeping the funds that were looked through and the currencies. */
export function resummarize(findings: readonly Finding[], previous: ScreenSummary): ScreenSummary {
  return {
    ...summarize(findings, previous.portfolioValue, [], previous.notLookedThrough, previous.grossPortfolioValue),
    byFund: fundTotals(previous.byFund, findings),
    ...(previous.byCurrency === undefined ? {} : { byCurrency: currencyTotals(previous.byCurrency, findings) }),
    ...(previous.conversion === undefined ? {} : { conversion: previous.conversion }),
  };
}
