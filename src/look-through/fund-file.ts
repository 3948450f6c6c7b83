// A fund's own holdings file (given with --funds, or imported into the fund library): whether it is a
// fund's holdings at all (a brokerage export or a one-line file looked through would report "looked
// through, holding none" for a fund nobody looked into), which fund its preamble names, and the net
// assets it states. Pure.

import type { Concept } from '../model.js';
import type { Fund } from '../dataset/funds-schema.js';
import { parseAmount, type DecimalSeparator } from '../normalize/amounts.js';
import { normalizeName } from '../normalize/names.js';
import type { FundCatalog } from './funds.js';

/** What deciding needs of a read file: its tables, title lines and rows. */
export interface FundFileShape {
  readonly tables: readonly {
    readonly kind: string;
    readonly columns: Readonly<Partial<Record<Concept, number>>>;
    readonly context: string | null;
  }[];
  readonly titles: readonly string[];
  readonly rows: readonly unknown[];
}

/** Fewer position rows than this is not a fund's holdings (a fund of three funds has three). */
const MIN_FUND_POSITIONS = 3;
const ACCOUNT_TITLE = /\b(?:positions for|account)\b/i;

/** Why the file is not a fund's holdings, in words; null when it looks like one. */
export function fundFileProblem(file: FundFileShape): string | null {
  const holdings = file.tables.filter((t) => t.kind === 'holdings');
  if (holdings.some((t) => t.columns.account !== undefined))
    return "it has an account column: it is an account export, not a fund's holdings";
  const title = [...file.titles, ...holdings.map((t) => t.context ?? '')].find((t) => ACCOUNT_TITLE.test(t));
  if (title !== undefined) return `its title "${title.slice(0, 60)}" names an account: it is an account export, not a fund's holdings`;
  if (!holdings.some((t) => t.columns.value !== undefined || t.columns.weight !== undefined || t.columns.quantity !== undefined)) {
    return 'it gives no value, weight or share count for its positions';
  }
  if (file.rows.length < MIN_FUND_POSITIONS) return `it has ${file.rows.length} position row(s), too few for a fund's holdings`;
  return null;
}

/** How the caller knows funds: by ticker, and by a title that is a fund's name. */
export interface FundNamer<F> {
  byTicker(ticker: string): F | null;
  byName(title: string): F | null;
}

/** The shipped catalogue as a namer: its tickers, and its funds' names and aliases. */
export function catalogFundNamer(catalog: FundCatalog): FundNamer<Fund> {
  return {
    byTicker: (ticker) => catalog.byTicker.get(ticker) ?? null,
    byName: (title) => catalog.byName.get(normalizeName(title).compact) ?? null,
  };
}

/** The fund a file's preamble names: a ticker in parentheses at a title's end ("FTSE Emerging Markets ETF (VWO)"), or a title that is a fund's name. */
export function fundNamedIn<F>(titles: readonly string[], namer: FundNamer<F>): F | null {
  for (const title of titles) {
    const ticker = /\(([A-Z]{2,6})\)\s*$/.exec(title)?.[1];
    const byTicker = ticker === undefined ? null : namer.byTicker(ticker);
    if (byTicker !== null) return byTicker;
    const byName = namer.byName(title);
    if (byName !== null) return byName;
  }
  return null;
}

// "Net Assets", "Total Net Assets", "Fund Net Assets", "Net Assets of Fund": the fund's, not a share class's.
const NET_ASSETS_LABEL = /^(?:total |fund )?net assets(?: of (?:the )?fund)?(?: \(\w+\))?:?$/i;

/** The net assets a fund file states in its preamble ("Net Assets,\"$1,234,567.89\""); null when it states none. */
export function statedNetAssets(
  skipped: readonly { readonly reason: string; readonly cells?: readonly string[] | undefined }[],
  decimal: DecimalSeparator,
): number | null {
  for (const row of skipped) {
    if (row.reason !== 'preamble' || row.cells === undefined) continue;
    const [label, value] = row.cells;
    if (label === undefined || value === undefined || !NET_ASSETS_LABEL.test(label.trim().replace(/\s+/g, ' '))) continue;
    const parsed = parseAmount(value.replace(/^(?:USD|US\$)\s*/i, ''), decimal);
    if (parsed.ok && parsed.value !== null && parsed.value > 0) return parsed.value;
  }
  return null;
}
