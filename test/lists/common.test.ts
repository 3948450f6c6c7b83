import { describe, expect, it } from 'vitest';
import { chinaVenue, parseCsv, parseListDate, resolveTicker, shortHash, slugify } from '../../src/lists/common.js';

describe('resolveTicker places list tickers on venues of the data schema', () => {
  it.each([
    ['002415 CN', undefined, { exchange: 'XSHE', code: '002415' }],
    ['601698  CN', undefined, { exchange: 'XSHG', code: '601698' }],
    ['603019CN', undefined, { exchange: 'XSHG', code: '603019' }],
    ['300188 CN', undefined, { exchange: 'XSHE', code: '300188' }],
    ['00981 HK', undefined, { exchange: 'XHKG', code: '0981' }],
    ['941 HK', undefined, { exchange: 'XHKG', code: '0941' }],
    ['300367.SZ', undefined, { exchange: 'XSHE', code: '300367' }],
    ['2415', 'Shenzhen', { exchange: 'XSHE', code: '002415' }],
    ['688981', 'Shanghai Stock Exchange', { exchange: 'XSHG', code: '688981' }],
  ] as const)('%s (exchange %j) → %j', (ticker, exchange, expected) => {
    expect(resolveTicker(ticker, exchange)).toEqual(expected);
  });

  it.each([
    ['CHA US', 'any US market: ambiguous'],
    ['MKN1 DE', 'Germany is not a venue of the schema'],
    ['K3ED SG', 'Singapore is not a venue of the schema'],
    ['830799 CN', 'Beijing is not a venue of the schema'],
    ['002415', 'no exchange'],
  ])('%s → null (%s)', (ticker) => {
    expect(resolveTicker(ticker)).toBeNull();
  });

  it('refuses a Shenzhen code given as Shanghai', () => {
    expect(resolveTicker('002415', 'Shanghai')).toBeNull();
  });
});

describe('small helpers', () => {
  it('reads list dates', () => {
    expect(parseListDate('03 Jun 2021')).toBe('2021-06-03');
    expect(parseListDate('2019-10-09')).toBe('2019-10-09');
    expect(parseListDate('31 Feb 2021')).toBeNull();
    expect(parseListDate('2019')).toBeNull();
  });

  it('tells Shenzhen from Shanghai by code range', () => {
    expect(['000001', '002415', '200011', '300188', '600000', '688981', '900901', '430047'].map(chinaVenue)).toEqual([
      'XSHE',
      'XSHE',
      'XSHE',
      'XSHE',
      'XSHG',
      'XSHG',
      'XSHG',
      null,
    ]);
  });

  it('makes id parts', () => {
    expect(slugify('Hangzhou Hikvision Digital Technology Co., Ltd.')).toBe('hangzhou-hikvision-digital-technology');
    expect(slugify('A.C. International')).toBe('a-c-international');
    expect(shortHash('x')).toMatch(/^[0-9a-f]{8}$/);
    expect(shortHash('x')).toBe(shortHash('x'));
  });

  it('parses CSV with the line each record starts on, blank lines left out', () => {
    const r = parseCsv('a,b\r\n\r\n"multi\nline",2\n3,4\u001a');
    expect(r).toEqual({
      ok: true,
      records: [
        { line: 1, cells: ['a', 'b'] },
        { line: 3, cells: ['multi\nline', '2'] },
        { line: 5, cells: ['3', '4'] },
      ],
    });
  });
});
