import { describe, expect, it } from 'vitest';
import { isEquityIsin, placeSecurities } from '../../src/lists/normalize.js';

const wording = { tickerDescription: (t: string) => `T ${t}`, isinAloneDescription: 'alone', sources: ['s'] };

describe('placeSecurities: one record’s tickers and ISINs as securities', () => {
  it('ties the only equity ISIN to the only ticker', () => {
    const { securities, unmapped } = placeSecurities(['002415 CN'], ['CNE100000PM8', 'XS1234567890'], wording);
    expect(unmapped).toEqual([]);
    expect(securities).toEqual([
      {
        exchange: 'XSHE',
        code: '002415',
        isin: 'CNE100000PM8',
        description: 'T 002415 CN; ISIN from the same record (its only ticker and only equity ISIN)',
        sources: ['s'],
      },
      { isin: 'XS1234567890', description: 'alone', sources: ['s'] },
    ]);
  });

  it('ties no ISIN when the record has two tickers or two equity ISINs', () => {
    const two = placeSecurities(['002415 CN', '00981 HK'], ['CNE100000PM8'], wording).securities;
    expect(two.map((s) => s.isin)).toEqual([undefined, undefined, 'CNE100000PM8']);
    const isins = placeSecurities(['002415 CN'], ['CNE100000PM8', 'CNE1000002F5'], wording).securities;
    expect(isins.map((s) => [s.exchange, s.isin])).toEqual([
      ['XSHE', undefined],
      [undefined, 'CNE100000PM8'],
      [undefined, 'CNE1000002F5'],
    ]);
  });

  it('keeps a ticker on a venue the schema lacks as unmapped, and one line once', () => {
    const placed = placeSecurities(['ABC GR', '002415 CN', '002415 CN'], [], wording);
    expect(placed.unmapped).toEqual(['ABC GR']);
    expect(placed.securities).toHaveLength(1);
  });

  it('gives an ISIN given twice one security', () => {
    expect(placeSecurities([], ['CNE100000PM8', 'CNE100000PM8'], wording).securities).toHaveLength(1);
  });
});

describe('isEquityIsin', () => {
  it('leaves out Eurobonds, US depositary receipts and China bonds', () => {
    expect(['CNE100000PM8', 'HK0981000000'].map(isEquityIsin)).toEqual([true, true]);
    expect(['XS1234567890', 'US4567891234', 'CND100000001'].map(isEquityIsin)).toEqual([false, false, false]);
  });
});
