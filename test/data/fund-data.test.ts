import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUNDLED_SNAPSHOTS_PATH, loadDataset, loadFundData } from '../../src/dataset/load.js';
import { validateFundData } from '../../src/dataset/validate-funds.js';
import { renderSnapshotsFile } from '../../src/snapshot-file.js';
import { ROOT } from '../support/run-cli.js';

const { dataset } = loadDataset();
const { funds, snapshots } = loadFundData(dataset);

describe('the shipped fund data', () => {
  it('validates against the entity list', () => {
    expect(funds.funds.length).toBeGreaterThanOrEqual(20);
    expect(funds.indices.length).toBeGreaterThanOrEqual(10);
  });

  it('records the index deletions of Hikvision (MSCI at the close of 2021-01-05, FTSE and S&P on 2020-12-21)', () => {
    const ends = (indexId: string) =>
      funds.indices.find((i) => i.id === indexId)?.memberships.filter((m) => m.entity === 'hikvision').map((m) => m.to);
    expect(ends('msci-em')).toContain('2021-01-06');
    expect(ends('ftse-em-all-cap-china-a-inclusion')).toContain('2020-12-21');
    expect(ends('sp-emerging-bmi')).toContain('2020-12-21');
    expect(ends('csi-300')).toEqual([null]);
  });

  it('knows VWO and its share classes, EEM, and EMXC as holding none of the list', () => {
    const byTicker = new Map(funds.funds.map((f) => [f.ticker, f]));
    expect(byTicker.get('VWO')).toMatchObject({ cusip: '922042858', isin: 'US9220428588' });
    expect(byTicker.get('VEIEX')?.shareClassOf).toBe('vwo');
    expect(byTicker.get('EMXC')?.isin).toBe('US46434G7640');
    const emxcIndex = funds.indices.find((i) => i.id === byTicker.get('EMXC')?.tracks[0]?.index);
    expect(emxcIndex?.excludesAll).toBe(true);
  });

  it('rejects a fund that tracks an unknown index and a membership of an unknown entity', () => {
    const broken = structuredClone(funds);
    const first = broken.funds.find((f) => f.tracks.length > 0);
    const index = broken.indices.find((i) => i.memberships.length > 0);
    const track = first?.tracks[0];
    const membership = index?.memberships[0];
    if (track === undefined || membership === undefined) throw new Error('fixture');
    track.index = 'no-such-index';
    membership.entity = 'no-such-entity';
    const result = validateFundData(broken, snapshots, dataset);
    expect(result.ok).toBe(false);
    const text = result.ok ? '' : result.errors.join('\n');
    expect(text).toMatch(/unknown index "no-such-index"/);
    expect(text).toMatch(/unknown entity "no-such-entity"/);
  });
});

describe('data/fund-snapshots.json', () => {
  it('has not drifted from the real files and the pipeline (regenerate: npm run build && node scripts/gen-fund-snapshots.mjs)', () => {
    const manifest: unknown = JSON.parse(readFileSync(`${ROOT}data/fund-snapshots.manifest.json`, 'utf8'));
    const fresh = renderSnapshotsFile((file) => readFileSync(`${ROOT}${file}`), manifest, dataset);
    expect(fresh).toBe(readFileSync(BUNDLED_SNAPSHOTS_PATH, 'utf8'));
  });

  it('holds the VWO 2020-09-30 lines of Hikvision by market value', () => {
    const vwo = snapshots.snapshots.find((s) => s.fund === 'vwo' && s.date === '2020-09-30');
    const hik = vwo?.holdings.find((h) => h.entity === 'hikvision');
    expect(hik?.value).toBeCloseTo(31_271_687.03 + 17_786_826.71, 2);
    expect(hik?.lines).toEqual([464, 753]);
    expect(vwo?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
