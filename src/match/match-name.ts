// A holding's name against the list's names: exact, cut short, contained (Chinese), or scored by words.
// Look-alikes are scored the same way and win when they fit the name at least as well.

import { foldName, normalizeName, type NormalizedName } from '../normalize/names.js';
import type { IndexedFact, IndexedLookAlike, MatchIndex, NameEntry } from './build-index.js';
import { CONTESTED_CAP, MIN_CUT_LENGTH, MIN_TYPO_LENGTH, scoreTokens, tokenWeight, withinOneEdit, type TokenScore } from './score.js';
import { compareText } from '../order.js';
import { remember } from '../memo.js';

export type NameMethod = 'exact' | 'truncated' | 'contains' | 'tokens';

export interface NameCandidate<T> {
  readonly entry: NameEntry<T>;
  readonly score: number;
  readonly method: NameMethod;
  /** Word-by-word evidence when method is `tokens`. */
  readonly detail: TokenScore | null;
  /** True when the score was capped because its only distinctive words also name a look-alike. */
  readonly contested: boolean;
}

export interface NameVerdict {
  readonly normalized: NormalizedName;
  /** The words scored, when they differ from the name's: split words of the list joined, a long name cut. */
  readonly scored?: readonly string[];
  /** Best-scoring list names, best first (at most five). */
  readonly candidates: readonly NameCandidate<IndexedFact>[];
  readonly lookAlike: NameCandidate<IndexedLookAlike> | null;
  /** The decision: a list name, a look-alike that fits at least as well, or nothing. */
  readonly decision:
    | { readonly kind: 'match'; readonly candidate: NameCandidate<IndexedFact> }
    | { readonly kind: 'look-alike'; readonly candidate: NameCandidate<IndexedLookAlike> }
    | { readonly kind: 'none' };
}

/** iShares cuts names to 34 characters ("HANGZHOU HIKVISION DIGITAL TECHNOL"). */
const TRUNCATED_LENGTH = 34;
/** The shortest cut name completed by prefix; shorter prefixes are shared too often. */
const MIN_PREFIX = 16;
/** Shortest Chinese name found inside a longer one (国投 alone is two characters and names a whole group). */
const MIN_HAN_CONTAINED = 3;
/** Lowest score worth keeping as a candidate. */
export const KEEP = 0.3;

const HAN_ONLY = /^\p{Script=Han}+$/u;
/** Words of a name that are scored: real names have a dozen; a hostile one of 500,000 must not cost more. */
const MAX_NAME_TOKENS = 32;

/**
 * Joins neighbouring words that the list writes as one ("HIK VISION", "HIK-VISION", "I FLYTEK", "SENSE
 * TIME"), two or three at a time, when the joined word is a word of the list and the parts are not.
 * A name with nothing to join is given back as it is (the same array), as nearly every name is.
 */
function joinSplitWords(tokens: readonly string[], vocabulary: Vocabulary): readonly string[] {
  const { listWords, prefixes } = vocabulary;
  let out: string[] | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const one = tokens[i] ?? '';
    // Words are never empty, so a word that begins no list word cannot begin a joined one: most words
    // cost this one look-up.
    if (i + 1 < tokens.length && prefixes.has(one)) {
      const two = one + (tokens[i + 1] ?? '');
      const three = two + (tokens[i + 2] ?? '');
      if (i + 2 < tokens.length && listWords.has(three) && !listWords.has(one)) {
        out ??= tokens.slice(0, i);
        out.push(three);
        i += 2;
        continue;
      }
      if (listWords.has(two) && !(listWords.has(one) && listWords.has(tokens[i + 1] ?? ''))) {
        out ??= tokens.slice(0, i);
        out.push(two);
        i += 1;
        continue;
      }
    }
    out?.push(one);
  }
  return out ?? tokens;
}

/** How a name may be found besides by its exact words, worked out once for the list's names and the look-alikes'. */
interface NameShape {
  /** Cut at iShares' length. */
  readonly truncated: boolean;
  /** Han characters only. */
  readonly hanOnly: boolean;
}

const PLAIN_SHAPE: NameShape = { truncated: false, hanOnly: false };

/** First code unit of the Han script's (U+2E80 CJK radicals; the rest, and the surrogates of the supplements, lie above). */
const FIRST_HAN = 0x2e80;

function shapeOf(normalized: NormalizedName, raw: string): NameShape {
  const truncated = raw.trim().length === TRUNCATED_LENGTH;
  // Most names begin with a Latin letter or digit: the script's test is only run for one that may be Han.
  const hanOnly = normalized.compact.charCodeAt(0) >= FIRST_HAN && HAN_ONLY.test(normalized.compact);
  return truncated || hanOnly ? { truncated, hanOnly } : PLAIN_SHAPE;
}

function exactOrCut<T>(
  normalized: NormalizedName,
  raw: string,
  shape: NameShape,
  exact: ReadonlyMap<string, unknown>,
  entries: readonly NameEntry<T>[],
): NameCandidate<T> | null {
  // Most names are neither on the list nor cut nor Han: they are answered here, before a function whose
  // closures make V8 allocate a context on every call.
  if (shape === PLAIN_SHAPE && !exact.has(normalized.compact)) return null;
  return exactOrCutFound(normalized, raw, shape, exact, entries);
}

function exactOrCutFound<T>(
  normalized: NormalizedName,
  raw: string,
  shape: NameShape,
  exact: ReadonlyMap<string, unknown>,
  entries: readonly NameEntry<T>[],
): NameCandidate<T> | null {
  const { compact } = normalized;
  const fact = exact.get(compact);
  if (fact !== undefined) {
    // The entry the map chose (the verified spelling when two fold alike), not merely the first.
    const entry = entries.find((e) => e.compact === compact && e.value === fact) ?? entries.find((e) => e.compact === compact);
    if (entry !== undefined) return { entry, score: 1, method: 'exact', detail: null, contested: false };
  }
  if (shape === PLAIN_SHAPE) return null;
  if (shape.truncated) {
    // The cut may fall inside a word ("… INFORMATION CO L"): try without the partial last word too.
    const whole = normalizeName(raw.trim().replace(/\s+\S*$/, '')).compact;
    for (const prefix of [compact, whole]) {
      if (prefix.length < MIN_PREFIX) continue;
      const entry = entries.find((e) => e.compact.startsWith(prefix));
      if (entry !== undefined) return { entry, score: 0.95, method: 'truncated', detail: null, contested: false };
    }
  }
  if (shape.hanOnly && compact.length >= MIN_HAN_CONTAINED) {
    const entry = entries.find(
      // Only a longer holding name containing a list name: 新疆生产建设兵团 (the Corps) is not its bureau 新疆生产建设兵团公安局.
      (e) => HAN_ONLY.test(e.compact) && e.compact.length >= MIN_HAN_CONTAINED && compact.includes(e.compact),
    );
    if (entry !== undefined) return { entry, score: 0.9, method: 'contains', detail: null, contested: false };
  }
  return null;
}

/** Words of the list that a holding word could be: itself, a one-letter typo of it, or what it was cut from. */
function listWordsFor(vocabulary: Vocabulary, token: string, isLast: boolean): readonly string[] {
  const words = isLast ? vocabulary.lastWords : vocabulary.innerWords;
  const cached = words.get(token);
  if (cached !== undefined) return cached;
  return remember(words, token, listWordsOf(vocabulary, token, isLast));
}

/**
 * The list's vocabulary arranged to answer "which words are one edit from this one" and "which words
 * begin with this" without a pass over all of it: the words long enough to be a typo's, by their first
 * three letters and by their last three (a word of MIN_TYPO_LENGTH or more and a word one edit from it
 * always share one of the two: the edit is within the first three letters or it is not), and the words
 * sorted, for prefixes. `words` is in vocabularyByLength's order, so a word's position is its rank in
 * it, and the answers come in the order a pass over it would give them.
 */
interface Vocabulary {
  readonly byHead: ReadonlyMap<number, readonly number[]>;
  readonly byTail: ReadonlyMap<number, readonly number[]>;
  readonly words: readonly string[];
  /** The words, to ask whether a word is one of them. */
  readonly known: ReadonlySet<string>;
  /** Positions in `words`, sorted by the word. */
  readonly sorted: readonly number[];
  /** Words of the list's names and look-alikes' names (the words split words are joined into). */
  readonly listWords: ReadonlySet<string>;
  /** Every shorter beginning of a word of listWords: only such a word can be the first part of a split one. */
  readonly prefixes: ReadonlySet<string>;
  // The same words recur across names (a million rows, fifty thousand issuers, a few thousand words):
  // what each word could be is worked out once per index, apart for a name's last word (which may be cut).
  readonly lastWords: Map<string, readonly string[]>;
  readonly innerWords: Map<string, readonly string[]>;
  // mayBeListWord of each word met, as a name's last word and as another: it is asked of every word of
  // every new name, and the same words recur across names (4,500 distinct among 12,000 on VWO).
  readonly lastReach: Map<string, boolean>;
  readonly innerReach: Map<string, boolean>;
  /**
   * Per list word, the largest share of a list name's weight (scoreTokens' listCoverage) it can make up,
   * over the list's names and look-alikes' names: what bounds the list side in noneCanKeep.
   */
  readonly listShare: ReadonlyMap<string, number>;
}

/** Three letters of a word from `at`, as one number (exact: three UTF-16 code units fit in 48 bits). */
function threeLetters(word: string, at: number): number {
  return (word.charCodeAt(at) * 0x10000 + word.charCodeAt(at + 1)) * 0x10000 + word.charCodeAt(at + 2);
}

const vocabularies = new WeakMap<MatchIndex, Vocabulary>();

function vocabularyOf(index: MatchIndex): Vocabulary {
  const known = vocabularies.get(index);
  if (known !== undefined) return known;
  const words: string[] = [];
  const byHead = new Map<number, number[]>();
  const byTail = new Map<number, number[]>();
  const point = (map: Map<number, number[]>, key: number, i: number): void => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [i]);
    else list.push(i);
  };
  for (const list of index.vocabularyByLength.values()) {
    for (const word of list) {
      const i = words.length;
      words.push(word);
      // A typo's word is MIN_TYPO_LENGTH long or more, so a word one edit from it one letter shorter at least.
      if (word.length < MIN_TYPO_LENGTH - 1) continue;
      point(byHead, threeLetters(word, 0), i);
      point(byTail, threeLetters(word, word.length - 3), i);
    }
  }
  const sorted = words.map((_, i) => i).sort((a, b) => compareText(words[a] ?? '', words[b] ?? ''));
  const listWords = new Set([...index.nameByToken.keys(), ...index.lookAlikeByToken.keys()]);
  const prefixes = new Set<string>();
  for (const word of listWords) for (let k = 1; k < word.length; k++) prefixes.add(word.slice(0, k));
  const vocabulary = {
    byHead,
    byTail,
    words,
    known: new Set(words),
    sorted,
    listWords,
    prefixes,
    lastWords: new Map(),
    innerWords: new Map(),
    lastReach: new Map(),
    innerReach: new Map(),
    listShare: listSharesOf(index),
  };
  vocabularies.set(index, vocabulary);
  return vocabulary;
}

/** The listShare of every word of the list's names and look-alikes' names. */
function listSharesOf(index: MatchIndex): Map<string, number> {
  const shares = new Map<string, number>();
  const add = (tokens: readonly string[]): void => {
    let weight = 0;
    for (const token of tokens) weight += tokenWeight(token);
    if (weight === 0) return;
    for (const token of new Set(tokens)) {
      let own = 0;
      for (const t of tokens) if (t === token) own += tokenWeight(t);
      shares.set(token, Math.max(shares.get(token) ?? 0, own / weight));
    }
  };
  for (const entry of index.nameEntries) add(entry.tokens);
  for (const entry of index.lookAlikeEntries) add(entry.tokens);
  return shares;
}

/** Words of the vocabulary one edit from `token` (not the token itself), shorter first, then in vocabularyByLength's order. */
function typosOf(vocabulary: Vocabulary, token: string): number[] {
  const found: number[] = [];
  const collect = (bucket: readonly number[] | undefined): void => {
    if (bucket === undefined) return;
    for (const i of bucket) {
      const word = vocabulary.words[i] ?? '';
      if (word !== token && Math.abs(word.length - token.length) <= 1 && !found.includes(i) && withinOneEdit(word, token)) found.push(i);
    }
  };
  collect(vocabulary.byHead.get(threeLetters(token, 0)));
  collect(vocabulary.byTail.get(threeLetters(token, token.length - 3)));
  // Shorter words first, as a pass over the lengths token-1, token, token+1 finds them.
  const length = (i: number): number => vocabulary.words[i]?.length ?? 0;
  return found.sort((a, b) => length(a) - length(b) || a - b);
}

/** The first position in `sorted` whose word is not before `prefix`. */
function firstAtOrAfter(vocabulary: Vocabulary, prefix: string): number {
  const { sorted, words } = vocabulary;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((words[sorted[mid] ?? 0] ?? '') < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Words of the vocabulary longer than `prefix` that begin with it, in vocabularyByLength's order. */
function completionsOf(vocabulary: Vocabulary, prefix: string): number[] {
  const { sorted, words } = vocabulary;
  const found: number[] = [];
  for (let k = firstAtOrAfter(vocabulary, prefix); k < sorted.length; k++) {
    const i = sorted[k] ?? 0;
    const word = words[i] ?? '';
    if (!word.startsWith(prefix)) break;
    if (word.length > prefix.length) found.push(i);
  }
  return found.sort((a, b) => a - b);
}

/** Exported for the test that holds it equal to a pass over the whole vocabulary. */
export function findListWords(index: MatchIndex, token: string, isLast: boolean): string[] {
  return listWordsOf(vocabularyOf(index), token, isLast);
}

const LATIN_WORD = /^[a-z0-9]+$/;

function listWordsOf(vocabulary: Vocabulary, token: string, isLast: boolean): string[] {
  const words = [token];
  if (!LATIN_WORD.test(token)) return words;
  if (token.length >= MIN_TYPO_LENGTH) for (const i of typosOf(vocabulary, token)) words.push(vocabulary.words[i] ?? '');
  if (isLast && token.length >= MIN_CUT_LENGTH) for (const i of completionsOf(vocabulary, token)) words.push(vocabulary.words[i] ?? '');
  return words;
}

/**
 * The most a holding's words can score against any list name, as the share of their weight (in
 * scoreTokens' order) held by words that are one of the list's or could be (listWords of more than the
 * word itself): a word without is matched by no list word.
 */
function holdingCoverageBound(tokens: readonly string[], wordsOf: readonly (readonly string[])[], vocabulary: ReadonlySet<string>): number {
  let weight = 0;
  let matchable = 0;
  for (let j = 0; j < tokens.length; j++) {
    const token = tokens[j] ?? '';
    const w = tokenWeight(token);
    weight += w;
    if ((wordsOf[j]?.length ?? 0) > 1 || vocabulary.has(token)) matchable += w;
  }
  return weight === 0 ? 0 : matchable / weight;
}

/**
 * Whether a holding word counts as matchable in holdingCoverageBound (it is a word of the vocabulary,
 * or listWordsOf finds a list word beyond it), answered without building the list: true at the first
 * typo or completion found. A test holds it equal to that.
 */
function mayBeListWord(vocabulary: Vocabulary, token: string, isLast: boolean): boolean {
  if (vocabulary.known.has(token)) return true;
  if (!LATIN_WORD.test(token)) return false;
  if (token.length >= MIN_TYPO_LENGTH && hasTypo(vocabulary, token)) return true;
  return isLast && token.length >= MIN_CUT_LENGTH && hasCompletion(vocabulary, token);
}

/** Whether typosOf finds any word. */
function hasTypo(vocabulary: Vocabulary, token: string): boolean {
  return (
    bucketHasTypo(vocabulary, vocabulary.byHead.get(threeLetters(token, 0)), token) ||
    bucketHasTypo(vocabulary, vocabulary.byTail.get(threeLetters(token, token.length - 3)), token)
  );
}

function bucketHasTypo(vocabulary: Vocabulary, bucket: readonly number[] | undefined, token: string): boolean {
  if (bucket === undefined) return false;
  for (let k = 0; k < bucket.length; k++) {
    const word = vocabulary.words[bucket[k] ?? 0] ?? '';
    if (word !== token && Math.abs(word.length - token.length) <= 1 && withinOneEdit(word, token)) return true;
  }
  return false;
}

/** Whether completionsOf finds any word. */
function hasCompletion(vocabulary: Vocabulary, prefix: string): boolean {
  const { sorted, words } = vocabulary;
  for (let k = firstAtOrAfter(vocabulary, prefix); k < sorted.length; k++) {
    const word = words[sorted[k] ?? 0] ?? '';
    if (!word.startsWith(prefix)) return false;
    if (word.length > prefix.length) return true;
  }
  return false;
}

/**
 * holdingCoverageBound of a name's words with wordsOfTokens' lists, computed from mayBeListWord
 * alone: most names are decided by this bound (noneCanKeep) and need no list of words at all.
 */
function holdingReach(vocabulary: Vocabulary, tokens: readonly string[]): number {
  let weight = 0;
  let matchable = 0;
  for (let j = 0; j < tokens.length; j++) {
    const token = tokens[j] ?? '';
    const w = tokenWeight(token);
    weight += w;
    if (mayBeListWordOnce(vocabulary, token, j === tokens.length - 1)) matchable += w;
  }
  return weight === 0 ? 0 : matchable / weight;
}

/** mayBeListWord, worked out once per word and place. */
function mayBeListWordOnce(vocabulary: Vocabulary, token: string, isLast: boolean): boolean {
  const reach = isLast ? vocabulary.lastReach : vocabulary.innerReach;
  const known = reach.get(token);
  if (known !== undefined) return known;
  return remember(reach, token, mayBeListWord(vocabulary, token, isLast));
}

/**
 * The most a list name's weight can be matched by a holding's scored words (an upper bound of
 * cannotKeep's list share, for every list name at once): the sum of the listShare of every list word a
 * holding word could be. A list name's matched words are among those list words, each making up no more
 * than its listShare of the name; a list word counted twice only loosens the bound.
 */
function listReach(vocabulary: Vocabulary, tokens: readonly string[]): number {
  let share = 0;
  for (let j = 0; j < tokens.length; j++) {
    const token = tokens[j] ?? '';
    const isLast = j === tokens.length - 1;
    // A word that can be no list word has itself alone for its words, and no listShare.
    if (!mayBeListWordOnce(vocabulary, token, isLast)) continue;
    const words = listWordsFor(vocabulary, token, isLast);
    for (let k = 0; k < words.length; k++) share += vocabulary.listShare.get(words[k] ?? '') ?? 0;
  }
  return share;
}

/**
 * The bound both ways, for the test that holds them equal: by holdingReach, and by holdingCoverageBound
 * over the words' lists.
 */
export function holdingBounds(index: MatchIndex, tokens: readonly string[]): { readonly reach: number; readonly covered: number } {
  const vocabulary = vocabularyOf(index);
  return {
    reach: holdingReach(vocabulary, tokens),
    covered: holdingCoverageBound(tokens, wordsOfTokens(vocabulary, tokens), vocabulary.known),
  };
}

/** Below KEEP by more than rounding: the bound is computed as scoreTokens computes the score. */
const BOUND_MARGIN = 1e-9;

/**
 * Whether a list name cannot score KEEP against the holding, by an upper bound of scoreTokens: every
 * list word among the holding's listWords matched fully, every holding word that could match matched
 * fully. A list word outside listWords matches no holding word (listWords holds every word of the list
 * a holding word is alike to), so the bound is never below the score and the cut drops only names
 * that scoring would drop.
 */
function cannotKeep(listTokens: readonly string[], weight: number, listWords: readonly string[], holdingBound: number): boolean {
  let matched = 0;
  for (let k = 0; k < listTokens.length; k++) {
    const token = listTokens[k] ?? '';
    if (listWords.includes(token)) matched += tokenWeight(token);
  }
  const listBound = weight === 0 ? 0 : matched / weight;
  const f1 = listBound + holdingBound === 0 ? 0 : (2 * listBound * holdingBound) / (listBound + holdingBound);
  return f1 < KEEP - BOUND_MARGIN;
}

/** The weight of a list name's words, summed in their order (as cannotKeep and scoreTokens sum it). */
function weightOf(tokens: readonly string[]): number {
  let weight = 0;
  for (let k = 0; k < tokens.length; k++) weight += tokenWeight(tokens[k] ?? '');
  return weight;
}

/** Whether no list name can score KEEP, whatever its words: cannotKeep holds even with every list word matched. */
function noneCanKeep(holdingBound: number): boolean {
  // cannotKeep's f1 grows with the list's share, so at most its value for a share of 1; the margin
  // beyond BOUND_MARGIN takes up the rounding of computing it at another share.
  return (2 * holdingBound) / (1 + holdingBound) < KEEP - BOUND_MARGIN - SHARE_ROUNDING;
}

/**
 * noneCanKeep with the list's share bounded by listReach rather than 1: a name whose only list words are
 * generic ones ("China Mobile": china) cannot make up enough of any list name to score.
 */
function noneCanKeepWithin(holdingBound: number, listBound: number): boolean {
  const share = Math.min(1, listBound);
  return share + holdingBound === 0 || (2 * share * holdingBound) / (share + holdingBound) < KEEP - BOUND_MARGIN - SHARE_ROUNDING;
}

/** Whether judgeName scores no list name for these scored words: by holdingReach, then by listReach. */
function scoresNone(vocabulary: Vocabulary, tokens: readonly string[], holdingBound: number): boolean {
  return noneCanKeep(holdingBound) || noneCanKeepWithin(holdingBound, listReach(vocabulary, tokens));
}

/** Far more than the few units in the last place by which the f1 of two shares can round differently. */
const SHARE_ROUNDING = 1e-12;

/** Per scored word of a name, the list words it could be (listWordsFor). */
function wordsOfTokens(vocabulary: Vocabulary, tokens: readonly string[]): (readonly string[])[] {
  const wordsOf: (readonly string[])[] = [];
  for (let i = 0; i < tokens.length; i++) wordsOf.push(listWordsFor(vocabulary, tokens[i] ?? '', i === tokens.length - 1));
  return wordsOf;
}

/**
 * The words of wordsOfTokens(vocabulary, tokens).flat() that can name a list name, built as one array.
 * A word that can be no list word (mayBeListWord, worked out for every word by holdingReach) is left out:
 * its words are itself alone, which no list name has, so neither scoreEntries nor cannotKeep finds anything
 * by it, and its typos and completions are not looked for. Most words of a scored name are such words
 * (751 of the 847 the VWO file's names would look up).
 */
function listWordsOfTokens(vocabulary: Vocabulary, tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    const isLast = i === tokens.length - 1;
    if (!mayBeListWordOnce(vocabulary, token, isLast)) continue;
    const words = listWordsFor(vocabulary, token, isLast);
    for (let k = 0; k < words.length; k++) out.push(words[k] ?? '');
  }
  return out;
}

/**
 * Whether scoring a holding's scored words against a list name's words is not cut short by the bound.
 * Exported for the test that holds the cut no stricter than scoreTokens.
 */
export function mayKeep(index: MatchIndex, tokens: readonly string[], listTokens: readonly string[]): boolean {
  const vocabulary = vocabularyOf(index);
  const wordsOf = wordsOfTokens(vocabulary, tokens);
  const holdingBound = holdingCoverageBound(tokens, wordsOf, vocabulary.known);
  return !cannotKeep(listTokens, weightOf(listTokens), wordsOf.flat(), holdingBound);
}

/**
 * Whether judgeName skips scoring every list name for these words, as no list name could score KEEP.
 * Exported for the test that holds the skip no stricter than scoreTokens.
 */
export function skipsAll(index: MatchIndex, tokens: readonly string[]): boolean {
  const vocabulary = vocabularyOf(index);
  return scoresNone(vocabulary, tokens, holdingCoverageBound(tokens, wordsOfTokens(vocabulary, tokens), vocabulary.known));
}

/** Whether the distinctive words a score paired are all words of a look-alike, and there is one. */
function onlyContestedWords(detail: TokenScore, contested: ReadonlyMap<string, readonly number[]>): boolean {
  let distinctive = false;
  for (let k = 0; k < detail.pairs.length; k++) {
    const pair = detail.pairs[k];
    if (pair === undefined || pair.weight < 1) continue;
    if (!contested.has(pair.list)) return false;
    distinctive = true;
  }
  return distinctive;
}

// The per-name functions below loop by index: most run on every new name of a file before they are
// optimised, where a for-of allocates an iterator result per step.
/**
 * A list of names as scoreEntries reads it: with each name's weight worked out once per index, and a
 * scratch mark per name (cleared after each use) rather than a new array per holding's name.
 */
interface ScoredList<T> {
  readonly entries: readonly NameEntry<T>[];
  readonly byToken: ReadonlyMap<string, readonly number[]>;
  readonly weights: readonly number[];
  readonly seen: Uint8Array;
}

function scoredListOf<T>(entries: readonly NameEntry<T>[], byToken: ReadonlyMap<string, readonly number[]>): ScoredList<T> {
  return { entries, byToken, weights: entries.map((e) => weightOf(e.tokens)), seen: new Uint8Array(entries.length) };
}

const scoredLists = new WeakMap<
  MatchIndex,
  { readonly names: ScoredList<IndexedFact>; readonly lookAlikes: ScoredList<IndexedLookAlike> }
>();

function scoredListsOf(index: MatchIndex): { readonly names: ScoredList<IndexedFact>; readonly lookAlikes: ScoredList<IndexedLookAlike> } {
  const known = scoredLists.get(index);
  if (known !== undefined) return known;
  const lists = {
    names: scoredListOf(index.nameEntries, index.nameByToken),
    lookAlikes: scoredListOf(index.lookAlikeEntries, index.lookAlikeByToken),
  };
  scoredLists.set(index, lists);
  return lists;
}

function scoreEntries<T>(
  list: ScoredList<T>,
  listWords: readonly string[],
  tokens: readonly string[],
  holdingBound: number,
  contested: ReadonlyMap<string, readonly number[]> | null,
): NameCandidate<T>[] {
  const { entries, byToken, weights, seen } = list;
  // The names with a word among listWords, each once, in the order the words find them.
  const found: number[] = [];
  for (let k = 0; k < listWords.length; k++) {
    const positions = byToken.get(listWords[k] ?? '');
    if (positions === undefined) continue;
    for (let p = 0; p < positions.length; p++) {
      const i = positions[p] ?? 0;
      if (seen[i] === 1) continue;
      seen[i] = 1;
      found.push(i);
    }
  }
  for (let f = 0; f < found.length; f++) seen[found[f] ?? 0] = 0;
  const out: NameCandidate<T>[] = [];
  for (let f = 0; f < found.length; f++) {
    const at = found[f] ?? 0;
    const entry = entries[at];
    if (entry === undefined || cannotKeep(entry.tokens, weights[at] ?? 0, listWords, holdingBound)) continue;
    const detail = scoreTokens(entry.tokens, tokens);
    const onlyContested = contested !== null && onlyContestedWords(detail, contested);
    const score = onlyContested ? Math.min(detail.score, CONTESTED_CAP) : detail.score;
    if (score >= KEEP) out.push({ entry, score, method: 'tokens', detail, contested: onlyContested && detail.score > CONTESTED_CAP });
  }
  return out.length < 2 ? out : out.sort((a, b) => b.score - a.score || compareText(a.entry.text, b.entry.text));
}

/** The candidates naming the listed company itself, in their order (a filter, without its closure per name). */
function selfOnly(candidates: NameCandidate<IndexedFact>[]): NameCandidate<IndexedFact>[] {
  let out: NameCandidate<IndexedFact>[] | null = null;
  for (let k = 0; k < candidates.length; k++) {
    const candidate = candidates[k];
    if (candidate === undefined) continue;
    if (candidate.entry.value.target.relation === 'self') out?.push(candidate);
    else out ??= candidates.slice(0, k);
  }
  return out ?? candidates;
}

// Shared by every verdict that matches nothing (most names of a file), rather than built per name.
const NO_CANDIDATES: readonly NameCandidate<IndexedFact>[] = Object.freeze([]);
const NO_DECISION: NameVerdict['decision'] = Object.freeze({ kind: 'none' });
/** A name scored by its own words: nothing to add to its verdict. */
const SCORED_AS_NAMED: { readonly scored?: readonly string[] } = Object.freeze({});

/** Judges one name against the index. Pure; callers memoise by name. */
export function judgeName(index: MatchIndex, raw: string): NameVerdict {
  return judge(index, raw, true);
}

/** What a screen keeps of a name's verdict: its words and the decision. */
export type NameDecision = Pick<NameVerdict, 'normalized' | 'decision'>;

/**
 * judgeName's words and decision, for a matcher that keeps nothing else. The look-alikes are scored only
 * when a list name is: with no list name the decision is none whatever they score, and the look-alike
 * judgeName would report beside it (explain shows it) is not needed. Most scored names of a file are such
 * names ("China Mobile": china is a word of the list and of look-alikes).
 */
export function decideName(index: MatchIndex, raw: string): NameDecision {
  return judge(index, raw, false);
}

function judge(index: MatchIndex, raw: string, lookAlikeWhenNoCandidate: boolean): NameVerdict {
  const normalized = normalizeName(raw);
  const none: NameVerdict = { normalized, candidates: NO_CANDIDATES, lookAlike: null, decision: NO_DECISION };
  const literal = index.literalName.get(foldName(raw).trim());
  if (literal !== undefined) {
    const candidate: NameCandidate<IndexedFact> = {
      entry: { text: literal.text, tokens: normalized.tokens, compact: normalized.compact, value: literal },
      score: 1,
      method: 'exact',
      detail: null,
      contested: false,
    };
    return { normalized, candidates: [candidate], lookAlike: null, decision: { kind: 'match', candidate } };
  }
  if (normalized.compact === '') return none;

  const shape = shapeOf(normalized, raw);
  const lookAlikeFixed = exactOrCut(normalized, raw, shape, index.lookAlikeName, index.lookAlikeEntries);
  const entityFixed = exactOrCut(normalized, raw, shape, index.name, index.nameEntries);
  if (lookAlikeFixed !== null && lookAlikeFixed.score >= (entityFixed?.score ?? 0)) {
    return {
      normalized,
      candidates: entityFixed === null ? [] : [entityFixed],
      lookAlike: lookAlikeFixed,
      decision: { kind: 'look-alike', candidate: lookAlikeFixed },
    };
  }
  if (entityFixed !== null && entityFixed.score === 1) {
    return { normalized, candidates: [entityFixed], lookAlike: lookAlikeFixed, decision: { kind: 'match', candidate: entityFixed } };
  }

  const vocabulary = vocabularyOf(index);
  const cut = normalized.tokens.length > MAX_NAME_TOKENS ? normalized.tokens.slice(0, MAX_NAME_TOKENS) : normalized.tokens;
  const tokens = joinSplitWords(cut, vocabulary);
  const scoredAs: { readonly scored?: readonly string[] } =
    tokens === normalized.tokens || tokens.join(' ') === normalized.key ? SCORED_AS_NAMED : { scored: tokens };
  const holdingBound = holdingReach(vocabulary, tokens);
  // Most names share no distinctive word with the list: then no list name is scored at all, and the
  // list words each word could be are not looked for.
  const scoring = !scoresNone(vocabulary, tokens, holdingBound);
  if (!scoring && entityFixed === null && lookAlikeFixed === null && scoredAs.scored === undefined) return none;
  const listWords = scoring ? listWordsOfTokens(vocabulary, tokens) : [];
  // Related companies match by their exact names only: a word in common with "CETC" does not make a
  // company Hikvision's parent (CETC Digital Technology is a sibling, not the parent).
  const scored = scoring ? selfOnly(scoreEntries(scoredListsOf(index).names, listWords, tokens, holdingBound, index.lookAlikeByToken)) : [];
  const candidates = entityFixed === null ? scored : [entityFixed, ...scored].sort((a, b) => b.score - a.score);
  const lookAlikes =
    scoring && (lookAlikeWhenNoCandidate || candidates.length > 0)
      ? scoreEntries(scoredListsOf(index).lookAlikes, listWords, tokens, holdingBound, null)
      : [];
  const lookAlike = lookAlikeFixed ?? lookAlikes[0] ?? null;
  const best = candidates[0];
  const top = candidates.slice(0, 5);
  if (best === undefined) {
    // As { ...none, ...scoredAs, lookAlike } gives it (the same keys in the same order), without the
    // spread, which most scored names reach.
    const { scored } = scoredAs;
    return scored === undefined
      ? { normalized, candidates: NO_CANDIDATES, lookAlike, decision: NO_DECISION }
      : { normalized, candidates: NO_CANDIDATES, lookAlike, decision: NO_DECISION, scored };
  }
  if (lookAlike !== null && lookAlike.score >= best.score) {
    return { normalized, ...scoredAs, candidates: top, lookAlike, decision: { kind: 'look-alike', candidate: lookAlike } };
  }
  return { normalized, ...scoredAs, candidates: top, lookAlike, decision: { kind: 'match', candidate: best } };
}
