// Holdings against the compiled list: identifiers first, then exchange codes, then names.

import type { Holding, Match, MatchOn } from '../model.js';
import { parseTicker, venuesFor, writtenAsHongKong, type Venue } from '../normalize/tickers.js';
import { codeKey, codeStem, type IndexedFact, type IndexedLookAlike, type MatchIndex } from './build-index.js';
import { decideName, type NameCandidate, type NameDecision, type NameVerdict } from './match-name.js';
import { tokenWeight } from './score.js';
import { isFormWord } from '../normalize/names.js';
import { memoize, memoize2 } from '../memo.js';

/** Score of a bare code (no exchange) whose row has no informative name: someone must look. */
const BARE_CODE_SCORE = 0.8;

/** What matching decided for one holding: a match, a known look-alike, or nothing. */
export type MatchOutcome =
  | { readonly kind: 'match'; readonly match: Match }
  | { readonly kind: 'look-alike'; readonly lookAlike: IndexedLookAlike; readonly on: MatchOn; readonly input: string }
  | { readonly kind: 'none' };

function factMatch(fact: IndexedFact, on: MatchOn, input: string, score = 1): Match {
  return { target: fact.target, on, score, matched: fact.text, input, unverified: fact.unverified, nameEvidence: null };
}

/** A name candidate as a Match, with its evidence. */
function nameMatch(candidate: NameCandidate<IndexedFact>, input: string): Match {
  const fact = candidate.entry.value;
  return {
    target: fact.target,
    on: 'name',
    score: candidate.score,
    matched: fact.text,
    input,
    unverified: fact.unverified,
    nameEvidence: {
      method: candidate.method,
      words: (candidate.detail?.pairs ?? []).map((p) => ({ list: p.list, holding: p.holding, similarity: p.similarity })),
    },
  };
}

/**
 * What matching keeps of a name's verdict. Most names match nothing and say which company they are
 * with several words: they all share one record, so remembering fifty thousand names costs little
 * more than their keys.
 */
interface RememberedVerdict {
  readonly decision: NameVerdict['decision'];
  /** The one word of the name that could say which company it is; '' when none does, null when several do. */
  readonly soleWord: string | null;
}

const NOTHING: NameVerdict['decision'] = { kind: 'none' };
const UNMATCHED_NAME: RememberedVerdict = { decision: NOTHING, soleWord: null };

/** The one word of a name's that could say which company it is (not generic, not a form word): '' when none, null when several differ. */
function soleWordOf(tokens: readonly string[]): string | null {
  let sole: string | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] ?? '';
    if (tokenWeight(t) === 0 || isFormWord(t) || t === sole) continue;
    if (sole !== null) return null;
    sole = t;
  }
  return sole ?? '';
}

function remember(verdict: NameDecision): RememberedVerdict {
  const soleWord = soleWordOf(verdict.normalized.tokens);
  if (verdict.decision.kind === 'none') return soleWord === null ? UNMATCHED_NAME : { decision: NOTHING, soleWord };
  return { decision: verdict.decision, soleWord };
}

/** What the list holds under the exchange codes a ticker cell (with its row's exchange column) can stand for. */
interface TickerFacts {
  /** Whether the notation or the exchange column says which venue: then the code is evidence by itself. */
  readonly placed: boolean;
  /** Venue by venue, in order, the codes the list knows; most tickers have none. */
  readonly hits: readonly {
    readonly fact: IndexedFact | undefined;
    readonly lookAlike: IndexedLookAlike | undefined;
    readonly venue: Venue;
  }[];
}

const UNKNOWN_PLACED: TickerFacts = { placed: true, hits: [] };
const UNKNOWN_UNPLACED: TickerFacts = { placed: false, hits: [] };

// The exchange key of a ticker under a column named as exchange codes, kept apart from any exchange text.
const CODE_COLUMN = '\u0000code column';

function tickerFacts(index: MatchIndex, exchange: string, ticker: string): TickerFacts | null {
  const codeColumn = exchange === CODE_COLUMN;
  const ref = parseTicker(ticker, exchange === '' || codeColumn ? undefined : exchange, codeColumn);
  if (ref === null) return null;
  if (!index.codeStems.has(codeStem(ref.code))) return ref.venues !== null ? UNKNOWN_PLACED : UNKNOWN_UNPLACED;
  // A code nothing places is tried on every venue it can be a code of; most tickers are on the list on none.
  const venues = ref.venues ?? venuesFor(ref.code);
  let hits: TickerFacts['hits'][number][] | null = null;
  for (let v = 0; v < venues.length; v++) {
    const venue = venues[v] ?? 'OTHER';
    const key = codeKey(venue, ref.code);
    if (key === null) continue;
    const fact = index.code.get(key);
    const lookAlike = index.lookAlikeCode.get(key);
    if (fact !== undefined || lookAlike !== undefined) (hits ??= []).push({ fact, lookAlike, venue });
  }
  if (hits !== null) return { placed: ref.venues !== null, hits };
  return ref.venues !== null ? UNKNOWN_PLACED : UNKNOWN_UNPLACED;
}

// This file's per-row functions loop by index: a for-of over an array allocates an iterator result
// per step in code that runs on every new row of a file before it is optimised.
const IDENTIFIERS = ['isin', 'sedol', 'cusip'] as const;
const NO_HIT: TickerFacts['hits'][number] = { fact: undefined, lookAlike: undefined, venue: 'OTHER' };
const NO_MATCH: MatchOutcome = { kind: 'none' };

/**
 * Returns a matcher bound to an index. It remembers each distinct name's verdict and each distinct
 * ticker's codes, so a file with a million rows and fifty thousand issuers scores fifty thousand
 * names and parses fifty thousand tickers; per row there is no more than a few map lookups.
 */
export function createMatcher(index: MatchIndex, minNameScore: number): (holding: Holding) => MatchOutcome {
  // Only what matching needs is remembered, not the whole verdict (candidates, word evidence): most
  // names match nothing and share one small record.
  const verdictFor = memoize((name: string) => remember(decideName(index, name)));
  const codesOf = memoize2((exchange: string, ticker: string) => tickerFacts(index, exchange, ticker));

  return (holding) => {
    for (let k = 0; k < IDENTIFIERS.length; k++) {
      const on = IDENTIFIERS[k] ?? 'isin';
      const id = holding[on];
      if (id === null) continue;
      const fact = index[on].get(id);
      if (fact !== undefined) return { kind: 'match', match: factMatch(fact, on, id) };
      const lookAlike = index.lookAlikeId.get(id);
      if (lookAlike !== undefined) return { kind: 'look-alike', lookAlike, on, input: id };
    }

    const verdict = holding.name === null ? null : verdictFor(holding.name);
    const named =
      verdict?.decision.kind === 'match' && verdict.decision.candidate.score >= minNameScore ? verdict.decision.candidate : null;

    const exchange = holding.exchange ?? (holding.tickerIsCode === true ? CODE_COLUMN : '');
    const codes = holding.ticker === null ? null : codesOf(exchange, holding.ticker);
    if (codes !== null && holding.ticker !== null) {
      for (let h = 0; h < codes.hits.length; h++) {
        const { fact, lookAlike, venue } = codes.hits[h] ?? NO_HIT;
        if (codes.placed) {
          if (fact !== undefined) return { kind: 'match', match: factMatch(fact, 'ticker', holding.ticker) };
          if (lookAlike !== undefined) return { kind: 'look-alike', lookAlike, on: 'ticker', input: holding.ticker };
        } else if (fact !== undefined && named !== null && named.entry.value.target.entityId === fact.target.entityId) {
          // A bare code with no exchange is only evidence when the name agrees…
          return { kind: 'match', match: factMatch(fact, 'ticker', holding.ticker) };
        } else if (fact !== undefined && isUninformative(verdict, holding.ticker)) {
          // …or, when there is no name to disagree ("002415", "COMMON STOCK"), a question for a person.
          return { kind: 'match', match: factMatch(fact, 'ticker', holding.ticker, BARE_CODE_SCORE) };
        } else if (fact !== undefined && named === null && venue === 'XHKG' && writtenAsHongKong(holding.ticker)) {
          // …or, written as HKEX writes its codes ("00020"), a question for a person whatever the name says:
          // the notation points at Hong Kong, where the name may be a short or a local one.
          return { kind: 'match', match: factMatch(fact, 'ticker', holding.ticker, BARE_CODE_SCORE) };
        }
      }
    }

    if (verdict !== null && holding.name !== null) {
      if (verdict.decision.kind === 'look-alike') {
        return { kind: 'look-alike', lookAlike: verdict.decision.candidate.entry.value, on: 'name', input: holding.name };
      }
      if (named !== null) return { kind: 'match', match: nameMatch(named, holding.name) };
    }
    return NO_MATCH;
  };
}

/** Whether a row's name says nothing of the company: absent, or only generic and form words, or the ticker again. */
function isUninformative(verdict: RememberedVerdict | null, ticker: string): boolean {
  return verdict === null || verdict.soleWord === '' || verdict.soleWord === ticker.toLowerCase();
}
