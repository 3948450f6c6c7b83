import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.js';
import { validateDataset } from '../../src/dataset/validate.js';
import { readHoldingsBytes } from '../../src/ingest/read.js';
import { mergeLists } from '../../src/lists/merge.js';
import { importOfacConsolidated } from '../../src/lists/ofac-consolidated.js';
import { parseUserCsv } from '../../src/lists/user-csv.js';
import { screen } from '../../src/screen.js';
import { TODAY, datasetOf, ofacFolder } from './support.js';

const curated = loadDataset().dataset;
const nsCmic = datasetOf(importOfacConsolidated(ofacFolder('ofac-consolidated'), { importedOn: TODAY }));

describe('mergeLists: the curated 28 plus an imported NS-CMIC list', () => {
  const merged = mergeLists(curated, [{ label: 'cons_prim.csv', dataset: nsCmic }]);
  if (!merged.ok) throw new Error(merged.errors.join('\n'));

  it('passes validateDataset and keeps every curated entity and its primary listing', () => {
    expect(validateDataset(merged.dataset).ok).toBe(true);
    for (const e of curated.entities) {
      const now = merged.dataset.entities.find((x) => x.id === e.id);
      expect(now?.listings.find((l) => l.primary)).toEqual(e.listings.find((l) => l.primary));
    }
  });

  it('joins the NS-CMIC records of the curated companies to them', () => {
    expect(merged.joined.map((j) => `${j.from}>${j.into}`)).toEqual([
      'ofac-30946>hikvision',
      'ofac-33091>megvii',
      'ofac-33114>sensetime',
      'ofac-33893>yitu',
      'ofac-33896>meiya-pico',
    ]);
    expect(merged.importedEntityIds.has('ofac-30946')).toBe(false);
    expect(merged.dataset.entities.find((e) => e.id === 'hikvision')?.note).toContain('Also on cons_prim.csv as ofac-30946');
    expect(merged.origins.get('hikvision')).toEqual(['data/entities.json', 'cons_prim.csv']);
    expect(merged.origins.get('ofac-30936')).toEqual(['cons_prim.csv']);
    expect(merged.origins.get('dahua')).toEqual(['data/entities.json']);
  });

  it('adds the other records as imported entities', () => {
    expect([...merged.importedEntityIds].sort()).toEqual([
      'ofac-30882',
      'ofac-30930',
      'ofac-30936',
      'ofac-30939',
      'ofac-30951',
      'ofac-32079',
      'ofac-33113',
    ]);
  });

  it("moves CETC out of Hikvision's related companies, with its Chinese name: NS-CMIC lists it itself", () => {
    expect(merged.warnings).toContainEqual(
      'cons_prim.csv: ofac-30936 (CHINA ELECTRONICS TECHNOLOGY GROUP CORPORATION): was a parent (related company) of hikvision; moved here with its names and securities',
    );
    const hik = merged.dataset.entities.find((e) => e.id === 'hikvision');
    expect(hik?.related.some((r) => r.relation === 'parent')).toBe(false);
    expect(hik?.note).toContain('Its parent China Electronics Technology Group Corporation is on cons_prim.csv itself as ofac-30936');
    expect(merged.dataset.entities.find((e) => e.id === 'ofac-30936')?.names.map((n) => n.name)).toContain('中国电子科技集团');
  });

  it('screens Hikvision as the curated entity and CETC as the imported one', () => {
    const input = readHoldingsBytes(
      'p.csv',
      new TextEncoder().encode('Name,ISIN,Value\nHikvision A,CNE100000PM8,100\nChina Electronics Technology Group Corporation,,50\n'),
    );
    const result = screen([{ ...input, file: 'p.csv' }], merged.dataset, { today: TODAY });
    expect(result.findings.map((f) => [f.match.target.entityId, f.match.on, f.status])).toEqual(
      expect.arrayContaining([
        ['hikvision', 'isin', 'flagged'],
        ['ofac-30936', 'name', 'flagged'],
      ]),
    );
  });
});

describe('mergeLists: a user list naming a curated look-alike', () => {
  it('takes the name from the look-alike, with a warning, so the listed company can match', () => {
    const user = datasetOf(
      parseUserCsv(
        { file: 'mine.csv', text: 'name,list,listed_on\nYixin Group Limited,ofac-sdn,2025-01-01\n', sha256: 'cd'.repeat(32) },
        { importedOn: TODAY },
      ),
    );
    const merged = mergeLists(curated, [{ label: 'mine.csv', dataset: user }]);
    if (!merged.ok) throw new Error(merged.errors.join('\n'));
    expect(merged.warnings).toContainEqual(expect.stringContaining('was a look-alike of yixin; moved here'));
    expect(merged.dataset.entities.find((e) => e.id === 'user-yixin-group-limited')?.names.map((n) => n.name)).toContain(
      '易鑫集团有限公司',
    );
    expect(merged.importedEntityIds.has('user-yixin-group-limited')).toBe(true);
    expect(validateDataset(merged.dataset).ok).toBe(true);
  });

  it('keeps two extra lists apart when they reuse a source id with other content', () => {
    const a = datasetOf(
      parseUserCsv(
        { file: 'a.csv', text: 'name,list,listed_on,source\nAlpha Ltd,ofac-sdn,2025-01-01,Paper A\n', sha256: '01'.repeat(32) },
        { importedOn: TODAY },
      ),
    );
    const b = datasetOf(
      parseUserCsv(
        { file: 'b.csv', text: 'name,list,listed_on,source\nBeta Ltd,ofac-sdn,2025-01-01,Paper B\n', sha256: '02'.repeat(32) },
        { importedOn: TODAY },
      ),
    );
    const merged = mergeLists(curated, [
      { label: 'a.csv', dataset: a },
      { label: 'b.csv', dataset: b },
    ]);
    if (!merged.ok) throw new Error(merged.errors.join('\n'));
    expect(merged.dataset.sources['user-source-1']?.title).toBe('Paper A');
    expect(merged.dataset.sources['user-source-1-2']?.title).toBe('Paper B');
    expect(merged.dataset.entities.find((e) => e.listName === 'Beta Ltd')?.listings[0]?.sources).toContain('user-source-1-2');
  });
});

describe('mergeLists: ISINs given without their trading line', () => {
  const user = (file: string, rows: string) =>
    datasetOf(
      parseUserCsv(
        { file, text: `name,isin,ticker,exchange,list,listed_on\n${rows}`, sha256: file.length.toString(16).padStart(64, '0') },
        { importedOn: TODAY },
      ),
    );

  it('gives an ISIN a first list had alone the line a second list ties it to, once', () => {
    const a = user('a.csv', 'SMIC,CNE1000041W8,,,ofac-ns-cmic,2021-06-03\nSMIC,XS2101828452,,,ofac-ns-cmic,2021-06-03\n');
    const b = user('bb.csv', 'SMIC,CNE1000041W8,688981,Shanghai,ofac-ns-cmic,2021-06-03\n');
    const merged = mergeLists(curated, [
      { label: 'a.csv', dataset: a },
      { label: 'bb.csv', dataset: b },
    ]);
    if (!merged.ok) throw new Error(merged.errors.join('\n'));
    const smic = merged.dataset.entities.find((e) => e.listName === 'SMIC');
    expect(smic?.securities.map((s) => [s.exchange, s.code, s.isin])).toEqual([
      ['XSHG', '688981', 'CNE1000041W8'],
      [undefined, undefined, 'XS2101828452'],
    ]);
    expect(merged.warnings).toEqual([]);
  });

  it('names an ISIN alone by its ISIN when it belongs to another entity', () => {
    // Hikvision's and Dahua's ISINs on one entity of a user list: it is neither of them.
    const mixed = user(
      'm.csv',
      'Mixed Holdings Ltd,CNE100000PM8,,,ofac-sdn,2025-01-01\nMixed Holdings Ltd,CNE100000BJ4,,,ofac-sdn,2025-01-01\n',
    );
    const merged = mergeLists(curated, [{ label: 'm.csv', dataset: mixed }]);
    if (!merged.ok) throw new Error(merged.errors.join('\n'));
    expect(merged.warnings).toContainEqual(
      'm.csv: user-mixed-holdings-ltd (Mixed Holdings Ltd): security ISIN CNE100000PM8 also belongs to hikvision; dropped',
    );
    expect(merged.warnings).toContainEqual(
      'm.csv: user-mixed-holdings-ltd (Mixed Holdings Ltd): security ISIN CNE100000BJ4 also belongs to dahua; dropped',
    );
  });

  it('screens a holding of an ISIN-only security of the imported NS-CMIC list, joined to the curated list, by its ISIN', () => {
    const merged = mergeLists(curated, [{ label: 'cons_prim.csv', dataset: nsCmic }]);
    if (!merged.ok) throw new Error(merged.errors.join('\n'));
    const input = readHoldingsBytes('p.csv', new TextEncoder().encode('Name,ISIN,Value\nH LINE,CNE1000002F5,100\n'));
    const result = screen([{ ...input, file: 'p.csv' }], merged.dataset, { today: TODAY });
    expect(result.findings.map((f) => [f.match.target.entityId, f.match.on, f.status])).toEqual([['ofac-30930', 'isin', 'flagged']]);
  });
});
