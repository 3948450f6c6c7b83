// Header names seen in real exports (reference/formats.md §3), one table for every format.

import type { Concept, TableKind } from '../model.js';
import { headerCurrency, splitHeaderCurrency } from '../normalize/amounts.js';

/**
 * Headers that say their column holds exchange codes ("证券代码", "Stock Code", "Constituent Code"):
 * under one, a bare number is a code of the venue its shape says (see columnVenues in tickers.ts). A
 * "Symbol" or "Ticker" column says no such thing, so a bare number there needs its name to agree.
 */
const CODE_HEADER_NAMES: readonly string[] = [
  'stock code',
  'constituent code',
  'security code',
  'ticker code',
  '证券代码',
  '股票代码',
  '成分券代码',
  '成份券代码',
  '成分股代码',
  '品种代码',
  '代码',
];

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
    // Exchange and index-provider lists (HKEX, CSI, Hang Seng, FTSE)
    'name of securities',
    'constituent name',
    'security short name',
    'stock name',
    'short name',
    // Chinese: 证券简称 (short name), 股票简称, 成分券名称 (constituent name), 名称, 证券名称, 股票名称, 品种名称
    '证券简称',
    '股票简称',
    '成分券名称',
    '成份券名称',
    '成分股名称',
    '证券名称',
    '股票名称',
    '品种名称',
    '名称',
    '简称',
    // German, French, Dutch, Spanish, Italian
    'bezeichnung',
    'wertpapier',
    'wertpapierbezeichnung',
    'gattungsbezeichnung',
    'wertpapiername',
    'name des wertpapiers',
    'libellé',
    'libelle',
    'nom',
    'titre',
    'produit',
    'désignation',
    'designation',
    'omschrijving',
    'naam',
    'producto',
    'nombre',
    'descripción',
    'descripcion',
    'titolo',
    'descrizione',
    'strumento',
  ],
  ticker: [
    'ticker',
    'symbol',
    'holding ticker',
    'ticker symbol',
    'symbol/isin',
    'symbool/isin',
    'símbolo/isin',
    'simbolo/isin',
    'symbol/cusip',
    'symbol/cusip #',
    'code',
    'instrument',
    'symbole',
    'local ticker',
    'bloomberg ticker',
    'ric',
    // Exchange codes, named as codes: a bare number under one is a code of the venue its shape says
    ...CODE_HEADER_NAMES,
    'código',
    'codigo',
    'simbolo',
    'símbolo',
    'symbool',
    'mnémonique',
  ],
  isin: ['isin', 'isin code', 'security isin', 'code isin', 'isin-code', 'codice isin', 'código isin', 'isin-nummer'],
  // SPDR's "Identifier" and Invesco's "Security Identifier" hold CUSIPs, ISINs for some non-US lines: read by shape (rows.ts).
  cusip: ['cusip', 'cusip #', 'cusip number', 'security identifier', 'identifier'],
  sedol: ['sedol', 'sedol code'],
  exchange: [
    'exchange',
    'market',
    'listing exchange',
    'primary exchange',
    'exchange name',
    'mic',
    '交易所',
    '交易市场',
    '市场',
    'exchange(eng)',
    'börse',
    'bourse',
    'beurs',
    'bolsa',
    'borsa',
    'mercato',
    'marché',
  ],
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
    // German, French, Dutch, Spanish, Italian; Chinese 持仓数量 / 数量 / 股数
    'anzahl',
    'stück',
    'stk.',
    'stk',
    'stk. / nominale',
    'bestand',
    'nominale',
    'quantité',
    'quantite',
    'qté',
    'nombre de titres',
    'aantal',
    'cantidad',
    'títulos',
    'titulos',
    'quantità',
    'quantita',
    '持仓数量',
    '持股数量',
    '证券数量',
    '数量',
    '股数',
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
    // German, French, Dutch, Spanish, Italian; Chinese 持仓市值 / 市值 / 参考市值
    'kurswert',
    'wert',
    'marktwert',
    'depotwert',
    'aktueller wert',
    'valorisation',
    'montant',
    'valeur de marché',
    'valeur actuelle',
    'waarde',
    'lokale waarde',
    'valor de mercado',
    'valor actual',
    'valor local',
    'importe',
    'controvalore',
    'valore di mercato',
    'valore',
    // Last: Spanish "Valor" is the security as often as its value (see spanishValor).
    'valor',
    '持仓市值',
    '参考市值',
    '最新市值',
    '市值',
  ],
  weight: [
    // Before "weight": IBKR's statements carry both, their "weight" a precious metal's (beside "fineness").
    'percent of nav',
    '% of nav',
    'weight',
    'weight (%)',
    '% of funds',
    '% of fund',
    '% of net assets',
    '% of account',
    '% of acct',
    'percent of account',
    'pctval',
    'weighting',
    'index weight',
    'weight in index',
    '权重',
    '权重(%)',
    '占比',
    '持仓占比',
    '占净值比例',
    'gewichtung',
    'anteil',
    'poids',
    'gewicht',
    'peso',
  ],
  assetClass: ['asset class', 'security type', 'asset type', 'asset category', 'assetclass', 'investment type'],
  // The value's currency first: JPMorgan's "Value" is in its "Base CCY", iShares' "Market Value" in its
  // "Currency" (its "Market Currency" is where the security trades).
  currency: [
    'currency',
    'currency code',
    'market value currency',
    // IBKR Flex CSV: the currency of PositionValue (FXRateToBase beside it converts into the account's base).
    'currencyprimary',
    'base ccy',
    'base currency',
    'curcd',
    // German, French, Spanish, Italian and Dutch; Chinese 币种 / 货币
    'währung',
    'devise',
    'divisa',
    'valuta',
    '币种',
    '货币',
    'market currency',
    'local currency',
    'local ccy',
  ],
  // A date on every row: index providers (日期Date), IBKR Flex (ReportDate), ARK and Invesco (date), Merrill
  // (COB Date), Ameriprise (As Of), comdirect (Datum), Trade Republic (Kursdatum). The rows agreeing on one
  // makes it the file's date (fileDateOf); a trade date is no part of a holdings table.
  date: ['date', '日期', 'reportdate', 'report date', 'as of', 'as of date', 'cob date', 'datum', 'kursdatum'],
  account: [
    'account name',
    'account nickname',
    'account number',
    'account #',
    'account',
    'fund account number',
    'plan name',
    'account registration',
    // IBKR: accountId (Flex XML), ClientAccountID (Flex CSV)
    'account id',
    'client account id',
  ],
};

/** Headers of transaction tables: their rows are activity, not holdings. */
const TRANSACTION_HEADERS: ReadonlySet<string> = new Set([
  // Spanish and Italian brokers' transaction lists (MyInvestor's "Fecha operación;…;Tipo operación").
  'fecha operación',
  'fecha operacion',
  'tipo operación',
  'tipo operacion',
  'data operazione',
  'tipo operazione',
  'trade date',
  'transaction type',
  'transaction description',
  'transaction activity',
  'settlement date',
  'run date',
  'process date',
]);

/**
 * Headers that describe a security and nothing else: beside a name column they make a list of securities
 * without amounts ("Name,Sector", an index's "Company,Industry,Country"), as a code column does. A
 * preamble's key and value ("Name,My Portfolio") has none of them, so it stays a preamble line.
 */
const SECURITY_DESCRIPTION_HEADERS: ReadonlySet<string> = new Set([
  'sector',
  'gics sector',
  'industry',
  'sub-industry',
  'gics sub-industry',
  'industry group',
  'country',
  'region',
  'location',
  'domicile',
  'market',
  '行业',
  '所属行业',
  '行业名称',
  'branche',
  'sektor',
  'land',
  'secteur',
  'pays',
  'país',
  'settore',
  'paese',
  'sector económico',
]);

/** The columns that name a security: a holdings table has at least one. */
export const SECURITY_CONCEPTS = ['name', 'ticker', 'isin', 'cusip', 'sedol'] as const satisfies readonly Concept[];
/** The columns that say how much is held. */
export const AMOUNT_CONCEPTS = ['quantity', 'value', 'weight'] as const satisfies readonly Concept[];

/**
 * Header text → the forms it can be looked up by: folded, footnote stars and unit suffixes removed,
 * and "Qty (Quantity)" read as both "qty" and "quantity".
 */
export function headerForms(header: string): string[] {
  const folded = header
    .replace(/^\uFEFF/, '')
    .normalize('NFKC')
    .trim();
  const base = folded.toLowerCase().replace(/\s+/g, ' ').replace(/\*+/g, '').trim();
  const forms = new Set<string>([base]);
  // One word in camel case (IBKR's attributes and Flex CSV headers: positionValue, PercentOfNAV, ListingExchange) is also its words.
  if (/^[A-Za-z]+$/.test(folded) && /[a-z][A-Z]/.test(folded))
    forms.add(
      folded
        .replace(/([a-z])([A-Z])/g, '$1 $2')
        .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
        .toLowerCase(),
    );
  // Index providers write both languages in one cell ("成分券代码Constituent Code", "权重(%)weight"): each half is a name.
  const bilingual = /^(\p{Script=Han}[^a-z]*?)\s*([a-z].*)$/u.exec(base);
  const parts = bilingual?.[1] !== undefined && bilingual[2] !== undefined ? [base, bilingual[1].trim(), bilingual[2].trim()] : [base];
  for (const part of parts) {
    forms.add(part);
    const withoutUnit = part.replace(UNIT_SUFFIX, '').trim();
    forms.add(withoutUnit);
    // The currency after the name, as the currency's owner reads it: "valor de mercado eur", "controvalore €".
    forms.add(splitHeaderCurrency(part).name.trim());
    const alt = /^(.*?)\s*\((.+)\)$/.exec(withoutUnit);
    if (alt?.[1] !== undefined && alt[2] !== undefined) {
      forms.add(alt[1].trim());
      forms.add(alt[2].trim());
    }
  }
  return [...forms].filter((f) => f !== '');
}

// A unit after a header name: "($)", "(%)", "in EUR", "(元)", "in %".
const UNIT_SUFFIX =
  /\s*(?:\((?:\$|£|€|%|usd|eur|gbp|chf|cad|cny|hkd|rmb|pence|local|base|元|股|万元|人民币)\)|\$|in (?:usd|eur|gbp|chf|hkd|cny|jpy|cad|%)|en (?:eur|%)|%)$/;

const CODE_HEADERS: ReadonlySet<string> = new Set(CODE_HEADER_NAMES);

/** Whether a header names a column of exchange codes. */
function namesCodes(header: string): boolean {
  return headerForms(header).some((f) => CODE_HEADERS.has(f));
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
  'date',
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

/** The concept a header names, with its rank among that concept's aliases and the alias it was read as; null when unknown. */
export function conceptOf(header: string): { concept: Concept; rank: number; alias: string } | null {
  let best: { concept: Concept; rank: number; alias: string } | null = null;
  for (const form of headerForms(header)) {
    const hit = ALIAS_RANK.get(form);
    if (hit !== undefined && (best === null || hit.rank < best.rank)) best = { ...hit, alias: form };
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
  /** Why each column was mapped: the alias its header was read as, or "--columns". */
  readonly why: Readonly<Partial<Record<Concept, string>>>;
  /** The ticker column is named as exchange codes ("证券代码", "Stock Code"). */
  readonly tickerIsCode: boolean;
  /** The currency the value column's header states ("Market Value (USD)", "Kurswert in EUR"); null when none. */
  readonly valueCurrency: string | null;
}

/** Maps a row's cells to concepts, the best-ranked column winning each concept. */
export function mapColumns(
  cells: readonly string[],
  overrides: Readonly<Partial<Record<Concept, string>>> = {},
): Partial<Record<Concept, number>> {
  return mapColumnsWithReasons(cells, overrides).columns;
}

// Ranks are small list positions: this puts a value header over a currency-and-amount pair after every other.
const PAIRED_RANK = 1000;

function mapColumnsWithReasons(
  cells: readonly string[],
  overrides: Readonly<Partial<Record<Concept, string>>>,
): { columns: Partial<Record<Concept, number>>; why: Partial<Record<Concept, string>> } {
  const chosen: Partial<Record<Concept, { index: number; rank: number; alias: string }>> = {};
  cells.forEach((cell, index) => {
    const hit = conceptOf(cell);
    if (hit === null) return;
    // DEGIRO's "Wert,,Wert in EUR" (Dutch "Lokale waarde,,"): the named cell stands over the currency code,
    // the unnamed one after it over the amount; any other value column is the one to read.
    const rank = hit.concept === 'value' && index + 1 < cells.length && cells[index + 1]?.trim() === '' ? hit.rank + PAIRED_RANK : hit.rank;
    const current = chosen[hit.concept];
    if (current === undefined || rank < current.rank) chosen[hit.concept] = { index, rank, alias: hit.alias };
  });
  const columns: Partial<Record<Concept, number>> = {};
  const why: Partial<Record<Concept, string>> = {};
  for (const concept of CONCEPTS) {
    const pick = chosen[concept];
    if (pick !== undefined) {
      columns[concept] = pick.index;
      why[concept] = pick.alias;
    }
  }
  // T. Rowe Price puts the fund's name in "Account Name": with no other name column, it is the name.
  if (
    columns.name === undefined &&
    columns.ticker !== undefined &&
    columns.account !== undefined &&
    cells[columns.account]?.trim().toLowerCase() === 'account name'
  ) {
    columns.name = columns.account;
    why.name = 'account name, with no other name column (T. Rowe Price)';
    const other = cells.findIndex((c, i) => i !== columns.name && conceptOf(c)?.concept === 'account');
    if (other >= 0) columns.account = other;
    else {
      delete columns.account;
      delete why.account;
    }
  }
  spanishValor(cells, columns, why);
  for (const concept of CONCEPTS) {
    const header = overrides[concept];
    if (header === undefined) continue;
    const index = cells.findIndex((c) => c.trim().toLowerCase() === header.trim().toLowerCase());
    if (index >= 0) {
      columns[concept] = index;
      why[concept] = '--columns';
    }
  }
  return { columns, why };
}

/**
 * Spanish "Valor" alone is the security ("Valor;ISIN;Cantidad;Valor de mercado EUR", MyInvestor's
 * "Fecha valor;ISIN;Valor;…;Importe") as often as its value ("Nombre;ISIN;Cantidad;Valor"); Swiss banks'
 * "Valor" is the Valoren number. The header alone cannot say, the other columns can: when another column
 * gives the value and none names the security, "Valor" is the security; otherwise it is the value, which
 * fails loudly by line if its cells are names rather than reading numbers as names and losing them quietly.
 * Only the bare word: "Valor en EUR" and "Valor de mercado" are values whatever else the row has.
 */
function spanishValor(cells: readonly string[], columns: Partial<Record<Concept, number>>, why: Partial<Record<Concept, string>>): void {
  const at = cells.findIndex((c) => headerForms(c)[0] === 'valor');
  if (at < 0 || columns.name !== undefined) return;
  const valueAt = columns.value;
  if (valueAt === undefined || valueAt === at) {
    if (valueAt === at) why.value = 'valor (Spanish for value: no other column gives the value, and "Valor" is read as it)';
    return;
  }
  columns.name = at;
  why.name = `valor (Spanish for the security: "${(cells[valueAt] ?? '').trim()}" gives the value)`;
}

const NUMERIC_CELL = /^[\s$£€(+-]*[\d.,]+%?\)?$/;

/** Whether a cell is a number (a header has none): the reference mayBeNumericCell is tested against. */
export function isNumericCell(cell: string): boolean {
  return NUMERIC_CELL.test(cell);
}
/** The columns that carry a checkable security identifier. */
export const IDENTIFIER_CONCEPTS = ['isin', 'cusip', 'sedol'] as const satisfies readonly Concept[];

/** An ASCII letter: none of NUMERIC_CELL's first or last characters. */
function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/**
 * A necessary condition for NUMERIC_CELL, without the regex: a cell that starts or ends with an ASCII
 * letter (a name, a ticker, most identifiers) is no number. It runs for the first cells of every data row.
 */
export function mayBeNumericCell(cell: string): boolean {
  return cell.length > 0 && !isAsciiLetter(cell.charCodeAt(0)) && !isAsciiLetter(cell.charCodeAt(cell.length - 1));
}

/**
 * How many cells of a row are filled, or 0 as soon as one is a number: a header has none. Every data row
 * of a file is tried as a header (a second table may start anywhere) and almost every one has a number
 * among its first cells, so this is an indexed loop that stops there, building nothing (issue 18).
 */
function filledHeaderCells(cells: readonly string[]): number {
  let filled = 0;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] ?? '';
    if (cell.trim() === '') continue;
    if (mayBeNumericCell(cell) && NUMERIC_CELL.test(cell)) return 0;
    filled++;
  }
  return filled;
}

/**
 * Whether a row is a header: at least two recognised column names and no numbers. A holdings header
 * names a security (name, ticker or identifier) and an amount, or two security columns, or one
 * column of identifiers or exchange codes beside other columns, or names beside a column that describes
 * securities (sector, industry, country, exchange, asset class): a list without amounts (an index's
 * constituents, an exchange's list of securities, a watch list) is screened too, its values unknown.
 */
export function matchHeader(cells: readonly string[], overrides: Readonly<Partial<Record<Concept, string>>> = {}): HeaderMatch | null {
  if (cells.length === 1) return oneColumnHeader(cells[0] ?? '', overrides);
  const filled = filledHeaderCells(cells);
  if (filled < 2) return null;
  const { columns, why } = mapColumnsWithReasons(cells, overrides);
  const concepts = Object.keys(columns);
  const tickerAt = columns.ticker;
  const tickerIsCode = tickerAt !== undefined && namesCodes(cells[tickerAt] ?? '');
  const forms = cells.flatMap(headerForms);
  const valueAt = columns.value;
  const valueCurrency = valueAt === undefined ? null : headerCurrency(cells[valueAt] ?? '');
  if (forms.some((f) => TRANSACTION_HEADERS.has(f)) && concepts.length >= 2) {
    return { kind: 'transactions', columns, headers: cells, why, tickerIsCode, valueCurrency };
  }
  const security = SECURITY_CONCEPTS.filter((c) => columns[c] !== undefined).length;
  const amount = AMOUNT_CONCEPTS.filter((c) => columns[c] !== undefined).length;
  const listOfCodes = tickerIsCode || IDENTIFIER_CONCEPTS.some((c) => columns[c] !== undefined);
  const nameAt = columns.name;
  const describedBy =
    nameAt === undefined
      ? undefined
      : (columns.exchange ??
        columns.assetClass ??
        cells.findIndex((c, i) => i !== nameAt && headerForms(c).some((f) => SECURITY_DESCRIPTION_HEADERS.has(f))));
  const describedNames = describedBy !== undefined && describedBy >= 0;
  if (nameAt !== undefined && describedNames && amount === 0 && security === 1 && !listOfCodes)
    why.name = `${why.name ?? 'name'}, beside ${(cells[describedBy] ?? '').trim()}, a column that describes securities: a list of securities without amounts`;
  if (security >= 1 && (amount >= 1 || security >= 2 || listOfCodes || describedNames))
    return { kind: 'holdings', columns, headers: cells, why, tickerIsCode, valueCurrency };
  if (concepts.length >= 2 && filled >= 3) return { kind: 'other', columns, headers: cells, why, tickerIsCode, valueCurrency };
  return null;
}

/**
 * Names of a security column that are as often the title of a whole file or block ("Holdings" above the
 * real header): alone on a line, they stay a title.
 */
const TITLE_WORDS: ReadonlySet<string> = new Set(['holdings', 'holding', 'your investments', 'investment', 'investments']);

/**
 * The header of a list with one column (a watch list of tickers, a column of ISINs copied from a fund's
 * page, "证券代码" over codes): the line is one cell, with no separator, and that cell names a security
 * column; every line under it is a position whose value is unknown. A title ("Watch list", "Holdings")
 * or a note names none and stays a title; the segmenter takes this header only before any other table.
 */
function oneColumnHeader(cell: string, overrides: Readonly<Partial<Record<Concept, string>>>): HeaderMatch | null {
  const text = cell.trim();
  if (text === '' || NUMERIC_CELL.test(text)) return null;
  const override = CONCEPTS.find((c) => overrides[c]?.trim().toLowerCase() === text.toLowerCase());
  const hit = override === undefined ? conceptOf(text) : { concept: override, alias: '--columns' };
  if (hit === null || !SECURITY_CONCEPTS.some((c) => c === hit.concept)) return null;
  if (override === undefined && headerForms(text).some((f) => TITLE_WORDS.has(f))) return null;
  const columns: Partial<Record<Concept, number>> = { [hit.concept]: 0 };
  const why: Partial<Record<Concept, string>> = {
    [hit.concept]: `${hit.alias}, the only column: a list of securities without amounts`,
  };
  return {
    kind: 'holdings',
    columns,
    headers: [cell],
    why,
    tickerIsCode: hit.concept === 'ticker' && namesCodes(text),
    valueCurrency: null,
  };
}

// A unit or a currency under a header name, on a header's second line: "(%)", "(元)", "(EUR)", "%".
const UNIT_CELL = /^\(?(?:%|\$|€|£|¥|元|股|万元|usd|eur|gbp|chf|cny|hkd|rmb|local|base)\)?$/i;

/**
 * Headers split over two lines (Chinese exports put the unit, or the English name, under the Chinese
 * one): the record right after a header continues it when every cell is a unit or a header name and
 * joining the two lines maps as many columns or more. Returns the joined header, or null.
 */
export function continueHeader(
  header: HeaderMatch,
  cells: readonly string[],
  overrides: Readonly<Partial<Record<Concept, string>>> = {},
): HeaderMatch | null {
  const nonEmpty = cells.filter((c) => c.trim() !== '');
  if (nonEmpty.length === 0) return null;
  if (!nonEmpty.every((c) => UNIT_CELL.test(c.trim()) || conceptOf(c) !== null)) return null;
  if (nonEmpty.some((c) => NUMERIC_CELL.test(c))) return null;
  const width = Math.max(header.headers.length, cells.length);
  const joined = Array.from({ length: width }, (_, i) => {
    const top = header.headers[i]?.trim() ?? '';
    const bottom = cells[i]?.trim() ?? '';
    return top === ''
      ? bottom
      : bottom === ''
        ? top
        : UNIT_CELL.test(bottom)
          ? `${top}(${bottom.replace(/^\(|\)$/g, '')})`
          : `${top} ${bottom}`;
  });
  const match = matchHeader(joined, overrides);
  if (match === null || match.kind !== header.kind) return null;
  if (Object.keys(match.columns).length < Object.keys(header.columns).length) return null;
  return match;
}
