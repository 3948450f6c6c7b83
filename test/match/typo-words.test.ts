import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.js';
import { buildMatchIndex, type MatchIndex } from '../../src/match/build-index.js';
import { findListWords } from '../../src/match/match-name.js';
import { MIN_CUT_LENGTH, MIN_TYPO_LENGTH, editDistance, withinOneEdit } from '../../src/match/score.js';
import { normalizeName } from '../../src/normalize/names.js';

// A deterministic generator, so a failure names a pair that can be replayed.
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

/** The pass over the whole vocabulary that findListWords replaced: what it must still answer, in order. */
function passOverVocabulary(index: MatchIndex, token: string, isLast: boolean): string[] {
  const words = [token];
  if (!/^[a-z0-9]+$/.test(token)) return words;
  if (token.length >= MIN_TYPO_LENGTH)
    for (const len of [token.length - 1, token.length, token.length + 1])
      for (const w of index.vocabularyByLength.get(len) ?? []) if (w !== token && editDistance(w, token, 1) <= 1) words.push(w);
  if (isLast && token.length >= MIN_CUT_LENGTH)
    for (const [len, list] of index.vocabularyByLength) {
      if (len <= token.length) continue;
      for (const w of list) if (w.startsWith(token)) words.push(w);
    }
  return words;
}

/** One random edit of a word: a letter changed, added, dropped, or two neighbours swapped; sometimes two edits, or a cut. */
function mutate(word: string, next: () => number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const at = Math.floor(next() * word.length);
  const letter = letters[Math.floor(next() * letters.length)] ?? 'a';
  const kind = Math.floor(next() * 6);
  if (kind === 0) return word.slice(0, at) + letter + word.slice(at + 1);
  if (kind === 1) return word.slice(0, at) + letter + word.slice(at);
  if (kind === 2) return word.slice(0, at) + word.slice(at + 1);
  if (kind === 3 && at + 1 < word.length) return word.slice(0, at) + (word[at + 1] ?? '') + (word[at] ?? '') + word.slice(at + 2);
  if (kind === 4) return mutate(mutate(word, next), next);
  return word.slice(0, Math.max(1, at));
}

describe('a new word of a holding name is held against the list vocabulary by its one-letter deletions', () => {
  const index = buildMatchIndex(loadDataset().dataset);
  const vocabulary = [...index.vocabularyByLength.values()].flat();

  it('withinOneEdit is editDistance(a, b, 1) <= 1 on 200,000 pairs of near and far words', () => {
    const next = random(84_54002);
    const differ: string[] = [];
    for (let n = 0; n < 200_000; n++) {
      const a = vocabulary[Math.floor(next() * vocabulary.length)] ?? 'hikvision';
      const b = next() < 0.8 ? mutate(a, next) : (vocabulary[Math.floor(next() * vocabulary.length)] ?? '');
      if (withinOneEdit(a, b) !== editDistance(a, b, 1) <= 1) differ.push(`${a} / ${b}`);
    }
    for (const [a, b] of [
      ['', ''],
      ['a', ''],
      ['ab', 'ba'],
      ['abc', 'ca'],
      ['abcd', 'acbd'],
      ['abcd', 'badc'],
    ])
      if (withinOneEdit(a ?? '', b ?? '') !== editDistance(a ?? '', b ?? '', 1) <= 1) differ.push(`${a} / ${b}`);
    expect(differ.slice(0, 10)).toEqual([]);
  });

  it('finds the same list words, in the same order, as a pass over the whole vocabulary', () => {
    const next = random(20191009);
    // The words of real holding names (the fixtures' issuer names), and near misses of the list's own words.
    const names = readFileSync(new URL('../../fixtures/labelled/securities.csv', import.meta.url), 'utf8');
    const tokens = new Set(names.split(/\r?\n/).flatMap((line) => normalizeName(line).tokens));
    for (let n = 0; n < 20_000; n++) tokens.add(mutate(vocabulary[Math.floor(next() * vocabulary.length)] ?? 'dahua', next));
    const differ: string[] = [];
    let found = 0;
    for (const token of tokens) {
      for (const isLast of [false, true]) {
        const fast = findListWords(index, token, isLast);
        if (fast.length > 1) found++;
        if (JSON.stringify(fast) !== JSON.stringify(passOverVocabulary(index, token, isLast))) differ.push(`${token} ${isLast}`);
      }
    }
    expect(differ.slice(0, 10)).toEqual([]);
    // Not a test of nothing: many of the words tried do meet list words by a typo or a cut.
    expect(found).toBeGreaterThan(1000);
  });
});
