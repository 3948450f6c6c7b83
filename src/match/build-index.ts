// The curated list compiled once per run into maps, so each holding costs a few lookups.

import type { Confidence, DatasetFile, Entity, EntityName, Security } from '../dataset/schema.js';
import type { MatchTarget } from '../model.js';
import { foldText, normalizeName, type NameNormalizer } from '../normalize/names.js';
import { canonicalCode, type Venue } from '../normalize/tickers.js';

/** A fact of the list that a holding can meet: an identifier, an exchange code or a name. */
export interface IndexedFact {
  readonly target: MatchTarget;
  /** The list's own text for it: "CNE100000PM8", "XSHE 002415", "Hangzhou Hikvision Digital Technology Co., Ltd.". */
  readonly text: string;
  readonly unverified: boolean;
  /** Why the list carries it, when the data says (a name's note, or a related company's): `explain --format json` shows it. */
  readonly note?: string;
}

/** A known different company whose name or code resembles a listed one. */
export interface IndexedLookAlike {
  readonly name: string;
  readonly resembles: string;
  readonly reason: string;
}

/** One name of the list, split into words for scoring. */
export interface NameEntry<T> {
  readonly text: string;
  readonly tokens: readonly string[];
  readonly compact: string;
  readonly value: T;
}

export interface MatchIndex {
  readonly isin: ReadonlyMap<string, IndexedFact>;
  readonly sedol: ReadonlyMap<string, IndexedFact>;
  readonly cusip: ReadonlyMap<string, IndexedFact>;
  /** Keyed `${venue}:${canonical code}`. */
  readonly code: ReadonlyMap<string, IndexedFact>;
  /** codeStem of every code in `code` and `lookAlikeCode`. */
  readonly codeStems: ReadonlySet<string>;
  /** Keyed by the compact normalised name. */
  readonly name: ReadonlyMap<string, IndexedFact>;
  /** Names matched only letter for letter (case folded), because normalising makes them ordinary words ("Face++"). */
  readonly literalName: ReadonlyMap<string, IndexedFact>;
  readonly lookAlikeName: ReadonlyMap<string, IndexedLookAlike>;
  readonly lookAlikeCode: ReadonlyMap<string, IndexedLookAlike>;
  readonly lookAlikeId: ReadonlyMap<string, IndexedLookAlike>;
  /** Entity id → list name, for reports. */
  readonly entityNames: ReadonlyMap<string, string>;
  /** Every matchable name, for scoring names that are not exactly equal. */
  readonly nameEntries: readonly NameEntry<IndexedFact>[];
  readonly lookAlikeEntries: readonly NameEntry<IndexedLookAlike>[];
  /** Word → positions in nameEntries / lookAlikeEntries of the names that contain it. */
  readonly nameByToken: ReadonlyMap<string, readonly number[]>;
  readonly lookAlikeByToken: ReadonlyMap<string, readonly number[]>;
  /** Distinct words of the list, by length, to find one-letter typos without comparing every word. */
  readonly vocabularyByLength: ReadonlyMap<number, readonly string[]>;
}

/** The key of an exchange code in the index, or null when the code cannot exist on that venue. */
export function codeKey(venue: Venue, code: string): string | null {
  const canonical = canonicalCode(venue, code);
  return canonical === null ? null : `${venue}:${canonical}`;
}

/**
 * A code without case or leading zeros. Every venue's canonical form of a code has the code's stem
 * (canonicalCode only pads with zeros, drops them or upper-cases), so a ticker whose stem no code of the
 * list has is on the list on no venue, and its venues' keys need not be built: most tickers of a file.
 */
export function codeStem(code: string): string {
  return code.toUpperCase().replace(/^0+/, '');
}

/** Facts the list marks low-confidence or unverified can raise a review, never a flag. */
function isWeak(confidence: Confidence): boolean {
  return confidence === 'low' || confidence === 'unverified';
}

function addSecurity(
  maps: {
    isin: Map<string, IndexedFact>;
    sedol: Map<string, IndexedFact>;
    cusip: Map<string, IndexedFact>;
    code: Map<string, IndexedFact>;
    codeStems: Set<string>;
  },
  target: MatchTarget,
  security: Security,
): void {
  const unverified = isWeak(security.confidence);
  if (security.isin !== undefined) maps.isin.set(security.isin, { target, text: security.isin, unverified });
  for (const sedol of security.sedols) maps.sedol.set(sedol, { target, text: sedol, unverified });
  if (security.cusip !== undefined) maps.cusip.set(security.cusip, { target, text: security.cusip, unverified });
  if (security.exchange === undefined || security.code === undefined) return;
  const key = codeKey(security.exchange, security.code);
  if (key === null) return;
  maps.code.set(key, { target, text: `${security.exchange} ${security.code}`, unverified });
  maps.codeStems.add(codeStem(security.code));
}

function addNames(
  map: Map<string, IndexedFact>,
  entries: NameEntry<IndexedFact>[],
  literal: Map<string, IndexedFact>,
  target: MatchTarget,
  names: readonly EntityName[],
  normalize: NameNormalizer,
  companyNote?: string,
): void {
  for (const n of names) {
    const why = companyNote ?? n.note;
    const note = why === undefined ? {} : { note: why };
    if (!n.matchable) {
      literal.set(foldText(n.name).trim(), { target, text: n.name, unverified: isWeak(n.confidence), ...note });
      continue;
    }
    const normalized = normalize(n.name);
    const key = normalized.compact;
    if (key === '') continue;
    if (
      entries.some((e) => e.compact === key && e.value.target.entityId === target.entityId && e.value.target.relation === target.relation)
    )
      continue;
    entries.push({
      text: n.name,
      tokens: normalized.tokens,
      compact: key,
      value: { target, text: n.name, unverified: isWeak(n.confidence), ...note },
    });
    const existing = map.get(key);
    const unverified = isWeak(n.confidence);
    // When two spellings of one entity fold to the same key, keep the verified one.
    if (existing === undefined || (existing.unverified && !unverified)) map.set(key, { target, text: n.name, unverified, ...note });
  }
}

function selfTarget(entity: Entity): MatchTarget {
  return { entityId: entity.id, entityName: entity.listName, relation: 'self', relatedName: null };
}

/**
 * Compiles the list. Pure: the same dataset always gives the same index. `normalize` is normalizeName,
 * or a table of what it gives for the bundled list's names (normalizerWith): the same index, built
 * without normalising those names again at start-up.
 */
export function buildMatchIndex(dataset: DatasetFile, normalize: NameNormalizer = normalizeName): MatchIndex {
  const maps = {
    isin: new Map<string, IndexedFact>(),
    sedol: new Map<string, IndexedFact>(),
    cusip: new Map<string, IndexedFact>(),
    code: new Map<string, IndexedFact>(),
    codeStems: new Set<string>(),
  };
  const name = new Map<string, IndexedFact>();
  const literalName = new Map<string, IndexedFact>();
  const lookAlikeName = new Map<string, IndexedLookAlike>();
  const lookAlikeCode = new Map<string, IndexedLookAlike>();
  const lookAlikeId = new Map<string, IndexedLookAlike>();
  const entityNames = new Map<string, string>();
  const nameEntries: NameEntry<IndexedFact>[] = [];
  const lookAlikeEntries: NameEntry<IndexedLookAlike>[] = [];

  for (const entity of dataset.entities) {
    const self = selfTarget(entity);
    entityNames.set(entity.id, entity.listName);
    for (const security of entity.securities) addSecurity(maps, self, security);
    const listName: EntityName = {
      name: entity.listName,
      type: 'list',
      lang: 'en',
      confidence: 'high',
      matchable: true,
      sources: ['list'],
    };
    addNames(name, nameEntries, literalName, self, [...entity.names, listName], normalize);
    for (const related of entity.related) {
      const target: MatchTarget = {
        entityId: entity.id,
        entityName: entity.listName,
        relation: related.relation,
        // A related company on a list of its own is named with that listing's citation (data), so a
        // review of XPCC says it is on OFAC's SDN list rather than looking like a cleared look-alike.
        relatedName:
          related.names[0] === undefined
            ? null
            : related.listings.length === 0
              ? related.names[0].name
              : `${related.names[0].name} (${related.listings.map((l) => l.citation ?? l.list).join('; ')})`,
      };
      for (const security of related.securities) addSecurity(maps, target, security);
      addNames(name, nameEntries, literalName, target, related.names, normalize, related.note);
    }
    for (const lookAlike of entity.lookAlikes) {
      const info: IndexedLookAlike = { name: lookAlike.names[0] ?? '', resembles: entity.listName, reason: lookAlike.reason };
      for (const n of lookAlike.names) {
        const normalized = normalize(n);
        lookAlikeName.set(normalized.compact, info);
        lookAlikeEntries.push({ text: n, tokens: normalized.tokens, compact: normalized.compact, value: info });
      }
      for (const s of lookAlike.securities) {
        const key = codeKey(s.exchange, s.code);
        if (key !== null) {
          lookAlikeCode.set(key, info);
          maps.codeStems.add(codeStem(s.code));
        }
        if (s.isin !== undefined) lookAlikeId.set(s.isin, info);
        for (const sedol of s.sedols) lookAlikeId.set(sedol, info);
      }
    }
  }
  const vocabulary = new Set<string>();
  const byToken = <T>(entries: readonly NameEntry<T>[]): Map<string, number[]> => {
    const map = new Map<string, number[]>();
    entries.forEach((entry, i) => {
      for (const token of new Set(entry.tokens)) {
        vocabulary.add(token);
        const list = map.get(token) ?? [];
        list.push(i);
        map.set(token, list);
      }
    });
    return map;
  };
  const nameByToken = byToken(nameEntries);
  const lookAlikeByToken = byToken(lookAlikeEntries);
  const vocabularyByLength = new Map<number, string[]>();
  for (const token of vocabulary) {
    const list = vocabularyByLength.get(token.length) ?? [];
    list.push(token);
    vocabularyByLength.set(token.length, list);
  }
  return {
    ...maps,
    name,
    literalName,
    lookAlikeName,
    lookAlikeCode,
    lookAlikeId,
    entityNames,
    nameEntries,
    lookAlikeEntries,
    nameByToken,
    lookAlikeByToken,
    vocabularyByLength,
  };
}
