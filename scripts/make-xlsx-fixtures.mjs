// Writes fixtures/xlsx/: a workbook in the layout of State Street's SPDR daily holdings files
// (holdings-daily-us-en-<ticker>.xlsx: `Fund Name:`, `Ticker Symbol:`, `Holdings:` with `As of DD-Mon-YYYY`,
// a blank row, the header on row 5, weights as numbers, a disclaimer below), and its CSV twin, the same
// rows as a spreadsheet program saves them. node scripts/make-xlsx-fixtures.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as XLSX from '@e965/xlsx';

const OUT = fileURLToPath(new URL('../fixtures/xlsx/', import.meta.url));

// Names, tickers and identifiers as SPDR writes them for an emerging-markets fund's China A-share lines.
const header = ['Name', 'Ticker', 'Identifier', 'SEDOL', 'Weight', 'Sector', 'Shares Held', 'Local Currency'];
const holdings = [
  ['TAIWAN SEMICONDUCTOR MANUFAC', '2330', 'Y84629107', '6889106', 6.421873, 'Information Technology', 1187000, 'TWD'],
  ['TENCENT HOLDINGS LTD', '700', 'G87572163', 'BMMV2K8', 4.95127, 'Communication Services', 168300, 'HKD'],
  ['HANGZHOU HIKVISION DIGITAL A', '002415', 'CNE100000PM8', 'BD5CPQ2', 0.061234, 'Information Technology', 52700, 'CNY'],
  ['ZHEJIANG DAHUA TECHNOLOGY A', '002236', 'CNE100000BJ4', 'BD5CNJ1', 0.021877, 'Information Technology', 31500, 'CNY'],
  ['IFLYTEK CO LTD A', '002230', 'CNE100000B81', 'BD5CNN5', 0.030512, 'Information Technology', 18900, 'CNY'],
  ['INFOSYS LTD', 'INFO', 'Y4082C133', '6205122', 1.30211, 'Information Technology', 210400, 'INR'],
  ['SAMSUNG ELECTRONICS CO LTD', '005930', 'Y74718100', '6771720', 3.20874, 'Information Technology', 201500, 'KRW'],
  ['US DOLLAR', 'CASH_USD', '', '', 0.112, '', 1033421, 'USD'],
];
const rows = [
  ['Fund Name:', 'SPDR® Portfolio Emerging Markets ETF'],
  ['Ticker Symbol:', 'SPEM'],
  ['Holdings:', 'As of 21-Dec-2020'],
  [],
  header,
  ...holdings,
  [],
  [
    'Holdings are subject to change. The information provided is for informational purposes only and should not be considered a recommendation.',
  ],
];

function workbook() {
  const sheet = XLSX.utils.aoa_to_sheet(rows);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'holdings');
  // A fixed date in the workbook's properties, so the same rows write the same bytes.
  book.Props = { CreatedDate: new Date('2020-12-21T00:00:00Z'), ModifiedDate: new Date('2020-12-21T00:00:00Z') };
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true });
}

function csv() {
  const cell = (v) => {
    const s = v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

// An iShares fund download (`<fund>_holdings.xls` from ishares.com, "fileType=xls"): not a BIFF workbook but
// Excel 2003 XML (SpreadsheetML) with a UTF-8 BOM and ss:-prefixed elements, one worksheet of holdings
// beside the fund's history, performance and distributions. The Holdings sheet's rows follow iShares' holdings
// CSV layout (fixtures/real/formats/ishares_holdings_IVV_2026_EXCERPT.csv): a title, seven key/value lines, a
// blank line, the header on row 10; values and weights as numbers.
const isharesHoldings = [
  ['iShares MSCI China ETF'],
  ['Fund Holdings as of', 'Dec 21, 2020'],
  ['Inception Date', 'Mar 29, 2011'],
  ['Shares Outstanding', '89,600,000.00'],
  ['Stock', '-'],
  ['Bond', '-'],
  ['Cash', '-'],
  ['Other', '-'],
  [],
  [
    'Ticker',
    'Name',
    'Sector',
    'Asset Class',
    'Market Value',
    'Weight (%)',
    'Notional Value',
    'Quantity',
    'Price',
    'Location',
    'Exchange',
    'Currency',
    'FX Rate',
    'Market Currency',
    'Accrual Date',
  ],
  [
    '700',
    'TENCENT HOLDINGS LTD',
    'Communication',
    'Equity',
    1030482214.5,
    16.12,
    1030482214.5,
    14238500,
    72.37,
    'China',
    'Hong Kong Exchanges And Clearing Ltd',
    'HKD',
    7.75,
    'HKD',
    '-',
  ],
  [
    '9988',
    'ALIBABA GROUP HOLDING LTD',
    'Consumer Discretionary',
    'Equity',
    611218880.12,
    9.56,
    611218880.12,
    21098612,
    28.97,
    'China',
    'Hong Kong Exchanges And Clearing Ltd',
    'HKD',
    7.75,
    'HKD',
    '-',
  ],
  [
    '3690',
    'MEITUAN',
    'Consumer Discretionary',
    'Equity',
    294873001.4,
    4.61,
    294873001.4,
    7986300,
    36.92,
    'China',
    'Hong Kong Exchanges And Clearing Ltd',
    'HKD',
    7.75,
    'HKD',
    '-',
  ],
  [
    '002415',
    'HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO LTD A',
    'Information Technology',
    'Equity',
    9861245.23,
    0.15,
    9861245.23,
    1421100,
    6.94,
    'China',
    'Shenzhen Stock Exchange',
    'CNY',
    6.54,
    'CNY',
    '-',
  ],
  [
    '002230',
    'IFLYTEK LTD A',
    'Information Technology',
    'Equity',
    5120770.6,
    0.08,
    5120770.6,
    835000,
    6.13,
    'China',
    'Shenzhen Stock Exchange',
    'CNY',
    6.54,
    'CNY',
    '-',
  ],
  [
    'HKD',
    'HKD CASH',
    'Cash and/or Derivatives',
    'Cash',
    3310456.19,
    0.05,
    3310456.19,
    25656035,
    0.13,
    'Hong Kong',
    '-',
    'HKD',
    7.75,
    'HKD',
    '-',
  ],
  [
    'USD',
    'USD CASH',
    'Cash and/or Derivatives',
    'Cash',
    1022301.4,
    0.02,
    1022301.4,
    1022301,
    1,
    'United States',
    '-',
    'USD',
    1,
    'USD',
    '-',
  ],
  [
    'MCHZ0',
    'MSCI CHINA INDEX DEC 20',
    'Cash and/or Derivatives',
    'Futures',
    0,
    0,
    5621400,
    220,
    102.2,
    'Hong Kong',
    'Hong Kong Futures Exchange Ltd.',
    'USD',
    1,
    'USD',
    '-',
  ],
];
const isharesOther = {
  Historical: [
    ['As Of', 'NAV per Share', 'Ex-Dividends', 'Shares Outstanding', 'Total Net Assets', 'Fund Return', 'Benchmark Return'],
    ['Dec 21, 2020', 71.35, '-', 89600000, 6392960000, '-', '-'],
    ['Dec 18, 2020', 71.64, '-', 89600000, 6418944000, '-', '-'],
  ],
  Performance: [
    ['Performance as of', 'Sep 30, 2020'],
    [],
    ['', '1y', '3y', '5y', '10y', 'Since Inception'],
    ['Fund NAV', 33.41, 7.02, 11.68, '-', 6.11],
  ],
  Distributions: [
    ['Ex-Date', 'Record Date', 'Payable Date', 'Total Distribution', 'Income', 'Short-Term Capital Gains', 'Long-Term Capital Gains'],
    ['Jun 09, 2020', 'Jun 10, 2020', 'Jun 15, 2020', 0.64, 0.64, 0, 0],
  ],
};

function xmlText(v) {
  return String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function spreadsheetMlSheet(name, rows) {
  const row = (cells) =>
    `<ss:Row>${cells
      .map((v) =>
        v === ''
          ? '<ss:Cell/>'
          : `<ss:Cell><ss:Data ss:Type="${typeof v === 'number' ? 'Number' : 'String'}">${xmlText(v)}</ss:Data></ss:Cell>`,
      )
      .join('')}</ss:Row>`;
  return `<ss:Worksheet ss:Name="${xmlText(name)}"><ss:Table>\n${rows.map(row).join('\n')}\n</ss:Table></ss:Worksheet>`;
}

function isharesXls() {
  const sheets = [
    spreadsheetMlSheet('Holdings', isharesHoldings),
    ...Object.entries(isharesOther).map(([n, r]) => spreadsheetMlSheet(n, r)),
  ];
  return Buffer.from(
    '\uFEFF<?xml version="1.0"?>\n<ss:Workbook xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">\n' +
      '<ss:Styles><ss:Style ss:ID="Default"/></ss:Styles>\n' +
      `${sheets.join('\n')}\n</ss:Workbook>\n`,
    'utf8',
  );
}

/** The same workbook saved as .xlsx by a spreadsheet program (SheetJS here). */
function isharesXlsx() {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(isharesHoldings), 'Holdings');
  for (const [name, rows] of Object.entries(isharesOther)) XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), name);
  book.Props = { CreatedDate: new Date('2020-12-21T00:00:00Z'), ModifiedDate: new Date('2020-12-21T00:00:00Z') };
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true });
}

function csvOf(sheetRows) {
  const cell = (v) => {
    const s = v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return sheetRows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

const files = {
  'spdr-daily-holdings-spem.xlsx': workbook(),
  'spdr-daily-holdings-spem.csv': Buffer.from(csv(), 'utf8'),
  'ishares-mchi-holdings.xls': isharesXls(),
  'ishares-mchi-holdings.xlsx': isharesXlsx(),
  'ishares-mchi-holdings-sheet.csv': Buffer.from(csvOf(isharesHoldings), 'utf8'),
};
const check = process.argv.includes('--check');
let stale = 0;
for (const [name, bytes] of Object.entries(files)) {
  if (check) {
    let now = null;
    try {
      now = readFileSync(OUT + name);
    } catch {
      // missing: stale, said below
    }
    if (now === null || !now.equals(bytes)) {
      console.error(`fixtures/xlsx/${name} differs from what scripts/make-xlsx-fixtures.mjs writes`);
      stale++;
    }
  } else writeFileSync(OUT + name, bytes);
}
process.exitCode = stale === 0 ? 0 : 1;
