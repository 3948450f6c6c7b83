// The bundled data (data/entities.json, funds.json, fund-snapshots.json), validated once at build time.
// `npm run build` validates the three files through the zod schemas (load.ts) and writes what they
// validate to, with each file's SHA-256, to dist/data/bundled.json (scripts/build-data.mjs). A run reads
// that artifact when the data files still hash as it says, and so starts without loading zod or
// running the rules; a data file edited since the build (or no artifact) is validated as before. A
// user's --data or --list file is always validated at run time (load.ts, lists/read.ts).
//
// The build also stamps each file it hashed with its size and modification time (dist/data/bundled-
// stamps.json): a run finds a file still of that size and time to be the bytes hashed, as make and git
// do, and hashes only a file that is not (edited, touched, copied: an installed package's files carry
// the time npm packs them with). Hashing the three at every start cost ~0.7 ms, and loading node:crypto
// for it ~2 ms when nothing else needs it.

import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { normalizeName, normalizerWith, type NameNormalizer } from '../normalize/names.js';
import type { FundsFile, SnapshotsFile } from './funds-schema.js';
import type { LoadedDataset } from './load.js';
import type { DatasetFile } from './schema.js';

/** Paths of the data shipped in the package. */
export const BUNDLED_DATASET_PATH = fileURLToPath(new URL('../../data/entities.json', import.meta.url));
export const BUNDLED_FUNDS_PATH = fileURLToPath(new URL('../../data/funds.json', import.meta.url));
export const BUNDLED_SNAPSHOTS_PATH = fileURLToPath(new URL('../../data/fund-snapshots.json', import.meta.url));
/** Where the build writes the validated data (the same path from src/ and from dist/). */
export const BUNDLED_ARTIFACT_PATH = fileURLToPath(new URL('../../dist/data/bundled.json', import.meta.url));
/** Where it writes the data files' stamps, beside it. */
export const BUNDLED_STAMPS_PATH = fileURLToPath(new URL('../../dist/data/bundled-stamps.json', import.meta.url));

/** Changes when the artifact's shape does; an artifact of another version is not used. */
export const BUNDLED_ARTIFACT_VERSION = 2;

export interface BundledSources {
  readonly entities: string;
  readonly funds: string;
  readonly snapshots: string;
}

/** What the build wrote: the validated data and the hashes of the files it came from. */
export interface BundledArtifact {
  readonly version: number;
  readonly sources: BundledSources;
  readonly dataset: DatasetFile;
  readonly warnings: readonly string[];
  readonly funds: FundsFile;
  readonly snapshots: SnapshotsFile;
  /**
   * Every name of the list and of the funds with its words as normalizeName gave them at build time
   * (pairs, not an object: a name is any text). The match index and the fund catalogue are built from
   * them, so a start normalises none of the list's names (normalizerWith).
   */
  readonly names: readonly (readonly [string, readonly string[]])[];
}

export interface BundledData {
  readonly loaded: LoadedDataset;
  readonly funds: FundsFile;
  readonly snapshots: SnapshotsFile;
  /** How the data was had: the build's artifact, or validated now (no artifact, or the files changed). */
  readonly via: 'artifact' | 'validated';
  /** normalizeName for the list's and funds' names: from the artifact's table, or normalizeName itself. */
  readonly normalize: NameNormalizer;
}

/** The bundled data files by the name the artifact gives each. */
export type SourcePaths = { readonly [K in keyof BundledSources]: string };

const SOURCE_PATHS: SourcePaths = { entities: BUNDLED_DATASET_PATH, funds: BUNDLED_FUNDS_PATH, snapshots: BUNDLED_SNAPSHOTS_PATH };
const SOURCE_NAMES = ['entities', 'funds', 'snapshots'] as const satisfies readonly (keyof BundledSources)[];

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** SHA-256 of each bundled data file as it is on disk now. */
export function bundledSourceHashes(paths: SourcePaths = SOURCE_PATHS): BundledSources {
  return { entities: sha256(paths.entities), funds: sha256(paths.funds), snapshots: sha256(paths.snapshots) };
}

/** A file's size and modification time, as stat gives them. */
interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
}

/** What the build found each data file to be as it hashed it: its hash, and its stamp (null: not stamped). */
export interface BundledStamps {
  readonly sources: BundledSources;
  readonly stamps: { readonly [K in keyof BundledSources]: FileStamp | null };
}

function stampOf(path: string): FileStamp | null {
  const stats = statSync(path, { throwIfNoEntry: false });
  return stats === undefined ? null : { size: stats.size, mtimeMs: stats.mtimeMs };
}

const sameStamp = (a: FileStamp | null, b: FileStamp | null): boolean =>
  a !== null && b !== null && a.size === b.size && a.mtimeMs === b.mtimeMs;

/**
 * How long before the build a file must have been last written to be stamped: a file written within a
 * file system's timestamp granularity (2 s on FAT) of being hashed could be edited again without its time
 * changing (git's "racily clean" entries). Such a file is hashed at every run, as all were before.
 */
const RACY_MS = 2000;

/**
 * The build's stamps (scripts/build-data.mjs writes them with the artifact): each file stat'ed, hashed and
 * stat'ed again, stamped when the hash is the artifact's, the two stats agree and it was last written
 * more than RACY_MS before.
 */
export function bundledStampsText(sources: BundledSources, paths: SourcePaths = SOURCE_PATHS, now: number = Date.now()): string {
  const stamp = (name: keyof BundledSources): FileStamp | null => {
    const before = stampOf(paths[name]);
    const hash = sha256(paths[name]);
    const after = stampOf(paths[name]);
    return hash === sources[name] && sameStamp(before, after) && before !== null && before.mtimeMs < now - RACY_MS ? before : null;
  };
  const stamps: BundledStamps = { sources, stamps: { entities: stamp('entities'), funds: stamp('funds'), snapshots: stamp('snapshots') } };
  return `${JSON.stringify(stamps)}\n`;
}

/**
 * The data files' hashes as they are now, for the artifact that names `sources`: those very hashes when
 * the build's stamps are of that artifact and every file still carries its stamp, else each file hashed.
 */
export function sourcesNow(
  sources: BundledSources,
  stampsPath: string = BUNDLED_STAMPS_PATH,
  paths: SourcePaths = SOURCE_PATHS,
): { readonly sources: BundledSources; readonly by: 'stamps' | 'hashes' } {
  return stampsHold(sources, stampsPath, paths) ? { sources, by: 'stamps' } : { sources: bundledSourceHashes(paths), by: 'hashes' };
}

function stampsHold(sources: BundledSources, stampsPath: string, paths: SourcePaths): boolean {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(stampsPath, 'utf8'));
  } catch {
    return false;
  }
  if (!isRecord(value) || !isRecord(value['sources']) || !isRecord(value['stamps'])) return false;
  const built = value['sources'];
  const stamps = value['stamps'];
  return SOURCE_NAMES.every((name) => {
    const stamp = stamps[name];
    return (
      built[name] === sources[name] &&
      isRecord(stamp) &&
      typeof stamp['size'] === 'number' &&
      typeof stamp['mtimeMs'] === 'number' &&
      sameStamp({ size: stamp['size'], mtimeMs: stamp['mtimeMs'] }, stampOf(paths[name]))
    );
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The artifact, when it is of this version and names the data files as they are now. Its content is
 * not checked again: the build validated exactly the bytes the hashes name.
 */
function isCurrentArtifact(value: unknown, stampsPath: string): value is BundledArtifact {
  if (!isRecord(value) || value['version'] !== BUNDLED_ARTIFACT_VERSION) return false;
  const sources = value['sources'];
  if (!isRecord(sources)) return false;
  const { entities, funds, snapshots } = sources;
  if (typeof entities !== 'string' || typeof funds !== 'string' || typeof snapshots !== 'string') return false;
  const now = sourcesNow({ entities, funds, snapshots }, stampsPath).sources;
  return (
    entities === now.entities &&
    funds === now.funds &&
    snapshots === now.snapshots &&
    isRecord(value['dataset']) &&
    isRecord(value['funds']) &&
    isRecord(value['snapshots']) &&
    Array.isArray(value['warnings']) &&
    Array.isArray(value['names'])
  );
}

/** The build's artifact when it matches the data files; null when there is none or it is stale. */
export function readBundledArtifact(
  path: string = BUNDLED_ARTIFACT_PATH,
  stampsPath: string = BUNDLED_STAMPS_PATH,
): BundledArtifact | null {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
  return isCurrentArtifact(value, stampsPath) ? value : null;
}

let cached: Promise<BundledData> | null = null;

/** The bundled data: from the build's artifact, else validated now (which loads zod). Read once a run. */
export function bundledData(): Promise<BundledData> {
  cached ??= readBundled();
  return cached;
}

async function readBundled(): Promise<BundledData> {
  const artifact = readBundledArtifact();
  if (artifact !== null) {
    return {
      loaded: { path: BUNDLED_DATASET_PATH, dataset: artifact.dataset, warnings: artifact.warnings },
      funds: artifact.funds,
      snapshots: artifact.snapshots,
      via: 'artifact',
      normalize: normalizerWith(new Map(artifact.names)),
    };
  }
  const { loadDataset, loadFundData } = await import('./load.js');
  const loaded = loadDataset(BUNDLED_DATASET_PATH);
  return { loaded, ...loadFundData(loaded.dataset), via: 'validated', normalize: normalizeName };
}

/** The list a run screens against: the bundled one (pre-validated), or a --data file, validated now. */
export async function datasetFor(path: string | undefined): Promise<LoadedDataset> {
  if (path === undefined) return (await bundledData()).loaded;
  const { loadDataset } = await import('./load.js');
  return loadDataset(path);
}

/**
 * The fund data for a list: the bundled fund data as the build validated it against the bundled list,
 * or, against any other list (--data), validated against that list now.
 */
export async function fundDataFor(
  loaded: LoadedDataset,
): Promise<{ funds: FundsFile; snapshots: SnapshotsFile; normalize: NameNormalizer }> {
  const bundled = await bundledData();
  if (bundled.loaded.dataset === loaded.dataset) return bundled;
  const { loadFundData } = await import('./load.js');
  return { ...loadFundData(loaded.dataset), normalize: normalizeName };
}

/**
 * How a run normalises the names of the list it screens against: by the bundled names' table when that
 * list is the bundled one (with --list files merged into it too: their names are not in the table and
 * are normalised), else by normalizeName. A --data run reads no artifact for it.
 */
export async function nameNormalizerFor(loaded: LoadedDataset): Promise<NameNormalizer> {
  if (loaded.path !== BUNDLED_DATASET_PATH) return normalizeName;
  const bundled = await bundledData();
  return bundled.loaded.dataset === loaded.dataset ? bundled.normalize : normalizeName;
}
