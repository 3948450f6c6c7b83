import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.js';
import { parseLabelledCsv } from '../../src/evaluate.js';
import { readHoldingsBytes } from '../../src/ingest/read.js';
import { buildMatchIndex } from '../../src/match/build-index.js';
import { decideName, judgeName } from '../../src/match/match-name.js';
import { ROOT } from '../support/run-cli.js';

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

const realNames = (): Set<string> => {
  const real = join(ROOT, 'fixtures', 'real');
  const files = readdirSync(real, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(csv|xml)$/.test(f));
  return new Set(files.flatMap((f) => readHoldingsBytes(f, readFileSync(join(real, f))).rows.map((row) => row.cells.name ?? '')));
};

describe("decideName: judgeName's words and decision", () => {
  it('on every name of the real files, among them hundreds whose look-alikes it leaves unscored', () => {
    const names = realNames();
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
      `China ${alias}`,
      alias.slice(0, 34),
      alias.replace(/([a-z])[a-z]/i, '$1'),
      alias.replace(/(\w{3})(\w{4,})/, '$1 $2'),
    ]);
    expect(differing([...labelled.map((row) => row.cells.name ?? ''), ...variants])).toEqual([]);
  });

  it('on any words at all', () => {
    const word = fc.oneof(
      fc.constantFrom(...vocabulary),
      fc.constantFrom(...vocabulary).map((w) => w.slice(0, Math.max(1, w.length - 2))),
      fc.constantFrom(...vocabulary).map((w) => `${w}x`),
      fc.constantFrom('technology', 'china', 'group', 'holdings', 'of', 'bank', 'hong', 'kong', 'digital', 'public', 'pharmaceutical'),
      fc.stringMatching(/^[a-z0-9]{1,12}$/),
    );
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (words) => {
        expect(differing([words.join(' ')])).toEqual([]);
      }),
      { numRuns: 3000, seed: 18 },
    );
  });
});
