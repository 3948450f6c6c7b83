// The only module of dataset that reads files.

import { DatasetError } from '../errors.js';
import { readSideText } from '../io/files.js';
import { parseJsonText, repeatedKey } from '../io/json.js';
import {
  BUNDLED_ARTIFACT_VERSION,
  BUNDLED_DATASET_PATH,
  BUNDLED_FUNDS_PATH,
  BUNDLED_SNAPSHOTS_PATH,
  bundledSourceHashes,
  type BundledArtifact,
} from './bundled.js';
import { normalizeName } from '../normalize/names.js';
import type { FundsFile, SnapshotsFile } from './funds-schema.js';
import type { DatasetFile } from './schema.js';
import { validateFundData } from './validate-funds.js';
import { validateDataset } from './validate.js';

export { BUNDLED_DATASET_PATH, BUNDLED_FUNDS_PATH, BUNDLED_SNAPSHOTS_PATH } from './bundled.js';

export interface LoadedDataset {
  readonly path: string;
  readonly dataset: DatasetFile;
  readonly warnings: readonly string[];
}

/** Reads and validates a data file; throws DatasetError listing every problem. */
export function loadDataset(path: string = BUNDLED_DATASET_PATH): LoadedDataset {
  const result = validateDataset(readJsonFile(path));
  if (!result.ok) throw new DatasetError(path, result.errors);
  return { path, dataset: result.dataset, warnings: result.warnings };
}

/** A data file's JSON, read within the data-file size limit; a file-system failure names the path in one line. */
function readJsonFile(path: string): unknown {
  const text = readSideText(path, 'data');
  const parsed = parseJsonText(text);
  const repeated = parsed.ok ? repeatedKey(text) : null;
  if (repeated !== null)
    throw new DatasetError(path, [`${path}:${repeated.line}: "${repeated.key.slice(0, 40)}" is given twice in one object`]);
  if (parsed.ok) return parsed.value;
  throw new DatasetError(path, [`${path}${parsed.line === null ? '' : `:${parsed.line}`} is not valid JSON: ${parsed.what}`]);
}

/** Reads and validates the fund data against the entity list; throws DatasetError listing every problem. */
export function loadFundData(
  dataset: DatasetFile,
  fundsPath: string = BUNDLED_FUNDS_PATH,
  snapshotsPath: string = BUNDLED_SNAPSHOTS_PATH,
): { funds: FundsFile; snapshots: SnapshotsFile } {
  const result = validateFundData(readJsonFile(fundsPath), readJsonFile(snapshotsPath), dataset);
  if (!result.ok) throw new DatasetError(fundsPath, result.errors);
  return { funds: result.funds, snapshots: result.snapshots };
}

/**
 * The build's artifact (dist/data/bundled.json, see bundled.ts): the bundled files validated here, with
 * the hashes of the bytes that were validated. Throws DatasetError when they do not validate.
 */
export function bundledArtifactText(): string {
  const sources = bundledSourceHashes();
  const loaded = loadDataset(BUNDLED_DATASET_PATH);
  const { funds, snapshots } = loadFundData(loaded.dataset);
  // Hashed before and after reading: a file changed in between would name bytes that were not validated.
  const after = bundledSourceHashes();
  if (JSON.stringify(after) !== JSON.stringify(sources))
    throw new DatasetError(BUNDLED_DATASET_PATH, ['the data files changed while they were validated']);
  const artifact: BundledArtifact = {
    version: BUNDLED_ARTIFACT_VERSION,
    sources,
    dataset: loaded.dataset,
    warnings: loaded.warnings,
    funds,
    snapshots,
    names: nameWords(loaded.dataset, funds),
  };
  return `${asciiJson(artifact)}\n`;
}

/**
 * JSON with every character past ASCII written as its \u escape: the same value to JSON.parse, and a
 * text Node reads into a one-byte string as it is, where the list's Chinese names made every start
 * decode 185 KB of UTF-8 into a two-byte string (~0.27 ms, twice the memory).
 */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Every name of the list (list names, names, related companies', look-alikes') and of the funds, once,
 * with its words as normalizeName gives them: the artifact's table (BundledArtifact.names). A name the
 * index or the catalogue takes and this misses is only normalised at start-up (bundled-artifact.test).
 */
function nameWords(dataset: DatasetFile, funds: FundsFile): [string, readonly string[]][] {
  const texts = new Set<string>();
  for (const entity of dataset.entities) {
    texts.add(entity.listName);
    for (const n of entity.names) texts.add(n.name);
    for (const related of entity.related) for (const n of related.names) texts.add(n.name);
    for (const lookAlike of entity.lookAlikes) for (const n of lookAlike.names) texts.add(n);
  }
  for (const fund of funds.funds) for (const n of [fund.name, ...fund.names]) texts.add(n);
  return [...texts].map((text) => [text, normalizeName(text).tokens]);
}
