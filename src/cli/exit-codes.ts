// The one owner of exit codes. Documented in README.md ("Exit codes").

import { breachesPolicy, type FailPolicy } from '../exposure/policy.js';
import type { ScreenResult } from '../model.js';

export const EXIT = {
  /** Screened; nothing breaks the fail policy. */
  clean: 0,
  /** Screened; findings break the fail policy (--fail-on, --scope, --max-exposure), or with --require-look-through a fund position was not looked through. */
  findings: 1,
  /** Could not screen: usage, input or data error. */
  error: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * 1 when the findings break the policy, or when look-through is required and a position that looks
 * like a fund was not looked through (what it holds is unknown) and no ignore-file rule accepts that; else 0.
 */
export function exitCodeFor(result: ScreenResult, policy: FailPolicy, coverage: { readonly requireLookThrough: boolean } = { requireLookThrough: false }): ExitCode {
  if (breachesPolicy(result.findings, result.summary.portfolioValue, policy)) return EXIT.findings;
  const open = result.summary.notLookedThrough.filter((u) => u.acceptedBy === null);
  return coverage.requireLookThrough && open.length > 0 ? EXIT.findings : EXIT.clean;
}
