import { describe, expect, it } from 'vitest';
import { validateDataset } from '../../src/dataset/validate.js';
import { parseListFile } from '../../src/lists/import.js';
import { readListInput } from '../../src/lists/read.js';
import { parseListId, parseUserCsv, splitAliases } from '../../src/lists/user-csv.js';
import { LISTS, TODAY, datasetOf } from './support.js';

const csv = (text: string) => parseUserCsv({ file: 'my-list.csv', text, sha256: 'ab'.repeat(32) }, { importedOn: TODAY });
const HEADER = 'name,aliases,isin,ticker,exchange,list,listed_on,source\n';

describe('user list CSV (name,aliases,isin,ticker,exchange,list,listed_on,source)', () => {
  it("reads a valid file into a valid list, each fact citing the file and the row's source", () => {
    const dataset = datasetOf(parseUserCsv(readListInput(`${LISTS}user/valid.csv`), { importedOn: TODAY }));
    expect(validateDataset(dataset).ok).toBe(true);
    expect(dataset.entities.map((e) => e.id)).toEqual([
      'user-leon-technology-company-limited',
      'user-netposa-technologies-limited',
      'user-cloudwalk-technology-co-ltd',
    ]);
    const leon = dataset.entities[0];
    expect(leon?.names.map((n) => n.name)).toEqual(['Leon Technology Company Limited', 'LEON TECHNOLOGY', 'Leon Technology Co., Ltd.']);
    expect(leon?.securities).toEqual([expect.objectContaining({ exchange: 'XSHE', code: '300603', isin: 'CNE100002Q17' })]);
    expect(leon?.listings).toEqual([expect.objectContaining({ list: 'ofac-ns-cmic', date: '2021-12-16', primary: true })]);
    expect(dataset.entities[1]?.names.map((n) => n.name)).toEqual([
      'NetPosa Technologies Limited',
      'NETPOSA',
      'NetPosa Technologies, Ltd.',
    ]);
    expect(dataset.entities[1]?.securities[0]).toMatchObject({ exchange: 'XSHE', code: '300367' });
    expect(Object.values(dataset.sources).map((s) => s.title)).toContain('OFAC Consolidated list (NS-CMIC) entry 33894');
  });

  it('names the line of every bad row, all in one run', () => {
    const result = parseUserCsv(readListInput(`${LISTS}user/invalid.csv`), { importedOn: TODAY });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => [e.line, e.message])).toEqual([
      [3, 'name is empty'],
      [4, 'ISIN CNE100001S41 fails its check digit'],
      [5, 'listed_on "16/12/2021" is not a date as YYYY-MM-DD'],
      [
        6,
        'list "eu-sanctions" is not one of us-entity-list, ofac-ns-cmic, ofac-sdn, dod-1260h, eo-13959, fcc-covered-list, ndaa-889, eu-human-rights, us-meu-list, us-unverified-list, us-denied-persons, ofac-ssi, ofac-ns-mbs, ofac-fse, ofac-capta, ofac-ns-plc, user',
      ],
      [
        7,
        'ticker "MEGV" on "Frankfurt" is not on a venue the data knows: give the exchange (Shenzhen, Shanghai, Hong Kong, OTC, London, Tokyo, Thailand) or a suffix such as .SZ, .SS, .HK',
      ],
      [
        8,
        'alias "LEON TECHNOLOGY" is also the name or an alias of "Leon Technology Company Limited" (line 2); a name may belong to one entity only',
      ],
      [9, 'exchange "Shenzhen" without a ticker'],
    ]);
    expect(!result.ok && result.errors.every((e) => e.file.endsWith('invalid.csv'))).toBe(true);
  });

  it('makes an ISIN without a ticker a security matched by the ISIN alone', () => {
    // CCCC's H-share ISIN, as OFAC's record 30930 gives it without its trading line.
    const d = datasetOf(
      csv(`${HEADER}China Communications Construction Company Limited,CCCC,CNE1000002F5,,,ofac-ns-cmic,2021-06-03,OFAC entry 30930\n`),
    );
    expect(validateDataset(d).ok).toBe(true);
    expect(d.entities[0]?.securities).toEqual([
      {
        isin: 'CNE1000002F5',
        sedols: [],
        confidence: 'medium',
        sources: [expect.stringMatching(/^user-list-[0-9a-f]{8}$/), 'user-source-1'],
      },
    ]);
  });

  it('joins an ISIN given alone to the line that has it, and keeps two ISINs alone apart', () => {
    const d = datasetOf(
      csv(
        `${HEADER}SMIC,,CNE1000041W8,,,ofac-ns-cmic,2021-06-03,\nSMIC,,CNE1000041W8,688981,Shanghai,ofac-ns-cmic,2021-06-03,\nSMIC,,XS1432320429,,,ofac-ns-cmic,2021-06-03,\nSMIC,,XS2101828452,,,ofac-ns-cmic,2021-06-03,\n`,
      ),
    );
    expect(d.entities[0]?.securities.map((s) => [s.exchange, s.code, s.isin])).toEqual([
      ['XSHG', '688981', 'CNE1000041W8'],
      [undefined, undefined, 'XS1432320429'],
      [undefined, undefined, 'XS2101828452'],
    ]);
  });

  it('gives an ISIN to one entity only, alone or on a line', () => {
    const r = csv(`${HEADER}Alpha Ltd,,CNE1000041W8,,,ofac-sdn,2025-01-01,\nBeta Ltd,,CNE1000041W8,688981,Shanghai,ofac-sdn,2025-01-01,\n`);
    expect(!r.ok && r.errors.map((e) => [e.line, e.message])).toEqual([[3, 'CNE1000041W8 is also given for "Alpha Ltd" (line 2)']]);
  });

  it('counts lines as the file has them, quoted newlines included', () => {
    const r = csv(`${HEADER}"Multi\nline name",,,,,ofac-ns-cmic,2021-12-16,\n,,,,,ofac-ns-cmic,2021-12-16,\n`);
    expect(!r.ok && r.errors).toEqual([{ file: 'my-list.csv', line: 4, message: 'name is empty' }]);
  });

  it('requires the name, list and listed_on columns', () => {
    const r = csv('name,isin\nHikvision,CNE100000PM8\n');
    expect(!r.ok && r.errors).toEqual([
      {
        file: 'my-list.csv',
        line: 1,
        message: 'the header lacks list, listed_on; expected name,aliases,isin,ticker,exchange,list,listed_on,source',
      },
    ]);
  });

  it('takes columns in any order, friendly list names, and | or ; between aliases', () => {
    const d = datasetOf(
      csv('listed_on,list,name,aliases\n2019-10-09,Entity List,Zhejiang Dahua Technology Co. Ltd.,Dahua|大华股份; Dahua Technology\n'),
    );
    expect(d.entities[0]?.listings[0]).toMatchObject({ list: 'us-entity-list', date: '2019-10-09' });
    expect(d.entities[0]?.names.map((n) => n.name)).toEqual([
      'Zhejiang Dahua Technology Co. Ltd.',
      'Dahua',
      '大华股份',
      'Dahua Technology',
    ]);
    expect(d.entities[0]?.names[2]?.lang).toBe('zh');
  });

  it('joins rows of the same name: a second line, a second listing', () => {
    const d = datasetOf(
      csv(
        `${HEADER}SMIC,,,688981,Shanghai,ofac-ns-cmic,2021-06-03,\nSMIC,,,981,Hong Kong,ofac-ns-cmic,2021-06-03,\nSMIC,,,,,us-entity-list,2020-12-22,\n`,
      ),
    );
    expect(d.entities).toHaveLength(1);
    expect(d.entities[0]?.securities.map((s) => `${s.exchange} ${s.code}`)).toEqual(['XSHG 688981', 'XHKG 0981']);
    expect(d.entities[0]?.listings.map((l) => [l.list, l.date, l.primary])).toEqual([
      ['us-entity-list', '2020-12-22', true],
      ['ofac-ns-cmic', '2021-06-03', false],
    ]);
  });

  it('reads our JSON data schema too, through parseListFile', () => {
    const dataset = datasetOf(parseUserCsv(readListInput(`${LISTS}user/valid.csv`), { importedOn: TODAY }));
    const again = parseListFile({ file: 'list.json', text: JSON.stringify(dataset), sha256: '0' }, { importedOn: TODAY });
    expect(datasetOf(again)).toEqual(dataset);
    const bad = parseListFile({ file: 'list.json', text: '{"version":"1"}', sha256: '0' }, { importedOn: TODAY });
    expect(!bad.ok && bad.errors[0]?.file).toBe('list.json');
  });

  it('reads list ids and aliases', () => {
    expect(parseListId('NS-CMIC')).toBe('ofac-ns-cmic');
    expect(parseListId('us-entity-list')).toBe('us-entity-list');
    expect(parseListId('1260H')).toBe('dod-1260h');
    expect(parseListId('UFLPA')).toBeNull();
    expect(splitAliases(' a | b;c ;; ')).toEqual(['a', 'b', 'c']);
  });
});
