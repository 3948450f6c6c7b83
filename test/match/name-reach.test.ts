import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.js';
import { buildMatchIndex } from '../../src/match/build-index.js';
import { holdingBounds, judgeName } from '../../src/match/match-name.js';
import { labelledNames, listNameVariants, nameWord, namesOf, realFileNames } from '../support/name-samples.js';
import { ROOT } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

// judgeName decides whether any list name can be scored from a bound worked out word by word
// (holdingReach), without building the list of list words each word could be; only a name that
// passes it has those lists built. The bound must be the very number holdingCoverageBound gives from
// the lists (the general path, kept as the reference): the rest of the judgement is the same code, so
// equal bounds give equal verdicts, on every name a file can hold.
const { dataset } = loadDataset();
const index = buildMatchIndex(dataset);
const vocabulary = [...index.vocabularyByLength.values()].flat();

/** The words judgeName scores for a name. */
function scoredWords(name: string): readonly string[] {
  const verdict = judgeName(index, name);
  return verdict.scored ?? verdict.normalized.tokens.slice(0, 32);
}

/** Names whose two bounds differ, with both. */
function differing(names: Iterable<string>): string[] {
  const out: string[] = [];
  for (const name of names) {
    const { reach, covered } = holdingBounds(index, scoredWords(name));
    if (!Object.is(reach, covered)) out.push(`${name}: ${reach} / ${covered}`);
  }
  return out;
}

const work = makeTempDir('name-reach');

describe('the bound that decides whether a name is scored at all', () => {
  it('is holdingCoverageBound on every name of the real files', () => {
    const names = realFileNames();
    // The VWO file alone has about 4,000 issuer names.
    expect(names.size).toBeGreaterThan(8000);
    expect(differing(names)).toEqual([]);
  });

  it('is holdingCoverageBound on every name of a generated custodian file', () => {
    const out = join(work, 'synthetic.csv');
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'gen-synthetic-holdings.mjs'), '--rows', '20000', '--out', out], {
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const names = new Set(namesOf(work, ['synthetic.csv']));
    expect(names.size).toBeGreaterThan(10_000);
    expect(differing(names)).toEqual([]);
  });

  it('is holdingCoverageBound on labelled rows, the list names and their variants', () => {
    expect(differing([...labelledNames(), ...listNameVariants(dataset)])).toEqual([]);
  });

  it('is holdingCoverageBound on any words at all', () => {
    const word = nameWord(vocabulary);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 8 }), (tokens) => {
        const { reach, covered } = holdingBounds(index, tokens);
        expect(reach).toBe(covered);
      }),
      { numRuns: 5000, seed: 18 },
    );
  });
});
