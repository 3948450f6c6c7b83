// The fund library's database: one SQLite file (better-sqlite3) under the library folder. Its schema
// carries a version (PRAGMA user_version) and is brought up to date by the migrations below, in order,
// each in a transaction. Everything written by an import happens in one transaction: an import that is
// interrupted (killed, out of disk) leaves the library as it was, and SQLite's journal makes it so.

import Database from 'better-sqlite3';
import { ScreenerError } from '../errors.js';

export { LIBRARY_FILE_NAME } from './paths.js';

/** Each entry takes the schema from version i to i + 1. Never edit one that shipped: add another. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE source_file (
     id INTEGER PRIMARY KEY,
     sha256 TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL,
     kind TEXT NOT NULL,
     bytes INTEGER NOT NULL,
     imported_at TEXT NOT NULL,
     summary TEXT NOT NULL
   );
   CREATE TABLE series (
     series_id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     cik TEXT,
     registrant TEXT
   );
   -- What names a fund: its series id, class ids, tickers, and a CUSIP or ISIN where one is given.
   CREATE TABLE fund_key (
     key TEXT NOT NULL,
     kind TEXT NOT NULL,
     series_id TEXT NOT NULL,
     class_id TEXT,
     PRIMARY KEY (key, series_id)
   ) WITHOUT ROWID;
   CREATE INDEX fund_key_series ON fund_key(series_id);
   CREATE TABLE filing (
     id INTEGER PRIMARY KEY,
     accession TEXT NOT NULL UNIQUE,
     series_id TEXT NOT NULL,
     period TEXT NOT NULL,
     filed TEXT,
     sub_type TEXT NOT NULL,
     net_assets REAL,
     total_assets REAL,
     holdings INTEGER NOT NULL DEFAULT 0,
     source_id INTEGER NOT NULL,
     superseded_by TEXT
   );
   CREATE INDEX filing_series_period ON filing(series_id, period);
   -- A holding as the filing reports it; line is its line in FUND_REPORTED_HOLDING.tsv or the XML filing.
   CREATE TABLE holding (
     filing_id INTEGER NOT NULL,
     line INTEGER NOT NULL,
     name TEXT,
     cusip TEXT,
     isin TEXT,
     ticker TEXT,
     balance REAL,
     currency TEXT,
     value REAL,
     pct REAL,
     asset_cat TEXT,
     PRIMARY KEY (filing_id, line)
   ) WITHOUT ROWID;
   -- Holdings the screener's matcher found to be a listed entity or a related company, for funds holders.
   CREATE TABLE match (
     filing_id INTEGER NOT NULL,
     line INTEGER NOT NULL,
     entity_id TEXT NOT NULL,
     entity_name TEXT NOT NULL,
     relation TEXT NOT NULL,
     related_name TEXT,
     status TEXT NOT NULL,
     match_on TEXT NOT NULL,
     score REAL NOT NULL,
     matched TEXT NOT NULL,
     PRIMARY KEY (filing_id, line)
   ) WITHOUT ROWID;
   CREATE INDEX match_entity ON match(entity_id);
   CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  // Fund issuers' holdings files (funds import --fund): their SEDOL and exchange columns, and a ticker
  // column named as exchange codes, are what identifies a line there; N-PORT gives none of them.
  `ALTER TABLE holding ADD COLUMN sedol TEXT;
   ALTER TABLE holding ADD COLUMN exchange TEXT;
   ALTER TABLE holding ADD COLUMN ticker_is_code INTEGER;
   -- A screen reads the few keys that are a fund's CUSIP or ISIN at once, rather than asking for each
   -- holding's. Partial: an index of every key by kind would draw the planner from fund_key_series.
   CREATE INDEX fund_key_identifier ON fund_key(kind) WHERE kind IN ('isin', 'cusip', 'fund-isin', 'fund-cusip');`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * The fund_key kinds of the key a holdings file was imported under: its ticker, or the ISIN or CUSIP of
 * a fund that has none (a UCITS fund, as --funds ISIN=FILE). The SEC's ticker file replaces only its own kinds.
 */
export const FILE_KEY_KINDS = { ticker: 'fund-ticker', isin: 'fund-isin', cusip: 'fund-cusip' } as const;
export const FILE_TICKER_KIND = FILE_KEY_KINDS.ticker;

/** The sub_type of a filing that is a fund's holdings file rather than an N-PORT report. */
export const HOLDINGS_FILE_SUB_TYPE = 'HOLDINGS-FILE';

export type Db = Database.Database;

/** The library's file could not be opened or is of a newer schema. */
export class LibraryError extends ScreenerError {
  constructor(message: string, options?: { hint?: string; cause?: unknown }) {
    super('LIBRARY', message, options);
  }
}

/**
 * Opens (creating when asked) the library's database and migrates it. The folder must exist.
 * `readonly` opens without migrating and without a write lock, for screens.
 */
export function openLibrary(file: string, options: { readonly create: boolean; readonly readonly?: boolean }): Db {
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: !options.create, readonly: options.readonly === true });
  } catch (error) {
    throw new LibraryError(`cannot open the fund library ${file}: ${error instanceof Error ? error.message : String(error)}`, {
      hint: options.create
        ? 'check that the folder is writable'
        : 'import N-PORT files into it first: exposure-screener funds import FILES --library DIR',
      cause: error,
    });
  }
  try {
    // 32 MB of page cache: an import appends in key order, so more buys little, and memory stays for the rest.
    db.pragma('cache_size = -32768');
    db.pragma('foreign_keys = OFF');
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version > SCHEMA_VERSION) {
      throw new LibraryError(
        `the fund library ${file} has schema version ${version}, newer than this exposure-screener knows (${SCHEMA_VERSION})`,
        {
          hint: 'update exposure-screener, or use another --library',
        },
      );
    }
    if (version < SCHEMA_VERSION) {
      if (options.readonly === true) {
        throw new LibraryError(`the fund library ${file} has schema version ${version}; this exposure-screener needs ${SCHEMA_VERSION}`, {
          hint: 'run any funds command on it once (exposure-screener funds list --library DIR) to bring it up to date',
        });
      }
      migrate(db, version);
    }
  } catch (error) {
    db.close();
    if (error instanceof LibraryError) throw error;
    throw new LibraryError(`${file} is not a fund library: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return db;
}

function migrate(db: Db, from: number): void {
  for (let v = from; v < MIGRATIONS.length; v++) {
    const sql = MIGRATIONS[v];
    if (sql === undefined) continue;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

export function getMeta(db: Db, key: string): string | null {
  const row = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(key);
  return row?.value ?? null;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/**
 * Decides which filing of each (series, period) stands: an amendment (NPORT-P/A) before an original,
 * then the one filed last, then the higher accession number. The others are marked superseded by it.
 */
export function settleAmendments(db: Db, seriesIds: Iterable<string>): void {
  const groups = db.prepare<[string], { id: number; accession: string; period: string }>(
    `SELECT id, accession, period FROM filing WHERE series_id = ?
     ORDER BY period, (sub_type LIKE '%/A') DESC, COALESCE(filed, '') DESC, accession DESC`,
  );
  const mark = db.prepare<[string | null, number]>('UPDATE filing SET superseded_by = ? WHERE id = ?');
  for (const seriesId of seriesIds) {
    let period: string | null = null;
    let current: string | null = null;
    for (const f of groups.all(seriesId)) {
      if (f.period !== period) {
        period = f.period;
        current = f.accession;
        mark.run(null, f.id);
      } else {
        mark.run(current, f.id);
      }
    }
  }
}
