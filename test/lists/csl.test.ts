import { describe, expect, it } from 'vitest';
import { validateDataset } from '../../src/dataset/validate.js';
import { addressCountry, cslSourceCode, importCsl, parseCslId, splitCslList } from '../../src/lists/csl.js';
import { readListInput } from '../../src/lists/read.js';
import { LISTS, TODAY, datasetOf } from './support.js';

const current = readListInput(`${LISTS}csl/consolidated.csv`);
const older = readListInput(`${LISTS}csl/consolidated-2019-layout.csv`);

describe('Consolidated Screening List CSV (current layout, with _id)', () => {
  const result = importCsl(current, { importedOn: TODAY });
  const dataset = datasetOf(result);

  it('imports the Entity List and NS-CMIC records into a valid list, skipping the other sub-lists by reason', () => {
    expect(validateDataset(dataset).ok).toBe(true);
    expect(dataset.entities.map((e) => e.id)).toEqual([
      'csl-el-china-electronics-technology-group-f55da6',
      'csl-cmic-32091',
      'csl-cmic-30946',
    ]);
    expect(result.ok && result.skipped.map((s) => s.reason)).toEqual([
      'source ISN not asked for',
      'source MEU not asked for',
      'source SDN not asked for',
      'source SSI not asked for',
    ]);
  });

  it('keeps the Federal Register citations, start date, aliases and addresses of an Entity List entry', () => {
    const cetc13 = dataset.entities[0];
    expect(cetc13?.listings).toEqual([
      expect.objectContaining({ list: 'us-entity-list', date: '2018-08-01', citation: '83 FR 37423; 87 FR 77505', primary: true }),
    ]);
    expect(cetc13?.names.map((n) => n.name)).toEqual([
      'China Electronics Technology Group Corporation 13th Research Institute (CETC 13)',
      'Hebei Semiconductor Research Institute',
      'HSRI',
      'Hebei Institute of Semiconductors',
      'Hebei Semiconductor Institute',
      'Hebei Semiconductor',
      'CETC Research Institute 13',
    ]);
    expect(cetc13?.note).toContain('113 Hezuo Road, Shijiazhuang, Hebei, China');
    expect(cetc13?.listings[0]?.note).toContain('license policy: Policy of denial');
  });

  it('joins the Entity List and NS-CMIC entries of one organisation; the earlier listing is primary', () => {
    const hik = dataset.entities.find((e) => e.id === 'csl-cmic-30946');
    expect(hik?.listings.map((l) => [l.list, l.date, l.citation, l.primary])).toEqual([
      ['us-entity-list', '2019-10-09', '84 FR 54002', true],
      ['ofac-ns-cmic', '2021-06-03', 'E.O. 13959, as amended by E.O. 14032', false],
    ]);
    expect(hik?.securities).toEqual([expect.objectContaining({ exchange: 'XSHE', code: '002415', isin: 'CNE100000PM8' })]);
    expect(result.ok && result.warnings.map((w) => w.message)).toContainEqual(
      expect.stringContaining('has the same list name and was merged'),
    );
  });

  it('reads NS-CMIC dates and ISINs from the ids column; ISINs with no ticker are securities of their own', () => {
    const proven = dataset.entities.find((e) => e.id === 'csl-cmic-32091');
    expect(proven?.listings[0]).toMatchObject({ list: 'ofac-ns-cmic', date: '2021-06-03', effective: '2021-08-02' });
    expect(proven?.securities.map((s) => [s.exchange, s.isin])).toEqual([
      [undefined, 'XS1233275194'],
      [undefined, 'HK0000216777'],
      [undefined, 'XS1401816761'],
      [undefined, 'HK0000111952'],
    ]);
    expect(proven?.note ?? '').not.toContain('ISINs not tied');
  });

  it('keeps only the countries asked for', () => {
    const hk = datasetOf(importCsl(older, { importedOn: TODAY, countries: ['HK'] }));
    expect(hk.entities.map((e) => e.listName)).toEqual(['32 Group China Ltd.']);
    const cn = importCsl(older, { importedOn: TODAY, countries: ['cn'] });
    expect(datasetOf(cn).entities.map((e) => e.listName)).toEqual([
      '54th Research Institute of China',
      'A.C. International',
      'Guian New District Huawei Investment Co., Ltd., Guiyang, Guizhou',
    ]);
    expect(cn.ok && cn.skipped).toContainEqual(expect.objectContaining({ reason: 'no address in CN', count: 3 }));
  });
});

describe('Consolidated Screening List CSV (older layout, without _id)', () => {
  const result = importCsl(older, { importedOn: TODAY, sources: ['EL', 'SDN', 'CAP'] });
  const dataset = datasetOf(result);

  it('imports by column name, SDN entries too when asked, into a valid list', () => {
    expect(validateDataset(dataset).ok).toBe(true);
    expect(dataset.entities.map((e) => e.listName)).toEqual([
      '2904977 CANADA, INC.',
      '32 Group China Ltd.',
      '54th Research Institute of China',
      'A.C. International',
      'Gunther Migeotte',
      'Guian New District Huawei Investment Co., Ltd., Guiyang, Guizhou',
    ]);
    expect(result.ok && result.skipped).toEqual([
      { reason: 'source DPL not asked for', count: 1, examples: ['ADRIAN MANUEL HERNANDEZ'] },
      { reason: 'source CAP has no list id in the data schema', count: 1, examples: ['BANK OF KUNLUN CO LTD'] },
    ]);
  });

  it("merges the Entity List's one-entry-per-address rows of one name", () => {
    const g = dataset.entities.find((e) => e.listName === 'Gunther Migeotte');
    expect(g?.listings.map((l) => l.date)).toEqual(['2010-06-28', '2010-07-01']);
    expect(g?.note).toContain('Titangata 1, 1630 , Fredrikstad, NO');
  });

  it('dates a record that states no date by the file, and says so', () => {
    const sdn = dataset.entities.find((e) => e.id === 'csl-sdn-8124');
    expect(sdn?.listings[0]).toMatchObject({ list: 'ofac-sdn', date: TODAY });
    expect(sdn?.listings[0]?.note).toContain('no start date in the record');
  });

  it('splits the Entity List\'s "; and" lists', () => {
    expect(dataset.entities.find((e) => e.listName === '54th Research Institute of China')?.names.map((n) => n.name)).toContain(
      'Shijiazhuang Communication Observation and Control Technology Institute',
    );
  });
});

describe('CSL cells', () => {
  it('reads the sub-list code of a source', () => {
    expect(cslSourceCode('Entity List (EL) - Bureau of Industry and Security')).toBe('EL');
    expect(cslSourceCode('Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - Treasury Department')).toBe('CMIC');
    expect(cslSourceCode('Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department')).toBe('MBS');
    expect(cslSourceCode('Something else')).toBeNull();
  });

  it('reads ids in both orders', () => {
    expect(parseCslId('XS1233275194, ISIN')).toEqual({ label: 'ISIN', value: 'XS1233275194' });
    expect(parseCslId('ISIN, CNE100000PM8')).toEqual({ label: 'ISIN', value: 'CNE100000PM8' });
    expect(parseCslId('03 Jun 2021, Listing Date (CMIC)')).toEqual({ label: 'Listing Date (CMIC)', value: '03 Jun 2021' });
    expect(parseCslId('Xiamen Meiya Pico Information Co., Ltd., Issuer Name')).toEqual({
      label: 'Issuer Name',
      value: 'Xiamen Meiya Pico Information Co., Ltd.',
    });
    expect(parseCslId('Passport, 836238033, KP')).toEqual({ label: null, value: 'Passport, 836238033, KP' });
  });

  it('splits lists and reads address countries', () => {
    expect(splitCslList('A; B; and C')).toEqual(['A', 'B', 'C']);
    expect(addressCountry('Guiyang, CN')).toBe('CN');
    expect(addressCountry('CN')).toBe('CN');
    expect(addressCountry('3037 S. 69TH DRIVE, PHONEIX, AZ, 85043')).toBeNull();
  });

  it('rejects a file without the CSL header', () => {
    const r = importCsl({ file: 'x.csv', text: 'a,b\n1,2\n', sha256: '0' }, { importedOn: TODAY });
    expect(!r.ok && r.errors[0]?.message).toMatch(/^not a Consolidated Screening List CSV: the header lacks source and name/);
  });
});
