import { describe, expect, it } from 'vitest';
import { readHoldingsBytes } from '../../src/ingest/read.js';
import { importOfacConsolidated } from '../../src/lists/ofac-consolidated.js';
import { screen } from '../../src/screen.js';
import { TODAY, datasetOf, ofacFolder } from './support.js';

const nsCmic = datasetOf(importOfacConsolidated(ofacFolder('ofac-consolidated'), { importedOn: TODAY }));

function screenCsv(text: string) {
  const input = readHoldingsBytes('portfolio.csv', new TextEncoder().encode(text));
  return screen([{ ...input, file: 'portfolio.csv' }], nsCmic, { today: TODAY });
}

describe('screening against the imported NS-CMIC list', () => {
  const result = screenCsv(
    [
      'Security Name,ISIN,Ticker,Quantity,Market Value',
      'HANGZHOU HIKVISION DIGITAL TECH A,CNE100000PM8,,26000,151060.00',
      'XIAMEN MEIYA PICO A,,300188.SZ,1000,2500.00',
      'APPLE INC,US0378331005,AAPL,100,19000.00',
    ].join('\n'),
  );

  it('flags Hikvision held by ISIN, as the imported entity, with its program and date on the list', () => {
    const hik = result.findings.find((f) => f.holding.isin === 'CNE100000PM8');
    expect(hik?.status).toBe('flagged');
    expect(hik?.match.on).toBe('isin');
    expect(hik?.match.target.entityId).toBe('ofac-30946');
    const entity = nsCmic.entities.find((e) => e.id === hik?.match.target.entityId);
    expect(entity?.listings.find((l) => l.primary)).toMatchObject({
      list: 'ofac-ns-cmic',
      date: '2021-06-03',
      note: expect.stringContaining('CMIC-EO13959'),
    });
  });

  it('flags Meiya Pico by its Shenzhen code, and leaves Apple alone', () => {
    expect(result.findings.find((f) => f.holding.name === 'XIAMEN MEIYA PICO A')).toMatchObject({
      status: 'flagged',
      match: { on: 'ticker', target: { entityId: 'ofac-33896' } },
    });
    expect(result.findings.some((f) => f.holding.name === 'APPLE INC')).toBe(false);
  });

  it('dates the portfolio from the run, after the listing: nothing is "before listing"', () => {
    expect(result.asOf).toBe(TODAY);
    expect(result.findings.every((f) => f.beforeListing !== true)).toBe(true);
  });
});

describe('ISINs an OFAC record gives without their trading line', () => {
  // Names that match nothing on the list: only the ISIN can find these holdings.
  const result = screenCsv(
    [
      'Security Name,ISIN,Quantity,Market Value',
      'HK LINE 317,CNE100000395,1000,2500.00',
      'NOTE 2.693 02/27/25,XS2101828452,200,19800.00',
    ].join('\n'),
  );

  it("flags a holding of CSSC's H-share ISIN (two tickers in the record, so no line to tie it to) by the ISIN", () => {
    const cssc = result.findings.find((f) => f.holding.isin === 'CNE100000395');
    expect(cssc).toMatchObject({ status: 'flagged', match: { on: 'isin', target: { entityId: 'ofac-32079', relation: 'self' } } });
  });

  it("flags a holding of one of SMIC's bonds by its ISIN", () => {
    expect(result.findings.find((f) => f.holding.isin === 'XS2101828452')).toMatchObject({
      status: 'flagged',
      match: { on: 'isin', target: { entityId: 'ofac-30951' } },
    });
  });
});

describe('imported lists have no curated look-alikes: an inexact name is a review', () => {
  const csv = ['Security Name,Quantity,Market Value', 'Megvii Technology Ltd,10,100.00', 'Hikvision Digital,10,100.00'].join('\n');
  const imported = new Set(nsCmic.entities.map((e) => e.id));
  const asImported = screen([{ ...readHoldingsBytes('portfolio.csv', new TextEncoder().encode(csv)), file: 'portfolio.csv' }], nsCmic, {
    today: TODAY,
    importedEntityIds: imported,
  });
  const asCurated = screenCsv(csv);

  it('keeps an exact name match flagged', () => {
    const megvii = asImported.findings.find((f) => f.match.target.entityId === 'ofac-33091');
    expect(megvii?.match).toMatchObject({ on: 'name', score: 1 });
    expect(megvii?.status).toBe('flagged');
  });

  it('sends a name match below 1 to review, and only for imported entities', () => {
    const partial = asImported.findings.find((f) => f.holding.name === 'Hikvision Digital') ?? never();
    expect(partial.match).toMatchObject({ on: 'name', target: { entityId: 'ofac-30946' } });
    expect(partial.match.score).toBeLessThan(1);
    expect(partial.status).toBe('review');
    // The same match, with the entities treated as curated, is flagged.
    expect(asCurated.findings.find((f) => f.holding.name === 'Hikvision Digital')?.status).toBe('flagged');
  });
});

function never(): never {
  throw new Error('expected a finding');
}
