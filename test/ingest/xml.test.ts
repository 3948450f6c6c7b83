import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { loadDataset } from '../../src/dataset/load.js';
import { readHoldingsBytes } from '../../src/ingest/read.js';
import { createXmlHoldingsReader, parseXml, readXmlHoldings, xmlTableInfo, type XmlHoldings } from '../../src/ingest/xml.js';
import { screen } from '../../src/screen.js';
import type { RawHolding } from '../../src/model.js';
import { findDate } from '../../src/normalize/dates.js';
import { REAL } from '../support/run-cli.js';

/** A real file of fixtures/real/formats, as text. */
function realText(name: string): string {
  return readFileSync(`${REAL}formats/${name}`, 'utf8');
}

function read(name: string, text: string = realText(name)): XmlHoldings {
  const result = readXmlHoldings(name, text);
  if (result === null) throw new Error(`${name}: not read as a holdings XML`);
  return result;
}

/** The InputError a read throws; fails the test if it returns or throws anything else. */
function xmlErrorOf(file: string, text: string): InputError {
  let result: XmlHoldings | null;
  try {
    result = readXmlHoldings(file, text);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error(`expected an InputError, got ${result === null ? 'null' : `${result.rows.length} row(s)`}`);
}

/**
 * Lines where a start tag matching `pattern` begins, counted independently of the reader: a plain
 * regex over the file text, newlines counted up to each match.
 */
function startLines(text: string, pattern: RegExp): number[] {
  const lines: number[] = [];
  let line = 1;
  let counted = 0;
  for (const m of text.matchAll(pattern)) {
    for (; counted < m.index; counted++) if (text[counted] === '\n') line++;
    lines.push(line);
  }
  return lines;
}

function lineOf(text: string, line: number): string {
  return text.split('\n')[line - 1] ?? '';
}

const OPEN_POSITION = /<OpenPosition[\s/>]/g;
const INFO_TABLE = /<(?:[A-Za-z0-9_]+:)?infoTable[\s>]/g;
const INVST_OR_SEC = /<invstOrSec[\s>]/g;

describe('ibkr_flex_query_statement.xml (IBKR Flex Query, anonymised real statement)', () => {
  const name = 'ibkr_flex_query_statement.xml';
  const text = realText(name);
  const result = read(name);

  it('is a Flex statement with one row per OpenPosition element, at its line', () => {
    expect(result.kind).toBe('ibkr-flex');
    const lines = startLines(text, OPEN_POSITION);
    expect(lines).toHaveLength(1);
    expect(result.rows.map((r) => r.line)).toEqual(lines);
    expect(result.skipped).toEqual([]);
  });

  it('reads the position from its attributes, with the account as context', () => {
    expect(result.rows[0]).toEqual({
      file: name,
      line: 11,
      cells: {
        name: 'VANGUARD TOT WORLD STK ETF',
        ticker: 'VT',
        isin: 'US9220427424',
        cusip: '922042742',
        quantity: '200',
        value: '28212',
        weight: '73.09',
        currency: 'USD',
        account: 'U12349876',
        assetClass: 'STK',
        exchange: 'ARCA',
        date: '2026-01-01',
      },
      raw: [
        'VANGUARD TOT WORLD STK ETF',
        'VT',
        'US9220427424',
        '922042742',
        'ARCA',
        '200',
        '28212',
        '73.09',
        'USD',
        'U12349876',
        'STK',
        '2026-01-01',
      ],
      context: 'U12349876',
    } satisfies RawHolding);
    expect(lineOf(text, 11)).toContain('<OpenPosition accountId="U12349876"');
  });

  it('maps the attributes by the names a CSV header has (columns.ts), its "weight" a metal\'s, not the share', () => {
    const table = result.table;
    const mapped = Object.fromEntries(Object.entries(table.columns).map(([concept, at]) => [concept, table.headers[at]]));
    expect(mapped).toEqual({
      name: 'description',
      ticker: 'symbol',
      isin: 'isin',
      cusip: 'cusip',
      exchange: 'listingExchange',
      quantity: 'position',
      value: 'positionValue',
      weight: 'percentOfNAV',
      assetClass: 'assetCategory',
      currency: 'currency',
      account: 'accountId',
      date: 'reportDate',
    });
    expect(table.why).toMatchObject({ value: 'position value', weight: 'percent of nav', exchange: 'listing exchange' });
    expect(text).toContain('fineness="0.0" weight="0.0"');
    expect(table).toMatchObject({ headerLine: 11, kind: 'holdings', element: 'IBKR Flex OpenPosition' });
  });

  it("dates the positions with the statement's toDate (it has no reportDate)", () => {
    expect(text).toContain('toDate="2026-01-01"');
    expect(result.asOfText).toBe('as of 2026-01-01');
    expect(findDate(result.asOfText ?? '')).toBe('2026-01-01');
    expect(result.titles).toEqual([]);
  });

  it('makes no row of the other sections (prior-period positions, FX positions, trades, cash report)', () => {
    expect(text).toContain('<PriorPeriodPosition ');
    expect(text).toContain('<FxPosition ');
    expect(text).toContain('<NetStockPosition ');
    expect(result.rows.every((r) => lineOf(text, r.line).includes('<OpenPosition '))).toBe(true);
  });
});

describe('SEC 13F information tables', () => {
  const real = 'sec_13f_information_table_real.xml';
  const sample = 'sec_13f_information_table_sec_sample.xml';
  const realFile = realText(real);
  const sampleFile = realText(sample);

  it('the real filing starts with a newline before <?xml and still reads', () => {
    expect(realFile.startsWith('\n<?xml')).toBe(true);
    expect(read(real).kind).toBe('sec-13f');
  });

  it('one row per infoTable, each at the line of its start tag (default namespace)', () => {
    const lines = startLines(realFile, INFO_TABLE);
    expect(lines).toHaveLength(255);
    const rows = read(real).rows;
    expect(rows.map((r) => r.line)).toEqual(lines);
    expect(rows.every((r) => /^\s*<infoTable>/.test(lineOf(realFile, r.line)))).toBe(true);
  });

  it('one row per ns1:infoTable, each at the line of its start tag (ns1: prefix)', () => {
    const lines = startLines(sampleFile, INFO_TABLE);
    expect(lines).toHaveLength(169);
    const rows = read(sample).rows;
    expect(rows.map((r) => r.line)).toEqual(lines);
    expect(rows.every((r) => /^\s*<ns1:infoTable>/.test(lineOf(sampleFile, r.line)))).toBe(true);
  });

  it('reads issuer, CUSIP, shares, value (dollars, not rescaled) and class', () => {
    const rows = read(real).rows;
    expect(rows[0]).toEqual({
      file: real,
      line: 4,
      cells: { name: '3M CO', cusip: '88579Y101', quantity: '2334', value: '409469', assetClass: 'COM' },
      raw: ['3M CO', '88579Y101', '2334', '409469', 'COM'],
      context: null,
    } satisfies RawHolding);
    expect(rows.at(-1)).toEqual({
      file: real,
      line: 4068,
      cells: { name: 'ZOOM VIDEO COMMUNICATIONS IN', cusip: '98980L101', quantity: '824', value: '215476', assetClass: 'CL A' },
      raw: ['ZOOM VIDEO COMMUNICATIONS IN', '98980L101', '824', '215476', 'CL A'],
      context: null,
    } satisfies RawHolding);
  });

  it('decodes &amp; in the ns1: sample and reads it the same way', () => {
    const rows = read(sample).rows;
    expect(sampleFile).toContain('<ns1:nameOfIssuer>AT&amp;T INC</ns1:nameOfIssuer>');
    expect(rows[0]).toEqual({
      file: sample,
      line: 3,
      cells: { name: 'AT&T INC', cusip: '02079K107', quantity: '79296', value: '7454547777', assetClass: 'COM' },
      raw: ['AT&T INC', '02079K107', '79296', '7454547777', 'COM'],
      context: null,
    } satisfies RawHolding);
    expect(rows[1]?.cells).toEqual({ name: 'ADOBE INC', cusip: '00724F101', quantity: '22507', value: '7423', assetClass: 'COM' });
    // Every row of both files carries the same five cells.
    const keys = (r: RawHolding): string[] => Object.keys(r.cells).sort();
    for (const row of [...rows, ...read(real).rows]) expect(keys(row)).toEqual(['assetClass', 'cusip', 'name', 'quantity', 'value']);
  });

  it('the real file rewritten with an ns1: prefix gives exactly the same rows', () => {
    const prefixed = realFile
      .replace(/<(\/?)([A-Za-z])/g, '<$1ns1:$2')
      .replace(
        ' xmlns="http://www.sec.gov/edgar/document/thirteenf/informationtable"',
        ' xmlns:ns1="http://www.sec.gov/edgar/document/thirteenf/informationtable"',
      );
    expect(prefixed).toContain('<ns1:infoTable>');
    expect(read(real, prefixed)).toEqual(read(real));
  });

  it('states no date (the period is in the cover page, not the information table)', () => {
    expect(read(real).asOfText).toBeNull();
    expect(read(sample).asOfText).toBeNull();
  });

  it('puts a putCall value in the asset class, for the caller to set the option aside', () => {
    const xml = `<informationTable xmlns="http://www.sec.gov/edgar/document/thirteenf/informationtable">
  <infoTable><nameOfIssuer>APPLE INC</nameOfIssuer><titleOfClass>COM</titleOfClass><cusip>037833100</cusip><value>100</value>
    <shrsOrPrnAmt><sshPrnamt>5</sshPrnamt><sshPrnamtType>SH</sshPrnamtType></shrsOrPrnAmt><putCall>Put</putCall></infoTable>
</informationTable>`;
    expect(read('puts.xml', xml).rows[0]?.cells).toEqual({
      name: 'APPLE INC',
      cusip: '037833100',
      quantity: '5',
      value: '100',
      assetClass: 'Put',
    });
  });
});

describe('SEC N-PORT', () => {
  const dupree = 'sec_nport_p_real_dupree.xml';
  const sample = 'sec_nport_p_sec_sample1.xml';
  const dupreeFile = realText(dupree);
  const sampleFile = realText(sample);

  it('the real Dupree filing: one row per invstOrSec at its line, dated by repPdDate, titled by series and registrant', () => {
    expect(dupreeFile.startsWith('\n<?xml')).toBe(true);
    const result = read(dupree);
    expect(result.kind).toBe('sec-nport');
    const lines = startLines(dupreeFile, INVST_OR_SEC);
    expect(lines).toHaveLength(55);
    expect(result.rows.map((r) => r.line)).toEqual(lines);
    expect(result.asOfText).toBe('as of 2022-12-31');
    expect(findDate(result.asOfText ?? '')).toBe('2022-12-31');
    expect(result.titles).toEqual(['Kentucky Tax-Free Short-to-Medium Series', 'Dupree Mutual Funds']);
    expect(result.skipped).toEqual([]);
  });

  it('reads issuer, identifiers, balance, USD value, percent of net assets, currency and category', () => {
    const rows = read(dupree).rows;
    expect(rows[0]).toEqual({
      file: dupree,
      line: 84,
      cells: {
        name: 'KENTUCKY ST PPTY & BLDGS COMMN',
        ticker: 'KYSFAC',
        isin: 'US49151FGH73',
        cusip: '49151FGH7',
        quantity: '755000',
        value: '794207.15',
        weight: '1.9206978745',
        currency: 'USD',
        assetClass: 'DBT',
      },
      raw: ['KENTUCKY ST PPTY & BLDGS COMMN', 'KYSFAC', 'US49151FGH73', '49151FGH7', '755000', '794207.15', '1.9206978745', 'USD', 'DBT'],
      context: null,
      // valUSD is in US dollars whatever the security's own currency (curCd).
      valueCurrency: 'USD',
    } satisfies RawHolding);
    expect(rows.at(-1)).toMatchObject({
      line: 2028,
      cells: {
        name: 'UNIVERSITY LOUISVILLE KY',
        ticker: 'ULVHGR',
        isin: 'US914391V613',
        cusip: '914391V61',
        quantity: '745000',
        value: '775962.2',
        weight: '1.8765745791',
        currency: 'USD',
        assetClass: 'DBT',
      },
    });
  });

  it('the SEC sample: comments skipped, the contact <name> and the fund-level <curCd> are not rows', () => {
    const result = read(sample);
    const lines = startLines(sampleFile, INVST_OR_SEC);
    expect(lines).toEqual([175]);
    expect(result.rows).toEqual([
      {
        file: sample,
        line: 175,
        cells: {
          name: '3F708',
          ticker: '3F708',
          cusip: '379006355',
          quantity: '189',
          value: '1134',
          weight: '0.17',
          currency: 'USD',
          assetClass: 'EC',
        },
        raw: ['3F708', '3F708', '379006355', '189', '1134', '0.17', 'USD', 'EC'],
        context: null,
        valueCurrency: 'USD',
      },
    ] satisfies RawHolding[]);
    expect(result.asOfText).toBe('as of 2017-10-22');
    expect(result.titles).toEqual(['token', 'Timeliness Rule Testing']);
  });

  it("drops placeholder CUSIPs, takes currencyConditional and assetConditional, and ignores a derivative's reference instrument", () => {
    const xml = `<?xml version="1.0"?>
<edgarSubmission xmlns="http://www.sec.gov/edgar/nport">
  <formData>
    <genInfo><repPdDate>2024-03-31</repPdDate></genInfo>
    <invstOrSecs>
      <invstOrSec>
        <name>HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO LTD</name>
        <cusip>000000000</cusip>
        <identifiers><isin value="CNE100000PM8"/></identifiers>
        <balance>1000</balance>
        <currencyConditional curCd="CNY" exchangeRt="7.2"/>
        <valUSD>4200</valUSD>
        <pctVal>0.01</pctVal>
        <assetCat>EC</assetCat>
      </invstOrSec>
      <invstOrSec>
        <name>Some swap counterparty</name>
        <cusip>N/A</cusip>
        <identifiers><other otherDesc="internal" value="X1"/></identifiers>
        <balance>1</balance>
        <curCd>USD</curCd>
        <valUSD>-5</valUSD>
        <assetConditional assetCat="OTHER" desc="total return swap"/>
        <derivativeInfo><swapDeriv><descRefInstrmnt><otherRefInst>
          <name>ZHEJIANG DAHUA TECHNOLOGY CO LTD</name><cusip>999999999</cusip>
          <identifiers><isin value="CNE100000BJ4"/><ticker value="002236"/></identifiers>
        </otherRefInst></descRefInstrmnt></swapDeriv></derivativeInfo>
      </invstOrSec>
    </invstOrSecs>
  </formData>
</edgarSubmission>`;
    const result = read('nport-synthetic.xml', xml);
    expect(result.asOfText).toBe('as of 2024-03-31');
    expect(result.rows.map((r) => r.cells)).toEqual([
      {
        name: 'HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO LTD',
        isin: 'CNE100000PM8',
        quantity: '1000',
        value: '4200',
        weight: '0.01',
        currency: 'CNY',
        assetClass: 'EC',
      },
      { name: 'Some swap counterparty', quantity: '1', value: '-5', currency: 'USD', assetClass: 'OTHER' },
    ]);
    // valUSD is dollars, though the security trades in yuan: the value's currency is USD.
    expect(result.rows.map((r) => r.valueCurrency)).toEqual(['USD', 'USD']);
    expect(result.rows.map((r) => r.line)).toEqual(startLines(xml, INVST_OR_SEC));
    expect(result.rows.map((r) => r.line)).toEqual([6, 16]);
  });

  it('an EDGAR submission that is not an N-PORT (a 13F cover page) is none of the known kinds', () => {
    const cover = `<?xml version="1.0"?><edgarSubmission xmlns="http://www.sec.gov/edgar/thirteenffiler">
<headerData><submissionType>13F-HR</submissionType></headerData>
<formData><coverPage><reportCalendarOrQuarter>12-31-2023</reportCalendarOrQuarter></coverPage></formData></edgarSubmission>`;
    expect(readXmlHoldings('13f-cover.xml', cover)).toBeNull();
  });
});

describe('IBKR Flex details', () => {
  it('takes the account from the statement, writes a YYYYMMDD date as ISO, decodes single-quoted attributes', () => {
    const xml = `<FlexQueryResponse queryName="q" type="AF">
<FlexStatements count="2">
<FlexStatement accountId="U111" fromDate="20250101" toDate="20251231" reportDate="20251231">
<OpenPositions>
<OpenPosition symbol='BRK B' description='BERKSHIRE HATHAWAY INC-CL B' position="3" positionValue="1500.5" currency="USD" assetCategory="STK" isin="US0846707026" />
<OpenPosition symbol="AT&amp;T" description="AT&#38;T &#x49;NC" accountId="U222" position='10' assetCategory='STK' percentOfNAV="1.5"/>
</OpenPositions>
</FlexStatement>
<FlexStatement accountId="U333" toDate="20260105"><OpenPositions/></FlexStatement>
</FlexStatements>
</FlexQueryResponse>`;
    const result = read('flex.xml', xml);
    expect(result.asOfText).toBe('as of 2025-12-31');
    expect(result.rows).toEqual([
      {
        file: 'flex.xml',
        line: 5,
        cells: {
          name: 'BERKSHIRE HATHAWAY INC-CL B',
          ticker: 'BRK B',
          isin: 'US0846707026',
          quantity: '3',
          value: '1500.5',
          currency: 'USD',
          account: 'U111',
          assetClass: 'STK',
        },
        raw: ['BERKSHIRE HATHAWAY INC-CL B', 'BRK B', 'US0846707026', '3', '1500.5', 'USD', 'U111', 'STK'],
        context: 'U111',
      },
      {
        file: 'flex.xml',
        line: 6,
        cells: { name: 'AT&T INC', ticker: 'AT&T', quantity: '10', weight: '1.5', account: 'U222', assetClass: 'STK' },
        raw: ['AT&T INC', 'AT&T', '10', '1.5', 'U222', 'STK'],
        context: 'U222',
      },
    ] satisfies RawHolding[]);
  });

  it('keeps the listing exchange, so a Stock Connect line (SEHKSZSE) is placed in Shenzhen and flagged', () => {
    const xml = `<FlexQueryResponse><FlexStatements><FlexStatement accountId="U1" toDate="2025-06-30"><OpenPositions>
<OpenPosition conid="1" symbol="002415" description="HANGZHOU HIKVISION DIGITAL-A" listingExchange="SEHKSZSE" currency="CNH" position="100" positionValue="3000" assetCategory="STK"/>
<OpenPosition conid="2" symbol="2415" description="ANOTHER COMPANY" listingExchange="SEHK" currency="HKD" position="100" positionValue="3000" assetCategory="STK"/>
</OpenPositions></FlexStatement></FlexStatements></FlexQueryResponse>`;
    const result = read('connect.xml', xml);
    expect(result.rows.map((r) => [r.cells.ticker, r.cells.exchange])).toEqual([
      ['002415', 'SEHKSZSE'],
      ['2415', 'SEHK'],
    ]);
    const screened = screen([readHoldingsBytes('connect.xml', Buffer.from(xml))], loadDataset().dataset, { today: '2026-11-26' });
    expect(screened.findings.map((f) => [f.holding.line, f.status, f.match.target.entityId, f.match.on])).toEqual([
      [2, 'flagged', 'hikvision', 'ticker'],
    ]);
  });

  it('sets lot lines aside when their summary line is there, so a position is not counted twice', () => {
    const xml = `<FlexQueryResponse><FlexStatements><FlexStatement accountId="U1" toDate="2025-06-30"><OpenPositions>
<OpenPosition conid="1" symbol="VT" description="VANGUARD TOT WORLD STK ETF" position="30" levelOfDetail="SUMMARY"/>
<OpenPosition conid="1" symbol="VT" description="VANGUARD TOT WORLD STK ETF" position="10" levelOfDetail="LOT"/>
<OpenPosition conid="1" symbol="VT" description="VANGUARD TOT WORLD STK ETF" position="20" levelOfDetail="LOT"/>
<OpenPosition conid="2" symbol="VXUS" description="VANGUARD TOTAL INTL STOCK" position="5" levelOfDetail="LOT"/>
</OpenPositions></FlexStatement></FlexStatements></FlexQueryResponse>`;
    const result = read('lots.xml', xml);
    expect(result.rows.map((r) => [r.line, r.cells.ticker, r.cells.quantity])).toEqual([
      [2, 'VT', '30'],
      [5, 'VXUS', '5'],
    ]);
    expect(result.skipped).toEqual([
      { file: 'lots.xml', line: 3, reason: 'total', text: 'lot of VANGUARD TOT WORLD STK ETF', value: null },
      { file: 'lots.xml', line: 4, reason: 'total', text: 'lot of VANGUARD TOT WORLD STK ETF', value: null },
    ]);
    expect(result.asOfText).toBe('as of 2025-06-30');
  });

  it("falls back to the positions' reportDate when the statement has no date", () => {
    const xml =
      '<FlexQueryResponse><FlexStatements><FlexStatement><OpenPositions><OpenPosition symbol="VT" reportDate="20240102"/></OpenPositions></FlexStatement></FlexStatements></FlexQueryResponse>';
    const result = read('nodate.xml', xml);
    expect(result.asOfText).toBe('as of 2024-01-02');
    expect(result.rows[0]?.context).toBeNull();
  });
});

describe('XML that is no holdings statement gives null', () => {
  it.each([
    ['an XHTML page', '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Positions</p></body></html>'],
    [
      'an HTML5 page that is not even well-formed XML',
      '<!doctype html>\n<html><head><meta charset="utf-8"><title>x</title></head><body><br></body></html>',
    ],
    ['an RSS feed', '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>News</title></channel></rss>'],
    [
      'an IBKR error response',
      '<FlexStatementResponse timestamp="x"><Status>Fail</Status><ErrorCode>1019</ErrorCode></FlexStatementResponse>',
    ],
    ['CSV text', 'Symbol,Quantity\nVT,200\n'],
    ['an empty text', ''],
    ['a closing tag first', '</informationTable>'],
  ])('%s', (_label, text) => {
    expect(readXmlHoldings('page.xml', text)).toBeNull();
  });
});

describe('malformed XML throws InputError XML_SYNTAX with the file and the line', () => {
  const real = 'sec_13f_information_table_real.xml';
  const realFile = realText(real);

  it('a 13F cut short: the line of the innermost unclosed element', () => {
    const cut = realFile.slice(0, realFile.indexOf('<sshPrnamtType>', realFile.indexOf('ZOOM VIDEO')));
    const error = xmlErrorOf(real, cut);
    expect(error).toMatchObject({ code: 'XML_SYNTAX', file: real, line: 4073 });
    expect(lineOf(realFile, 4073)).toContain('<shrsOrPrnAmt>');
    expect(error.message).toMatch(/^sec_13f_information_table_real\.xml:4073: <shrsOrPrnAmt> is never closed/);
    expect(error.hint).not.toBeNull();
  });

  it('crossed tags: the line of the wrong end tag, naming the element it should close', () => {
    const text = '<informationTable>\n  <infoTable>\n    <cusip>037833100</value>\n  </infoTable>\n</informationTable>';
    const error = xmlErrorOf('crossed.xml', text);
    expect(error).toMatchObject({ code: 'XML_SYNTAX', file: 'crossed.xml', line: 3 });
    expect(error.message).toContain('</value>');
    expect(error.message).toContain('</cusip>');
  });

  it.each([
    ['an end tag with no start tag', '<informationTable>\n</infoTable>\n</informationTable>', 2],
    [
      'an unquoted attribute',
      '<FlexQueryResponse>\n<FlexStatements>\n<FlexStatement accountId=U1>\n</FlexStatement></FlexStatements></FlexQueryResponse>',
      3,
    ],
    [
      'an attribute quote never closed',
      '<FlexQueryResponse>\n<FlexStatements>\n<FlexStatement accountId="U1>\n<OpenPositions/>\n</FlexStatement></FlexStatements></FlexQueryResponse>',
      3,
    ],
    ['a bare ampersand', '<informationTable>\n<infoTable>\n<nameOfIssuer>AT&T</nameOfIssuer>\n</infoTable>\n</informationTable>', 3],
    ['an unknown entity', '<informationTable>\n<infoTable>\n<nameOfIssuer>A&nbsp;B</nameOfIssuer>\n</infoTable>\n</informationTable>', 3],
    [
      'a character reference to NUL',
      '<informationTable>\n<infoTable>\n<nameOfIssuer>&#0;</nameOfIssuer>\n</infoTable>\n</informationTable>',
      3,
    ],
    ['a comment never closed', '<informationTable>\n<!-- note\n<infoTable/>\n</informationTable>', 2],
    [
      'a CDATA section never closed',
      '<informationTable>\n<infoTable>\n<nameOfIssuer><![CDATA[X</nameOfIssuer>\n</infoTable></informationTable>',
      3,
    ],
    ['a start tag never closed', '<informationTable>\n<infoTable\n', 2],
    ['a literal < in text', '<informationTable>\n<infoTable>\n<nameOfIssuer>A < B</nameOfIssuer>\n</infoTable>\n</informationTable>', 3],
    ['a second root element', '<informationTable></informationTable>\n<informationTable></informationTable>', 2],
    ['text after the root', '<informationTable></informationTable>\ntrailing words', 2],
    ['a duplicated attribute', '<FlexQueryResponse>\n<FlexStatements a="1" a="2"></FlexStatements></FlexQueryResponse>', 2],
    ['CRLF line breaks, counted once', '<informationTable>\r\n<infoTable>\r\n\r\n<cusip>1</value>\r\n</infoTable></informationTable>', 4],
  ])('%s', (_label, text, line) => {
    const error = xmlErrorOf('bad.xml', text);
    expect(error).toMatchObject({ code: 'XML_SYNTAX', file: 'bad.xml', line });
    expect(error.message.startsWith(`bad.xml:${line}: `)).toBe(true);
    expect(error.hint).not.toBeNull();
  });

  it('any damage to a real statement gives rows or an InputError, never another exception', () => {
    const base = realText('sec_nport_p_sec_sample1.xml');
    fc.assert(
      fc.property(fc.nat({ max: base.length }), fc.nat({ max: 40 }), fc.string({ maxLength: 6 }), (at, drop, insert) => {
        const text = base.slice(0, at) + insert + base.slice(at + drop);
        try {
          readXmlHoldings('fuzz.xml', text);
        } catch (error) {
          if (!(error instanceof InputError) || error.code !== 'XML_SYNTAX' || typeof error.line !== 'number') throw error;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('arbitrary text after a known root gives rows or an InputError, never another exception', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            '<',
            '>',
            '/',
            '&',
            ';',
            '#',
            'x',
            '1',
            '"',
            "'",
            '=',
            ' ',
            '\n',
            '!',
            '?',
            '-',
            '[',
            ']',
            'a',
            'infoTable',
            'CDATA',
          ),
        }),
        (tail) => {
          try {
            readXmlHoldings('fuzz.xml', `<informationTable>${tail}`);
          } catch (error) {
            if (!(error instanceof InputError) || error.code !== 'XML_SYNTAX') throw error;
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('the tokenizer', () => {
  it('decodes the five entities, decimal and hex references, and keeps CDATA as written', () => {
    const xml = `<?xml version="1.0"?>
<!-- a comment with <tags> & ampersands -->
<?processing instruction?>
<informationTable>
  <infoTable>
    <nameOfIssuer>&lt;&amp;&gt;&quot;&apos; &#65;&#x42;&#x1F600; <![CDATA[AT&T <INC> &amp;]]></nameOfIssuer>
    <titleOfClass><!-- skipped -->COM<?pi skipped?></titleOfClass>
    <cusip>
      88579Y101
    </cusip>
  </infoTable>
</informationTable>
`;
    const row = read('entities.xml', xml).rows[0];
    expect(row?.cells).toEqual({ name: `<&>"' AB\u{1F600} AT&T <INC> &amp;`, cusip: '88579Y101', assetClass: 'COM' });
    expect(row?.line).toBe(5);
  });

  it('strips namespace prefixes from elements and attributes, and skips a DOCTYPE with an internal subset', () => {
    const doc = parseXml(
      'ns.xml',
      `\uFEFF  \n<!DOCTYPE r [ <!ENTITY x "y"> ]>\n<a:r xmlns:a="urn:a" xmlns="urn:d" b:k='v' c="&#10;x\ty">\n<a:c/><c>t</c></a:r>`,
    );
    expect(doc.name).toBe('r');
    expect(doc.line).toBe(3);
    expect([...doc.attrs]).toEqual([
      ['k', 'v'],
      ['c', '\nx y'],
    ]);
    expect(doc.children.map((c) => [c.name, c.line, c.text])).toEqual([
      ['c', 4, ''],
      ['c', 4, 't'],
    ]);
  });

  it('reads a deeply nested document without overflowing the stack', () => {
    const depth = 30_000;
    const xml = `<informationTable>${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}<infoTable><cusip>1</cusip></infoTable></informationTable>`;
    expect(read('deep.xml', xml).rows).toHaveLength(1);
    expect(xmlErrorOf('deep.xml', `<informationTable>${'<x>'.repeat(depth)}`).code).toBe('XML_SYNTAX');
  });
});

describe('the streaming reader', () => {
  const FILES = [
    'ibkr_flex_query_statement.xml',
    'sec_13f_information_table_real.xml',
    'sec_13f_information_table_sec_sample.xml',
    'sec_nport_p_real_dupree.xml',
    'sec_nport_p_sec_sample1.xml',
  ];

  /** The text fed in pieces at the given cut points, rows and skips collected in the order given. */
  function streamed(name: string, text: string, cuts: readonly number[]): XmlHoldings | null {
    const rows: RawHolding[] = [];
    const skipped: XmlHoldings['skipped'] = [];
    const reader = createXmlHoldingsReader(name, { row: (r) => rows.push(r), skip: (r) => skipped.push(r) });
    let from = 0;
    for (const cut of [...cuts].sort((a, b) => a - b)) {
      reader.write(text.slice(from, cut));
      from = Math.max(from, cut);
    }
    reader.write(text.slice(from));
    const summary = reader.end();
    return summary === null
      ? null
      : {
          kind: summary.kind,
          rows,
          skipped,
          asOfText: summary.asOfText,
          asOfLine: summary.asOfLine,
          titles: summary.titles,
          table: xmlTableInfo(summary),
        };
  }

  it.each(FILES)('%s in pieces of any size gives exactly the rows of the whole text', (name) => {
    const text = realText(name);
    const whole = read(name, text);
    for (const size of [1, 7, 64, 4096]) {
      const cuts = Array.from({ length: Math.ceil(text.length / size) }, (_, i) => i * size);
      expect(streamed(name, text, cuts)).toEqual(whole);
    }
    fc.assert(
      fc.property(fc.array(fc.nat({ max: text.length }), { maxLength: 30 }), (cuts) => {
        expect(streamed(name, text, cuts)).toEqual(whole);
      }),
      { numRuns: 20 },
    );
  });

  it('errors in pieces name the same line, in the same words, as in the whole text', () => {
    const cases = [
      '<informationTable>\n  <infoTable>\n    <cusip>037833100</value>\n  </infoTable>\n</informationTable>',
      '<informationTable>\n<!-- note\n<infoTable/>\n</informationTable>',
      '<informationTable>\n<infoTable>\n<nameOfIssuer>AT&T</nameOfIssuer>\n</infoTable>\n</informationTable>',
      '<FlexQueryResponse>\n<FlexStatements>\n<FlexStatement accountId="U1>\n<OpenPositions/>\n</FlexStatement></FlexStatements></FlexQueryResponse>',
      '<informationTable></informationTable>\ntrailing words',
    ];
    for (const text of cases) {
      const whole = xmlErrorOf('bad.xml', text);
      for (let cut = 1; cut < text.length; cut++) {
        let error: unknown = null;
        try {
          streamed('bad.xml', text, [cut]);
        } catch (e) {
          error = e;
        }
        // The same line and words; a quoted excerpt may be shorter when the piece ends inside it.
        expect(error, `${JSON.stringify(text)} cut at ${cut}`).toMatchObject({ code: 'XML_SYNTAX', line: whole.line });
        const words = (e: unknown): string => (e instanceof Error ? (e.message.split('"')[0] ?? '') : '');
        expect(words(error)).toBe(words(whole));
      }
    }
  });

  it('stops at the root of a document of no known kind without reading the rest', () => {
    const reader = createXmlHoldingsReader('page.xml', { row: () => {}, skip: () => {} });
    reader.write('<html><body>');
    reader.write('</div></div> not well-formed at all <<<');
    expect(reader.end()).toBeNull();
  });
});
