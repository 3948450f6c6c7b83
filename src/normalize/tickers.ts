// Exchange codes in every notation holdings files use: 002415, 2415, 002415.SZ, SZ002415,
// 002415 CH Equity, 002415.ZK, SHE:002415, 0020.HK, 00020, 20 (with a Hong Kong exchange column).

import { foldText } from './names.js';

/** Venues we key securities on (ISO 10383 MICs), and OTHER for any venue that is none of them. */
export type Venue = 'XSHE' | 'XSHG' | 'XHKG' | 'OTCM' | 'XLON' | 'XTKS' | 'XBKK' | 'OTHER';

/** Every venue the data keys securities on: what a bare code with no exchange may be on. */
export const KNOWN_VENUES: readonly Venue[] = ['XSHE', 'XSHG', 'XHKG', 'OTCM', 'XLON', 'XTKS', 'XBKK'];

export interface TickerRef {
  /** Code as found, without exchange decoration. */
  readonly code: string;
  /** Venues the notation or the exchange column allows; null when nothing says which. */
  readonly venues: readonly Venue[] | null;
  /** The notation's exchange part, kept to explain a match ("SZ", "CH Equity", "Shenzhen Stock Exchange"). */
  readonly marker: string | null;
}

const CHINA: readonly Venue[] = ['XSHE', 'XSHG'];

// Suffixes and prefixes of Reuters/Yahoo/Bloomberg/Google notations. Bloomberg "CH"/"CN" say China, not which exchange.
const MARKERS: Readonly<Record<string, readonly Venue[]>> = {
  sz: ['XSHE'],
  she: ['XSHE'],
  szse: ['XSHE'],
  xshe: ['XSHE'],
  zk: ['XSHE'], // Reuters RIC of the Shenzhen-Hong Kong Stock Connect line
  c2: ['XSHE'], // Bloomberg Shenzhen Connect
  ss: ['XSHG'],
  sh: ['XSHG'],
  sha: ['XSHG'],
  sse: ['XSHG'],
  shse: ['XSHG'], // 掘金 (myquant) "SHSE.600000"
  xshg: ['XSHG'],
  c1: ['XSHG'], // Bloomberg Shanghai Connect
  ch: CHINA,
  cn: CHINA,
  cg: CHINA,
  hk: ['XHKG'],
  hkg: ['XHKG'],
  hkex: ['XHKG'],
  xhkg: ['XHKG'],
  l: ['XLON'],
  ln: ['XLON'],
  lse: ['XLON'],
  xlon: ['XLON'],
  t: ['XTKS'],
  jt: ['XTKS'],
  jp: ['XTKS'],
  tyo: ['XTKS'],
  xtks: ['XTKS'],
  bk: ['XBKK'],
  tb: ['XBKK'],
  xbkk: ['XBKK'],
  us: ['OTCM', 'OTHER'],
  pk: ['OTCM'],
  otc: ['OTCM'],
  otcm: ['OTCM'],
};

/** Exchange-column texts, matched on folded words. Order matters: first hit wins. */
const EXCHANGE_NAMES: readonly (readonly [RegExp, readonly Venue[]])[] = [
  // IBKR names the Stock Connect lines after the Hong Kong exchange that routes them: SEHKSZSE is
  // Shenzhen, SEHKNTL (northbound trading link) and SEHKSTAR are Shanghai; plain SEHK is Hong Kong.
  [/shenzhen|\bszse\b|\bxshe\b|^sz$|^she$|^sehkszse$/, ['XSHE']],
  [/shanghai|\bxshg\b|^sse$|^ss$|^sh$|^sehkntl$|^sehkstar$/, ['XSHG']],
  [/hong ?kong|\bhkex\b|\bxhkg\b|^hk$|^hkg$|^seh[kx]$/, ['XHKG']],
  [/london|\blse\b|\bxlon\b/, ['XLON']],
  // "TSE" is Tokyo in most exports (IBKR's Toronto TSE holds letter tickers, which no Tokyo code is); TSEJ is IBKR's Tokyo.
  [/tokyo|\bxtks\b|^tse$|^tsej$/, ['XTKS']],
  [/\botc\b|pink|\botcm\b/, ['OTCM']],
  [/thailand|\bxbkk\b|^set$/, ['XBKK']],
  [/^china$|^cn$/, CHINA],
  // Chinese exports name the exchange or the board: 深圳证券交易所, 深圳A股, 上海A股, 沪市, 深市, 港股通.
  [/深圳|深市|深交所/, ['XSHE']],
  [/上海|沪市|上交所/, ['XSHG']],
  [/香港|港股|联交所|聯交所/, ['XHKG']],
];

/** Reads an exchange column; null when it is empty or a placeholder. */
export function parseExchange(text: string | undefined): { venues: readonly Venue[]; marker: string } | null {
  if (text === undefined) return null;
  const folded = foldText(text).trim();
  if (folded === '' || /^-+$|^n\/?a$/.test(folded)) return null;
  for (const [pattern, venues] of EXCHANGE_NAMES) {
    if (pattern.test(folded)) return { venues, marker: text.trim() };
  }
  return { venues: ['OTHER'], marker: text.trim() };
}

function venuesOf(marker: string): readonly Venue[] | undefined {
  return MARKERS[marker.toLowerCase()];
}

/**
 * The venue a bare number in a column named as exchange codes ("证券代码", "Stock Code") is on, by its
 * shape: six digits are an A share (0, 2, 3: Shenzhen; 6, 9: Shanghai; others Beijing, which the data
 * does not key), five digits a Hong Kong code as HKEX prints them ("00020"). Shorter numbers may be
 * either with their zeros dropped, and stay unplaced. Null for anything else.
 */
function columnVenues(code: string): readonly Venue[] | null {
  if (/^\d{6}$/.test(code)) {
    const first = code[0];
    if (first === '0' || first === '2' || first === '3') return ['XSHE'];
    if (first === '6' || first === '9') return ['XSHG'];
    return ['OTHER'];
  }
  if (/^\d{5}$/.test(code)) return ['XHKG'];
  return null;
}

/**
 * Whether a bare code is written as only HKEX writes its codes: five digits with a leading zero
 * ("00020"). Other venues' numbers are four digits (Tokyo, Taiwan) or six (China, Korea), and fund files
 * drop the zeros ("20"); so the notation points at Hong Kong without placing the code there: under
 * "Symbol" or "Code" nothing says the file is an HKEX list, as "Stock Code" or an exchange column does.
 */
export function writtenAsHongKong(code: string): boolean {
  return /^0\d{4}$/.test(code.trim());
}

/**
 * Splits a ticker cell into code and venue, using the exchange column when the cell has no marker.
 * `codeColumn`: the cell is under a header named as exchange codes, so a bare number's shape places it
 * (columnVenues); under "Symbol" or "Ticker" a bare number says no venue and needs its name to agree.
 */
export function parseTicker(text: string, exchangeColumn?: string, codeColumn = false): TickerRef | null {
  // Most cells are letters and digits only ("BABA", "700"): NFKC and trimming leave them as they are,
  // and no notation written with a separator (":", ".", a space) can match them.
  const plain = PLAIN_CODE.test(text);
  const cell = plain
    ? text
    : text
        .normalize('NFKC')
        .trim()
        .replace(/\s+equity$/i, '');
  if (cell === '' || /^-+$|^n\/?a$/i.test(cell)) return null;
  const fromColumn = parseExchange(exchangeColumn);
  const marked = plain ? null : separatedTicker(cell);
  if (marked !== null) return marked;
  // SZ002415, SH600230
  const m = /^(SZ|SH|HK)(\d{4,6})$/i.exec(cell);
  if (m?.[1] !== undefined && m[2] !== undefined) {
    const venues = venuesOf(m[1]);
    if (venues !== undefined) return { code: m[2], venues, marker: m[1] };
  }
  const byShape = fromColumn === null && codeColumn ? columnVenues(cell) : null;
  if (byShape !== null) return { code: cell, venues: byShape, marker: 'code column' };
  return {
    code: cell.toUpperCase(),
    venues: fromColumn?.venues ?? null,
    marker: fromColumn?.marker ?? null,
  };
}

const PLAIN_CODE = /^[A-Za-z0-9]+$/;

/** A ticker in a notation that puts a separator between code and venue marker; null when it is none of them. */
function separatedTicker(cell: string): TickerRef | null {
  // SHE:002415, HKG:0020
  let m = /^([A-Za-z]{2,5})\s*:\s*([A-Za-z0-9.]+)$/.exec(cell);
  if (m?.[1] !== undefined && m[2] !== undefined) {
    const venues = venuesOf(m[1]);
    if (venues !== undefined) return { code: m[2].toUpperCase(), venues, marker: m[1] };
  }
  // 002415.SZ, 0020.HK, HIK.L, 002415.XSHE
  m = /^([A-Za-z0-9]+)\.([A-Za-z0-9]{1,4})$/.exec(cell);
  if (m?.[1] !== undefined && m[2] !== undefined) {
    const venues = venuesOf(m[2]);
    if (venues !== undefined) return { code: m[1].toUpperCase(), venues, marker: m[2] };
  }
  // 002415 CH, 9988 HK, HIK LN
  m = /^([A-Za-z0-9.]+)\s+([A-Za-z0-9]{1,4})$/.exec(cell);
  if (m?.[1] !== undefined && m[2] !== undefined) {
    const venues = venuesOf(m[2]);
    if (venues !== undefined) return { code: m[1].toUpperCase(), venues, marker: m[2] };
  }
  // sz.002415 (BaoStock), SHSE.600000 (掘金), HK.00700 (Futu)
  m = /^([A-Za-z]{2,4})\.(\d{4,6})$/.exec(cell);
  if (m?.[1] !== undefined && m[2] !== undefined) {
    const venues = venuesOf(m[1]);
    if (venues !== undefined) return { code: m[2], venues, marker: m[1] };
  }
  return null;
}

// The venues of KNOWN_VENUES, in its order, on which canonicalCode places codes of each shape.
const ON_ANY_VENUE: readonly Venue[] = KNOWN_VENUES;
const UP_TO_FIVE_DIGITS: readonly Venue[] = ['XSHE', 'XSHG', 'XHKG', 'OTCM', 'XLON', 'XBKK'];
const SIX_DIGITS: readonly Venue[] = ['XSHE', 'XSHG', 'OTCM', 'XLON', 'XBKK'];
const LETTERS: readonly Venue[] = ['OTCM', 'XLON', 'XBKK'];
const ON_NO_VENUE: readonly Venue[] = [];

/**
 * The venues of KNOWN_VENUES on which canonicalCode can place a code (in KNOWN_VENUES' order), read
 * from its shape at once: a code with nothing to say its venue is looked up on each, and most codes fit
 * few ("BABA" is no Shenzhen, Hong Kong or Tokyo code). A test holds it equal to trying each venue.
 */
export function venuesFor(code: string): readonly Venue[] {
  const upper = code.toUpperCase();
  if (!/^[A-Z0-9.]{1,12}$/.test(upper)) return ON_NO_VENUE;
  if (!/^\d+$/.test(upper)) return LETTERS;
  if (upper.length === 4) return ON_ANY_VENUE;
  if (upper.length <= 5) return UP_TO_FIVE_DIGITS;
  return upper.length === 6 ? SIX_DIGITS : LETTERS;
}

/**
 * The code as the venue prints it, so that "2415" (a spreadsheet dropped the zeros) meets "002415"
 * and "00020" or "20" meets "0020". Null when the code cannot be a code of that venue.
 */
export function canonicalCode(venue: Venue, code: string): string | null {
  const upper = code.toUpperCase();
  switch (venue) {
    case 'XSHE':
    case 'XSHG':
      return /^\d{1,6}$/.test(upper) ? upper.padStart(6, '0') : null;
    case 'XHKG':
      return /^\d{1,5}$/.test(upper) ? String(Number(upper)).padStart(4, '0') : null;
    case 'XTKS':
      return /^\d{4}$/.test(upper) ? upper : null;
    case 'OTCM':
    case 'XBKK':
    case 'XLON':
    case 'OTHER':
      return /^[A-Z0-9.]{1,12}$/.test(upper) ? upper : null;
  }
}
