// The pure pipeline: rows → normalised holdings → matches and fund look-through → findings → summary.

import type { Fund } from './dataset/funds-schema.js';
import type { DatasetFile } from './dataset/schema.js';
import { compareFindings, summarize, type FundPosition } from './exposure/aggregate.js';
import { DEFAULT_THRESHOLDS, statusOf, type Thresholds } from './exposure/policy.js';
import { compositionFromScreen, expandPosition, shippedComposition, type Composition } from './look-through/expand.js';
import { portfolioOf, recognizeFund, type FundCatalog } from './look-through/funds.js';
import { buildMatchIndex, type MatchIndex } from './match/build-index.js';
import { createMatcher } from './match/match-positions.js';
import type { Finding, FundHop, InputSummary, RawHolding, ScreenResult, SkippedRow } from './model.js';
import { findDate } from './normalize/dates.js';
import { normalizeRows } from './normalize/rows.js';

/** One file's rows as ingestion produced them. */
export interface ScreenInput {
  readonly file: string;
  readonly encoding: string;
  readonly asOfText: string | null;
  readonly rows: readonly RawHolding[];
  readonly skipped: readonly SkippedRow[];
  /** SHA-256 of the file's bytes, reported when the file is a fund's look-through basis. */
  readonly sha256?: string;
}

export interface LookThroughOptions {
  readonly catalog: FundCatalog;
  /** Holdings files the user gave for funds (--funds), by fund id. */
  readonly fundFiles: ReadonlyMap<string, ScreenInput>;
  /** Flag findings dated before the entity's listing instead of sending them to review. */
  readonly includeBeforeListing: boolean;
}

export interface ScreenOptions {
  /** The user's --as-of; otherwise the first file's own date, otherwise `today`. */
  readonly asOf?: string;
  /** Today's date, injected so results are reproducible. */
  readonly today: string;
  readonly thresholds?: Thresholds;
  /** A compiled index, when the caller screens many files against one list. */
  readonly index?: MatchIndex;
  /** Fund data; without it fund positions are not looked through. */
  readonly lookThrough?: LookThroughOptions;
}

/** How deep funds inside funds are followed. */
export const MAX_FUND_DEPTH = 4;

interface Context {
  readonly depth: number;
  /** Portfolios being looked through on the way here: a fund that holds itself stops the walk. */
  readonly visiting: ReadonlySet<string>;
}

/** The date of each entity's primary listing (2019-10-09 for the 28). */
function listingDates(dataset: DatasetFile): Map<string, string> {
  const dates = new Map<string, string>();
  for (const e of dataset.entities) {
    const primary = e.listings.find((l) => l.primary);
    if (primary !== undefined) dates.set(e.id, primary.effective ?? primary.date);
  }
  return dates;
}

/** Screens the inputs against the dataset as one portfolio. Deterministic: same inputs, same result. */
export function screen(inputs: readonly ScreenInput[], dataset: DatasetFile, options: ScreenOptions): ScreenResult {
  return screenAt(inputs, dataset, options, { depth: 0, visiting: new Set() });
}

function screenAt(inputs: readonly ScreenInput[], dataset: DatasetFile, options: ScreenOptions, context: Context): ScreenResult {
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const index = options.index ?? buildMatchIndex(dataset);
  const match = createMatcher(index, thresholds.review);
  const listed = listingDates(dataset);
  const fileDates = inputs.map((i) => (i.asOfText === null ? null : findDate(i.asOfText)));
  const fileAsOf = fileDates.find((d) => d !== null) ?? null;
  const asOf = options.asOf ?? fileAsOf ?? options.today;
  const lookThrough = options.lookThrough;
  const compositions = new Map<string, Composition[]>();

  const compose = (fund: Fund, ctx: Context): Composition[] => {
    if (lookThrough === undefined) return [];
    const portfolio = portfolioOf(lookThrough.catalog, fund);
    const cached = compositions.get(portfolio.id);
    if (cached !== undefined) return cached;
    let result: Composition[] = [];
    const file = lookThrough.fundFiles.get(fund.id) ?? lookThrough.fundFiles.get(portfolio.id);
    if (file !== undefined && !ctx.visiting.has(portfolio.id) && ctx.depth < MAX_FUND_DEPTH) {
      const inner = screenAt([file], dataset, { ...options, index, asOf }, { depth: ctx.depth + 1, visiting: new Set([...ctx.visiting, portfolio.id]) });
      result = [
        compositionFromScreen(inner, {
          kind: 'holdings-file',
          date: inner.inputs[0]?.asOf ?? null,
          source: file.file,
          sha256: file.sha256 ?? null,
          derived: false,
          index: null,
          confidence: 'high',
        }),
      ];
    } else if (!ctx.visiting.has(portfolio.id)) {
      result = shippedComposition(lookThrough.catalog, fund, asOf, index.entityNames);
      // Funds of funds: each held fund's composition, scaled by its share.
      for (const held of portfolio.holdsFunds) {
        const inner = lookThrough.catalog.funds.get(held.fund);
        if (inner === undefined || ctx.depth >= MAX_FUND_DEPTH) continue;
        const hop: FundHop = { fundId: inner.id, ticker: inner.ticker, name: inner.name, file: null, line: null, weight: held.weight };
        for (const c of compose(inner, { depth: ctx.depth + 1, visiting: new Set([...ctx.visiting, portfolio.id]) })) {
          result.push({
            basis: c.basis,
            constituents: c.constituents.map((k) => ({
              ...k,
              weight: k.weight === null ? null : k.weight * held.weight,
              innerChain: [hop, ...k.innerChain],
              notes: [...k.notes, `${portfolio.ticker} held ${(held.weight * 100).toFixed(1)} % in ${inner.ticker} on ${held.date}`],
            })),
          });
        }
      }
    }
    compositions.set(portfolio.id, result);
    return result;
  };

  const findings: Finding[] = [];
  const fundPositions: FundPosition[] = [];
  const summaries: InputSummary[] = [];
  let portfolioCents = 0;
  let anyValue = false;

  inputs.forEach((input, i) => {
    const normalized = normalizeRows(input.rows);
    let fileCents = 0;
    let fileHasValue = false;
    for (const holding of normalized.holdings) {
      if (holding.value !== null) {
        fileCents += Math.round(holding.value * 100);
        fileHasValue = true;
      }
      const outcome = match(holding);
      if (outcome.kind === 'match') {
        let status = statusOf(outcome.match, thresholds);
        if (status === null) continue;
        const since = listed.get(outcome.match.target.entityId);
        const beforeListing = since !== undefined && asOf < since;
        if (beforeListing && !(lookThrough?.includeBeforeListing ?? false)) status = 'review';
        findings.push({
          status,
          kind: 'direct',
          holding,
          match: outcome.match,
          exposure: { value: holding.value, weight: null },
          ignoredBy: null,
          ...(beforeListing ? { beforeListing: true } : {}),
        });
        continue;
      }
      if (outcome.kind !== 'none' || lookThrough === undefined) continue;
      const fund = recognizeFund(lookThrough.catalog, holding);
      if (fund === null) continue;
      const indirect = expandPosition(holding, fund, compose(fund, context), {
        asOf,
        listingDates: listed,
        includeBeforeListing: lookThrough.includeBeforeListing,
      });
      findings.push(...indirect);
      fundPositions.push({ fund, holding, findings: indirect });
    }
    // Cash is part of the portfolio even though it is not screened.
    for (const s of normalized.skipped) {
      if (s.value !== null) {
        fileCents += Math.round(s.value * 100);
        fileHasValue = true;
      }
    }
    portfolioCents += fileCents;
    anyValue ||= fileHasValue;
    const skipped = [...input.skipped, ...normalized.skipped].sort((a, b) => a.line - b.line);
    summaries.push({
      file: input.file,
      encoding: input.encoding,
      asOf: fileDates[i] ?? null,
      rows: { total: normalized.holdings.length + skipped.length, screened: normalized.holdings.length, skipped: skipped.length },
      skipped,
      warnings: normalized.warnings,
      portfolioValue: fileHasValue ? fileCents / 100 : null,
    });
  });

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

  return {
    asOf,
    asOfSource: options.asOf !== undefined ? 'option' : fileAsOf !== null ? 'file' : 'today',
    dataset: { version: dataset.version, reviewedAt: dataset.reviewedAt, entities: dataset.entities.length },
    inputs: summaries,
    findings: weighted,
    summary: summarize(weighted, portfolioValue, fundPositions),
  };
}
