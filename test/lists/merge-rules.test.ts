import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.js';
import type { Entity } from '../../src/dataset/schema.js';
import { Owners, bareIsinIndex, joinTargetOf, partsClaimedBy, unusedId } from '../../src/lists/merge.js';

const curated = loadDataset().dataset;
const owners = new Owners();
const entities: Entity[] = structuredClone(curated.entities);
for (const e of entities) owners.index(e);
const hikvision = entities.find((e) => e.id === 'hikvision');
const dahua = entities.find((e) => e.id === 'dahua');
if (hikvision === undefined || dahua === undefined) throw new Error('curated list lost hikvision or dahua');
const template: Entity = hikvision;

function incoming(listName: string, names: string[] = []): Entity {
  return {
    ...structuredClone(template),
    id: 'x-1',
    listName,
    names: names.map((name) => ({ name, type: 'other-list', lang: 'en', confidence: 'high', matchable: true, sources: [] })),
    securities: [],
    related: [],
    lookAlikes: [],
  };
}

describe('merge rules', () => {
  it('joinTargetOf: the owner of the list name wins; one other owner is the target; several are none', () => {
    expect(joinTargetOf(incoming(hikvision.listName, [dahua.listName]), owners).target).toBe(hikvision);
    expect(joinTargetOf(incoming('Nobody Ltd', [dahua.listName]), owners).target).toBe(dahua);
    const both = joinTargetOf(incoming('Nobody Ltd', [dahua.listName, hikvision.listName]), owners);
    expect(both.target).toBeNull();
    expect(both.hits.size).toBe(2);
    expect(joinTargetOf(incoming('Nobody Ltd'), owners).target).toBeNull();
  });

  it('partsClaimedBy: a related company named by the incoming entity is claimed, once', () => {
    const withRelated = entities.find((e) => e.related.length > 0);
    const name = withRelated?.related[0]?.names[0]?.name;
    if (withRelated === undefined || name === undefined) throw new Error('curated list has no related company');
    const parts = partsClaimedBy(incoming(name, [name]), owners);
    expect(parts.map((o) => [o.entity.id, o.kind])).toEqual([[withRelated.id, 'related']]);
    expect(partsClaimedBy(incoming('Nobody Ltd'), owners)).toEqual([]);
  });

  it('bareIsinIndex: only a trading line (exchange and ISIN) replaces an ISIN-only security', () => {
    const target = { ...incoming('T'), securities: [{ isin: 'CNE100000PM8', sedols: [], confidence: 'high' as const, sources: [] }] };
    expect(
      bareIsinIndex(target, { exchange: 'XSHE', code: '002415', isin: 'CNE100000PM8', sedols: [], confidence: 'high', sources: [] }),
    ).toBe(0);
    expect(bareIsinIndex(target, { isin: 'CNE100000PM8', sedols: [], confidence: 'high', sources: [] })).toBe(-1);
  });

  it('unusedId: the first free suffix', () => {
    expect(unusedId('a', new Set())).toBe('a');
    expect(unusedId('a', new Set(['a', 'a-2']))).toBe('a-3');
  });
});
