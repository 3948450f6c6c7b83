// Holdings against the compiled list: identifiers first, then exchange codes, then names.

import type { Holding, Match, MatchOn } from '../model.js';
import { KNOWN_VENUES, parseTicker } from '../normalize/tickers.js';
import { codeKey, type IndexedFact, type IndexedLookAlike, type MatchIndex } from './build-index.js';
import { judgeName, type NameCandidate, type NameVerdict } from './match-name.js';
import { tokenWeight } from './score.js';
import { isFormWord } from '../normalize/names.js';

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
export function nameMatch(candidate: NameCandidate<IndexedFact>, input: string): Match {
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

interface RememberedVerdict {
  readonly decision: NameVerdict['decision'];
  readonly tokens: readonly string[];
}

const NOTHING: NameVerdict['decision'] = { kind: 'none' };

function remember(verdict: NameVerdict): RememberedVerdict {
  return { decision: verdict.decision.kind === 'none' ? NOTHING : verdict.decision, tokens: verdict.normalized.tokens };
}

/**
 * Returns a matcher bound to an index. It remembers each distinct name's verdict, so a file with
 * a million rows and fifty thousand issuers scores fifty thousand names.
 */
export function createMatcher(index: MatchIndex, minNameScore: number): (holding: Holding) => MatchOutcome {
  // Only what matching needs is remembered, not the whole verdict (candidates, word evidence): most
  // names match nothing and share one small record.
  const verdicts = new Map<string, RememberedVerdict>();
  const verdictFor = (name: string): RememberedVerdict => {
    let verdict = verdicts.get(name);
    if (verdict === undefined) {
      verdict = remember(judgeName(index, name));
      verdicts.set(name, verdict);
    }
    return verdict;
  };

  return (holding) => {
    for (const on of ['isin', 'sedol', 'cusip'] as const) {
      const id = holding[on];
      if (id === null) continue;
      const fact = index[on].get(id);
      if (fact !== undefined) return { kind: 'match', match: factMatch(fact, on, id) };
      const lookAlike = index.lookAlikeId.get(id);
      if (lookAlike !== undefined) return { kind: 'look-alike', lookAlike, on, input: id };
    }

    const verdict = holding.name === null ? null : verdictFor(holding.name);
    const uninformative =
      verdict === null || verdict.tokens.every((t) => tokenWeight(t) === 0 || isFormWord(t) || t === holding.ticker?.toLowerCase());
    const named = verdict?.decision.kind === 'match' && verdict.decision.candidate.score >= minNameScore ? verdict.decision.candidate : null;

    if (holding.ticker !== null) {
      const ref = parseTicker(holding.ticker, holding.exchange ?? undefined);
      if (ref !== null) {
        for (const venue of ref.venues ?? KNOWN_VENUES) {
          const key = codeKey(venue, ref.code);
          if (key === null) continue;
          const fact = index.code.get(key);
          const lookAlike = index.lookAlikeCode.get(key);
          if (ref.venues !== null) {
            if (fact !== undefined) return { kind: 'match', match: factMatch(fact, 'ticker', holding.ticker) };
            if (lookAlike !== undefined) return { kind: 'look-alike', lookAlike, on: 'ticker', input: holding.ticker };
          } else if (fact !== undefined && named !== null && named.entry.value.target.entityId === fact.target.entityId) {
            // A bare code with no exchange is only evidence when the name agrees…
            return { kind: 'match', match: factMatch(fact, 'ticker', holding.ticker) };
          } else if (fact !== undefined && uninformative) {
            // …or, when there is no name to disagree ("002415", "COMMON STOCK"), a question for a person.
            return { kind: 'match', match: factMatch(fact, 'ticker', holding.ticker, BARE_CODE_SCORE) };
          }
        }
      }
    }

    if (verdict !== null && holding.name !== null) {
      if (verdict.decision.kind === 'look-alike') {
        return { kind: 'look-alike', lookAlike: verdict.decision.candidate.entry.value, on: 'name', input: holding.name };
      }
      if (named !== null) return { kind: 'match', match: nameMatch(named, holding.name) };
    }
    return { kind: 'none' };
  };
}
