// Whether a file given with --funds is a fund's holdings: a brokerage export or a one-line file looked
// through would report "looked through, holding none" for a fund nobody looked into.

import type { Concept } from '../model.js';

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
