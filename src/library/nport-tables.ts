// The SEC's Form N-PORT data sets, as tables: which files the quarterly zip holds and which of their
// columns the fund library reads. Pure.
//
// Names are the SEC's, from its "Form N-PORT Data Sets" readme (nport_readme.htm, in each quarterly zip,
// section 5 "Table Definitions"): every file is <TABLE>.tsv, tab-separated, with a header row of column
// names; dates are DD-MON-YYYY ("31-DEC-2024"). Keys: SUBMISSION, REGISTRANT and FUND_REPORTED_INFO by
// ACCESSION_NUMBER; FUND_REPORTED_HOLDING by (ACCESSION_NUMBER, HOLDING_ID); IDENTIFIERS by (HOLDING_ID,
// IDENTIFIERS_ID), one holding's ISIN and ticker often on separate rows; MONTHLY_TOTAL_RETURN by
// (ACCESSION_NUMBER, MONTHLY_TOTAL_RETURN_ID), with the share class's CLASS_ID. Columns are found by name,
// so the tables' other columns (FUND_REPORTED_INFO has some sixty) and their order do not matter.
// CURRENCY_VALUE is the holding's value in US dollars (Item C.2.c, valUSD in the XML filing), PERCENTAGE
// its percent of net assets (pctVal); REPORT_DATE is the date the portfolio is as of (Item A.3.b, repPdDate),
// REPORT_ENDING_PERIOD the fiscal year's end.

export const NPORT_TABLES = {
  SUBMISSION: ['ACCESSION_NUMBER', 'FILING_DATE', 'SUB_TYPE', 'REPORT_DATE'],
  REGISTRANT: ['ACCESSION_NUMBER', 'CIK', 'REGISTRANT_NAME'],
  FUND_REPORTED_INFO: ['ACCESSION_NUMBER', 'SERIES_NAME', 'SERIES_ID', 'NET_ASSETS', 'TOTAL_ASSETS'],
  MONTHLY_TOTAL_RETURN: ['ACCESSION_NUMBER', 'CLASS_ID'],
  IDENTIFIERS: ['HOLDING_ID', 'IDENTIFIER_ISIN', 'IDENTIFIER_TICKER'],
  FUND_REPORTED_HOLDING: [
    'ACCESSION_NUMBER',
    'HOLDING_ID',
    'ISSUER_NAME',
    'ISSUER_CUSIP',
    'BALANCE',
    'CURRENCY_CODE',
    'CURRENCY_VALUE',
    'PERCENTAGE',
    'ASSET_CAT',
  ],
} as const;

export type NportTable = keyof typeof NPORT_TABLES;

/** Tables a data set must have for the library to read it; MONTHLY_TOTAL_RETURN only adds class ids. */
export const REQUIRED_TABLES: readonly NportTable[] = [
  'SUBMISSION',
  'REGISTRANT',
  'FUND_REPORTED_INFO',
  'IDENTIFIERS',
  'FUND_REPORTED_HOLDING',
];

/** The table a zip entry holds ("2024q4_nport/FUND_REPORTED_HOLDING.tsv" → FUND_REPORTED_HOLDING), or null. */
export function tableOfEntry(entryName: string): NportTable | null {
  const base =
    entryName
      .split('/')
      .pop()
      ?.replace(/\.(?:tsv|txt)$/i, '')
      .toUpperCase() ?? '';
  return narrow(base);
}

function narrow(key: string): NportTable | null {
  switch (key) {
    case 'SUBMISSION':
    case 'REGISTRANT':
    case 'FUND_REPORTED_INFO':
    case 'MONTHLY_TOTAL_RETURN':
    case 'IDENTIFIERS':
    case 'FUND_REPORTED_HOLDING':
      return key;
    default:
      return null;
  }
}

/** A field as written: surrounding quotes (if a producer added them) dropped, blank is null. */
export function field(cells: readonly string[], index: number): string | null {
  if (index < 0) return null;
  let v = cells[index];
  if (v === undefined) return null;
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1).replaceAll('""', '"');
  v = v.trim();
  return v === '' ? null : v;
}

/** Column positions of a table's header, by name; a missing required column is named. */
export function columnsOf(
  table: NportTable,
  header: readonly string[],
): { readonly index: ReadonlyMap<string, number>; readonly missing: readonly string[] } {
  const index = new Map<string, number>();
  header.forEach((name, i) => index.set(name.trim().replace(/^"|"$/g, '').toUpperCase(), i));
  const required = table === 'FUND_REPORTED_INFO' ? ['ACCESSION_NUMBER', 'SERIES_ID'] : NPORT_TABLES[table].slice(0, 2);
  return { index, missing: required.filter((c) => !index.has(c)) };
}

const MONTHS: ReadonlyMap<string, string> = new Map(
  ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'].map((m, i) => [m, String(i + 1).padStart(2, '0')]),
);

/** A data-set date (DD-MON-YYYY, or ISO as XML filings write it) as YYYY-MM-DD; null when it is neither. */
export function isoDate(text: string | null): string | null {
  if (text === null) return null;
  const sec = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})/.exec(text);
  if (sec?.[1] !== undefined && sec[2] !== undefined && sec[3] !== undefined) {
    const month = MONTHS.get(sec[2].toUpperCase());
    return month === undefined ? null : `${sec[3]}-${month}-${sec[1].padStart(2, '0')}`;
  }
  return /^\d{4}-\d{2}-\d{2}/.exec(text)?.[0] ?? null;
}

/** A number as the data sets write it ("1234.56", "-0.5", "1.2E+7"); null when blank or not a number. */
export function numberOf(text: string | null): number | null {
  if (text === null) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}
