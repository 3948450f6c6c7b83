// The only place where findings, matches and skipped rows become words.

import { formatCount, formatMoney, formatWeight, sanitize } from './format.js';
import type {
  CurrencyConversion,
  CurrencyTotal,
  DatedLine,
  ReaderChoice,
  Finding,
  GapRuleRef,
  IgnoreRuleRef,
  LookThroughBasis,
  LookThroughNote,
  Match,
  MatchOn,
  RowWarning,
  ScreenResult,
  ScreenSummary,
  SheetInput,
  SkipReason,
  Status,
  UnscreenedFund,
} from '../model.js';
import { valuesNotAddedUp, type PolicyVerdict, type ScreenVerdict } from '../exposure/policy.js';
import type { RowShare } from '../normalize/row-accounting.js';

export const STATUS_LABEL = {
  flagged: 'FLAGGED',
  review: 'REVIEW',
  ignored: 'ignored',
} as const satisfies Record<Status, string>;

const MATCH_ON_LABEL = {
  isin: 'ISIN',
  sedol: 'SEDOL',
  cusip: 'CUSIP',
  ticker: 'exchange code',
  name: 'name',
  fund: 'held by fund',
} as const satisfies Record<MatchOn, string>;

export const SKIP_REASON_TEXT = {
  preamble: 'title or metadata line before the first header',
  blank: 'blank line',
  total: 'total or subtotal row',
  cash: 'cash or money-market row (its value counts in the portfolio total)',
  derivative: 'futures or other derivative row (its value counts in the portfolio total)',
  'section-label': 'section or account label',
  'not-holdings': 'row of a table that is not a holdings table (account summary, transactions)',
  trailer: 'note, footnote, disclaimer or download stamp (the table goes on where a row has its columns again)',
  'no-security': 'row with no name, symbol or identifier',
  undecodable: 'row whose bytes could not be decoded',
  'no-holdings-sheet': 'line of a workbook sheet that holds no holdings table (a cover sheet, notes, disclaimers)',
} as const satisfies Record<SkipReason, string>;

/** Whether a text is one of the skip reasons' codes ("cash"), as an import summary may carry them. */
export function isSkipReason(text: string): text is SkipReason {
  return Object.hasOwn(SKIP_REASON_TEXT, text);
}

/** Who the match points at, with the relation when it is a related company. */
export function describeTarget(match: Match): string {
  const t = match.target;
  if (t.relation === 'self') return t.entityName;
  const relation = t.relation === 'subsidiary' ? 'a subsidiary' : t.relation === 'parent' ? 'the parent' : 'an affiliate';
  return `${t.relatedName ?? 'a company'}, ${relation} of ${t.entityName}`;
}

/** One sentence saying why a holding matched, for reports and the JSON `reason`. */
export function matchReason(match: Match): string {
  const who = describeTarget(match);
  let sentence: string;
  switch (match.on) {
    case 'isin':
    case 'sedol':
    case 'cusip':
      sentence = `${MATCH_ON_LABEL[match.on]} ${match.input} is a listed security of ${who}`;
      break;
    case 'ticker':
      sentence =
        match.score < 1
          ? `symbol "${match.input}" is the code of ${match.matched}, a listing of ${who}, but no exchange and no name say it is that listing`
          : `symbol "${match.input}" is ${match.matched}, a listing of ${who}`;
      break;
    case 'name':
      sentence = nameReason(match, who);
      break;
    case 'fund':
      sentence = `fund ${match.input} holds ${match.matched}, a listed security of ${who}`;
      break;
  }
  if (match.target.relation !== 'self') sentence += '; a related company is for review, not flagged';
  if (match.unverified) sentence += '; the list marks this fact low-confidence or unverified, so it is for review only';
  return sentence;
}

function nameReason(match: Match, who: string): string {
  const evidence = match.nameEvidence;
  const score = match.score.toFixed(2);
  switch (evidence?.method) {
    case 'truncated':
      return `name "${match.input}" is "${match.matched}" cut at 34 characters (score ${score}), a name of ${who}`;
    case 'contains':
      return `name "${match.input}" contains "${match.matched}" (score ${score}), a name of ${who}`;
    case 'tokens': {
      const words = evidence.words.map((w) => (w.list === w.holding ? w.list : `${w.list}≈${w.holding}`)).join(', ');
      return `name "${match.input}" shares the words ${words} with "${match.matched}" (score ${score}), a name of ${who}`;
    }
    default:
      return `name "${match.input}" equals "${match.matched}", a name of ${who}, once case, punctuation and legal-form or share-class words are set aside`;
  }
}

const BASIS_TEXT = {
  'holdings-file': 'its holdings file',
  snapshot: 'the shipped snapshot',
  'index-membership': 'index membership',
} as const satisfies Record<NonNullable<Finding['via']>['basis']['kind'], string>;

/** What an indirect finding was computed from: "the shipped snapshot VWO of 2020-09-30", "index membership (MSCI EM)". */
export function basisText(b: LookThroughBasis): string {
  return `${BASIS_TEXT[b.kind]}${b.kind === 'index-membership' ? ` (${b.source})` : ` ${b.source}`}${b.date === null ? '' : ` of ${b.date}`}`;
}

/** A look-through caveat in words. */
export function noteText(note: LookThroughNote): string {
  switch (note.code) {
    case 'MISSING_VALUES':
      return 'some lines of this company carry no market value in the fund file';
    case 'INDEX_UNKNOWN':
      return `the index the fund tracked on ${note.asOf} is not in the data, so holdings of ${note.date} may not apply`;
    case 'WEAK_MEMBERSHIP':
      return `its membership of ${note.index} on ${note.asOf} is ${note.confidence}`;
    case 'DISTANT_HOLDINGS':
      return `the holdings are of ${note.date}, ${note.days} days from the as-of date; the weight is an estimate`;
    case 'ROUNDED_WEIGHT':
      return `the source rounds this weight to 0 (below ${(note.precision * 50).toFixed(3)} %)`;
    case 'DERIVED_SOURCE':
      return "the holdings come from a third party's derivation of the issuer's data";
    case 'INDEX_MEMBER':
      return `${note.index} held it on ${note.asOf} (from ${note.from}${note.to === null ? '' : ` until ${note.to}`}, ${note.confidence})`;
    case 'NEEDS_FUND_FILE':
      return "the fund's share is unknown without its holdings file: pass --funds TICKER=file";
    case 'FUND_OF_FUNDS':
      return `${note.holder} held ${(note.weight * 100).toFixed(1)} % in ${note.held} on ${note.date}`;
    case 'BEFORE_LISTING':
      return `the as-of date ${note.asOf} is before the entity was listed on ${note.listed}`;
  }
}

/** The reason for any finding: the match for a direct one; the fund chain and basis for an indirect one. */
export function findingReason(finding: Finding): string {
  const via = finding.via;
  let sentence: string;
  if (via === undefined) {
    sentence = matchReason(finding.match);
  } else {
    const chain = via.chain.map((h) => h.ticker).join(' → ');
    const basis = basisText(via.basis);
    const share = via.weight === null ? 'an unknown share' : `${formatWeight(via.weight)}`;
    sentence = `${chain} holds ${describeTarget(finding.match)} (${finding.match.matched}): ${share} of the fund, by ${basis}`;
    if (via.notes.length > 0) sentence += `; ${via.notes.map(noteText).join('; ')}`;
  }
  if (finding.listingEnded === true) {
    const ends = (finding.listings ?? [])
      .map((l) => l.ended)
      .filter((e): e is string => e !== null)
      .sort();
    sentence += `; every listing of the entity had ended by the as-of date (last on ${ends[ends.length - 1] ?? '?'}), so it is for review`;
  }
  if (finding.outsideTable !== undefined) {
    sentence += `; found in a row that was not read as a position (${SKIP_REASON_TEXT[finding.outsideTable]}), so its value is unknown: check the file at that line`;
  }
  if (finding.beforeListing === true && via === undefined) {
    const listed = finding.listings?.find((l) => l.primary);
    sentence += `; the as-of date is before the entity was listed${listed === undefined ? '' : ` (${listed.list}, ${listed.effective ?? listed.date})`}`;
  }
  return sentence;
}

/** A short "how it matched" cell: "ISIN CNE100000PM8", "name (0.95)". */
export function matchShort(finding: Finding): string {
  const m = finding.match;
  const score = m.score < 1 ? ` (${m.score.toFixed(2)})` : '';
  return `${MATCH_ON_LABEL[m.on]} ${m.on === 'name' ? `"${m.matched}"` : m.matched}${score}`;
}

/** Words for where the screening date came from. */
export const AS_OF_SOURCE_TEXT = {
  option: '--as-of',
  file: 'from the file',
  files: "the latest of the files' own dates, which differ: each file was screened at its own",
  today: 'today',
} as const satisfies Record<ScreenResult['asOfSource'], string>;

/** What an empty result may claim: with funds not looked through, it does not mean "nothing held". */
export function noMatchText(summary: ScreenSummary): string {
  const count = summary.notLookedThrough.length;
  if (count === 0) return 'No holding matches a listed entity, directly or through the funds looked through.';
  return `No holding matches a listed entity, directly or through the funds looked through; ${count} fund position(s) could not be looked through (see below), so what they hold is unknown.`;
}

/** The positions that look like funds with no holdings data here, and what to do about them. */
export function notLookedThroughText(
  list: readonly UnscreenedFund[],
  options: { readonly withFile: boolean; readonly shown?: number },
): string {
  const shown = options.shown ?? 6;
  const items = list.slice(0, shown).map((u) => {
    const where = options.withFile ? `${u.file}:${u.line}` : `line ${u.line}`;
    return `${u.ticker ?? u.name ?? 'a fund'} (${where}${u.positionValue === null ? '' : `, ${formatMoney(u.positionValue)}`})`;
  });
  const more = list.length > shown ? `, and ${list.length - shown} more` : '';
  const known = list.filter((u) => u.positionValue !== null);
  const total = known.reduce((sum, u) => sum + Math.round((u.positionValue ?? 0) * 100), 0) / 100;
  const value =
    list.length > 1 && known.length > 0 ? ` (${formatMoney(total)} in all${known.length < list.length ? ' of known value' : ''})` : '';
  return (
    `Not looked through: ${items.join(', ')}${more}${value}. These look like funds (${list[0]?.evidence ?? 'by name'}${list.length > 1 ? ', …' : ''}) ` +
    `but could not be looked through here: what they hold was not screened. Give a fund's holdings file with --funds TICKER=FILE (or ISIN=FILE for a position without a ticker), ` +
    `or import the SEC's N-PORT filings once with exposure-screener funds import.`
  );
}

/** The fund positions an ignore-file rule accepts as not looked through, and why. */
export function acceptedGapsText(list: readonly UnscreenedFund[], options: { readonly withFile: boolean }): string {
  const items = list.map((u) => {
    const where = options.withFile ? `${u.file}:${u.line}` : `line ${u.line}`;
    return `${u.ticker ?? u.name ?? 'a fund'} (${where}${u.acceptedBy === null ? '' : `: ${gapRuleText(u.acceptedBy)}`})`;
  });
  return `Not looked through, accepted by the ignore file: ${items.join(', ')}.`;
}

/** How reports name a notLookedThrough rule: its place in that array (from 0) and its fund. */
function gapRuleLabel(rule: GapRuleRef): string {
  return `notLookedThrough[${rule.index}] (${rule.fund})`;
}

function gapRuleText(rule: GapRuleRef): string {
  const owner = rule.owner === null ? '' : `, owner ${rule.owner}`;
  return `rule ${gapRuleLabel(rule)}, ${rule.reason} (expires ${rule.expires}${owner})`;
}

/** A notLookedThrough rule past its expiry date. */
export function expiredGapRuleText(rule: GapRuleRef): string {
  return `rule ${gapRuleLabel(rule)} expired on ${rule.expires} and no longer accepts the gap (${rule.reason})`;
}

/** A notLookedThrough rule in force that matched no fund position. */
export function unusedGapRuleText(rule: GapRuleRef): string {
  return `rule ${gapRuleLabel(rule)} matched no fund position that was not looked through; remove it if it is no longer needed`;
}

/** One sentence for a row that was screened with a warning. */
export function warningText(w: RowWarning): string {
  switch (w.code) {
    case 'BAD_CHECK_DIGIT':
      return `${w.column.toUpperCase()} "${w.value}" fails its check digit and was not used`;
    case 'UNREADABLE_AMOUNT':
      return `${w.column} "${w.value}" is not a number; its value is unknown`;
    case 'IMPLAUSIBLE_AMOUNT':
      return `${w.column} "${w.value}" is not a plausible amount (not finite, or ${PLAUSIBLE_AMOUNT_TEXT}); its value is unknown`;
    case 'UNDECODABLE_BYTES':
      return `some bytes of this row are not valid in the file's encoding ("${w.value}"); it was screened as read, and the screen is not clean until the file is fixed`;
  }
}

/** The largest amount a position is taken to have, in words (normalize/amounts.ts holds the number). */
const PLAUSIBLE_AMOUNT_TEXT = 'larger than 10^15';

/** How reports name an ignore rule: its place in the file's `ignore` array (from 0, as in the JSON) and its entity. */
function ignoreRuleLabel(rule: IgnoreRuleRef): string {
  return `ignore[${rule.index}] (${rule.entity})`;
}

/** Which ignore rule accepted a finding, why, until when and who owns it. */
export function ignoredText(rule: IgnoreRuleRef): string {
  const owner = rule.owner === null ? '' : `, owner ${rule.owner}`;
  return `ignored by rule ${ignoreRuleLabel(rule)} of the ignore file: ${rule.reason} (expires ${rule.expires}${owner})`;
}

/** A rule past its expiry date. */
export function expiredRuleText(rule: IgnoreRuleRef): string {
  return `rule ${ignoreRuleLabel(rule)} expired on ${rule.expires} and no longer applies (${rule.reason})`;
}

/** A rule in force that matched no finding. */
export function unusedRuleText(rule: IgnoreRuleRef): string {
  return `rule ${ignoreRuleLabel(rule)} matched nothing; remove it if it is no longer needed`;
}

/**
 * Stable codes for what a finding asks of the reader, used as SARIF rule ids. An ignored finding has
 * its own code because the model does not record the status it had before the ignore rule applied.
 */
export type FindingCode = 'FLAGGED_HOLDING' | 'REVIEW_HOLDING' | 'IGNORED_HOLDING' | 'FUND_NOT_LOOKED_THROUGH';

export const FINDING_CODE = {
  flagged: 'FLAGGED_HOLDING',
  review: 'REVIEW_HOLDING',
  ignored: 'IGNORED_HOLDING',
} as const satisfies Record<Status, FindingCode>;

export interface FindingCodeInfo {
  /** A few words, for rule names and headings. */
  readonly title: string;
  /** One sentence. */
  readonly summary: string;
  /** What the finding means. */
  readonly description: string;
  /** What to do about it. */
  readonly help: string;
}

export const FINDING_CODE_INFO = {
  FLAGGED_HOLDING: {
    title: 'Holding of a listed entity',
    summary: 'A holding is a security or a name of an organisation added to the US Entity List on 2019-10-09 (84 FR 54002).',
    description:
      'The holding matched one of the 28 organisations the US added to the Entity List on 2019-10-09 (84 FR 54002) for the ' +
      'surveillance and detention of Uighurs in Xinjiang, by a verified identifier (ISIN, SEDOL, CUSIP), an exchange code, ' +
      'or a name that is equal once case, punctuation and legal-form words are set aside.',
    help:
      'Check the position against the holdings file and decide whether to divest or engage. If the position is accepted for ' +
      'a time, record it in the ignore file with a reason, an owner and an expiry date.',
  },
  REVIEW_HOLDING: {
    title: 'Holding to review',
    summary: 'A holding may be linked to an organisation added to the US Entity List on 2019-10-09 and needs a person to decide.',
    description:
      'The holding matched a company related to a listed organisation (a subsidiary, parent or affiliate), a fact the list ' +
      'marks unverified, or a name that is close but not equal. It is not flagged until a person confirms it.',
    help:
      'Compare the holding with the matched entity (identifiers, full legal name, exchange). If it is the same issuer, treat it ' +
      'as flagged; if it is not, record it in the ignore file with the reason.',
  },
  IGNORED_HOLDING: {
    title: 'Accepted holding',
    summary: 'A holding matched a listed organisation, and a rule of the ignore file accepts it until its expiry date.',
    description:
      'The holding matched an organisation added to the US Entity List on 2019-10-09, but a rule of the ignore file accepts it ' +
      'with a reason and an expiry date; it does not change the exit code.',
    help: 'Nothing to do before the rule expires; then the finding comes back unless the rule is renewed.',
  },
  FUND_NOT_LOOKED_THROUGH: {
    title: 'Fund not looked through',
    summary: 'A position looks like a fund, but it could not be looked through: what it holds was not screened.',
    description:
      "The position's name or asset class says it is a fund, and no data here says what it holds on the date (the catalogue " +
      'does not know it, its file could not be used, or it holds itself), so the companies it holds were not screened: ' +
      'finding nothing says nothing about it. The finding says why.',
    help:
      "Give the fund's holdings file with --funds TICKER=FILE (or ISIN=FILE), or import the SEC's N-PORT filings with " +
      'exposure-screener funds import. If the gap is accepted (a bond fund, say), record it under notLookedThrough in the ' +
      'ignore file with a reason, an owner and an expiry date.',
  },
} as const satisfies Record<FindingCode, FindingCodeInfo>;

/** One sentence for a fund position that was not looked through. */
export function gapText(u: UnscreenedFund): string {
  return `${u.ticker ?? u.name ?? 'a fund'} looks like a fund (${u.evidence}) but was not looked through: what it holds was not screened`;
}

/** The code of a finding, from its status. */
export function findingCode(finding: Finding): FindingCode {
  return FINDING_CODE[finding.status];
}

/**
 * A total of flagged value in words: the sum when every value is known; "value unknown" when none is;
 * "at least X (+N of unknown value)" when some are not. Unknown is never printed as zero.
 */
export function valueText(known: number, unknown: number, count: number, notAddedUp: NotAddedUp | null = null): string {
  if (unknown === 0) return formatMoney(known);
  if (notAddedUp !== null) return notAddedUp.long;
  if (unknown >= count) return `unknown (${unknown === 1 ? 'no value given' : `${unknown} positions without a value`})`;
  return `at least ${formatMoney(known)} (+${unknown} of unknown value)`;
}

/** How a screen's totals say its values were not added up: in a sentence, and where a chart has room for a few words. */
export interface NotAddedUp {
  readonly long: string;
  readonly short: string;
  /** The chart's dashed box. */
  readonly box: string;
}

/**
 * Null when the summary's values add up; else the words for a total of values in several currencies (or
 * in one that is not the base and has no rate), not converted into one: never "unknown (no value given)".
 */
export function notAddedUpOf(s: Pick<ScreenSummary, 'byCurrency' | 'conversion'>): NotAddedUp | null {
  if (!valuesNotAddedUp(s)) return null;
  const only = s.byCurrency?.length === 1 ? s.byCurrency[0] : undefined;
  if (only !== undefined && s.conversion !== undefined) {
    const currency = only.currency ?? 'no stated currency';
    return {
      long: `not converted (the values are in ${currency}, with no rate to the base currency ${s.conversion.base}; see the totals by currency)`,
      short: `in ${currency}, not converted to ${s.conversion.base}`,
      box: 'not converted',
    };
  }
  return {
    long: 'not added up (the values are in several currencies; see the totals by currency)',
    short: 'in several currencies, not added up',
    box: 'not added up',
  };
}

/** The words in the entity chart's dashed box and legend: findings of unknown value, or not added up. */
export function unknownBoxText(notAddedUp: NotAddedUp | null): { readonly box: string; readonly legend: string } {
  return notAddedUp !== null ? { box: notAddedUp.box, legend: notAddedUp.short } : { box: 'unknown', legend: 'value unknown' };
}

/** An entity bar's label: its value, or that its values are in several currencies and not added up. */
export function barValueText(b: {
  readonly direct: number;
  readonly indirect: number;
  readonly unknown: number;
  readonly findings: number;
  readonly notAddedUp: NotAddedUp | null;
}): string {
  return b.notAddedUp !== null && b.unknown > 0 ? b.notAddedUp.short : valueText(b.direct + b.indirect, b.unknown, b.findings);
}

/**
 * A finding's value cell: in the screen's one currency when its values add up; else the value in the
 * currency the position states ("16,000.00 HKD"), which no total adds to others; "—" when unknown.
 */
export function findingValueText(exposure: Finding['exposure']): string {
  if (exposure.value !== null || exposure.local?.value === undefined || exposure.local.value === null) return formatMoney(exposure.value);
  return `${formatMoney(exposure.local.value)} ${exposure.local.currency ?? '(currency not stated)'}`;
}

/** The flagged total of a summary, with long, short and net when there are short positions. */
export function flaggedValueText(s: ScreenSummary): string {
  const total = valueText(s.flaggedValueKnown, s.flaggedUnknown, s.counts.flagged, notAddedUpOf(s));
  return s.flaggedShort === 0
    ? total
    : `${total}: long ${formatMoney(s.flaggedLong)}, short ${formatMoney(s.flaggedShort)}, net ${formatMoney(s.flaggedLong + s.flaggedShort)}`;
}

/** The base a share of the portfolio is taken on, when it is not simply the portfolio value. */
export function shareBaseText(s: ScreenSummary): string {
  return s.grossPortfolioValue !== null && s.portfolioValue !== null && s.grossPortfolioValue !== Math.abs(s.portfolioValue)
    ? `, shares of the gross value ${formatMoney(s.grossPortfolioValue)} (longs plus the absolute value of shorts)`
    : '';
}

/** Why a fail policy was breached when the reason is not simply "a flagged finding": one line for stderr. */
export function policyVerdictText(verdict: PolicyVerdict): string | null {
  switch (verdict.reason) {
    case 'unknown-value':
      return `--max-exposure: ${verdict.unknown} counted finding(s) have no value, so the limit cannot be checked; failing closed (give the files' values, or drop --max-exposure)`;
    case 'unknown-base':
      return `--max-exposure: the portfolio value is unknown, so a share of it cannot be checked; failing closed (give the files' values, or a limit as an amount)`;
    default:
      return null;
  }
}

/** One line for the rows that keep a screen from being clean, naming the first. */
export function inputProblemsText(problems: readonly RowWarning[]): string {
  const first = problems[0];
  if (first === undefined) return '';
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more row(s))` : '';
  return `${first.file}:${first.line}: ${warningText(first)}${more}; the screen cannot be clean (exit 2) until the file is fixed`;
}

/** What a reader must know of the dates: dates not believed, and files that state different dates. */
export function dateNotes(result: ScreenResult): string[] {
  const notes = result.inputs
    .filter((i) => i.asOfRejected !== null)
    .map(
      (i) =>
        `warning: ${i.file}: the date it states, ${i.asOfRejected ?? ''}, is before 1990 or after today, so it was not used (give --as-of)`,
    );
  for (const i of result.inputs) {
    if (i.asOfAmbiguous !== null) {
      notes.push(
        `warning: ${i.file}${i.asOfLine === null ? '' : `:${i.asOfLine}`}: the date it states, ${i.asOfAmbiguous}, reads as day/month or month/day and nothing in the file says which, so it was not used (give --as-of)`,
      );
    }
    if (i.asOfConflict !== undefined) notes.push(`warning: ${i.file}: ${dateConflictText(null, i.asOfConflict)}`);
    if (i.values !== 'given' && i.rows.screened > 0) {
      notes.push(
        i.values === 'weights'
          ? `warning: ${i.file} gives no values, only weights: positions are screened with unknown value, and a finding's share is the file's weight`
          : `warning: ${i.file} gives no values: its ${i.rows.screened} position(s) are screened with unknown value`,
      );
    }
  }
  if (result.asOfSource === 'files') {
    const dated = result.inputs
      .filter((i) => i.asOf !== null)
      .map((i) => `${i.file} ${i.asOf ?? ''}${i.asOfLine === null ? '' : ` (line ${i.asOfLine})`}`);
    notes.push(
      `note: the files state different dates (${dated.join(', ')}); each was screened at its own, and files without one at ${result.asOf}`,
    );
  }
  return notes;
}

/** Which reader read a CSV file, and why csv-parse read it or its rest (inspect). */
export function readerText(reader: ReaderChoice | null): string {
  if (reader === null) return 'XML reader';
  const why = {
    asked: 'asked for',
    encoding: 'the file is not UTF-8',
    undecodable: 'some bytes do not decode as UTF-8',
    'multiline-quote': 'a quoted cell spans lines, or a line is quoted in a way only csv-parse reads',
  } as const;
  if (reader.kind === 'csv-parse') return `csv-parse (${reader.reason === null ? 'the whole file' : why[reader.reason]})`;
  if (reader.csvParseFrom === null) return 'byte reader (UTF-8, every record on one line)';
  const rest = reader.reason === null ? 'the last line has no line end' : why[reader.reason];
  return `byte reader, then csv-parse from line ${reader.csvParseFrom} (${rest})`;
}

/** What SARIF's SRCROOT stands for, as code-scanning tools show it beside the base. */
export const SRCROOT_DESCRIPTION = 'The folder the screen was run in; the holdings files are named relative to it.';

/** --output-format given something that is not FORMAT=FILE: what is wrong, and what would do. */
export function outputFormatSpecText(spec: string, formats: readonly string[]): { message: string; hint: string } {
  return {
    message: `--output-format: "${spec}" is not FORMAT=FILE`,
    hint: `FORMAT is one of ${formats.join(', ')}, e.g. --output-format sarif=screen.sarif`,
  };
}

/** Two reports of one run named the same file. */
export function outputFileTakenText(spec: string, earlier: string): { message: string; hint: string } {
  return { message: `--output-format ${spec}: ${earlier} already writes to this file`, hint: 'give each report its own file' };
}

/** The headline of a report, in a word or two. */
export const VERDICT_LABEL = {
  flagged: 'Flagged',
  review: 'For review',
  clean: 'Clean',
} as const satisfies Record<ScreenVerdict, string>;

function count(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** What the headline verdict means for this screen, in one or two sentences; `problems`: rows that could not be read as they stand. */
export function verdictText(verdict: ScreenVerdict, result: ScreenResult, problems: number): string {
  const s = result.summary;
  const share = s.flaggedWeight === null ? '' : ` (${formatWeight(s.flaggedWeight)} of the portfolio${shareBaseText(s)})`;
  const open = s.notLookedThrough.filter((u) => u.acceptedBy === null).length;
  switch (verdict) {
    case 'flagged':
      return (
        `${count(s.counts.flagged, 'holding')} of organisations on the list ${s.counts.flagged === 1 ? 'is' : 'are'} flagged: ` +
        `flagged value ${flaggedValueText(s)}${share}.` +
        (s.counts.review > 0 ? ` ${count(s.counts.review, 'more holding')} ${s.counts.review === 1 ? 'is' : 'are'} for review.` : '')
      );
    case 'review': {
      const parts = [
        s.counts.review > 0 ? `${count(s.counts.review, 'holding')} to review` : null,
        open > 0 ? `${count(open, 'fund position')} not looked through` : null,
        problems > 0 ? `${count(problems, 'row')} that could not be read as ${problems === 1 ? 'it stands' : 'they stand'}` : null,
      ].filter((p) => p !== null);
      return `Nothing is flagged, but the screen is not clean: ${parts.join(', ')}. A person must decide on each (see below).`;
    }
    case 'clean':
      if (s.counts.ignored > 0)
        return `Nothing is flagged or for review: ${count(s.counts.ignored, 'holding')} of listed entities ${s.counts.ignored === 1 ? 'is' : 'are'} accepted by the ignore file until ${s.counts.ignored === 1 ? 'its rule expires' : 'their rules expire'} (listed below). Every line of the files is accounted for.`;
      return `${noMatchText(s)} Every line of the files is accounted for: screened, read as a header, or skipped for a reason listed below.`;
  }
}

/** What the screen covered: files, rows, funds, the list and the date. */
export function coverageText(result: ScreenResult): string {
  const rows = result.inputs.reduce((acc, i) => ({ screened: acc.screened + i.rows.screened, skipped: acc.skipped + i.rows.skipped }), {
    screened: 0,
    skipped: 0,
  });
  const s = result.summary;
  const open = s.notLookedThrough.filter((u) => u.acceptedBy === null).length;
  const accepted = s.notLookedThrough.length - open;
  const funds =
    `${count(s.byFund.length, 'fund position')} looked through` +
    (open > 0 ? `, ${count(open, 'fund position')} not looked through (what ${open === 1 ? 'it holds' : 'they hold'} is unknown)` : '') +
    (accepted > 0 ? `, ${accepted} not looked through but accepted by the ignore file` : '');
  return (
    `Screened ${count(rows.screened, 'row')} of ${inputsText(result.inputs, (n) => count(n, 'file'))} (${count(rows.skipped, 'row')} skipped, each listed below); ${funds}. ` +
    `List version ${result.dataset.version} (${result.dataset.entities} entities), reviewed ${result.dataset.reviewedAt}; as of ${result.asOf} (${AS_OF_SOURCE_TEXT[result.asOfSource]}).`
  );
}

/** What no verdict of this tool covers, so that "clean" is not read as more than it is. */
export const NOT_COVERED_TEXT =
  'Not covered: what the funds not looked through hold, rows skipped as not positions (both listed below), organisations that are not on the list version named here, and anything after the as-of date.';

/** A share of the portfolio in a chart's label. */
export function shareText(share: number | null): string {
  return share === null ? 'share unknown' : `${formatWeight(share)} of the portfolio`;
}

/** Sentences for a report's empty sections. */
export const EMPTY_TEXT = {
  noExposure: 'Nothing is flagged, so there is no exposure to chart.',
  noFunds: 'No fund position was looked through.',
  noTimeline: 'No holding matched a listed entity, so there are no listing dates to show.',
  noFindings: 'No holding is flagged.',
  noReview: 'Nothing to review.',
  noSkipped: 'No row was skipped.',
  noGaps: 'No open gap: every position that looks like a fund was looked through, and every row was read as it stands.',
} as const;

/** The entity chart's accessible description: what it draws and every figure it draws. */
export function entityChartText(
  bars: readonly {
    readonly name: string;
    readonly direct: number;
    readonly indirect: number;
    readonly unknown: number;
    readonly findings: number;
    readonly share: number | null;
    readonly notAddedUp: NotAddedUp | null;
  }[],
): string {
  const notAddedUp = bars.find((b) => b.notAddedUp !== null)?.notAddedUp ?? null;
  const unknownPart = (b: (typeof bars)[number]): string =>
    b.unknown === 0 ? '' : b.notAddedUp !== null ? `, ${b.unknown} ${b.notAddedUp.short}` : `, ${b.unknown} of unknown value`;
  const each = bars.map(
    (b) =>
      `${b.name}: ${barValueText(b)}, ${shareText(b.share)}` +
      ` (directly ${formatMoney(b.direct)}, through funds ${formatMoney(b.indirect)}${unknownPart(b)})`,
  );
  const box =
    notAddedUp !== null
      ? `a dashed box marked "${unknownBoxText(notAddedUp).box}" stands for findings whose values are ${notAddedUp.short} (never a bar of zero)`
      : `a dashed box marked "${unknownBoxText(null).box}" stands for findings whose value is not known (never a bar of zero)`;
  return (
    'One bar per entity, its length the flagged value against the largest; the solid part is held directly, the hatched part through funds, ' +
    `and ${box}. ${each.join('; ')}.`
  );
}

/** The timeline's accessible description. */
export function timelineText(asOf: string, rows: readonly { readonly name: string; readonly dates: readonly string[] }[]): string {
  const each = rows.map((r) => `${r.name}: ${r.dates.join(', ')}`);
  return `The dates each entity found was put on a list (a filled circle for the Entity List listing, a square for other lists), against the screen's as-of date ${asOf} (the vertical line). ${each.join('; ')}.`;
}

/** How to make the same page again. */
export const REPRODUCE_TEXT =
  'To reproduce this report, screen the files below (their SHA-256 identifies the bytes screened) with the same tool version, list version and options.';

/** Where a report was written by, for its footer. */
export function producedByText(tool: { readonly name: string; readonly version: string }, result: ScreenResult): string {
  return `Produced by ${tool.name} ${tool.version} with list version ${result.dataset.version}. Self-contained: the page loads nothing from the network.`;
}

/** Where a listing stands against the as-of date, for the timeline's table. */
export function formatListingText(listing: { readonly date: string; readonly ended: string | null }, asOf: string): string {
  if (listing.ended !== null && listing.ended <= asOf) return `ended on ${listing.ended}, before the as-of date`;
  if (listing.date > asOf) return 'listed after the as-of date: not yet in force then';
  return 'in force on the as-of date';
}

/** The line under a report's title. */
export function reportMetaText(result: ScreenResult): string {
  return `As of ${result.asOf}; list version ${result.dataset.version}, reviewed ${result.dataset.reviewedAt}.`;
}

/** What inspect says of a workbook's sheet: which, how it was read, and whether it holds holdings. */
export function sheetText(sheet: SheetInput): string {
  const kind = sheet.kind === 'xlsx' ? 'XLSX' : 'SpreadsheetML 2003';
  const read = `${kind}; sheet "${sanitize(sheet.sheet)}" of ${sanitize(sheet.workbook)} read as CSV text, row N of the sheet on line N`;
  return sheet.holdingsTable ? read : `${read}; it holds no holdings table, so its lines are set aside (and searched for the list's names)`;
}

/** Where a file's date came from when its rows' date column gave it, as inspect says it. */
export function dateColumnText(c: { readonly text: string; readonly line: number; readonly header: string | null }, agreed = true): string {
  const column = c.header === null ? 'the date column' : `the column "${sanitize(c.header)}"`;
  // A date that reads both ways is named where it is: the rows need not agree on it.
  if (!agreed) return `in ${column}, line ${c.line}`;
  return `"${sanitize(c.text)}" in ${column} of every row that has one, first on line ${c.line}`;
}

/** A date column whose rows disagree: which dates, where; none is used. */
export function dateConflictText(header: string | null, dates: readonly DatedLine[]): string {
  const column = header === null ? "the rows' date column" : `the column "${sanitize(header)}"`;
  const each = dates.map((d) => `${d.date} (line ${d.line})`).join(', ');
  return `not used: ${column} gives ${dates.length > 1 ? 'several dates' : 'a date'}, ${each}${dates.length > 1 ? '' : ' and others'}, so none is the file's date (give --as-of)`;
}

/** The currencies a summary's values are in, as a list for a sentence. */
function currencyList(totals: readonly CurrencyTotal[]): string {
  return totals.map((t) => t.currency ?? 'not stated').join(', ');
}

/** What a rate still needs, when --base-currency has no rate for a currency present. */
function missingRatesText(conversion: CurrencyConversion | undefined): string {
  if (conversion === undefined || conversion.missing.length === 0) return '';
  const missing = conversion.missing.join(', ');
  return `; no rate to ${conversion.base} for ${missing} (give --fx ${conversion.missing.map((c) => `${c}=RATE`).join(',')} or a line in --fx-file)`;
}

/** The warning when a screen's values are in several currencies and no rates convert them. */
export function severalCurrenciesText(totals: readonly CurrencyTotal[], conversion?: CurrencyConversion): string {
  const what =
    totals.length === 1
      ? `values are in ${currencyList(totals)}, not in the base currency ${conversion?.base ?? ''},`
      : `values are in ${totals.length} currencies (${currencyList(totals)})`;
  const hint =
    conversion === undefined && totals.some((t) => t.currency === null)
      ? ' (values that state no currency are not taken to be in any; give --base-currency for that)'
      : '';
  return `${what} and were not added up: every total in one number is unknown${hint}${missingRatesText(conversion)}`;
}

/** One rate as a report says it: "1 EUR = 1.08 USD (2026-11-30, ECB)". */
export function rateText(rate: CurrencyConversion['rates'][number], base: string): string {
  const about = [rate.asOf, rate.source].filter((t) => t !== null).join(', ');
  return `1 ${rate.currency} = ${rate.rate} ${base}${about === '' ? '' : ` (${about})`}`;
}

/** What --base-currency did, for a report's notes: the base, the rates used, values taken to be in the base. */
export function conversionText(c: CurrencyConversion): string {
  const rates = c.rates.length === 0 ? '' : ` at ${c.rates.map((r) => rateText(r, c.base)).join(', ')}`;
  const converted = c.missing.length > 0 ? `base currency ${c.base}` : `totals in ${c.base}${rates}`;
  const notStated = c.notStatedTakenAsBase ? `; values that state no currency were taken to be in ${c.base} (--base-currency)` : '';
  return `${converted}${notStated}`;
}

/** One currency's totals, when values are in several. */
export function currencyTotalText(t: CurrencyTotal): string {
  return `${t.currency ?? 'currency not stated'}: portfolio value ${formatMoney(t.portfolioValue)}, flagged value ${formatMoney(t.flaggedValue)}`;
}

/** Why --max-exposure fails closed on values in several currencies: one line for stderr. */
export function mixedCurrencyLimitText(totals: readonly CurrencyTotal[], conversion?: CurrencyConversion): string {
  const hint =
    conversion === undefined
      ? "give --base-currency and --fx rates, or screen each currency's files apart"
      : `give --fx ${conversion.missing.map((c) => `${c}=RATE`).join(',')}`;
  const missing = conversion === undefined ? '' : `, and there is no rate to ${conversion.base} for ${conversion.missing.join(', ')}`;
  return `--max-exposure: the values are in ${totals.length === 1 ? currencyList(totals) : `${totals.length} currencies (${currencyList(totals)})`}${missing}, so they are not converted into one and the limit cannot be checked; failing closed (${hint})`;
}

/** Where a table's values get their currency, as inspect reports it. */
export interface TableCurrency {
  /** The value header, a currency column (an XML statement's field), or none. */
  readonly source: 'header' | 'value-field' | 'column' | 'field' | 'none';
  /** The code the value header states; null when it comes row by row or not at all. */
  readonly currency: string | null;
  readonly header: string | null;
}

/** inspect's line on a table's currency. */
export function tableCurrencyText(c: TableCurrency): string {
  if (c.source === 'header' || c.source === 'value-field')
    return `currency ${c.currency ?? ''}, from the value ${c.source === 'header' ? 'header' : 'field'} "${sanitize(c.header ?? '')}"`;
  if (c.source === 'column' || c.source === 'field')
    return `currency row by row, from the ${c.source} "${sanitize(c.header ?? '')}" (ISO 4217 codes; any other text is unknown)`;
  return 'currency not stated';
}

/** inspect's share of a file's data rows read: positions, and cash or derivative rows counted but not screened. */
export function rowShareText(r: RowShare): string {
  // 457 of 459 is not "100 %", nor 1 of 500 "0 %": only all, or none, rounds to them.
  const rounded =
    r.share === null ? null : r.share > 0 && r.share < 1 ? Math.min(99, Math.max(1, Math.round(r.share * 100))) : r.share * 100;
  const percent = rounded === null ? '' : ` (${rounded} %)`;
  if (r.counted === 0) return `${r.positions} of ${r.dataRows} data row(s) as positions${percent}`;
  return (
    `${r.positions + r.counted} of ${r.dataRows} data row(s)${percent}: ${r.positions} as positions, ` +
    `${r.counted} as cash or derivatives (counted in the value, not screened)`
  );
}

/** inspect's count of a file's positions by the currency of their value: "2 position(s) in USD, 1 in CAD". */
export function positionCurrenciesText(counts: readonly { readonly currency: string | null; readonly positions: number }[]): string {
  const each = counts
    .map(
      (c, i) => `${c.positions}${i === 0 ? ' position(s)' : ''}${c.currency === null ? ' with no currency stated' : ` in ${c.currency}`}`,
    )
    .join(', ');
  const several = counts.filter((c) => c.currency !== null).length > 1;
  return `${each}${several ? '; not added up as one (see --base-currency and --fx)' : ''}`;
}

/** inspect's number convention and the cells that decided it: the decimal separator's votes, the thousands separator's. */
export function numberConventionText(n: {
  readonly decimal: '.' | ',';
  readonly thousands: string | null;
  readonly commaVotes: number;
  readonly pointVotes: number;
  readonly example: string | null;
  readonly thousandsVotes: number;
  readonly thousandsExample: string | null;
}): string {
  const [chosen, other] = n.decimal === ',' ? [n.commaVotes, n.pointVotes] : [n.pointVotes, n.commaVotes];
  const decimalWord = n.decimal === ',' ? 'comma' : 'point';
  const decimal =
    n.example === null
      ? `decimal "${n.decimal}": no cell decides, the default`
      : `decimal "${n.decimal}": ${chosen} cell(s) say decimal ${decimalWord}, e.g. "${sanitize(n.example)}"; ${other} say decimal ${n.decimal === ',' ? 'point' : 'comma'}`;
  const name = n.thousands === ' ' ? 'space' : `"${n.thousands ?? ''}"`;
  const thousands =
    n.thousands === null
      ? 'no thousands separator seen'
      : `thousands ${name}: ${n.thousandsVotes} cell(s) group digits with it${n.thousandsExample === null ? '' : `, e.g. "${sanitize(n.thousandsExample)}"`}`;
  return `${decimal}; ${thousands}`;
}

/** How many files a screen read, a workbook once with its sheets said: "1 file (3 sheets of 1 workbook)". */
export function inputsText(
  inputs: readonly { readonly file: string; readonly sheet?: SheetInput }[],
  fileCount: (files: number) => string,
): string {
  const files = new Set(inputs.map((i) => i.sheet?.workbook ?? i.file)).size;
  const sheets = inputs.filter((i) => i.sheet !== undefined);
  const workbooks = new Set(sheets.map((i) => i.sheet?.workbook)).size;
  const of =
    sheets.length === 0
      ? ''
      : ` (${sheets.length} sheet${sheets.length === 1 ? '' : 's'} of ${workbooks} workbook${workbooks === 1 ? '' : 's'})`;
  return `${fileCount(files)}${of}`;
}
