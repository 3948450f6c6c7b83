import { describe, expect, it } from 'vitest';
import { assembleDataset, draftSecurityKeys, draftSecurityLabel, type DraftSecurity, type EntityDraft } from '../../src/lists/build.js';
import { validateDataset } from '../../src/dataset/validate.js';
import { entityDraft } from '../support/entity-draft.js';

const SOURCES = { s: { title: 'Test list' } };

function draft(id: string, listName: string, securities: DraftSecurity[]): EntityDraft {
  return entityDraft({
    id,
    listName,
    listings: [{ list: 'ofac-ns-cmic', date: '2021-06-03', sources: ['s'] }],
    securities,
    origin: { file: 'list.csv', line: id === 'a' ? 2 : 3 },
  });
}

function assemble(drafts: EntityDraft[]) {
  return assembleDataset(drafts, { version: 't', reviewedAt: '2026-11-26', description: 'test', sources: SOURCES, confidence: 'high' });
}

describe('assembleDataset with ISINs given without their trading line', () => {
  it('keys a security by what it has', () => {
    expect(draftSecurityKeys({ exchange: 'XSHG', code: '688981', isin: 'CNE1000041W8' })).toEqual(['XSHG:688981', 'CNE1000041W8']);
    expect(draftSecurityKeys({ exchange: 'XHKG', code: '0981' })).toEqual(['XHKG:0981']);
    expect(draftSecurityKeys({ isin: 'XS2101828452' })).toEqual(['XS2101828452']);
    expect(draftSecurityLabel({ isin: 'XS2101828452' })).toBe('ISIN XS2101828452');
    expect(draftSecurityLabel({ exchange: 'XSHG', code: '688981', isin: 'CNE1000041W8' })).toBe('XSHG 688981 (ISIN CNE1000041W8)');
  });

  it('keeps two ISINs alone apart, joins the same ISIN given twice, and gives an ISIN alone its line when one comes', () => {
    const { dataset, warnings } = assemble([
      draft('a', 'SMIC', [
        { isin: 'XS1432320429', sources: ['s'] },
        { isin: 'XS2101828452', sources: ['s'] },
        { isin: 'XS2101828452', description: 'again', sources: ['s'] },
        { isin: 'CNE1000041W8', description: 'alone', sources: ['s'] },
        { exchange: 'XSHG', code: '688981', isin: 'CNE1000041W8', description: 'STAR line', sources: ['s'] },
      ]),
    ]);
    expect(warnings).toEqual([]);
    expect(dataset.entities[0]?.securities).toEqual([
      { isin: 'XS1432320429', sedols: [], confidence: 'high', sources: ['s'] },
      { isin: 'XS2101828452', sedols: [], confidence: 'high', sources: ['s'] },
      { isin: 'CNE1000041W8', exchange: 'XSHG', code: '688981', sedols: [], description: 'STAR line', confidence: 'high', sources: ['s'] },
    ]);
    expect(validateDataset(dataset).ok).toBe(true);
  });

  it('drops an ISIN alone, or a line with that ISIN, that another entity has', () => {
    const { dataset, warnings } = assemble([
      draft('a', 'Alpha Ltd', [{ isin: 'CNE1000041W8', sources: ['s'] }]),
      draft('b', 'Beta Ltd', [
        { exchange: 'XSHG', code: '688981', isin: 'CNE1000041W8', sources: ['s'] },
        { isin: 'CNE1000041W8', sources: ['s'] },
        { isin: 'XS2101828452', sources: ['s'] },
      ]),
    ]);
    expect(warnings.map((w) => w.message)).toEqual([
      'b (Beta Ltd): security XSHG 688981 (ISIN CNE1000041W8) also belongs to a; dropped from this entity',
      'b (Beta Ltd): security ISIN CNE1000041W8 also belongs to a; dropped from this entity',
    ]);
    expect(dataset.entities[1]?.securities.map((s) => s.isin)).toEqual(['XS2101828452']);
    expect(dataset.entities[1]?.note).toContain('Security ISIN CNE1000041W8 also belongs to a; not matched here');
    expect(validateDataset(dataset).ok).toBe(true);
  });
});
