import { copyFileSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BUNDLED_ARTIFACT_PATH,
  BUNDLED_ARTIFACT_VERSION,
  BUNDLED_DATASET_PATH,
  BUNDLED_FUNDS_PATH,
  BUNDLED_SNAPSHOTS_PATH,
  BUNDLED_STAMPS_PATH,
  bundledData,
  bundledSourceHashes,
  bundledStampsText,
  nameNormalizerFor,
  readBundledArtifact,
  sourcesNow,
} from '../../src/dataset/bundled.js';
import { bundledArtifactText, loadDataset, loadFundData } from '../../src/dataset/load.js';
import { buildFundCatalog } from '../../src/look-through/funds.js';
import { buildMatchIndex } from '../../src/match/build-index.js';
import { normalizeName, normalizerWith } from '../../src/normalize/names.js';
import { makeTempDir } from '../support/temp-dir.js';

// The build (scripts/build-data.mjs, part of `npm run build`) writes the bundled data, validated, to
// dist/data/bundled.json; runs use it instead of validating at start-up. These tests guard it: the
// built file is what validating data/*.json gives now, and a file that no longer matches is not used.

describe('the pre-validated bundled data', () => {
  it('the built artifact is what validating data/*.json gives now (run npm run build if not)', () => {
    expect(readFileSync(BUNDLED_ARTIFACT_PATH, 'utf8')).toBe(bundledArtifactText());
  });

  it('is ASCII, the list its names as they are in data/ (a start reads it into a one-byte string)', () => {
    const text = readFileSync(BUNDLED_ARTIFACT_PATH, 'utf8');
    expect(text).toMatch(/^[\x20-\x7e\n]*$/);
    const namesOf = (entities: readonly { readonly names: readonly { readonly name: string }[] }[]): string[] =>
      entities.flatMap((e) => e.names.map((n) => n.name));
    const names = namesOf(readBundledArtifact()?.dataset.entities ?? []);
    expect(names).toEqual(namesOf(loadDataset().dataset.entities));
    expect(names.filter((name) => /[^\x20-\x7e]/.test(name)).length).toBeGreaterThan(10);
  });

  it('holds exactly what the schemas and rules make of the data files', async () => {
    const artifact = readBundledArtifact();
    expect(artifact).not.toBeNull();
    const loaded = loadDataset();
    expect(artifact?.dataset).toEqual(loaded.dataset);
    expect(artifact?.warnings).toEqual(loaded.warnings);
    const { funds, snapshots } = loadFundData(loaded.dataset);
    expect(artifact?.funds).toEqual(funds);
    expect(artifact?.snapshots).toEqual(snapshots);
    const data = await bundledData();
    expect(data.via).toBe('artifact');
    expect(data.loaded.dataset.entities.map((e) => e.id)).toEqual(loaded.dataset.entities.map((e) => e.id));
  });

  it('is not used once a data file differs from the bytes it was made from, nor when it is of another version', () => {
    const dir = makeTempDir('bundled');
    const text = readFileSync(BUNDLED_ARTIFACT_PATH, 'utf8');
    const current = readBundledArtifact();
    if (current === null) throw new Error('the artifact is current');
    const stale = join(dir, 'stale.json');
    writeFileSync(stale, text.replace(current.sources.entities, '0'.repeat(64)));
    expect(readBundledArtifact(stale)).toBeNull();
    const other = join(dir, 'other.json');
    writeFileSync(other, text.replace(`{"version":${BUNDLED_ARTIFACT_VERSION},`, `{"version":${BUNDLED_ARTIFACT_VERSION - 1},`));
    expect(readBundledArtifact(other)).toBeNull();
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"version": 1, "sources"');
    expect(readBundledArtifact(broken)).toBeNull();
    expect(readBundledArtifact(join(dir, 'missing.json'))).toBeNull();
    const same = join(dir, 'same.json');
    writeFileSync(same, text);
    expect(readBundledArtifact(same)).not.toBeNull();
  });

  it("the names' table gives what normalizeName gives, for every name the match index and the fund catalogue take", () => {
    const artifact = readBundledArtifact();
    if (artifact === null) throw new Error('the artifact is current');
    const table = new Map(artifact.names);
    for (const [text, tokens] of table) expect(tokens, text).toEqual(normalizeName(text).tokens);
    // Every name the two builders normalise is in the table: none is normalised again at start-up.
    const asked: string[] = [];
    const looked = normalizerWith(table);
    const recording = (text: string): ReturnType<typeof normalizeName> => {
      asked.push(text);
      return looked(text);
    };
    const index = buildMatchIndex(artifact.dataset, recording);
    const catalog = buildFundCatalog(artifact.funds, artifact.snapshots.snapshots, recording);
    expect(asked.length).toBeGreaterThan(200);
    expect(asked.filter((text) => !table.has(text))).toEqual([]);
    // And they build exactly what they build by normalizeName.
    expect(index).toEqual(buildMatchIndex(artifact.dataset));
    expect(catalog).toEqual(buildFundCatalog(artifact.funds, artifact.snapshots.snapshots));
  });

  it('a run against the bundled list normalises its names by the table, a run against another list by normalizeName', async () => {
    const data = await bundledData();
    expect(await nameNormalizerFor(data.loaded)).toBe(data.normalize);
    expect(data.normalize).not.toBe(normalizeName);
    const other = loadDataset();
    expect(await nameNormalizerFor(other)).toBe(normalizeName);
    // A name the table lacks is normalised, not dropped.
    expect(data.normalize('Hangzhou Hikvision Digital Technology Co Ltd (a holding)')).toEqual(
      normalizeName('Hangzhou Hikvision Digital Technology Co Ltd (a holding)'),
    );
  });

  it('the stamps are those of the artifact, built with it', () => {
    const stamps: unknown = JSON.parse(readFileSync(BUNDLED_STAMPS_PATH, 'utf8'));
    expect(stamps).toMatchObject({ sources: readBundledArtifact()?.sources });
  });
});

// The build stamps each data file with its size and time as it hashed it; a run hashes only a file
// that no longer carries its stamp (bundled.ts sourcesNow).
describe("the data files' stamps", () => {
  /** Copies of the three data files, last written an hour ago, and the stamps file path beside them. */
  const copies = () => {
    const dir = makeTempDir('stamps');
    const paths = { entities: join(dir, 'entities.json'), funds: join(dir, 'funds.json'), snapshots: join(dir, 'fund-snapshots.json') };
    copyFileSync(BUNDLED_DATASET_PATH, paths.entities);
    copyFileSync(BUNDLED_FUNDS_PATH, paths.funds);
    copyFileSync(BUNDLED_SNAPSHOTS_PATH, paths.snapshots);
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (const path of Object.values(paths)) utimesSync(path, hourAgo, hourAgo);
    return { paths, stampsPath: join(dir, 'stamps.json'), sources: bundledSourceHashes(paths) };
  };

  it('spare the hashing of files that carry them, and give the hashes the build took', () => {
    const { paths, stampsPath, sources } = copies();
    writeFileSync(stampsPath, bundledStampsText(sources, paths));
    expect(sourcesNow(sources, stampsPath, paths)).toEqual({ sources, by: 'stamps' });
  });

  it('a file touched, edited or without a stamp is hashed: the same bytes keep the artifact, others do not', () => {
    const { paths, stampsPath, sources } = copies();
    writeFileSync(stampsPath, bundledStampsText(sources, paths));
    // Touched: hashed, and found the same.
    utimesSync(paths.funds, new Date(), new Date());
    expect(sourcesNow(sources, stampsPath, paths)).toEqual({ sources, by: 'hashes' });
    // Edited to the same size: hashed, and found changed.
    const text = readFileSync(paths.entities, 'utf8');
    writeFileSync(paths.entities, text.replace('"version"', '"Version"'));
    const edited = sourcesNow(sources, stampsPath, paths);
    expect(edited.by).toBe('hashes');
    expect(edited.sources.entities).not.toBe(sources.entities);
    expect(edited.sources.funds).toBe(sources.funds);
  });

  it('are not given to a file written just before the build, nor trusted for another artifact or when unreadable', () => {
    const { paths, stampsPath, sources } = copies();
    // Written a second ago: an edit within the file system's time granularity could keep its time.
    const stamps = JSON.parse(bundledStampsText(sources, paths, Date.now() - 3_600_000 + 1000));
    expect(stamps.stamps).toEqual({ entities: null, funds: null, snapshots: null });
    writeFileSync(stampsPath, JSON.stringify(stamps));
    expect(sourcesNow(sources, stampsPath, paths).by).toBe('hashes');
    // Stamps made for other hashes than the artifact's are not its stamps.
    writeFileSync(stampsPath, bundledStampsText(sources, paths));
    const other = { ...sources, snapshots: '0'.repeat(64) };
    expect(sourcesNow(other, stampsPath, paths)).toEqual({ sources, by: 'hashes' });
    // A file's hash that is not the artifact's is not stamped.
    expect(JSON.parse(bundledStampsText(other, paths)).stamps.snapshots).toBeNull();
    writeFileSync(stampsPath, '{"sources":');
    expect(sourcesNow(sources, stampsPath, paths).by).toBe('hashes');
    expect(sourcesNow(sources, join(stampsPath, 'missing'), paths).by).toBe('hashes');
  });
});
