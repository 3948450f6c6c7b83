import { describe, expect, it } from 'vitest';
import { validateDataset } from '../../src/dataset/validate.js';
import { importOfacConsolidated, parseOfacRemarks, splitPrograms } from '../../src/lists/ofac-consolidated.js';
import { LISTS, TODAY, datasetOf, ofacFolder } from './support.js';
import { readListInput } from '../../src/lists/read.js';
import { importListFiles } from '../../src/lists/read.js';

const result = importOfacConsolidated(ofacFolder('ofac-consolidated'), { importedOn: TODAY });
const dataset = datasetOf(result);
const entity = (id: string) => {
  const e = dataset.entities.find((x) => x.id === id);
  if (e === undefined) throw new Error(`no entity ${id}`);
  return e;
};

describe('OFAC consolidated (non-SDN) CSV files in the real layout', () => {
  it('import into a list that passes validateDataset', () => {
    expect(result.ok).toBe(true);
    expect(validateDataset(dataset).ok).toBe(true);
  });

  it('keeps one entity per NS-CMIC ent_num and skips individuals and other programs, counted', () => {
    expect(dataset.entities.map((e) => e.id)).toEqual([
      'ofac-30882',
      'ofac-30930',
      'ofac-30936',
      'ofac-30939',
      'ofac-30946',
      'ofac-30951',
      'ofac-32079',
      'ofac-33091',
      'ofac-33113',
      'ofac-33114',
      'ofac-33893',
      'ofac-33896',
    ]);
    expect(result.ok && result.skipped.map((s) => [s.reason, s.count])).toEqual([
      ['SDN_Type "individual": not an issuer of securities', 1],
      ['program UKRAINE-EO13662, RUSSIA-EO14024 not imported (no list id for it in the data schema; NS-CMIC only)', 1],
    ]);
  });

  it("gives Hikvision's record its ISIN, Shenzhen code, program and dates", () => {
    const hik = entity('ofac-30946');
    expect(hik.listName).toBe('HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.');
    expect(hik.securities).toEqual([expect.objectContaining({ exchange: 'XSHE', code: '002415', isin: 'CNE100000PM8' })]);
    expect(hik.listings).toEqual([
      expect.objectContaining({
        list: 'ofac-ns-cmic',
        date: '2021-06-03',
        effective: '2021-08-02',
        citation: 'E.O. 13959, as amended by E.O. 14032',
        primary: true,
        note: expect.stringContaining('OFAC program CMIC-EO13959'),
      }),
    ]);
    expect(hik.listings[0]?.note).toContain('purchase/sales for divestment until 2022-06-03');
    expect(hik.names.map((n) => n.name)).toEqual([
      'HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.',
      'HIKVISION',
      'HANGZHOU HIKVISION DIGITAL TECHNOLOGY',
    ]);
    expect(hik.note).toContain('555, Qianmo Road, Binjiang District, Hangzhou 310051, China');
    expect(hik.note).toContain('Unified Social Credit Code (USCC) 91330000733796106P (China)');
  });

  it('dates SenseTime, Megvii, Yitu and Meiya Pico as OFAC does', () => {
    expect(entity('ofac-33114').listings[0]).toMatchObject({ date: '2021-12-10', effective: '2022-02-08' });
    for (const id of ['ofac-33091', 'ofac-33893', 'ofac-33896'])
      expect(entity(id).listings[0]).toMatchObject({ date: '2021-12-16', effective: '2022-02-14' });
    expect(entity('ofac-33896').securities).toEqual([expect.objectContaining({ exchange: 'XSHE', code: '300188', isin: 'CNE100001120' })]);
    expect(entity('ofac-33114').names.map((n) => n.name)).toContain('SENSETIME GROUP LTD');
  });

  it('reads aliases in Remarks and marks state bodies by their Target Type', () => {
    const cetc = entity('ofac-30936');
    expect(cetc.names.map((n) => n.name)).toEqual(['CHINA ELECTRONICS TECHNOLOGY GROUP CORPORATION', 'CETC']);
    expect(cetc.note).toContain('Target Type State-Owned Enterprise');
    expect(cetc.names[1]).toMatchObject({
      name: 'CETC',
      confidence: 'low',
      note: 'OFAC aka (Remarks); short alias: a match on it alone is a review',
    });
    expect(cetc.names[0]?.confidence).toBe('high');
    expect(entity('ofac-32079').names).toContainEqual(
      expect.objectContaining({ name: 'GUANGZHOU SHIPYARD INTERNATIONAL COMPANY LIMITED', type: 'former' }),
    );
  });

  it('places tickers on venues of the schema, by code range for CN, and keeps the others in the note', () => {
    const lines = (id: string) =>
      entity(id)
        .securities.filter((s) => s.exchange !== undefined)
        .map((s) => `${s.exchange} ${s.code}`);
    expect(lines('ofac-30951')).toEqual(['XSHG 688981', 'XHKG 0981']);
    expect(lines('ofac-32079')).toEqual(['XHKG 0317', 'XSHG 600685']);
    expect(entity('ofac-33113').securities).toEqual([expect.objectContaining({ exchange: 'XSHG', code: '603019', isin: 'CNE100001TW7' })]);
    expect(entity('ofac-30882').note).toContain(
      'Equity tickers on venues the data schema lacks: CHA US, CHA RU, ZCHA DE, CHA AR, K3ED SG, ZCH DE',
    );
  });

  it('makes every ISIN not tied to one ticker a security of its own, matched by the ISIN alone', () => {
    const alone = (id: string) => entity(id).securities.filter((s) => s.exchange === undefined);
    // CSSC: two tickers (Hong Kong, Shanghai), one ISIN: it cannot be placed on either line.
    expect(alone('ofac-32079')).toEqual([
      {
        isin: 'CNE100000395',
        sedols: [],
        description:
          'OFAC ISIN not tied to a listed line of the record (another share class, a bond or a depositary receipt): matched by the ISIN alone',
        confidence: 'high',
        sources: [expect.stringMatching(/^ofac-cons-prim-/)],
      },
    ]);
    expect(entity('ofac-32079').securities.every((s) => s.isin === undefined || s.exchange === undefined)).toBe(true);
    // SMIC: its bonds (XS…), its ADR (US…) and its share ISINs, in the order of the Remarks, none merged with another.
    expect(alone('ofac-30951').map((s) => s.isin)).toEqual([
      'KYG8020E1199',
      'XS1432320429',
      'US81663N2062',
      'XS2101828452',
      'KYG8020E1017',
      'XS1730881247',
      'KYG802041031',
      'CNE1000041W8',
      'CND100022N41',
    ]);
    // China Telecom's ADR and H-share ISINs; CCCC (two tickers): its H- and A-share ISINs, its ADR and its bonds.
    expect(alone('ofac-30882').map((s) => s.isin)).toEqual(expect.arrayContaining(['US1694261033', 'CNE1000002V2']));
    expect(alone('ofac-30930').map((s) => s.isin)).toEqual(expect.arrayContaining(['CNE1000002F5', 'CNE100001FN5', 'US1689261030']));
    expect(alone('ofac-30930')).toHaveLength(18);
    expect(entity('ofac-30882').note).not.toContain('ISINs not tied');
  });

  it('pairs the only equity ISIN with the only ticker and keeps the other ISIN alone', () => {
    // Constructed in the cons_prim.csv layout: one ticker, an equity ISIN and a bond ISIN.
    const prim =
      '99001,"PAIRING TEST ISSUER CO., LTD.",-0- ,"CMIC-EO13959",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Equity Ticker 002415 CN; ISIN CNE100000PM8; alt. ISIN XS1432320429; alt. ISIN XS1432320428; Listing Date (CMIC) 03 Jun 2021."\n';
    const one = importOfacConsolidated({ prim: { file: 'cons_prim.csv', text: prim, sha256: '0'.repeat(64) } }, { importedOn: TODAY });
    expect(datasetOf(one).entities[0]?.securities).toEqual([
      expect.objectContaining({
        exchange: 'XSHE',
        code: '002415',
        isin: 'CNE100000PM8',
        description: 'OFAC Equity Ticker 002415 CN; ISIN from the same record (its only ticker and only equity ISIN)',
      }),
      expect.objectContaining({ isin: 'XS1432320429', sedols: [], confidence: 'high' }),
    ]);
    expect(datasetOf(one).entities[0]?.securities[1]).not.toHaveProperty('exchange');
    expect(one.warnings).toContainEqual(
      expect.objectContaining({ message: 'ent_num 99001: ISIN XS1432320428 fails its check digit; not used' }),
    );
  });

  it('joins Remarks cut at 1,000 characters with the comments file, spaces kept', () => {
    const cccc = entity('ofac-30930');
    expect(cccc.names.map((n) => n.name)).toContain('CCCC');
    expect(cccc.note).toContain('91110000710934369E (China)');
    expect(cccc.listings[0]?.sources.some((s) => s.startsWith('ofac-cons-comments-'))).toBe(true);
  });

  it('drops ISINs whose check digit fails, with a warning naming the line', () => {
    const warnings = result.ok ? result.warnings : [];
    expect(warnings).toContainEqual(
      expect.objectContaining({ line: 4, message: 'ent_num 30930: ISIN CND10002K094 fails its check digit; not used' }),
    );
    expect(JSON.stringify(entity('ofac-30930'))).not.toContain('"isin":"CND10002K094"');
  });

  it('gives an alias two records share to the first, and says so on the second', () => {
    expect(entity('ofac-30882').names.map((n) => n.name)).toContain('CHINA TELECOM');
    expect(entity('ofac-30939').names.map((n) => n.name)).toEqual(['CHINA TELECOMMUNICATIONS CORPORATION']);
    expect(entity('ofac-30939').note).toContain('Alias "CHINA TELECOM" also belongs to ofac-30882; not matched here');
  });

  it('cites one source per input file with its sha256', () => {
    const sources = Object.entries(dataset.sources);
    expect(sources).toHaveLength(4);
    for (const [id, s] of sources) {
      expect(id).toMatch(/^ofac-cons-(prim|alt|add|comments)-[0-9a-f]{8}$/);
      expect(s.note).toMatch(/^sha256 [0-9a-f]{64}; imported 2026-11-26/);
      expect(s.date).toBe(TODAY);
    }
  });

  it('finds the files by name through the reader, in any order', () => {
    const dir = `${LISTS}ofac-consolidated/`;
    const again = importListFiles(
      'ofac-consolidated',
      ['cons_add.csv', 'cons_comments.csv', 'cons_prim.csv', 'cons_alt.csv'].map((f) => dir + f),
      { importedOn: TODAY },
    );
    expect(datasetOf(again).entities).toEqual(dataset.entities);
    expect(Object.values(datasetOf(again).sources).map((x) => x.path)).toEqual(
      ['cons_prim.csv', 'cons_alt.csv', 'cons_add.csv', 'cons_comments.csv'].map((f) => dir + f),
    );
  });

  it("reads the primary file alone, and CRLF with OFAC's trailing Ctrl-Z", () => {
    const prim = readListInput(`${LISTS}ofac-consolidated/cons_prim.csv`);
    const alone = datasetOf(importOfacConsolidated({ prim }, { importedOn: TODAY }));
    expect(alone.entities.find((e) => e.id === 'ofac-30946')?.names.map((n) => n.name)).toEqual([
      'HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.',
      'Hangzhou Hikvision Digital Technology',
    ]);
    const crlf = datasetOf(
      importOfacConsolidated({ prim: { ...prim, text: `${prim.text.replace(/\n/g, '\r\n')}\u001a` } }, { importedOn: TODAY }),
    );
    expect(crlf.entities).toEqual(alone.entities);
  });

  it('rejects a file that is not in the OFAC layout, naming the line', () => {
    const bad = importOfacConsolidated(
      { prim: { file: 'holdings.csv', text: 'Name,ISIN,Value\nHikvision,CNE100000PM8,100\n', sha256: '0' } },
      { importedOn: TODAY },
    );
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors[0]).toEqual({
      file: 'holdings.csv',
      line: 1,
      message: 'not an OFAC prim file line (3 columns, expected 12)',
    });
  });
});

describe('parseOfacRemarks', () => {
  it('reads identifiers, names, dates and keeps the rest verbatim', () => {
    const r = parseOfacRemarks(
      "Equity Ticker 688981 CN; alt. Equity Ticker 00981 HK; Issuer Name Semiconductor Manufacturing International Corporation; ISIN KYG8020E1199; alt. ISIN CNE1000041W8; Target Type Public Company; Effective Date (CMIC) 02 Aug 2021; Purchase/Sales For Divestment Date (CMIC) 03 Jun 2022; Listing Date (CMIC) 03 Jun 2021; a.k.a. 'SMIC'; Linked To: X.",
    );
    expect(r).toEqual({
      tickers: ['688981 CN', '00981 HK'],
      isins: ['KYG8020E1199', 'CNE1000041W8'],
      issuerNames: ['Semiconductor Manufacturing International Corporation'],
      aliases: [{ type: 'aka', name: 'SMIC' }],
      listingDates: [{ tag: 'CMIC', text: '03 Jun 2021' }],
      effectiveDates: [{ tag: 'CMIC', text: '02 Aug 2021' }],
      divestmentDates: [{ tag: 'CMIC', text: '03 Jun 2022' }],
      targetTypes: ['Public Company'],
      other: ['Linked To: X'],
    });
  });

  it("reads the colon form of other programs' dates", () => {
    expect(parseOfacRemarks('Listing Date (EO 14024 Directive 3): 24 Feb 2022').listingDates).toEqual([
      { tag: 'EO 14024 Directive 3', text: '24 Feb 2022' },
    ]);
  });

  it('splits joined programs', () => {
    expect(splitPrograms('UKRAINE-EO13662] [RUSSIA-EO14024')).toEqual(['UKRAINE-EO13662', 'RUSSIA-EO14024']);
    expect(splitPrograms('CMIC-EO13959')).toEqual(['CMIC-EO13959']);
  });
});

describe('the SDN kind (sdn.csv and companions share the layout)', () => {
  const files = ofacFolder('ofac-consolidated');

  it('imports every entity record as ofac-sdn, dating it by the listing date its remarks give', () => {
    const sdn = datasetOf(importOfacConsolidated(files, { importedOn: TODAY, kind: 'sdn' }));
    expect(sdn.entities.every((e) => e.listings.every((l) => l.list === 'ofac-sdn'))).toBe(true);
    expect(sdn.entities.find((e) => e.id === 'ofac-17014')?.listings[0]).toMatchObject({
      date: '2022-02-24',
      effective: '2022-03-26',
      citation: 'E.O. 13662',
    });
    expect(sdn.entities.find((e) => e.id === 'ofac-17014')?.names.map((n) => n.name)).toContain('RUSAG');
  });

  it('keeps only the programs asked for', () => {
    const only = datasetOf(importOfacConsolidated(files, { importedOn: TODAY, kind: 'sdn', programs: ['RUSSIA-EO14024'] }));
    expect(only.entities.map((e) => e.id)).toEqual(['ofac-17014']);
    expect(only.entities[0]?.listings[0]?.note).toContain('also under UKRAINE-EO13662');
  });
});
