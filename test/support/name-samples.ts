// The names the matcher's property tests judge: issuer names as holdings files print them, the list's own
// names with the variants files print of them (a suffix, iShares' cut at 34 characters, a typo, a split
// word, a look-alike letter), and generated words of the list's vocabulary and near it.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { LoadedDataset } from '../../src/dataset/load.js';
import { parseLabelledCsv } from '../../src/evaluate.js';
import { readHoldingsBytes } from '../../src/ingest/read.js';
import { ROOT } from './run-cli.js';

/** The name cell of every row of the files (paths relative to `dir`). */
export function namesOf(dir: string, files: readonly string[]): string[] {
  return files.flatMap((f) => readHoldingsBytes(f, readFileSync(join(dir, f))).rows.map((row) => row.cells.name ?? ''));
}

/** Every distinct name of the real files' rows (fixtures/real: the VWO file alone has about 4,000). */
export function realFileNames(): Set<string> {
  const real = join(ROOT, 'fixtures', 'real');
  const files = readdirSync(real, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(csv|xml)$/.test(f));
  return new Set(namesOf(real, files));
}

/** The labelled rows' names (fixtures/labelled/securities.csv, the evaluation set). */
export function labelledNames(): string[] {
  const labelled = parseLabelledCsv(readFileSync(join(ROOT, 'fixtures', 'labelled', 'securities.csv'), 'utf8'));
  return labelled.map((row) => row.cells.name ?? '');
}

/** The list's names, its related companies' and look-alikes', each with the variants files print of it. */
export function listNameVariants(dataset: LoadedDataset['dataset']): string[] {
  const aliases = dataset.entities.flatMap((e) => [
    e.listName,
    ...e.names.map((n) => n.name),
    ...e.related.flatMap((r) => r.names.map((n) => n.name)),
    ...e.lookAlikes.flatMap((l) => l.names),
  ]);
  return aliases.flatMap((alias) => [
    alias,
    `${alias} Holdings Ltd`,
    `China ${alias}`,
    alias.slice(0, 34),
    alias.replace(/([a-z])[a-z]/i, '$1'),
    alias.replace(/a/, 'а'),
    alias.replace(/(\w{3})(\w{4,})/, '$1 $2'),
    alias.slice(0, Math.max(1, alias.length - 3)),
  ]);
}

/** A word of a holding's name: one of the list's, one cut or grown from one, a generic one, or any. */
export function nameWord(vocabulary: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...vocabulary),
    fc.constantFrom(...vocabulary).map((w) => w.slice(0, Math.max(1, w.length - 2))),
    fc.constantFrom(...vocabulary).map((w) => `${w}x`),
    fc.constantFrom(...vocabulary).map((w) => w.slice(1)),
    fc.constantFrom(
      'technology',
      'china',
      'group',
      'holdings',
      'of',
      'the',
      'bank',
      'hong',
      'kong',
      'digital',
      'public',
      'pharmaceutical',
      '海康威视',
    ),
    fc.stringMatching(/^[a-z0-9]{1,12}$/),
  );
}
