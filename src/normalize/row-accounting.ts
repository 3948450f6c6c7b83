// What each kind of set-aside row is to a file's row accounting: the one owner of "is this a data row",
// used by inspect's share of rows read and by --strict's rows that may hide a position.

import type { SkipReason } from '../model.js';

/**
 * - `structure`: the export's own lines, no position (titles, blank lines, totals, section labels, notes
 *   and download stamps);
 * - `counted`: a data row read as cash or a derivative, its value counted, not screened;
 * - `unread`: a data row that could not be read as a position (no security, bytes that do not decode);
 * - `other-table`: a row of a table that holds no positions (transactions, an account summary).
 */
export type SkipRole = 'structure' | 'counted' | 'unread' | 'other-table';

const SKIP_ROLE = {
  preamble: 'structure',
  blank: 'structure',
  total: 'structure',
  'section-label': 'structure',
  trailer: 'structure',
  cash: 'counted',
  derivative: 'counted',
  'no-security': 'unread',
  undecodable: 'unread',
  'not-holdings': 'other-table',
  // A sheet in which no header row was found at all: its lines are no table, as a title block is none.
  'no-holdings-sheet': 'structure',
} as const satisfies Record<SkipReason, SkipRole>;

/** Set-aside rows that may hide a position (--strict exits 2 on them): the unread, and rows of other tables. */
export function mayHidePosition(reason: SkipReason): boolean {
  const role: SkipRole = SKIP_ROLE[reason];
  return role === 'unread' || role === 'other-table';
}

/** How much of a file's data was read: its holdings tables' rows, structure and other tables aside. */
export interface RowShare {
  /** Rows read as positions, to screen. */
  readonly positions: number;
  /** Data rows read as cash or derivatives: counted in the value, not screened. */
  readonly counted: number;
  /** Data rows: positions, counted, and those that could not be read. */
  readonly dataRows: number;
  /** (positions + counted) / dataRows; null when there are no data rows. */
  readonly share: number | null;
}

/** The share of a file's data rows read, from its screened count and the reasons its rows were set aside. */
export function rowShare(screened: number, skipped: readonly { readonly reason: SkipReason }[]): RowShare {
  let counted = 0;
  let unread = 0;
  for (const s of skipped) {
    const role: SkipRole = SKIP_ROLE[s.reason];
    if (role === 'counted') counted++;
    else if (role === 'unread') unread++;
  }
  const dataRows = screened + counted + unread;
  return { positions: screened, counted, dataRows, share: dataRows === 0 ? null : (screened + counted) / dataRows };
}
