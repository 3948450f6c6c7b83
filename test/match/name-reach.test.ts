import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.js';
import { parseLabelledCsv } from '../../src/evaluate.js';
import { readHoldingsBytes } from '../../src/ingest/read.js';
import { buildMatchIndex } from '../../src/match/build-index.js';
import { holdingBounds, judgeName } from '../../src/match/match-name.js';
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

function namesOf(dir: string, files: readonly string[]): string[] {
  return files.flatMap((f) => readHoldingsBytes(f, readFileSync(join(dir, f))).rows.map((row) => row.cells.name ?? ''));
}

const work = makeTempDir('name-reach');

describe('the bound that decides whether a name is scored at all', () => {
  it('is holdingCoverageBound on every name of the real files', () => {
    const real = join(ROOT, 'fixtures', 'real');
    const files = readdirSync(real, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(csv|xml)$/.test(f));
    const names = new Set(namesOf(real, files));
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
    const labelled = parseLabelledCsv(readFileSync(join(ROOT, 'fixtures', 'labelled', 'securities.csv'), 'utf8'));
    const aliases = dataset.entities.flatMap((e) => [
      e.listName,
      ...e.names.map((n) => n.name),
      ...e.related.flatMap((r) => r.names.map((n) => n.name)),
      ...e.lookAlikes.flatMap((l) => l.names),
    ]);
    const variants = aliases.flatMap((alias) => [
      alias,
      `${alias} Holdings Ltd`,
      alias.slice(0, 34),
      alias.replace(/([a-z])[a-z]/i, '$1'),
      alias.replace(/a/, 'а'),
      alias.replace(/(\w{3})(\w{4,})/, '$1 $2'),
      alias.slice(0, Math.max(1, alias.length - 3)),
    ]);
    expect(differing([...labelled.map((row) => row.cells.name ?? ''), ...variants])).toEqual([]);
  });

  it('is holdingCoverageBound on any words at all', () => {
    const word = fc.oneof(
      fc.constantFrom(...vocabulary),
      fc.constantFrom(...vocabulary).map((w) => w.slice(0, Math.max(1, w.length - 2))),
      fc.constantFrom(...vocabulary).map((w) => `${w}x`),
      fc.constantFrom(...vocabulary).map((w) => w.slice(1)),
      fc.constantFrom('technology', 'china', 'group', 'holdings', 'of', 'the', 'bank', 'hong', 'kong', 'digital', 'public', '海康威视'),
      fc.stringMatching(/^[a-z0-9]{1,12}$/),
    );
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 8 }), (tokens) => {
        const { reach, covered } = holdingBounds(index, tokens);
        expect(reach).toBe(covered);
      }),
      { numRuns: 5000, seed: 18 },
    );
  });
});
