import { describe, expect, it } from 'vitest';
import { cslEntityId, cslKind, selectCslRecord, type CslSelectionCells } from '../../src/lists/csl.js';

const EL = 'Entity List (EL) - Bureau of Industry and Security';
const record = (over: Partial<CslSelectionCells> = {}): CslSelectionCells => ({
  source: EL,
  type: 'Entity',
  name: 'Hangzhou Hikvision Digital Technology',
  countries: ['CN'],
  ...over,
});

describe('selectCslRecord: which CSL records become entities', () => {
  it('imports a record of a sub-list asked for under its list id', () => {
    expect(selectCslRecord(record(), ['EL', 'CMIC'], undefined)).toEqual({ kind: 'import', code: 'EL', list: 'us-entity-list' });
  });

  it('skips, by reason, an unknown source, a sub-list not asked for and one with no list id', () => {
    expect(selectCslRecord(record({ source: 'Something else' }), ['EL'], undefined)).toEqual({
      kind: 'skip',
      reason: 'source "Something else" not recognised',
    });
    const dpl = record({ source: 'Denied Persons List (DPL) - Bureau of Industry and Security' });
    expect(selectCslRecord(dpl, ['EL'], undefined)).toEqual({ kind: 'skip', reason: 'source DPL not asked for' });
    expect(selectCslRecord(dpl, ['DPL'], undefined)).toEqual({ kind: 'skip', reason: 'source DPL has no list id in the data schema' });
  });

  it('skips people, vessels and aircraft, which issue no securities', () => {
    for (const type of ['Individual', 'vessel', 'Aircraft'])
      expect(selectCslRecord(record({ type }), ['EL'], undefined)).toEqual({
        kind: 'skip',
        reason: `type ${type.toLowerCase()}: not an issuer of securities`,
      });
  });

  it('says a record without a name is nameless, before looking at its countries', () => {
    expect(selectCslRecord(record({ name: '', countries: [] }), ['EL'], ['CN'])).toEqual({ kind: 'nameless' });
  });

  it('keeps a record with an address, nationality or citizenship in a country asked for', () => {
    expect(selectCslRecord(record({ countries: [null, 'hk'] }), ['EL'], ['HK']).kind).toBe('import');
    expect(selectCslRecord(record({ countries: [null, 'US'] }), ['EL'], ['CN', 'HK'])).toEqual({
      kind: 'skip',
      reason: 'no address in CN, HK',
    });
  });
});

describe('cslKind and cslEntityId', () => {
  it('makes an Entity List record named like an authority a government, anything else a company', () => {
    expect(cslKind('EL', 'Xinjiang Public Security Bureau')).toBe('government');
    expect(cslKind('CMIC', 'Ministry of Something Company')).toBe('company');
    expect(cslKind('EL', 'Megvii')).toBe('company');
  });

  it('ids a record by its entry number, else by its name', () => {
    expect(cslEntityId('EL', '12345', 'Megvii')).toBe('csl-el-12345');
    expect(cslEntityId('CMIC', '', 'Hangzhou Hikvision Digital Technology')).toMatch(
      /^csl-cmic-hangzhou-hikvision-digital-technology-[0-9a-f]{6}$/,
    );
    expect(cslEntityId('EL', 'n/a', '!!!')).toMatch(/^csl-el-entry-[0-9a-f]{6}$/);
  });
});
