// `explain`: everything matching considers for one name or identifier, as data.

import { DEFAULT_THRESHOLDS, statusOf, type Thresholds } from '../exposure/policy.js';
import type { Holding, Status } from '../model.js';
import { canonicalIdentifier, classifyIdentifier, isValidIdentifier, type IdentifierKind } from '../normalize/identifiers.js';
import { foldText } from '../normalize/names.js';
import { canonicalCode, KNOWN_VENUES, parseTicker, type Venue } from '../normalize/tickers.js';
import type { IndexedFact, IndexedLookAlike, MatchIndex } from './build-index.js';
import { judgeName, type NameVerdict } from './match-name.js';
import { createMatcher } from './match-positions.js';

export interface IdentifierCheck {
  readonly kind: IdentifierKind;
  readonly value: string;
  readonly valid: boolean;
  readonly entity: IndexedFact | null;
  readonly lookAlike: IndexedLookAlike | null;
}

export interface CodeCheck {
  readonly code: string;
  readonly marker: string | null;
  /** Venues the notation allows; null when it names none. */
  readonly venues: readonly Venue[] | null;
  readonly keys: readonly {
    readonly venue: Venue;
    readonly canonical: string;
    readonly entity: IndexedFact | null;
    readonly lookAlike: IndexedLookAlike | null;
  }[];
}

export interface Explanation {
  readonly input: string;
  readonly exchange: string | null;
  readonly folded: string;
  readonly identifiers: readonly IdentifierCheck[];
  readonly code: CodeCheck | null;
  readonly name: NameVerdict;
  /** What screening a holding with this text as its name (and as its symbol, when it looks like one) decides. */
  readonly verdict: {
    readonly status: Status | 'none';
    readonly entityId: string | null;
    readonly on: string | null;
    readonly score: number | null;
    readonly lookAlike: IndexedLookAlike | null;
    /** Why the list carries the fact that decided, when its data says (SenseTime Group: the Entity List entry's parent). */
    readonly note: string | null;
  };
  readonly thresholds: Thresholds;
}

const CODE_SHAPE = /^[A-Za-z]{0,6}[:]?\s*[A-Za-z0-9]{1,8}(?:[.\s][A-Za-z0-9]{1,4})?(?:\s+equity)?$/i;

/** Explains how the list judges a text. Pure. */
export function explain(index: MatchIndex, input: string, options: { exchange?: string; thresholds?: Thresholds } = {}): Explanation {
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const canonical = canonicalIdentifier(input);
  const identifiers: IdentifierCheck[] = [];
  const classified = classifyIdentifier(input);
  const kinds: IdentifierKind[] =
    classified !== null
      ? [classified]
      : canonical.length === 12
        ? ['isin']
        : canonical.length === 9
          ? ['cusip']
          : canonical.length === 7
            ? ['sedol']
            : [];
  for (const kind of kinds) {
    identifiers.push({
      kind,
      value: canonical,
      valid: isValidIdentifier(kind, canonical),
      entity: index[kind].get(canonical) ?? null,
      lookAlike: index.lookAlikeId.get(canonical) ?? null,
    });
  }

  const looksLikeCode = CODE_SHAPE.test(input.trim()) && classified === null;
  let code: CodeCheck | null = null;
  if (looksLikeCode) {
    const ref = parseTicker(input, options.exchange);
    if (ref !== null) {
      const keys = (ref.venues ?? KNOWN_VENUES).flatMap((venue) => {
        const c = canonicalCode(venue, ref.code);
        if (c === null) return [];
        const key = `${venue}:${c}`;
        return [{ venue, canonical: c, entity: index.code.get(key) ?? null, lookAlike: index.lookAlikeCode.get(key) ?? null }];
      });
      code = { code: ref.code, marker: ref.marker, venues: ref.venues, keys };
    }
  }

  const name = judgeName(index, input);
  const holding: Holding = {
    file: '<explain>',
    line: 0,
    account: null,
    name: input,
    ticker: looksLikeCode ? input : null,
    exchange: options.exchange ?? null,
    isin: identifiers.find((i) => i.kind === 'isin' && i.valid)?.value ?? null,
    cusip: identifiers.find((i) => i.kind === 'cusip' && i.valid)?.value ?? null,
    sedol: identifiers.find((i) => i.kind === 'sedol' && i.valid)?.value ?? null,
    quantity: null,
    value: null,
    currency: null,
    assetClass: null,
  };
  const outcome = createMatcher(index, thresholds.review)(holding);
  const decided =
    outcome.kind !== 'match'
      ? undefined
      : name.candidates.find((c) => c.entry.value.text === outcome.match.matched && c.entry.value.target === outcome.match.target)?.entry
          .value.note;
  const verdict =
    outcome.kind === 'match'
      ? {
          status: statusOf(outcome.match, thresholds) ?? ('none' as const),
          entityId: outcome.match.target.entityId,
          on: outcome.match.on,
          score: outcome.match.score,
          lookAlike: null,
          note: decided ?? null,
        }
      : outcome.kind === 'look-alike'
        ? { status: 'none' as const, entityId: null, on: outcome.on, score: null, lookAlike: outcome.lookAlike, note: null }
        : { status: 'none' as const, entityId: null, on: null, score: null, lookAlike: null, note: null };
  return { input, exchange: options.exchange ?? null, folded: foldText(input), identifiers, code, name, verdict, thresholds };
}
