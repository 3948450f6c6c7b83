// The pure pipeline: rows → normalised holdings → matches and fund look-through → findings → summary.

import type { Fund } from './dataset/funds-schema.js';
import type { DatasetFile } from './dataset/schema.js';
import { compareFindings, currencyTotals, exposureBase, summarize, type FundPosition } from './exposure/aggregate.js';
import { addsUp, convertCents, convertValue, currencyPlan, valueCurrency, type CurrencyPlan, type FxTable } from './exposure/currency.js';
import { DEFAULT_THRESHOLDS, settleStatus, statusOf, type Thresholds } from './exposure/policy.js';
import { carryToDate, compositionFromScreen, expandPosition, shippedComposition, type Composition } from './look-through/expand.js';
import { createFundRecognizer, portfolioOf, type FundCatalog } from './look-through/funds.js';
import type { FundLibrary } from './look-through/library.js';
import { buildMatchIndex, type MatchIndex } from './match/build-index.js';
import { createMatcher } from './match/match-positions.js';
import type {
  CurrencyConversion,
  Finding,
  FundHop,
  Holding,
  InputSummary,
  ListingRef,
  Match,
  RawHolding,
  RowWarning,
  ScreenResult,
  SheetInput,
  SkippedRow,
  SkipReason,
  Status,
  UnscreenedFund,
} from './model.js';
import { fileDateOf } from './normalize/dates.js';
import { canonicalIdentifier, classifyIdentifier } from './normalize/identifiers.js';
import { createRowNormalizer, repeatVerdict, type RowNumbers, type RowSink, type RowVerdict, type VerdictSink } from './normalize/rows.js';

/** One file's rows as ingestion produced them. */
export interface ScreenInput {
  readonly file: string;
  readonly encoding: string;
  readonly asOfText: string | null;
  /** The line the date text is on. */
  readonly asOfLine?: number | null;
  readonly rows: readonly RawHolding[];
  readonly skipped: readonly SkippedRow[];
  /** SHA-256 of the file's bytes, reported when the file is a fund's look-through basis. */
  readonly sha256?: string;
  /** Physical lines of the file and of its header rows, for the line accounting (null for XML). */
  readonly lineCount?: number | null;
  readonly headerLines?: number;
  readonly dateVotes?: { readonly dmy: number; readonly mdy: number };
}

export interface LookThroughOptions {
  readonly catalog: FundCatalog;
  /** Holdings files the user gave for funds (--funds), by fund id. */
  readonly fundFiles: ReadonlyMap<string, ScreenInput>;
  /** Files given for funds that are no fund's holdings, by fund id: why each was not used. */
  readonly refusedFundFiles?: ReadonlyMap<string, string>;
  /** Flag findings dated before the entity's listing instead of sending them to review. */
  readonly includeBeforeListing: boolean;
  /** The local fund library (funds import): one more source of fund holdings, after fundFiles. */
  readonly library?: FundLibrary;
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
  /** Entities from imported or user lists (no curated look-alikes): a name below 1 is a review. */
  readonly importedEntityIds?: ReadonlySet<string>;
  /** Entity id → the list files it comes from, for findings to name. */
  readonly origins?: ReadonlyMap<string, readonly string[]>;
  /** --base-currency with the rates of --fx and --fx-file: values in other currencies are converted into it. */
  readonly fx?: FxTable;
}

/** How deep funds inside funds are followed. */
const MAX_FUND_DEPTH = 4;

interface Context {
  readonly depth: number;
  /** Portfolios being looked through on the way here: a fund that holds itself stops the walk. */
  readonly visiting: ReadonlySet<string>;
}

/**
 * A finding with the lists and listings of its entity. An entity whose every listing had ended by the
 * as-of date (the CSL's end_date) is for review, not flagged.
 */
function withListings(
  f: Finding,
  entity: { readonly lists: readonly string[]; readonly listings: readonly ListingRef[] } | undefined,
  asOf: string,
): Finding {
  const listings = entity?.listings ?? [];
  const ended = listings.length > 0 && listings.every((l) => l.ended !== null && l.ended <= asOf);
  return {
    ...f,
    lists: entity?.lists ?? [],
    listings,
    ...(ended
      ? {
          listingEnded: true,
          status: settleStatus(f.status, { beforeListing: false, includeBeforeListing: true, listingEnded: true }).status,
        }
      : {}),
  };
}

/** For each entity: the lists it is on (its listings' programs, then the files it came from) and its listings. */
function listsOf(
  dataset: DatasetFile,
  origins: ReadonlyMap<string, readonly string[]> | undefined,
): Map<string, { readonly lists: readonly string[]; readonly listings: readonly ListingRef[] }> {
  const out = new Map<string, { lists: readonly string[]; listings: readonly ListingRef[] }>();
  for (const e of dataset.entities) {
    const ordered = [...e.listings.filter((l) => l.primary), ...e.listings.filter((l) => !l.primary)];
    out.set(e.id, {
      lists: [...new Set([...ordered.map((l) => l.list), ...(origins?.get(e.id) ?? [])])],
      listings: ordered.map((l) => ({
        list: l.list,
        date: l.date,
        effective: l.effective ?? null,
        citation: l.citation ?? null,
        note: l.note ?? null,
        primary: l.primary,
        ended: l.ended ?? null,
      })),
    });
  }
  return out;
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
  const screener = createScreenerAt(dataset, options, context);
  for (const input of inputs) {
    const file = screener.openFile(input.file);
    for (const row of input.rows) file.row(row);
    for (const skipped of input.skipped) file.skip(skipped);
    file.close({
      encoding: input.encoding,
      asOfText: input.asOfText,
      ...(input.asOfLine === undefined ? {} : { asOfLine: input.asOfLine }),
      ...(input.sha256 === undefined ? {} : { sha256: input.sha256 }),
      ...(input.lineCount === undefined ? {} : { lineCount: input.lineCount }),
      ...(input.headerLines === undefined ? {} : { headerLines: input.headerLines }),
      ...(input.dateVotes === undefined ? {} : { dateVotes: input.dateVotes }),
    });
  }
  return screener.finish();
}

/** One file being screened row by row; `row` and `skip` are handed to the readers on their own, as a sink. */
export interface FileScreen {
  /** A data row, in file order. */
  row: (row: RawHolding) => void;
  /** A row ingestion set aside (blank, label, trailer…). */
  skip: (row: SkippedRow) => void;
  /**
   * The verdict on the row just given to `row`, when it left nothing but tallies and warnings (no match,
   * no fund): a reader may repeat it for later rows with the same cells but for their plain amounts.
   */
  verdict: () => RowVerdict | null;
  /** A one-line row at `line` whose cells but for its amounts are those of a row that got `verdict`. */
  repeat: (verdict: RowVerdict, line: number, numbers: RowNumbers) => void;
  /** The file is read; what ingestion learnt about it. */
  close(meta: {
    readonly encoding: string;
    readonly asOfText: string | null;
    readonly asOfLine?: number | null;
    readonly sha256?: string;
    /** Physical lines of the file and those its header rows take, for the line accounting; absent or null for XML. */
    readonly lineCount?: number | null;
    readonly headerLines?: number;
    /** Slashed dates of the file that show their order by their parts (tables.ts), to read an ambiguous as-of date. */
    readonly dateVotes?: { readonly dmy: number; readonly mdy: number };
    /** The workbook and sheet, when the input is a sheet of a workbook. */
    readonly sheet?: SheetInput;
  }): void;
}

export interface Screener {
  openFile(file: string): FileScreen;
  finish(): ScreenResult;
}

/**
 * Screens files row by row, keeping only counters, findings and fund positions: memory does not grow
 * with the file. Decisions that depend on the as-of date (listing date, index membership) wait for
 * finish(), since a file may state its date in its last line (Fidelity's "Date downloaded").
 */
export function createScreener(dataset: DatasetFile, options: ScreenOptions): Screener {
  return createScreenerAt(dataset, options, { depth: 0, visiting: new Set() });
}

/** A position not looked through, at the portfolio line that holds it, with why; `what` overrides what it is. */
function gapAt(
  holding: Holding,
  evidence: string,
  what: Partial<Pick<UnscreenedFund, 'name' | 'ticker' | 'isin' | 'positionValue'>> = {},
): UnscreenedFund {
  return {
    file: holding.file,
    line: holding.line,
    account: holding.account,
    name: holding.name,
    ticker: holding.ticker,
    isin: holding.isin,
    positionValue: holding.value,
    ...what,
    evidence,
    acceptedBy: null,
  };
}

interface DirectCandidate {
  readonly holding: Holding;
  readonly match: Match;
  readonly status: Status;
  readonly outsideTable?: SkipReason;
}

/** Skips whose cells are still searched for the list's identifiers and names: any of them may hide a position. */
const SEARCHED_SKIPS: ReadonlySet<SkipReason> = new Set<SkipReason>([
  'preamble',
  'section-label',
  'trailer',
  'not-holdings',
  'no-holdings-sheet',
]);
/** Cells of a set-aside row that are searched: enough for any real table, bounded for a hostile one. */
const SEARCHED_CELLS = 24;

/**
 * The positions a set-aside row could stand for: each cell that is an identifier, and each cell with
 * letters as a name. A row that names a listed company is never silently cleared because of where it sits.
 */
function setAsideCandidates(row: SkippedRow): Holding[] {
  const out: Holding[] = [];
  const base = {
    file: row.file,
    line: row.line,
    account: null,
    ticker: null,
    exchange: null,
    quantity: null,
    value: null,
    currency: null,
    assetClass: null,
  };
  for (const cell of (row.cells ?? []).slice(0, SEARCHED_CELLS)) {
    // Identifiers alone in a cell or among its words ("Bought CNE100000PM8"), then the cell as a name.
    for (const word of [cell, ...cell.split(/[\s,;/()]+/).slice(0, SEARCHED_CELLS)]) {
      const kind = classifyIdentifier(word);
      if (kind !== null) out.push({ ...base, name: null, isin: null, cusip: null, sedol: null, [kind]: canonicalIdentifier(word) });
    }
    // An exchange code with its venue ("002415 CH", "002415.SZ"): a bare number is no evidence here.
    if (cell.length <= 20 && /\d/.test(cell) && /[A-Za-z]/.test(cell))
      out.push({ ...base, name: null, ticker: cell, isin: null, cusip: null, sedol: null });
    if (/\p{L}/u.test(cell) && cell.length <= 200) out.push({ ...base, name: cell, isin: null, cusip: null, sedol: null });
  }
  return out;
}

function createScreenerAt(dataset: DatasetFile, options: ScreenOptions, context: Context): Screener {
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const index = options.index ?? buildMatchIndex(dataset);
  const match = createMatcher(index, thresholds.review);
  const lookThrough = options.lookThrough;
  const recognizeFund = lookThrough === undefined ? null : createFundRecognizer(lookThrough.catalog);
  const direct: DirectCandidate[] = [];
  const funds: { readonly fund: Fund; readonly holding: Holding }[] = [];
  const notLookedThrough: UnscreenedFund[] = [];
  const summaries: InputSummary[] = [];
  // Each file's cents by currency, for its own value once the screen knows how currencies add up.
  const fileCents: Map<string | null, number>[] = [];
  const fileDates = new Map<string, string | null>();
  let anyValue = false;
  // A value that states no currency, taken to be in the base currency (the report says so).
  let notStatedSeen = false;
  const fx = options.fx ?? null;
  // Cents of each currency (null: not stated), so values of different currencies are never one sum.
  const byCurrency = new Map<string | null, CentSums>();

  const openFile = (file: string): FileScreen => {
    const skipped: SkippedRow[] = [];
    const warnings: RowWarning[] = [];
    let screened = 0;
    let records = 0;
    let screenedLines = 0;
    let skippedLines = 0;
    // Kept as reported: without the cells that travelled with it, and a run of blank lines as one entry.
    const keep = (row: SkippedRow): void => {
      const lines = row.lines ?? 1;
      skippedLines += lines;
      const previous = skipped[skipped.length - 1];
      if (row.reason === 'blank' && previous?.reason === 'blank' && previous.line + (previous.lines ?? 1) === row.line) {
        skipped[skipped.length - 1] = { ...previous, lines: (previous.lines ?? 1) + lines };
        return;
      }
      const { cells: _cells, ...reported } = row;
      skipped.push({ ...reported, lines });
    };
    /** A row ingestion set aside: counted, and searched for the list's identifiers and names. */
    const setAside = (row: SkippedRow): void => {
      records++;
      keep(row);
      if (!SEARCHED_SKIPS.has(row.reason)) return;
      for (const candidate of setAsideCandidates(row)) {
        const outcome = match(candidate);
        if (outcome.kind !== 'match') continue;
        const status = statusOf(outcome.match, thresholds, options.importedEntityIds?.has(outcome.match.target.entityId) ?? false);
        if (status === null) continue;
        direct.push({ holding: candidate, match: outcome.match, status, outsideTable: row.reason });
        return;
      }
    };
    // The file's cents by currency, each with the screen's totals of that currency; the last one counted
    // is at hand, since a file's rows are nearly all of one currency (this runs for every row).
    const centsOfFile = new Map<string | null, { readonly cents: CentSums; readonly screen: CentSums }>();
    let lastKey: string | null = null;
    let last: { readonly cents: CentSums; readonly screen: CentSums } | undefined;
    let fileHasValue = false;
    let valueCells = 0;
    let weightCells = 0;
    const count = (value: number | null, currency: string | null | undefined): void => {
      if (value === null) return;
      const cents = Math.round(value * 100);
      fileHasValue = true;
      if (currency === null || currency === undefined) notStatedSeen = true;
      const key = valueCurrency(currency ?? null, fx);
      let totals = last !== undefined && lastKey === key ? last : centsOfFile.get(key);
      if (totals === undefined) {
        const screen = byCurrency.get(key) ?? centSums();
        byCurrency.set(key, screen);
        totals = { cents: centSums(), screen };
        centsOfFile.set(key, totals);
      }
      last = totals;
      lastKey = key;
      addCents(totals.cents, cents);
      addCents(totals.screen, cents);
    };
    const tally = (value: number | null, weight: number | null | undefined, currency: string | null): void => {
      count(value, currency);
      if (value !== null) valueCells++;
      if (weight !== undefined && weight !== null) weightCells++;
    };
    // Whether the last holding left anything beyond the tallies (a match, a fund): then its verdict is not repeated.
    let kept = false;
    const sink: RowSink = {
      holding: (holding) => {
        tally(holding.value, holding.weight, holding.currency);
        const outcome = match(holding);
        if (outcome.kind === 'match') {
          const status = statusOf(outcome.match, thresholds, options.importedEntityIds?.has(outcome.match.target.entityId) ?? false);
          kept = true;
          if (status !== null) direct.push({ holding, match: outcome.match, status });
          return;
        }
        if (outcome.kind !== 'none' || recognizeFund === null) return;
        const recognized = recognizeFund(holding);
        // The fund library (seam): a position the catalogue does not know may be a library fund.
        const fromLibrary = recognized.kind === 'known' ? null : (lookThrough?.library?.recognize(holding) ?? null);
        if (recognized.kind === 'known') funds.push({ fund: recognized.fund, holding });
        else if (fromLibrary !== null) funds.push({ fund: fromLibrary, holding });
        else if (recognized.kind === 'unknown') {
          notLookedThrough.push(gapAt(holding, recognized.evidence));
        } else return;
        kept = true;
      },
      // Cash is part of the portfolio even though it is not screened.
      skip: (row) => {
        count(row.value, row.currency);
        screened--;
        screenedLines -= row.lines ?? 1;
        keep(row);
      },
      warn: (warning) => warnings.push(warning),
    };
    const rows = createRowNormalizer(sink);
    let verdict: RowVerdict | null = null;
    const repeated: VerdictSink = { skip: (row) => sink.skip(row), warn: (warning) => sink.warn(warning), holding: tally };
    return {
      row: (row) => {
        records++;
        screened++;
        screenedLines += row.lines ?? 1;
        kept = false;
        const decided = rows.row(row);
        verdict = kept ? null : decided;
      },
      verdict: () => verdict,
      repeat: (same, line, numbers) => {
        records++;
        screened++;
        screenedLines++;
        repeatVerdict(same, file, line, numbers, repeated);
      },
      skip: setAside,
      close: (meta) => {
        const decimal = rows.finish();
        skipped.sort((a, b) => a.line - b.line);
        anyValue ||= fileHasValue;
        fileCents.push(new Map([...centsOfFile].map(([currency, totals]) => [currency, totals.cents[PORTFOLIO] ?? 0])));
        // An as-of date that reads both ways is read as the file's other dates or its locale say, else not at all.
        const stated = fileDateOf(meta, decimal, options.today, rows.dates());
        const { date: asOf, rejected, ambiguous } = stated;
        fileDates.set(file, asOf);
        summaries.push({
          file,
          encoding: meta.encoding,
          sha256: meta.sha256 ?? null,
          asOf,
          asOfLine:
            // The column's first row with the date, or the row whose date reads both ways.
            stated.column !== null ? stated.column.line : asOf === null && ambiguous === null ? null : (meta.asOfLine ?? null),
          asOfRejected: rejected,
          asOfAmbiguous: ambiguous,
          ...(stated.conflict === null ? {} : { asOfConflict: stated.conflict }),
          values: valueCells > 0 || fileHasValue ? 'given' : weightCells > 0 ? 'weights' : 'none',
          rows: { total: records, screened, skipped: records - screened },
          lines:
            meta.lineCount === undefined || meta.lineCount === null
              ? null
              : { total: meta.lineCount, header: meta.headerLines ?? 0, screened: screenedLines, skipped: skippedLines },
          skipped,
          warnings,
          // Set in finish(), when it is known how the file's currencies add up.
          portfolioValue: null,
          ...(meta.sheet === undefined ? {} : { sheet: meta.sheet }),
        });
      },
    };
  };

  const finish = (): ScreenResult => {
    const listed = listingDates(dataset);
    // Each file is screened at its own date, so the order of the files cannot change a verdict; the
    // screen's date is the latest of them (a file without one takes it), or --as-of for all.
    const stated = [...new Set([...fileDates.values()].filter((d): d is string => d !== null))].sort();
    const latest = stated[stated.length - 1] ?? null;
    const asOf = options.asOf ?? latest ?? options.today;
    const dateOf = (file: string): string => options.asOf ?? fileDates.get(file) ?? asOf;
    const includeBeforeListing = lookThrough?.includeBeforeListing ?? false;
    const findings: Finding[] = [];
    for (const candidate of direct) {
      const since = listed.get(candidate.match.target.entityId);
      const beforeListing = since !== undefined && dateOf(candidate.holding.file) < since;
      findings.push({
        status: settleStatus(candidate.status, { beforeListing, includeBeforeListing, listingEnded: false }).status,
        kind: 'direct',
        holding: candidate.holding,
        match: candidate.match,
        exposure: { value: candidate.holding.value, weight: null },
        ignoredBy: null,
        ...(beforeListing ? { beforeListing: true } : {}),
        ...(candidate.outsideTable === undefined ? {} : { outsideTable: candidate.outsideTable }),
      });
    }
    const fundPositions: FundPosition[] = [];
    if (lookThrough !== undefined) {
      const composers = new Map<string, ReturnType<typeof composer>>();
      for (const { fund, holding } of funds) {
        const date = dateOf(holding.file);
        const chosen = composers.get(date) ?? composer(dataset, options, index, lookThrough, date);
        composers.set(date, chosen);
        const { compose, whyNot, gapsInside } = chosen;
        const compositions = compose(fund, context);
        if (compositions.length === 0) {
          // Nothing to look through with: "not looked through, because …", never "holding none".
          notLookedThrough.push(gapAt(holding, `${fund.name}: ${whyNot(fund)}`, { ticker: holding.ticker ?? fund.ticker }));
          continue;
        }
        for (const inside of gapsInside(fund)) {
          const evidence = `held by ${fund.ticker} (line ${inside.line} of ${inside.file}): ${inside.evidence}`;
          notLookedThrough.push(
            gapAt(holding, evidence, { name: inside.name, ticker: inside.ticker, isin: inside.isin, positionValue: null }),
          );
        }
        const indirect = expandPosition(holding, fund, compositions, { asOf: date, listingDates: listed, includeBeforeListing });
        findings.push(...indirect);
        fundPositions.push({ fund, holding, findings: indirect });
      }
    }
    const plan = currencyPlan(byCurrency.keys(), fx);
    const mixed = !addsUp(plan);
    const portfolioValue = anyValue ? sumCents(byCurrency, (e) => e[PORTFOLIO] ?? 0, plan) : null;
    const grossValue = anyValue ? sumCents(byCurrency, (e) => e[GROSS] ?? 0, plan) : null;
    // Values not all in one currency: each finding keeps its own currency's value beside the base's.
    const showLocal = shownByCurrency(plan);
    const base = exposureBase(portfolioValue, grossValue);
    // A list without values (an index's constituents) may state each position's weight: with one file
    // and no values at all, that weight is the share. Weights of several files are not shares of one whole.
    const statedWeights = base === null && summaries.length === 1;
    const lists = listsOf(dataset, options.origins);
    const weighted: Finding[] = findings
      .map((f) => withListings(f, lists.get(f.match.target.entityId), dateOf(f.holding.file)))
      .map((f) => {
        const currency = valueCurrency(f.holding.currency, fx);
        // In several currencies, a finding's value is no part of any one total: each currency's is in byCurrency.
        const value = convertValue(f.exposure.value, currency, plan);
        return {
          ...f,
          exposure: {
            value,
            weight:
              value === null || base === null || base === 0
                ? statedWeights && f.kind === 'direct' && !mixed
                  ? (f.holding.weight ?? null)
                  : null
                : value / base,
            ...(showLocal ? { local: { currency, value: f.exposure.value } } : {}),
          },
        };
      })
      .sort(compareFindings);
    return {
      asOf,
      asOfSource: options.asOf !== undefined ? 'option' : stated.length > 1 ? 'files' : latest !== null ? 'file' : 'today',
      dataset: { version: dataset.version, reviewedAt: dataset.reviewedAt, entities: dataset.entities.length },
      inputs: summaries.map((s, i) => {
        const cents = fileCents[i] ?? new Map<string | null, number>();
        return cents.size === 0 ? s : { ...s, portfolioValue: sumCents(cents, (c) => c, currencyPlan(cents.keys(), fx)) };
      }),
      findings: weighted,
      summary: {
        ...summarize(weighted, portfolioValue, fundPositions, notLookedThrough, grossValue),
        ...(showLocal
          ? {
              byCurrency: currencyTotals(
                [...byCurrency.entries()].map(([currency, e]) => ({ currency, portfolioValue: (e[PORTFOLIO] ?? 0) / 100 })),
                weighted,
              ),
            }
          : {}),
        ...(fx === null ? {} : { conversion: conversionOf(plan, fx, notStatedSeen) }),
      },
    };
  };

  return { openFile, finish };
}

/** Cents kept by currency, summed in the plan's one currency; null when the plan does not add them up. */
/**
 * Running sums of cents, net (PORTFOLIO) and gross (GROSS), as the elements of a Float64Array rather than
 * an object's number fields. A field that starts at 0 holds a small integer; when the sum outgrows one
 * ($21 million), V8 changes the field's representation under the optimised code adding to it, and in about
 * half the runs of the 1,000,000-row bench that left every add allocating a number (532 MB allocated
 * against 408 MB, 2.98 s against 2.47 s). An element of a Float64Array is a double from the start.
 */
type CentSums = Float64Array;
const PORTFOLIO = 0;
const GROSS = 1;

function centSums(): CentSums {
  return new Float64Array(2);
}

function addCents(sums: CentSums, cents: number): void {
  sums[PORTFOLIO] = (sums[PORTFOLIO] ?? 0) + cents;
  sums[GROSS] = (sums[GROSS] ?? 0) + Math.abs(cents);
}

function sumCents<T>(byCurrency: ReadonlyMap<string | null, T>, cents: (entry: T) => number, plan: CurrencyPlan): number | null {
  if (!addsUp(plan)) return null;
  let total = 0;
  for (const [currency, entry] of byCurrency) total += convertCents(cents(entry), currency, plan) ?? 0;
  return total / 100;
}

/** Whether the report shows each currency's own totals: the values are not all in the one currency of the totals. */
function shownByCurrency(plan: CurrencyPlan): boolean {
  return plan.kind === 'several' || (plan.kind === 'converted' && plan.rates.length > 0);
}

/** What --base-currency did: the base, the rates used, the currencies without one. */
function conversionOf(plan: CurrencyPlan, fx: FxTable, notStated: boolean): CurrencyConversion {
  return {
    base: fx.base,
    rates: plan.kind === 'converted' ? plan.rates : [],
    missing: plan.kind === 'several' ? plan.missing : [],
    notStatedTakenAsBase: notStated,
  };
}

/** Compositions of funds on a date, memoised per portfolio: a fund file given with --funds, else the fund library, else shipped data. */
function composer(
  dataset: DatasetFile,
  options: ScreenOptions,
  index: MatchIndex,
  lookThrough: LookThroughOptions,
  asOf: string,
): {
  compose: (fund: Fund, ctx: Context) => Composition[];
  whyNot: (fund: Fund) => string;
  gapsInside: (fund: Fund) => readonly UnscreenedFund[];
} {
  const compositions = new Map<string, Composition[]>();
  const reasons = new Map<string, string>();
  const gaps = new Map<string, readonly UnscreenedFund[]>();
  const compose = (fund: Fund, ctx: Context): Composition[] => {
    const portfolio = portfolioOf(lookThrough.catalog, fund);
    // What a fund holds depends on how deep the walk is and which funds it passed through.
    const key = `${portfolio.id}|${ctx.depth}|${[...ctx.visiting].sort().join(',')}`;
    const cached = compositions.get(key);
    if (cached !== undefined) return cached;
    let result: Composition[] = [];
    const file =
      lookThrough.fundFiles.get(fund.id) ??
      lookThrough.fundFiles.get(portfolio.id) ??
      lookThrough.library?.holdingsAt(portfolio, asOf) ??
      undefined;
    const refused = lookThrough.refusedFundFiles?.get(fund.id) ?? lookThrough.refusedFundFiles?.get(portfolio.id);
    if (ctx.visiting.has(portfolio.id))
      reasons.set(fund.id, `${portfolio.ticker} holds itself, through the funds it holds: the cycle is not followed`);
    else if (ctx.depth >= MAX_FUND_DEPTH)
      reasons.set(fund.id, `funds inside funds are followed ${MAX_FUND_DEPTH} deep, and this one is deeper`);
    else if (refused !== undefined) reasons.set(fund.id, refused);
    if (refused !== undefined) {
      // The file given for it is no fund's holdings: not looked through, rather than through other data silently.
    } else if (file !== undefined && !ctx.visiting.has(portfolio.id) && ctx.depth < MAX_FUND_DEPTH) {
      const inner = screenAt(
        [file],
        dataset,
        { ...options, index, asOf },
        { depth: ctx.depth + 1, visiting: new Set([...ctx.visiting, portfolio.id]) },
      );
      const own = compositionFromScreen(inner, {
        kind: 'holdings-file',
        date: inner.inputs[0]?.asOf ?? null,
        source: file.file,
        sha256: file.sha256 ?? null,
        derived: false,
        index: null,
        confidence: 'high',
      });
      // A holdings file of another date is a snapshot like the shipped ones: carried to the as-of date the same way.
      result = [carryToDate(lookThrough.catalog, fund, own, asOf)];
      // What the fund holds that could not be looked through (a fund inside it, itself) is a gap of the position too.
      gaps.set(
        fund.id,
        inner.summary.notLookedThrough.filter((u) => u.acceptedBy === null),
      );
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
              notes: [
                ...k.notes,
                { code: 'FUND_OF_FUNDS', holder: portfolio.ticker, held: inner.ticker, weight: held.weight, date: held.date },
              ],
            })),
          });
        }
      }
    }
    // The fund library (seam) says why when it has the fund but no filing by the date.
    if (result.length === 0 && !reasons.has(fund.id))
      reasons.set(
        fund.id,
        lookThrough.library?.missingAt(fund, asOf) ?? `no holdings file, snapshot or index membership of ${fund.ticker} covers ${asOf}`,
      );
    compositions.set(key, result);
    return result;
  };
  return { compose, whyNot: (fund) => reasons.get(fund.id) ?? 'no holdings data for it', gapsInside: (fund) => gaps.get(fund.id) ?? [] };
}
