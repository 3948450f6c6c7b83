// The one owner of exit codes. Documented in README.md ("Exit codes").

import { exposureBase } from '../exposure/aggregate.js';
import { inputProblems, limitUncheckable, policyVerdict, type FailPolicy } from '../exposure/policy.js';
import type { ScreenResult } from '../model.js';

export const EXIT = {
  /** Screened; nothing breaks the fail policy. */
  clean: 0,
  /** Screened; findings break the fail policy (--fail-on, --scope, --max-exposure), or with --require-look-through a fund position was not looked through. */
  findings: 1,
  /** Could not screen: usage, input or data error, or a row that could not be read as it stands (nothing flagged). */
  error: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * 1 when the findings break the policy. Else 2 when a row could not be read as it stands (bytes not
 * valid in the file's encoding, an implausible amount): the screen cannot be clean and cannot say what
 * it missed. Else 1 when look-through is required and a position that looks like a fund was not looked
 * through (what it holds is unknown) and no ignore-file rule accepts that; else 0.
 */
export function exitCodeFor(
  result: ScreenResult,
  policy: FailPolicy,
  coverage: { readonly requireLookThrough: boolean } = { requireLookThrough: false },
): ExitCode {
  // A limit on a total that is in several currencies cannot be checked at all: unsure, whatever was found.
  if (limitUncheckable(result, policy)) return EXIT.error;
  const base = exposureBase(result.summary.portfolioValue, result.summary.grossPortfolioValue);
  if (policyVerdict(result.findings, base, policy).breached) return EXIT.findings;
  if (inputProblems(result.inputs).length > 0) return EXIT.error;
  const open = result.summary.notLookedThrough.filter((u) => u.acceptedBy === null);
  return coverage.requireLookThrough && open.length > 0 ? EXIT.findings : EXIT.clean;
}
