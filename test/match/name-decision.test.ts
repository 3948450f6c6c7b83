import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.js';
import { buildMatchIndex } from '../../src/match/build-index.js';
import { decideName, judgeName } from '../../src/match/match-name.js';
import { labelledNames, listNameVariants, nameWord, realFileNames } from '../support/name-samples.js';

// A screen's matcher keeps a name's words and decision only, and asks decideName, which does not score
// the look-alikes of a name no list name scores: its decision is none whatever they score. judgeName
// (explain) scores them. Both are the one judging function; this holds their words and decisions equal.
const { dataset } = loadDataset();
const index = buildMatchIndex(dataset);
const vocabulary = [...index.vocabularyByLength.values()].flat();

/** Names whose decideName differs from judgeName's words and decision, with both. */
function differing(names: Iterable<string>): string[] {
  const out: string[] = [];
  for (const name of names) {
    const full = judgeName(index, name);
    const decided = decideName(index, name);
    const same =
      JSON.stringify({ normalized: full.normalized, decision: full.decision }) ===
      JSON.stringify({ normalized: decided.normalized, decision: decided.decision });
    if (!same) out.push(`${name}: ${JSON.stringify(full.decision)} / ${JSON.stringify(decided.decision)}`);
  }
  return out;
}

describe("decideName: judgeName's words and decision", () => {
  it('on every name of the real files, among them hundreds whose look-alikes it leaves unscored', () => {
    const names = realFileNames();
    expect(names.size).toBeGreaterThan(8000);
    expect(differing(names)).toEqual([]);
    // The names it skips work for: judgeName finds a look-alike beside no list name ("China Mobile").
    const skipped = [...names].filter((name) => {
      const verdict = judgeName(index, name);
      return verdict.decision.kind === 'none' && verdict.lookAlike !== null;
    });
    expect(skipped.length).toBeGreaterThan(100);
    expect(skipped).toContain('China Mobile Ltd.');
  });

  it('on labelled rows, the list names and their variants', () => {
    expect(differing([...labelledNames(), ...listNameVariants(dataset)])).toEqual([]);
  });

  it('on any words at all', () => {
    const word = nameWord(vocabulary);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (words) => {
        expect(differing([words.join(' ')])).toEqual([]);
      }),
      { numRuns: 3000, seed: 18 },
    );
  });
});
