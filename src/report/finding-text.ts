// The only place where findings, matches and skipped rows become words.

import type { Finding, Match, MatchOn, SkipReason, Status } from '../model.js';

export const STATUS_LABEL = {
  flagged: 'FLAGGED',
  review: 'REVIEW',
  ignored: 'ignored',
} as const satisfies Record<Status, string>;

export const MATCH_ON_LABEL = {
  isin: 'ISIN',
  sedol: 'SEDOL',
  cusip: 'CUSIP',
  ticker: 'exchange code',
  name: 'name',
} as const satisfies Record<MatchOn, string>;

export const SKIP_REASON_TEXT = {
  blank: 'blank line',
  total: 'total or subtotal row',
  cash: 'cash or money-market row (its value counts in the portfolio total)',
  derivative: 'futures or other derivative row (its value counts in the portfolio total)',
  'section-label': 'section or account label',
  'not-holdings': 'row of a table that is not a holdings table (account summary, transactions)',
  trailer: 'disclaimer, footnote or download stamp after the holdings',
  'no-security': 'row with no name, symbol or identifier',
  undecodable: 'row whose bytes could not be decoded',
} as const satisfies Record<SkipReason, string>;

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
      sentence = `symbol "${match.input}" is ${match.matched}, a listing of ${who}`;
      break;
    case 'name':
      sentence =
        match.score < 1
          ? `name "${match.input}" is "${match.matched}" cut short, a name of ${who}`
          : `name "${match.input}" equals "${match.matched}", a name of ${who}, once case, punctuation and legal-form or share-class words are set aside`;
      break;
  }
  if (match.target.relation !== 'self') sentence += '; a related company is for review, not flagged';
  if (match.unverified) sentence += '; the list marks this fact unverified, so it is for review only';
  return sentence;
}

/** A short "how it matched" cell: "ISIN CNE100000PM8", "name (0.95)". */
export function matchShort(finding: Finding): string {
  const m = finding.match;
  const score = m.score < 1 ? ` (${m.score.toFixed(2)})` : '';
  return `${MATCH_ON_LABEL[m.on]} ${m.on === 'name' ? `"${m.matched}"` : m.matched}${score}`;
}
