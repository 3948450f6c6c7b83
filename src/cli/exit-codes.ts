// The one owner of exit codes. Documented in README.md ("Exit codes").

import { breachesPolicy, type FailPolicy } from '../exposure/policy.js';
import type { ScreenResult } from '../model.js';

export const EXIT = {
  /** Screened; nothing breaks the fail policy. */
  clean: 0,
  /** Screened; findings break the fail policy (--fail-on, --scope, --max-exposure). */
  findings: 1,
  /** Could not screen: usage, input or data error. */
  error: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** 1 when the findings break the policy, else 0. */
export function exitCodeFor(result: ScreenResult, policy: FailPolicy): ExitCode {
  return breachesPolicy(result.findings, result.summary.portfolioValue, policy) ? EXIT.findings : EXIT.clean;
}
