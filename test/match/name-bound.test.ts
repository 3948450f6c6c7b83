import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.js';
import { parseLabelledCsv } from '../../src/evaluate.js';
import { buildMatchIndex } from '../../src/match/build-index.js';
import { readHoldingsBytes } from '../../src/ingest/read.js';
import { judgeName, KEEP, mayKeep, skipsAll } from '../../src/match/match-name.js';
import { scoreTokens } from '../../src/match/score.js';

// The cut in judgeName skips scoring a list name whose bound is below KEEP. It must never skip one
// that scoreTokens would keep: a look-alike or a typo that scores is still scored.
const { dataset } = loadDataset();
const index = buildMatchIndex(dataset);
const listNames = [...index.nameEntries, ...index.lookAlikeEntries];
const vocabulary = [...index.vocabularyByLength.values()].flat();

/** The words judgeName scores for a name. */
function scoredWords(name: string): readonly string[] {
  const verdict = judgeName(index, name);
  return verdict.scored ?? verdict.normalized.tokens;
}

/** Every list name the bound would skip for these words, that scoreTokens keeps. */
function wronglySkipped(tokens: readonly string[]): string[] {
  return listNames
    .filter((entry) => scoreTokens(entry.tokens, tokens).score >= KEEP && !mayKeep(index, tokens, entry.tokens))
    .map((entry) => entry.text);
}

const aliases = [
  ...dataset.entities.flatMap((e) => [
    e.listName,
    ...e.names.map((n) => n.name),
    ...e.related.flatMap((r) => r.names.map((n) => n.name)),
    ...e.lookAlikes.flatMap((l) => l.names),
  ]),
];
/** Every list name that scores KEEP against these words, when judgeName would score none of them. */
function wronglySkippedAll(tokens: readonly string[]): string[] {
  return skipsAll(index, tokens) ? listNames.filter((entry) => scoreTokens(entry.tokens, tokens).score >= KEEP).map((e) => e.text) : [];
}

const labelled = parseLabelledCsv(readFileSync(new URL('../../fixtures/labelled/securities.csv', import.meta.url), 'utf8'));

describe('the bound that cuts name scoring short', () => {
  it('skips no list name that scores against any alias or variant of the list', () => {
    for (const alias of aliases) {
      // The name, cut as iShares cuts it, with a letter dropped, with a Cyrillic а, split in two.
      const variants = [
        alias,
        alias.slice(0, 34),
        alias.replace(/([a-z])[a-z]/i, '$1'),
        alias.replace(/a/, 'а'),
        alias.replace(/(\w{3})(\w{4,})/, '$1 $2'),
      ];
      for (const variant of variants) expect(wronglySkipped(scoredWords(variant)), variant).toEqual([]);
    }
  });

  it('skips no list name that scores against a labelled row', () => {
    expect(labelled.length).toBeGreaterThan(100);
    for (const row of labelled) {
      const name = row.cells.name;
      if (name === undefined || name === '') continue;
      expect(wronglySkipped(scoredWords(name)), name).toEqual([]);
    }
  });

  it('skips no list name that scores against any words at all', () => {
    const word = fc.oneof(
      fc.constantFrom(...vocabulary),
      fc.constantFrom(...vocabulary).map((w) => w.slice(0, Math.max(1, w.length - 2))),
      fc.constantFrom(...vocabulary).map((w) => `${w}s`),
      fc.constantFrom('technology', 'china', 'group', 'holdings', 'of', 'the', 'bank', 'storage'),
      fc.stringMatching(/^[a-z0-9]{1,12}$/),
    );
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 8 }), (tokens) => {
        expect(wronglySkipped(tokens)).toEqual([]);
      }),
      { numRuns: 3000, seed: 18 },
    );
  });
});

// Most names of a real file share no distinctive word with the list, and judgeName then scores no list
// name at all (skipsAll). That skip must never drop a list name scoreTokens would keep.
describe('the skip of every list name', () => {
  const REAL = new URL('../../fixtures/real/', import.meta.url);
  const realFiles = readdirSync(REAL, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(csv|xml)$/.test(f));
  const realNames = [
    ...new Set(
      realFiles.flatMap((f) => {
        const read = readHoldingsBytes(f, readFileSync(new URL(f, REAL)));
        return read.rows.map((row) => row.cells.name ?? '').filter((name) => name !== '');
      }),
    ),
  ];

  it('drops no list name that scores against a name of the real files', () => {
    // The VWO file alone has about 4,000 issuer names: the skip is tried on many, and taken on most.
    expect(realNames.length).toBeGreaterThan(8000);
    let skipped = 0;
    for (const name of realNames) {
      const words = scoredWords(name);
      if (skipsAll(index, words)) skipped++;
      expect(wronglySkippedAll(words), name).toEqual([]);
    }
    expect(skipped).toBeGreaterThan(realNames.length / 2);
    expect(skipped).toBeLessThan(realNames.length);
  });

  it('drops no list name that scores against a labelled row, an alias or a variant of one', () => {
    const names = [...labelled.map((row) => row.cells.name ?? ''), ...aliases, ...aliases.map((a) => `${a} Holdings Ltd`)];
    for (const name of names) if (name !== '') expect(wronglySkippedAll(scoredWords(name)), name).toEqual([]);
  });

  it('drops no list name that scores against any words at all', () => {
    const word = fc.oneof(
      fc.constantFrom(...vocabulary),
      fc.constantFrom(...vocabulary).map((w) => w.slice(0, Math.max(1, w.length - 2))),
      fc.constantFrom(...vocabulary).map((w) => `${w}x`),
      fc.constantFrom('technology', 'china', 'group', 'holdings', 'of', 'the', 'bank', 'hong', 'kong', 'digital', 'public', 'security'),
      fc.stringMatching(/^[a-z0-9]{1,12}$/),
    );
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 8 }), (tokens) => {
        expect(wronglySkippedAll(tokens)).toEqual([]);
      }),
      { numRuns: 5000, seed: 18 },
    );
  });
});
