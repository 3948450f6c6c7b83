import { describe, expect, it } from 'vitest';
import { diffLists, renderListDiff, securityText } from '../../src/lists/diff.js';
import { importOfacConsolidated } from '../../src/lists/ofac-consolidated.js';
import { loadListFile } from '../../src/lists/read.js';
import { parseUserCsv } from '../../src/lists/user-csv.js';
import { LISTS, TODAY, datasetOf, ofacFolder } from './support.js';

const v1 = datasetOf(importOfacConsolidated(ofacFolder('ofac-ns-cmic-v1'), { importedOn: '2026-01-05' }));
const v2 = datasetOf(importOfacConsolidated(ofacFolder('ofac-ns-cmic-v2'), { importedOn: TODAY }));

describe('lists diff between two versions of an imported list', () => {
  const diff = diffLists(v1, v2);

  it('shows the entity added and the entity removed', () => {
    expect(diff.added).toEqual([{ id: 'ofac-33893', listName: 'YITU LIMITED' }]);
    expect(diff.removed).toEqual([{ id: 'ofac-30936', listName: 'CHINA ELECTRONICS TECHNOLOGY GROUP CORPORATION' }]);
  });

  it('shows what changed inside an entity kept in both', () => {
    expect(diff.changed).toEqual([
      {
        id: 'ofac-33114',
        listName: 'SENSETIME GROUP LIMITED',
        listNameBefore: null,
        kindBefore: null,
        namesAdded: ['SENSETIME GROUP LTD'],
        namesRemoved: [],
        securitiesAdded: [],
        securitiesRemoved: [],
        listingsAdded: [],
        listingsRemoved: [],
      },
    ]);
  });

  it('renders as text', () => {
    expect(renderListDiff(diff)).toBe(
      [
        `Old: ${v1.version} (4 entities)`,
        `New: ${v2.version} (4 entities)`,
        '1 added, 1 removed, 1 changed',
        '',
        'Added (1):',
        '  + ofac-33893  YITU LIMITED',
        '',
        'Removed (1):',
        '  - ofac-30936  CHINA ELECTRONICS TECHNOLOGY GROUP CORPORATION',
        '',
        'Changed (1):',
        '  ~ ofac-33114  SENSETIME GROUP LIMITED',
        '      names added: SENSETIME GROUP LTD',
        '',
      ].join('\n'),
    );
  });

  it('reports securities and listings that changed, and no differences for the same list', () => {
    const hik = v2.entities.find((e) => e.id === 'ofac-30946');
    if (hik === undefined) throw new Error('no Hikvision');
    const moved = {
      ...v2,
      entities: v2.entities.map((e) =>
        e === hik ? { ...hik, securities: [], listings: hik.listings.map((l) => ({ ...l, effective: '2021-08-03' })) } : e,
      ),
    };
    const change = diffLists(v2, moved).changed[0];
    expect(change?.securitiesRemoved).toEqual(['XSHE 002415 ISIN CNE100000PM8']);
    expect(change?.listingsAdded).toEqual(['ofac-ns-cmic 2021-06-03 (effective 2021-08-03; E.O. 13959, as amended by E.O. 14032)']);
    expect(change?.listingsRemoved).toEqual(['ofac-ns-cmic 2021-06-03 (effective 2021-08-02; E.O. 13959, as amended by E.O. 14032)']);
    expect(renderListDiff(diffLists(v2, v2))).toContain('No differences.');
  });
});

describe('lists diff with ISINs given without their trading line', () => {
  const user = (text: string) =>
    datasetOf(
      parseUserCsv(
        { file: 'mine.csv', text: `name,isin,ticker,exchange,list,listed_on\n${text}`, sha256: 'ef'.repeat(32) },
        { importedOn: TODAY },
      ),
    );
  const before = user('SMIC,,688981,Shanghai,ofac-ns-cmic,2021-06-03\n');
  const after = user('SMIC,,688981,Shanghai,ofac-ns-cmic,2021-06-03\nSMIC,XS2101828452,,,ofac-ns-cmic,2021-06-03\n');

  it('shows an ISIN-only security added, printed as its ISIN', () => {
    const change = diffLists(before, after).changed[0];
    expect(change?.securitiesAdded).toEqual(['ISIN XS2101828452']);
    expect(change?.securitiesRemoved).toEqual([]);
    expect(renderListDiff(diffLists(before, after))).toContain('      securities added: ISIN XS2101828452\n');
    expect(diffLists(after, before).changed[0]?.securitiesRemoved).toEqual(['ISIN XS2101828452']);
  });

  it('prints a line with its ISIN, and an ISIN alone, in one form', () => {
    expect(after.entities[0]?.securities.map(securityText)).toEqual(['XSHG 688981', 'ISIN XS2101828452']);
    expect(
      securityText({ exchange: 'XSHE', code: '002415', isin: 'CNE100000PM8', sedols: ['B450X03'], confidence: 'high', sources: ['x'] }),
    ).toBe('XSHE 002415 ISIN CNE100000PM8 SEDOL B450X03');
    expect(securityText({ isin: 'CNE1000002F5', sedols: [], confidence: 'high', sources: ['x'] })).toBe('ISIN CNE1000002F5');
  });
});

describe('the imported versions committed in fixtures/lists/imported/', () => {
  it('are what importing the fixture CSVs gives today (no drift)', () => {
    expect(datasetOf(loadListFile(`${LISTS}imported/ofac-ns-cmic-v1.json`, { importedOn: TODAY }))).toEqual(v1);
    expect(datasetOf(loadListFile(`${LISTS}imported/ofac-ns-cmic-v2.json`, { importedOn: TODAY }))).toEqual(v2);
  });

  it('diff as JSON files read from disk', () => {
    const before = datasetOf(loadListFile(`${LISTS}imported/ofac-ns-cmic-v1.json`, { importedOn: TODAY }));
    const after = datasetOf(loadListFile(`${LISTS}imported/ofac-ns-cmic-v2.json`, { importedOn: TODAY }));
    const diff = diffLists(before, after);
    expect([diff.added.map((e) => e.id), diff.removed.map((e) => e.id)]).toEqual([['ofac-33893'], ['ofac-30936']]);
  });
});
