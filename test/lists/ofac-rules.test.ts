import { describe, expect, it } from 'vitest';
import { remarksLookCut, selectOfacRecord } from '../../src/lists/ofac-consolidated.js';

describe('selectOfacRecord: which OFAC primary records become entities', () => {
  it('imports an entity under NS-CMIC from the consolidated files, and only NS-CMIC', () => {
    expect(selectOfacRecord('', ['CMIC-EO13959', 'UKRAINE-EO13662'], 'consolidated', undefined)).toEqual({
      kind: 'import',
      imported: ['CMIC-EO13959'],
    });
    expect(selectOfacRecord('', ['UKRAINE-EO13662'], 'consolidated', undefined)).toEqual({
      kind: 'skip',
      reason: 'program UKRAINE-EO13662 not imported (no list id for it in the data schema; NS-CMIC only)',
    });
  });

  it('imports every program of the SDN file, or those asked for', () => {
    expect(selectOfacRecord('', ['UKRAINE-EO13662', 'RUSSIA-EO14024'], 'sdn', undefined)).toEqual({
      kind: 'import',
      imported: ['UKRAINE-EO13662', 'RUSSIA-EO14024'],
    });
    expect(selectOfacRecord('', ['UKRAINE-EO13662', 'RUSSIA-EO14024'], 'sdn', ['RUSSIA-EO14024'])).toEqual({
      kind: 'import',
      imported: ['RUSSIA-EO14024'],
    });
    expect(selectOfacRecord('', [], 'sdn', undefined)).toEqual({ kind: 'skip', reason: 'program (none) not imported' });
  });

  it('skips people, vessels and aircraft before looking at their programs', () => {
    expect(selectOfacRecord('individual', ['CMIC-EO13959'], 'consolidated', undefined)).toEqual({
      kind: 'skip',
      reason: 'SDN_Type "individual": not an issuer of securities',
    });
  });
});

describe('remarksLookCut', () => {
  it('says Remarks of 990 characters or more that end mid-sentence, with no continuation, look cut', () => {
    const long = 'x'.repeat(995);
    expect(remarksLookCut(long, false)).toBe(true);
    expect(remarksLookCut(`${long}.`, false)).toBe(false);
    expect(remarksLookCut(long, true)).toBe(false);
    expect(remarksLookCut('Equity Ticker 002415 CN', false)).toBe(false);
  });
});
