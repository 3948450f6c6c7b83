import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_ARTIFACT_PATH, bundledData, readBundledArtifact } from '../../src/dataset/bundled.js';
import { bundledArtifactText, loadDataset, loadFundData } from '../../src/dataset/load.js';
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
    writeFileSync(other, text.replace('{"version":1,', '{"version":0,'));
    expect(readBundledArtifact(other)).toBeNull();
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"version": 1, "sources"');
    expect(readBundledArtifact(broken)).toBeNull();
    expect(readBundledArtifact(join(dir, 'missing.json'))).toBeNull();
    const same = join(dir, 'same.json');
    writeFileSync(same, text);
    expect(readBundledArtifact(same)).not.toBeNull();
  });
});
