// The pure pipeline: rows → normalised holdings → matches → findings → summary.

import type { DatasetFile } from './dataset/schema.js';
import { compareFindings, summarize } from './exposure/aggregate.js';
import { DEFAULT_THRESHOLDS, statusOf, type Thresholds } from './exposure/policy.js';
import { buildMatchIndex, type MatchIndex } from './match/build-index.js';
import { createMatcher } from './match/match-positions.js';
import type { Finding, InputSummary, RawHolding, ScreenResult, SkippedRow } from './model.js';
import { findDate } from './normalize/dates.js';
import { normalizeRows } from './normalize/rows.js';

/** One file's rows as ingestion produced them. */
export interface ScreenInput {
  readonly file: string;
  readonly encoding: string;
  readonly asOfText: string | null;
  readonly rows: readonly RawHolding[];
  readonly skipped: readonly SkippedRow[];
}

export interface ScreenOptions {
  /** The user's --as-of; otherwise the first file's own date, otherwise `today`. */
  readonly asOf?: string;
  /** Today's date, injected so results are reproducible. */
  readonly today: string;
  readonly thresholds?: Thresholds;
  /** A compiled index, when the caller screens many files against one list. */
  readonly index?: MatchIndex;
}

/** Screens the inputs against the dataset. Deterministic: same inputs, same result. */
export function screen(inputs: readonly ScreenInput[], dataset: DatasetFile, options: ScreenOptions): ScreenResult {
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const match = createMatcher(options.index ?? buildMatchIndex(dataset), thresholds.review);
  const findings: Finding[] = [];
  const summaries: InputSummary[] = [];
  let portfolioCents = 0;
  let anyValue = false;

  for (const input of inputs) {
    const normalized = normalizeRows(input.rows);
    let fileCents = 0;
    let fileHasValue = false;
    const fileFindings: Finding[] = [];
    for (const holding of normalized.holdings) {
      if (holding.value !== null) {
        fileCents += Math.round(holding.value * 100);
        fileHasValue = true;
      }
      const outcome = match(holding);
      if (outcome.kind !== 'match') continue;
      const status = statusOf(outcome.match, thresholds);
      if (status === null) continue;
      fileFindings.push({ status, kind: 'direct', holding, match: outcome.match, exposure: { value: holding.value, weight: null }, ignoredBy: null });
    }
    // Cash is part of the portfolio even though it is not screened.
    for (const s of normalized.skipped) {
      if (s.value !== null) {
        fileCents += Math.round(s.value * 100);
        fileHasValue = true;
      }
    }
    findings.push(...fileFindings);
    portfolioCents += fileCents;
    anyValue ||= fileHasValue;
    const skipped = [...input.skipped, ...normalized.skipped].sort((a, b) => a.line - b.line);
    summaries.push({
      file: input.file,
      encoding: input.encoding,
      asOf: input.asOfText === null ? null : findDate(input.asOfText),
      rows: { total: normalized.holdings.length + skipped.length, screened: normalized.holdings.length, skipped: skipped.length },
      skipped,
      warnings: normalized.warnings,
      portfolioValue: fileHasValue ? fileCents / 100 : null,
    });
  }

  const portfolioValue = anyValue ? portfolioCents / 100 : null;
  const weighted: Finding[] = findings
    .map((f) => ({
      ...f,
      exposure: {
        value: f.exposure.value,
        weight: f.exposure.value === null || portfolioValue === null || portfolioValue === 0 ? null : f.exposure.value / portfolioValue,
      },
    }))
    .sort(compareFindings);

  const fileAsOf = summaries.find((s) => s.asOf !== null)?.asOf ?? null;
  const asOf = options.asOf ?? fileAsOf ?? options.today;
  return {
    asOf,
    asOfSource: options.asOf !== undefined ? 'option' : fileAsOf !== null ? 'file' : 'today',
    dataset: { version: dataset.version, reviewedAt: dataset.reviewedAt, entities: dataset.entities.length },
    inputs: summaries,
    findings: weighted,
    summary: summarize(weighted, portfolioValue),
  };
}
