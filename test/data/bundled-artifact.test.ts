import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_ARTIFACT_PATH, BUNDLED_ARTIFACT_VERSION, bundledData, nameNormalizerFor, readBundledArtifact } from '../../src/dataset/bundled.js';
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
});
