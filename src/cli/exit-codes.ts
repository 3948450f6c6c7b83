// The one owner of exit codes. Documented in README.md ("Exit codes").

import type { ScreenResult, Status } from '../model.js';

export const EXIT = {
  /** Screened; no finding at or above --fail-on. */
  clean: 0,
  /** Screened; at least one finding at or above --fail-on. */
  findings: 1,
  /** Could not screen: usage, input or data error. */
  error: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export type FailOn = Status | 'none';

/** 1 when a finding is at or above the failing status (flagged > review), else 0. */
export function exitCodeFor(result: ScreenResult, failOn: FailOn): ExitCode {
  if (failOn === 'none') return EXIT.clean;
  const failing = result.findings.some((f) => f.status === 'flagged' || (failOn === 'review' && f.status === 'review'));
  return failing ? EXIT.findings : EXIT.clean;
}
