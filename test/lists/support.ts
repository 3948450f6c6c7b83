import { readdirSync } from 'node:fs';
import { assignOfacFiles } from '../../src/lists/import.js';
import type { OfacFiles } from '../../src/lists/ofac-consolidated.js';
import { readListInput } from '../../src/lists/read.js';
import type { ListResult } from '../../src/lists/types.js';
import { ROOT } from '../support/run-cli.js';

export const TODAY = '2026-11-26';
export const LISTS = `${ROOT}fixtures/lists/`;

/** The OFAC files of one fixture folder, sorted into their roles; named by their path under fixtures/lists/. */
export function ofacFolder(folder: string): OfacFiles {
  const dir = `${LISTS}${folder}/`;
  const inputs = readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => ({ ...readListInput(`${dir}${f}`), file: `${folder}/${f}` }));
  const assigned = assignOfacFiles(inputs);
  if (!assigned.ok) throw new Error(assigned.errors.map((e) => e.message).join('\n'));
  return assigned.files;
}

/** The dataset of a successful import; fails the test with the errors otherwise. */
export function datasetOf(result: ListResult) {
  if (!result.ok) throw new Error(`import failed:\n${result.errors.map((e) => `${e.file}:${e.line ?? ''} ${e.message}`).join('\n')}`);
  return result.dataset;
}
