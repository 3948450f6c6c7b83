// The seam between the screen pipeline and the local fund library (`funds import`): one more source of
// fund holdings beside the --funds files. The command line builds it over the library's database and
// passes it in as data; the pipeline only calls it. Types only.

import type { Fund } from '../dataset/funds-schema.js';
import type { Holding } from '../model.js';
import type { ScreenInput } from '../screen.js';

export interface FundLibrary {
  /** The library's fund a position is (by ISIN, CUSIP, ticker with a name that agrees, or series id); null when none. */
  recognize(holding: Holding): Fund | null;
  /**
   * The fund's holdings in its latest filing at or before the date, as a screen input whose file names
   * the filing and its age; null when the library has none (or the shipped data is closer to the date).
   */
  holdingsAt(fund: Fund, asOf: string): ScreenInput | null;
  /** For a fund known only from the library: why it cannot be looked through on the date (no filing by then); else null. */
  missingAt(fund: Fund, asOf: string): string | null;
}
