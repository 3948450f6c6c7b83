// Header names seen in real exports (reference/formats.md §3), one table for every format.

import type { Concept, TableKind } from '../model.js';

/**
 * For each concept, the normalised header names that mean it, best first: when two columns mean the
 * same concept ("Market Value" and "Local Value"), the one earlier in this list wins.
 */
const COLUMN_ALIASES: Readonly<Record<Concept, readonly string[]>> = {
  name: [
    'security description',
    'description',
    'security name',
    'security',
    'name',
    'holdings',
    'holding',
    'investment name',
    'fund name',
    'your investments',
    'company',
    'company name',
    'issuer',
    'issuer name',
    'name of issuer',
    'nameofissuer',
    'product',
    'produkt',
    'stock',
    'instrument name',
    'security_name',
    'investment',
  ],
  ticker: [
    'ticker',
    'symbol',
    'holding ticker',
    'ticker symbol',
    'symbol/isin',
    'symbool/isin',
    'symbol/cusip',
    'symbol/cusip #',
    'code',
    'instrument',
    'symbole',
    'local ticker',
    'bloomberg ticker',
    'ric',
  ],
  isin: ['isin', 'isin code', 'security isin'],
  cusip: ['cusip', 'cusip #', 'cusip number', 'security identifier'],
  sedol: ['sedol', 'sedol code'],
  exchange: ['exchange', 'market', 'listing exchange', 'primary exchange', 'exchange name', 'mic'],
  quantity: [
    'quantity',
    'qty',
    'shares',
    'shares held',
    'units',
    'units held',
    'position',
    'shares/par value',
    'shares_par_value',
    'nominal',
    'par value',
    'face amount',
  ],
  value: [
    'market value',
    'mkt val',
    'mkt. value',
    'mkt value',
    'current value',
    'value',
    'total value',
    'ending value',
    'marketvalue',
    'position value',
    'positionvalue',
    'base market value',
    'base_market_value',
    'market value base',
    'value in usd',
    'value in eur',
    'value in chf',
    'value in gbp',
    'local value',
    'local market value',
    'local_market_value',
    'valusd',
    'net liq',
  ],
  weight: [
    'weight',
    'weight (%)',
    '% of funds',
    '% of fund',
    '% of net assets',
    'percent of nav',
    '% of nav',
    '% of account',
    '% of acct',
    'percent of account',
    'pctval',
  ],
  assetClass: ['asset class', 'security type', 'asset type', 'asset category', 'assetclass', 'investment type'],
  currency: ['currency', 'market currency', 'local currency', 'local ccy', 'base ccy', 'curcd'],
  account: [
    'account name',
    'account nickname',
    'account number',
    'account #',
    'account',
    'fund account number',
    'plan name',
    'account registration',
  ],
};

/** Headers of transaction tables: their rows are activity, not holdings. */
const TRANSACTION_HEADERS: ReadonlySet<string> = new Set([
  'trade date',
  'transaction type',
  'transaction description',
  'transaction activity',
  'settlement date',
  'run date',
  'process date',
]);

const SECURITY_CONCEPTS: readonly Concept[] = ['name', 'ticker', 'isin', 'cusip', 'sedol'];
const AMOUNT_CONCEPTS: readonly Concept[] = ['quantity', 'value', 'weight'];

/**
 * Header text → the forms it can be looked up by: folded, footnote stars and unit suffixes removed,
 * and "Qty (Quantity)" read as both "qty" and "quantity".
 */
export function headerForms(header: string): string[] {
  const base = header
    .replace(/^\uFEFF/, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\*+/g, '')
    .trim();
  const forms = new Set<string>([base]);
  const withoutUnit = base.replace(/\s*(?:\((?:\$|£|€|%|usd|eur|gbp|chf|cad|pence|local|base)\)|\$|in (?:usd|eur|gbp|chf))$/, '').trim();
  forms.add(withoutUnit);
  const alt = /^(.*?)\s*\((.+)\)$/.exec(withoutUnit);
  if (alt?.[1] !== undefined && alt[2] !== undefined) {
    forms.add(alt[1].trim());
    forms.add(alt[2].trim());
  }
  return [...forms].filter((f) => f !== '');
}

/** Every concept, in the order reports list them. */
export const CONCEPTS: readonly Concept[] = [
  'name',
  'ticker',
  'isin',
  'cusip',
  'sedol',
  'exchange',
  'quantity',
  'value',
  'weight',
  'assetClass',
  'currency',
  'account',
];

const ALIAS_RANK: ReadonlyMap<string, { concept: Concept; rank: number }> = (() => {
  const map = new Map<string, { concept: Concept; rank: number }>();
  for (const concept of CONCEPTS) {
    COLUMN_ALIASES[concept].forEach((alias, rank) => {
      if (!map.has(alias)) map.set(alias, { concept, rank });
    });
  }
  return map;
})();

/** The concept a header names, with its rank among that concept's aliases; null when unknown. */
export function conceptOf(header: string): { concept: Concept; rank: number } | null {
  let best: { concept: Concept; rank: number } | null = null;
  for (const form of headerForms(header)) {
    const hit = ALIAS_RANK.get(form);
    if (hit !== undefined && (best === null || hit.rank < best.rank)) best = hit;
  }
  return best;
}

/** A header row's mapping: which column index carries each concept. */
export type ColumnMap = Readonly<Partial<Record<Concept, number>>>;

export type HeaderKind = TableKind;

export interface HeaderMatch {
  readonly kind: HeaderKind;
  readonly columns: ColumnMap;
  readonly headers: readonly string[];
}

/** Maps a row's cells to concepts, the best-ranked column winning each concept. */
export function mapColumns(
  cells: readonly string[],
  overrides: Readonly<Partial<Record<Concept, string>>> = {},
): Partial<Record<Concept, number>> {
  const chosen: Partial<Record<Concept, { index: number; rank: number }>> = {};
  cells.forEach((cell, index) => {
    const hit = conceptOf(cell);
    if (hit === null) return;
    const current = chosen[hit.concept];
    if (current === undefined || hit.rank < current.rank) chosen[hit.concept] = { index, rank: hit.rank };
  });
  const columns: Partial<Record<Concept, number>> = {};
  for (const concept of CONCEPTS) {
    const pick = chosen[concept];
    if (pick !== undefined) columns[concept] = pick.index;
  }
  // T. Rowe Price puts the fund's name in "Account Name": with no other name column, it is the name.
  if (
    columns.name === undefined &&
    columns.ticker !== undefined &&
    columns.account !== undefined &&
    cells[columns.account]?.trim().toLowerCase() === 'account name'
  ) {
    columns.name = columns.account;
    const other = cells.findIndex((c, i) => i !== columns.name && conceptOf(c)?.concept === 'account');
    if (other >= 0) columns.account = other;
    else delete columns.account;
  }
  for (const concept of CONCEPTS) {
    const header = overrides[concept];
    if (header === undefined) continue;
    const index = cells.findIndex((c) => c.trim().toLowerCase() === header.trim().toLowerCase());
    if (index >= 0) columns[concept] = index;
  }
  return columns;
}

const NUMERIC_CELL = /^[\s$£€(+-]*[\d.,]+%?\)?$/;

/**
 * Whether a row is a header: at least two recognised column names and no numbers. A holdings header
 * names a security (name, ticker or identifier) and an amount, or two security columns.
 */
export function matchHeader(cells: readonly string[], overrides: Readonly<Partial<Record<Concept, string>>> = {}): HeaderMatch | null {
  const nonEmpty = cells.filter((c) => c.trim() !== '');
  if (nonEmpty.length < 2 || nonEmpty.some((c) => NUMERIC_CELL.test(c))) return null;
  const columns = mapColumns(cells, overrides);
  const concepts = Object.keys(columns);
  const forms = cells.flatMap(headerForms);
  if (forms.some((f) => TRANSACTION_HEADERS.has(f)) && concepts.length >= 2) {
    return { kind: 'transactions', columns, headers: cells };
  }
  const security = SECURITY_CONCEPTS.filter((c) => columns[c] !== undefined).length;
  const amount = AMOUNT_CONCEPTS.filter((c) => columns[c] !== undefined).length;
  if (security >= 1 && (amount >= 1 || security >= 2)) return { kind: 'holdings', columns, headers: cells };
  if (concepts.length >= 2 && nonEmpty.length >= 3) return { kind: 'other', columns, headers: cells };
  return null;
}
