// The options of `screen`, declared once, as data: program.ts hands them to commander, and screen-line.ts
// reads the plain `screen FILE… [options]` line by them without loading commander (start-up).

import { ENCODINGS } from '../ingest/decode.js';
import { FORMATS } from '../report/types.js';

/** One option, in commander's terms: its flags ('-f, --format <format>'), help, allowed values, repeatable. */
export interface FlagSpec {
  readonly flags: string;
  readonly description: string;
  readonly choices?: readonly string[];
  /** Given more than once, the values are collected in order (commander's collector). */
  readonly repeatable?: true;
}

export const SCREEN_FLAGS: readonly FlagSpec[] = [
  { flags: '-f, --format <format>', description: 'output format (default: table)', choices: FORMATS },
  { flags: '-o, --output <file>', description: 'write the report to a file instead of stdout' },
  {
    flags: '--output-format <format=file>',
    description: 'also write the report in this format to this file, from the same screen, e.g. sarif=screen.sarif (repeatable)',
    repeatable: true,
  },
  { flags: '--csv-bom', description: 'start CSV with a UTF-8 byte order mark, for Excel (default: only in a file named *.csv)' },
  { flags: '--no-csv-bom', description: 'no byte order mark, even in a .csv file' },
  { flags: '--as-of <date>', description: "date to screen at, YYYY-MM-DD (default: the file's own date, else today)" },
  { flags: '--encoding <name>', description: 'input encoding (default: detected)', choices: ENCODINGS },
  { flags: '--columns <map>', description: 'name columns yourself, e.g. name=Description,value="Mkt Val"' },
  { flags: '--data <file>', description: 'screen against this data file instead of the bundled list' },
  { flags: '--min-score <n>', description: 'lowest name-match score reported for review (0..1)' },
  {
    flags: '--fail-on <status>',
    description: 'lowest status that makes the exit code 1 (default: flagged)',
    choices: ['flagged', 'review', 'none'],
  },
  {
    flags: '--scope <scope>',
    description: 'which findings can fail: all, or direct holdings only (default: all)',
    choices: ['all', 'direct'],
  },
  { flags: '--max-exposure <limit>', description: 'fail only when counted exposure exceeds an amount (25000) or a share (0.5%)' },
  {
    flags: '--base-currency <code>',
    description: 'convert values into this currency (ISO 4217, e.g. USD); values that state none are taken to be in it',
  },
  { flags: '--fx <rates>', description: 'rates into the base currency, units of it per unit of each: EUR=1.08,HKD=0.128' },
  { flags: '--fx-file <file>', description: 'rates from a CSV file: currency,rate[,as_of,source], one line per currency' },
  { flags: '--require-look-through', description: 'also exit 1 when a position that looks like a fund could not be looked through' },
  { flags: '--no-require-look-through', description: 'do not, whatever the config file says' },
  { flags: '--ignore-file <file>', description: 'ignore rules (default: ./.exposure-ignore.json when present)' },
  { flags: '--no-ignore', description: 'apply no ignore file' },
  { flags: '--max-data-age <days>', description: 'exit 2 when the list was reviewed longer ago than this' },
  { flags: '--config <file>', description: 'defaults for these options (default: ./exposure-screener.config.json when present)' },
  {
    flags: '--list <file>',
    description:
      'also screen against this list: our JSON schema or a CSV of name,aliases,isin,ticker,exchange,list,listed_on,source (repeatable)',
    repeatable: true,
  },
  { flags: '--only-lists', description: 'screen against the --list files only, not the bundled list' },
  {
    flags: '--funds <ticker=file|file|dir>',
    description:
      "a fund's own holdings file to look through (repeatable; the key may be an ISIN or CUSIP); a folder of files named by ticker",
    repeatable: true,
  },
  { flags: '--no-look-through', description: 'do not look through fund positions' },
  // The fund library (funds import).
  {
    flags: '--library <dir>',
    description: 'look funds up in this fund library (default: $EXPOSURE_SCREENER_HOME or the user data folder, when it holds one)',
  },
  { flags: '--no-library', description: 'do not look funds up in the fund library' },
  {
    flags: '--include-before-listing',
    description: 'flag findings dated before the entity was listed (2019-10-09 for the 28) instead of sending them to review',
  },
  { flags: '--strict', description: 'exit 2 when a row could not be screened (no security, unreadable) or carries a warning' },
  { flags: '--progress', description: 'show rows read and the rate on stderr (default: only on a terminal, never in CI)' },
  { flags: '--no-color', description: 'plain output without colour (also NO_COLOR; FORCE_COLOR colours without a terminal)' },
  {
    flags: '-q, --quiet',
    description: 'print only the summary line (table format); no notes or progress on stderr, warnings and errors still',
  },
  { flags: '-v, --verbose', description: 'explain each match and list skipped rows' },
];

/** The program's own option, recognised after the command too (main.ts reads it from the whole line). */
export const DEBUG_FLAG: FlagSpec = { flags: '--debug', description: 'print stack traces and data warnings' };
