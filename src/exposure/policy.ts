import type { Match, Status } from '../model.js';

/** Scores at which a name match is flagged or sent to review. One place; `--min-score` overrides `review`. */
export interface Thresholds {
  readonly flag: number;
  readonly review: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { flag: 0.9, review: 0.75 };

/**
 * The status a match earns. Identifiers and exchange codes of the entity itself are flagged; a related
 * company, or a fact the list marks unverified, can only ask for review.
 */
export function statusOf(match: Match, thresholds: Thresholds = DEFAULT_THRESHOLDS): Status | null {
  if (match.score < thresholds.review) return null;
  if (match.target.relation !== 'self' || match.unverified) return 'review';
  return match.score >= thresholds.flag ? 'flagged' : 'review';
}
