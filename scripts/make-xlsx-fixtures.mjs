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

const files = {
  'spdr-daily-holdings-spem.xlsx': workbook(),
  'spdr-daily-holdings-spem.csv': Buffer.from(csv(), 'utf8'),
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
