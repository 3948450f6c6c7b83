// The only module of dataset that reads files.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DatasetError } from '../errors.js';
import type { DatasetFile } from './schema.js';
import { validateDataset } from './validate.js';

/** Path of the curated list shipped in the package. */
export const BUNDLED_DATASET_PATH = fileURLToPath(new URL('../../data/entities.json', import.meta.url));

export interface LoadedDataset {
  readonly path: string;
  readonly dataset: DatasetFile;
  readonly warnings: readonly string[];
}

/** Reads and validates a data file; throws DatasetError listing every problem. */
export function loadDataset(path: string = BUNDLED_DATASET_PATH): LoadedDataset {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const why = error instanceof SyntaxError ? `is not valid JSON (${error.message})` : 'cannot be read';
    throw new DatasetError(path, [`${path} ${why}`]);
  }
  const result = validateDataset(json);
  if (!result.ok) throw new DatasetError(path, result.errors);
  return { path, dataset: result.dataset, warnings: result.warnings };
}
