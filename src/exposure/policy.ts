import type { Match, RowWarning, ScreenSummary, Status } from '../model.js';
import { exposureCents } from './aggregate.js';

/** Scores at which a name match is flagged or sent to review. One place; `--min-score` overrides `review`. */
export interface Thresholds {
  readonly flag: number;
  readonly review: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { flag: 0.9, review: 0.75 };

/**
 * The status a match earns. Identifiers and exchange codes of the entity itself are flagged; a related
 * company, or a fact the list marks unverified, can only ask for review; so can a name that is not
 * exact when the entity comes from an imported list (`imported`).
 */
export function statusOf(match: Match, thresholds: Thresholds = DEFAULT_THRESHOLDS, imported = false): Status | null {
  if (match.score < thresholds.review) return null;
  if (match.target.relation !== 'self' || match.unverified) return 'review';
  // Imported lists have no curated look-alikes: only an exact name is sure enough to flag.
  if (imported && match.on === 'name' && match.score < 1) return 'review';
  return match.score >= thresholds.flag ? 'flagged' : 'review';
}

/** What the dates do to a finding's status, as codes; the finding's flags (beforeListing, listingEnded) carry them. */
export type DateReason = 'BEFORE_LISTING' | 'LISTING_ENDED';

/**
 * The status a finding ends with, from the status its evidence earns (statusOf, or a fund constituent's)
 * and what the as-of date says: before the entity was listed it is a review unless
 * --include-before-listing; once every listing has ended, it is a review. One owner for direct and
 * indirect findings alike.
 */
export function settleStatus(
  earned: Status,
  when: { readonly beforeListing: boolean; readonly includeBeforeListing: boolean; readonly listingEnded: boolean },
): { readonly status: Status; readonly reasons: readonly DateReason[] } {
  const reasons: DateReason[] = [];
  if (when.beforeListing) reasons.push('BEFORE_LISTING');
  if (when.listingEnded) reasons.push('LISTING_ENDED');
  const lowered = earned === 'flagged' && ((when.beforeListing && !when.includeBeforeListing) || when.listingEnded);
  return { status: lowered ? 'review' : earned, reasons };
}

/** When a screen should fail a CI job. */
export interface FailPolicy {
  /** Lowest status that counts; `none` never fails. */
  readonly failOn: 'flagged' | 'review' | 'none';
  /** `direct` ignores findings held through funds. */
  readonly scope: 'all' | 'direct';
  /** Fail only when the counted exposure exceeds this; null fails on any counted finding. */
  readonly maxExposure: { readonly kind: 'value'; readonly value: number } | { readonly kind: 'weight'; readonly value: number } | null;
}

export const DEFAULT_FAIL_POLICY: FailPolicy = { failOn: 'flagged', scope: 'all', maxExposure: null };

/** "25000", "$25,000" → a value; "0.5%" → a weight of 0.005. Null when the text is neither. */
export function parseMaxExposure(text: string): FailPolicy['maxExposure'] {
  const t = text.trim();
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(t);
  if (percent?.[1] !== undefined) return { kind: 'weight', value: Number(percent[1]) / 100 };
  const amount = /^\$?\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$/.exec(t);
  if (amount?.[1] !== undefined) return { kind: 'value', value: Number(amount[1].replace(/,/g, '') + (amount[2] ?? '')) };
  return null;
}

/** Why a screen breaks its fail policy, or does not: one code, worded in report/finding-text.ts. */
export type PolicyVerdict =
  | { readonly breached: false; readonly reason: 'none-counted' | 'never-fails' | 'within-limit' }
  | { readonly breached: true; readonly reason: 'counted' | 'over-limit' }
  | { readonly breached: true; readonly reason: 'unknown-value'; readonly unknown: number }
  | { readonly breached: true; readonly reason: 'unknown-base' };

/**
 * Whether the findings break the policy, and why. A limit on exposure needs values: a counted finding
 * of unknown value, or a share without a portfolio value to take it on, fails closed.
 */
export function policyVerdict(
  findings: readonly {
    readonly status: Status;
    readonly kind: 'direct' | 'indirect';
    readonly exposure: { readonly value: number | null };
  }[],
  base: number | null,
  policy: FailPolicy,
): PolicyVerdict {
  if (policy.failOn === 'none') return { breached: false, reason: 'never-fails' };
  const counted = findings.filter(
    (f) =>
      (f.status === 'flagged' || (policy.failOn === 'review' && f.status === 'review')) && (policy.scope === 'all' || f.kind === 'direct'),
  );
  if (counted.length === 0) return { breached: false, reason: 'none-counted' };
  const limit = policy.maxExposure;
  if (limit === null) return { breached: true, reason: 'counted' };
  const unknown = counted.filter((f) => f.exposure.value === null).length;
  if (unknown > 0) return { breached: true, reason: 'unknown-value', unknown };
  const cents = counted.reduce((sum, f) => sum + exposureCents(f.exposure.value), 0);
  if (limit.kind === 'value')
    return cents / 100 > limit.value ? { breached: true, reason: 'over-limit' } : { breached: false, reason: 'within-limit' };
  if (base === null || base <= 0) return { breached: true, reason: 'unknown-base' };
  return cents / 100 / base > limit.value ? { breached: true, reason: 'over-limit' } : { breached: false, reason: 'within-limit' };
}

/**
 * Whether the screen's values are in several currencies and were not converted into one (no base
 * currency, or a currency without a rate): every single-number total is then unknown.
 */
export function valuesNotAddedUp(summary: Pick<ScreenSummary, 'byCurrency' | 'conversion'>): boolean {
  return summary.byCurrency !== undefined && (summary.conversion === undefined || summary.conversion.missing.length > 0);
}

/**
 * Whether --max-exposure cannot be checked because the screen's values are in several currencies, not
 * converted into one: it fails closed as an input problem (exit 2).
 */
export function limitUncheckable(
  result: { readonly summary: Pick<ScreenSummary, 'byCurrency' | 'conversion'> },
  policy: Pick<FailPolicy, 'maxExposure'>,
): boolean {
  return policy.maxExposure !== null && valuesNotAddedUp(result.summary);
}

/** Whether the findings break the policy (see policyVerdict). */
export function breachesPolicy(
  findings: readonly {
    readonly status: Status;
    readonly kind: 'direct' | 'indirect';
    readonly exposure: { readonly value: number | null };
  }[],
  base: number | null,
  policy: FailPolicy,
): boolean {
  return policyVerdict(findings, base, policy).breached;
}

/** Row warnings that make a screen unsure: its verdict cannot be clean while they stand (exit 2). */
const BLOCKING_WARNINGS: ReadonlySet<RowWarning['code']> = new Set<RowWarning['code']>(['IMPLAUSIBLE_AMOUNT', 'UNDECODABLE_BYTES']);

/**
 * A file's value column is unreadable, not merely untidy, when more than this share of its positions
 * have a value cell that does not parse under the file's number convention ("1.234,56" read with a
 * decimal point): its total would rest on the rest, so the screen cannot be clean (exit 2).
 */
const UNREADABLE_VALUE_SHARE = 0.05;

/** Whether a file's unreadable value cells are above the threshold (UNREADABLE_VALUE_SHARE). */
function valuesUnreadable(input: { readonly warnings: readonly RowWarning[]; readonly rows?: { readonly screened: number } }): boolean {
  const unreadable = input.warnings.filter((w) => w.code === 'UNREADABLE_AMOUNT' && w.column === 'value').length;
  const positions = input.rows?.screened ?? unreadable;
  return unreadable > 0 && unreadable > UNREADABLE_VALUE_SHARE * Math.max(positions, 1);
}

/** The rows whose warnings keep a screen from being clean, in file order. */
export function inputProblems(
  inputs: readonly { readonly warnings: readonly RowWarning[]; readonly rows?: { readonly screened: number } }[],
): RowWarning[] {
  return inputs.flatMap((i) => {
    const unreadable = valuesUnreadable(i);
    return i.warnings.filter(
      (w) => BLOCKING_WARNINGS.has(w.code) || (unreadable && w.code === 'UNREADABLE_AMOUNT' && w.column === 'value'),
    );
  });
}

/** What a report's headline says: flagged, for a person to review, or clean. */
export type ScreenVerdict = 'flagged' | 'review' | 'clean';

/**
 * The headline of a screen, whatever the fail policy: flagged when a finding is flagged; review when a
 * finding is for review, a fund position was not looked through (and no rule accepts that), or a row could
 * not be read as it stands; clean only when none of these holds.
 */
export function screenVerdict(result: {
  readonly findings: readonly { readonly status: Status }[];
  readonly inputs: readonly { readonly warnings: readonly RowWarning[]; readonly rows?: { readonly screened: number } }[];
  readonly summary: { readonly notLookedThrough: readonly { readonly acceptedBy: unknown }[] };
}): ScreenVerdict {
  if (result.findings.some((f) => f.status === 'flagged')) return 'flagged';
  const open = result.summary.notLookedThrough.some((u) => u.acceptedBy === null);
  if (open || result.findings.some((f) => f.status === 'review') || inputProblems(result.inputs).length > 0) return 'review';
  return 'clean';
}
