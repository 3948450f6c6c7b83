import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUNDLED_DATASET_PATH, loadDataset } from '../../src/dataset/load.js';
import { validateDataset } from '../../src/dataset/validate.js';
import { isValidIsin, isValidSedol } from '../../src/normalize/identifiers.js';

const { dataset, warnings } = loadDataset(BUNDLED_DATASET_PATH);

describe('the shipped data/entities.json', () => {
  it('passes the schema and every rule, without warnings', () => {
    expect(warnings).toEqual([]);
  });

  it('holds the 28 entries of 84 FR 54002: 20 government bodies and 8 companies', () => {
    expect(dataset.entities).toHaveLength(28);
    expect(dataset.entities.filter((e) => e.kind === 'government')).toHaveLength(20);
    expect(dataset.entities.filter((e) => e.kind === 'company').map((e) => e.id)).toEqual([
      'hikvision',
      'dahua',
      'iflytek',
      'megvii',
      'sensetime',
      'meiya-pico',
      'yitu',
      'yixin',
    ]);
    for (const e of dataset.entities.filter((e) => e.kind === 'government')) expect(e.id).toMatch(/^xj-/);
  });

  it('dates every entry to the 2019-10-09 Entity List action', () => {
    for (const e of dataset.entities) {
      const primary = e.listings.filter((l) => l.primary);
      expect(primary, e.id).toHaveLength(1);
      expect(primary[0]).toMatchObject({ list: 'us-entity-list', date: '2019-10-09', citation: '84 FR 54002' });
    }
  });

  it('carries the verified ISINs and both SEDOL lines of the listed A-shares', () => {
    const byId = new Map(dataset.entities.map((e) => [e.id, e]));
    const security = (id: string) => byId.get(id)?.securities.find((s) => s.exchange === 'XSHE');
    expect(security('hikvision')).toMatchObject({ code: '002415', isin: 'CNE100000PM8' });
    expect(security('hikvision')?.sedols.sort()).toEqual(['B450X03', 'BD5CPQ2']);
    expect(security('dahua')).toMatchObject({ code: '002236', isin: 'CNE100000BJ4' });
    expect(security('iflytek')).toMatchObject({ code: '002230', isin: 'CNE100000B81' });
    expect(security('meiya-pico')).toMatchObject({ code: '300188', isin: 'CNE100001120' });
    expect(byId.get('sensetime')?.securities.map((s) => `${s.exchange} ${s.code}`)).toContain('XHKG 0020');
  });

  it('has valid check digits on every identifier, including look-alikes', () => {
    const all = dataset.entities.flatMap((e) => [
      ...e.securities,
      ...e.related.flatMap((r) => r.securities),
      ...e.lookAlikes.flatMap((l) => l.securities),
    ]);
    expect(all.length).toBeGreaterThan(10);
    for (const s of all) {
      if (s.isin !== undefined) expect(isValidIsin(s.isin), s.isin).toBe(true);
      for (const sedol of s.sedols) expect(isValidSedol(sedol), sedol).toBe(true);
    }
  });

  it('cites a defined source for every name, listing and security', () => {
    const defined = new Set(Object.keys(dataset.sources));
    for (const e of dataset.entities) {
      for (const fact of [...e.names, ...e.listings, ...e.securities]) {
        expect(fact.sources.length, e.id).toBeGreaterThan(0);
        for (const id of fact.sources) expect(defined.has(id), `${e.id}: ${id}`).toBe(true);
      }
    }
  });

  it('never names HIK, bare Dahua, SDIC or Pico as the entity itself', () => {
    const names = dataset.entities.flatMap((e) => e.names.map((n) => n.name.toLowerCase()));
    for (const bad of ['hik', 'dahua', 'sdic', 'pico', '大华']) expect(names).not.toContain(bad);
  });
});

describe('validateDataset rules', () => {
  const json: unknown = JSON.parse(readFileSync(BUNDLED_DATASET_PATH, 'utf8'));

  it('rejects a duplicate id, a broken ISIN and an unknown source, listing all three', () => {
    const broken = structuredClone(json) as { entities: { id: string; securities: { isin?: string }[]; names: { sources: string[] }[] }[] };
    const [first, second] = broken.entities;
    if (first === undefined || second === undefined) throw new Error('fixture');
    second.id = first.id;
    const hik = broken.entities.find((e) => e.securities.some((s) => s.isin === 'CNE100000PM8'));
    const sec = hik?.securities.find((s) => s.isin === 'CNE100000PM8');
    if (sec === undefined || hik === undefined) throw new Error('fixture');
    sec.isin = 'CNE100000PM9';
    const name = hik.names[0];
    if (name === undefined) throw new Error('fixture');
    name.sources = ['no-such-source'];
    const result = validateDataset(broken);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors.join('\n');
    expect(errors).toMatch(/duplicate id/);
    expect(errors).toMatch(/CNE100000PM9 fails its check digit/);
    expect(errors).toMatch(/unknown source "no-such-source"/);
  });

  it('rejects a look-alike that is also a name of the entity', () => {
    const broken = structuredClone(json) as { entities: { id: string; lookAlikes: { names: string[] }[] }[] };
    const yixin = broken.entities.find((e) => e.id === 'yixin');
    const first = yixin?.lookAlikes[0];
    if (first === undefined) throw new Error('fixture');
    first.names.push('Yixin Science and Technology Co., Ltd.');
    const result = validateDataset(broken);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.errors.join('\n')).toMatch(/is also a name of entity yixin/);
  });
});
