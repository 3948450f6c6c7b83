// Holdings against the compiled list: identifiers first, then exchange codes, then names.

import type { Holding, Match, MatchOn } from '../model.js';
import { normalizeName } from '../normalize/names.js';
import { parseTicker, type Venue } from '../normalize/tickers.js';
import { codeKey, type IndexedFact, type IndexedLookAlike, type MatchIndex } from './build-index.js';

const ALL_VENUES: readonly Venue[] = ['XSHE', 'XSHG', 'XHKG', 'OTCM', 'XLON', 'XTKS'];

/** iShares cuts names to 34 characters ("HANGZHOU HIKVISION DIGITAL TECHNOL"). */
const TRUNCATED_LENGTH = 34;
/** The shortest cut name we complete by prefix: shorter prefixes are too often shared. */
const MIN_PREFIX = 16;

/** What matching decided for one holding: a match, a known look-alike, or nothing. */
export type MatchOutcome =
  | { readonly kind: 'match'; readonly match: Match }
  | { readonly kind: 'look-alike'; readonly lookAlike: IndexedLookAlike; readonly on: MatchOn; readonly input: string }
  | { readonly kind: 'none' };

interface NameHit {
  readonly fact: IndexedFact;
  readonly score: number;
  readonly truncated: boolean;
}

function toMatch(fact: IndexedFact, on: MatchOn, input: string, score: number): Match {
  return { target: fact.target, on, score, matched: fact.text, input, unverified: fact.unverified };
}

/** Returns a matcher bound to an index; it remembers each distinct name's result. */
export function createMatcher(index: MatchIndex): (holding: Holding) => MatchOutcome {
  const nameCache = new Map<string, NameHit | IndexedLookAlike | null>();

  const matchName = (text: string): NameHit | IndexedLookAlike | null => {
    const cached = nameCache.get(text);
    if (cached !== undefined) return cached;
    const { compact } = normalizeName(text);
    let result: NameHit | IndexedLookAlike | null = null;
    if (compact !== '') {
      const lookAlike = index.lookAlikeName.get(compact);
      const fact = index.name.get(compact);
      if (lookAlike !== undefined) result = lookAlike;
      else if (fact !== undefined) result = { fact, score: 1, truncated: false };
      else if (text.trim().length === TRUNCATED_LENGTH && compact.length >= MIN_PREFIX) {
        for (const [key, candidate] of index.name) {
          if (key.startsWith(compact)) {
            result = { fact: candidate, score: 0.95, truncated: true };
            break;
          }
        }
      }
    }
    nameCache.set(text, result);
    return result;
  };

  return (holding) => {
    for (const on of ['isin', 'sedol', 'cusip'] as const) {
      const id = holding[on];
      if (id === null) continue;
      const fact = index[on].get(id);
      if (fact !== undefined) return { kind: 'match', match: toMatch(fact, on, id, 1) };
      const lookAlike = index.lookAlikeId.get(id);
      if (lookAlike !== undefined) return { kind: 'look-alike', lookAlike, on, input: id };
    }

    const nameResult = holding.name === null ? null : matchName(holding.name);
    const nameHit = nameResult !== null && 'fact' in nameResult ? nameResult : null;

    if (holding.ticker !== null) {
      const ref = parseTicker(holding.ticker, holding.exchange ?? undefined);
      if (ref !== null) {
        const venues = ref.venues ?? ALL_VENUES;
        for (const venue of venues) {
          const key = codeKey(venue, ref.code);
          if (key === null) continue;
          const fact = index.code.get(key);
          const lookAlike = index.lookAlikeCode.get(key);
          if (ref.venues !== null) {
            if (fact !== undefined) return { kind: 'match', match: toMatch(fact, 'ticker', holding.ticker, 1) };
            if (lookAlike !== undefined) return { kind: 'look-alike', lookAlike, on: 'ticker', input: holding.ticker };
          } else if (fact !== undefined && nameHit !== null && nameHit.fact.target.entityId === fact.target.entityId) {
            // A bare code with no exchange is only evidence when the name agrees.
            return { kind: 'match', match: toMatch(fact, 'ticker', holding.ticker, 1) };
          }
        }
      }
    }

    if (nameResult !== null && holding.name !== null) {
      if ('fact' in nameResult) return { kind: 'match', match: toMatch(nameResult.fact, 'name', holding.name, nameResult.score) };
      return { kind: 'look-alike', lookAlike: nameResult, on: 'name', input: holding.name };
    }
    return { kind: 'none' };
  };
}
