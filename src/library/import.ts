// Imports into the fund library: the SEC's quarterly N-PORT data set (a zip read entry by entry as a
// stream, never extracted), single N-PORT XML filings (rows by the project's own N-PORT reader,
// src/ingest/xml.ts), the SEC's fund ticker file, and fund issuers' holdings files (read as --funds
// files are, src/ingest/read.ts, by the command line). Each import is one transaction: all of it or none.

import yauzl from 'yauzl';
import { z } from 'zod';
import type { DatasetFile } from '../dataset/schema.js';
import { statedNetAssets } from '../look-through/fund-file.js';
import type { RawHolding, SkippedRow } from '../model.js';
import { fileDateOf } from '../normalize/dates.js';
import { classifyIdentifier } from '../normalize/identifiers.js';
import { normalizeRows } from '../normalize/rows.js';
import { parseXml, readXmlHoldings, type XmlElement } from '../ingest/xml.js';
import { FILE_KEY_KINDS, HOLDINGS_FILE_SUB_TYPE, LibraryError, setMeta, settleAmendments, type Db } from './store.js';
import { columnsOf, field, isoDate, numberOf, REQUIRED_TABLES, tableOfEntry, type NportTable } from './nport-tables.js';
import { createLibraryMatcher, STORED_HOLDING_COLUMNS, storedHoldingOf, type MatchRow, type StoredHolding } from './rows.js';

export type SourceKind = 'nport-dataset' | 'nport-xml' | 'sec-tickers' | 'holdings-file';

export interface SourceFile {
  readonly path: string;
  /** As reports name it (the file's base name). */
  readonly name: string;
  readonly sha256: string;
  readonly bytes: number;
}

export interface ImportSummary {
  readonly file: string;
  readonly kind: SourceKind;
  readonly sha256: string;
  /** The same file (by checksum) was imported before: nothing changed. */
  readonly alreadyImported: boolean;
  readonly funds: number;
  readonly periods: number;
  readonly filings: number;
  readonly amendments: number;
  readonly holdings: number;
  readonly tickers: number;
  readonly matched: number;
  readonly skipped: readonly { readonly reason: string; readonly rows: number }[];
  /** A holdings file's fund (its ticker and the series it is kept under), report period and stated net assets. */
  readonly holdingsFile?: {
    readonly ticker: string;
    readonly name: string;
    readonly seriesId: string;
    readonly period: string;
    readonly netAssets: number | null;
  };
}

export interface ImportProgress {
  readonly file: string;
  readonly table: string;
  readonly rows: number;
  /** Uncompressed bytes read so far, of totalBytes. */
  readonly bytes: number;
  readonly totalBytes: number;
  readonly done: boolean;
}

export interface ImportContext {
  readonly db: Db;
  readonly dataset: DatasetFile;
  readonly today: string;
  /** When the import ran, ISO timestamp. */
  readonly now: string;
  readonly progress?: (p: ImportProgress) => void;
  /** Funds of the shipped catalogue whose CUSIP or ISIN the ticker file's tickers can carry over. */
  readonly catalogFunds?: readonly { readonly ticker: string; readonly cusip?: string | undefined; readonly isin?: string | undefined }[];
}

// The XML reader's rule for placeholders: "N/A" and zeros are no identifier.
const NO_CUSIP = /^(?:n\/?a|0{9})$/i;
const NO_ISIN = /^(?:n\/?a|0{12})$/i;

class Skips {
  private readonly counts = new Map<string, number>();
  add(reason: string, n = 1): void {
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + n);
  }
  list(): { reason: string; rows: number }[] {
    return [...this.counts].map(([reason, rows]) => ({ reason, rows })).sort((a, b) => b.rows - a.rows);
  }
}

/** A summary with nothing counted: the same file seen before, or the source row's place until the import knows its own. */
function emptySummary(file: SourceFile, kind: SourceKind, alreadyImported: boolean): ImportSummary {
  return {
    file: file.name,
    kind,
    sha256: file.sha256,
    alreadyImported,
    funds: 0,
    periods: 0,
    filings: 0,
    amendments: 0,
    holdings: 0,
    tickers: 0,
    matched: 0,
    skipped: [],
  };
}

function alreadyImported(db: Db, file: SourceFile, kind: SourceKind): ImportSummary | null {
  const row = db.prepare<[string], { name: string }>('SELECT name FROM source_file WHERE sha256 = ?').get(file.sha256);
  return row === undefined ? null : emptySummary(file, kind, true);
}

/** Runs `work` in one write transaction; anything thrown rolls it back. */
async function inTransaction<T>(db: Db, work: () => T | Promise<T>): Promise<T> {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = await work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

function recordSource(db: Db, file: SourceFile, kind: SourceKind, now: string, summary: ImportSummary): number {
  const info = db
    .prepare('INSERT INTO source_file(sha256, name, kind, bytes, imported_at, summary) VALUES (?, ?, ?, ?, ?, ?)')
    .run(file.sha256, file.name, kind, file.bytes, now, JSON.stringify(summary));
  return Number(info.lastInsertRowid);
}

interface NewFiling {
  readonly accession: string;
  readonly seriesId: string;
  readonly seriesName: string;
  readonly cik: string | null;
  readonly registrant: string | null;
  readonly period: string;
  readonly filed: string | null;
  readonly subType: string;
  readonly netAssets: number | null;
  readonly totalAssets: number | null;
  readonly classIds: readonly string[];
}

/** Writes a filing's series, keys and filing row; returns the filing id. */
function addFiling(db: Db, f: NewFiling, sourceId: number): number {
  db.prepare(
    `INSERT INTO series(series_id, name, cik, registrant) VALUES (?, ?, ?, ?)
     ON CONFLICT(series_id) DO UPDATE SET name = excluded.name, cik = COALESCE(excluded.cik, cik), registrant = COALESCE(excluded.registrant, registrant)`,
  ).run(f.seriesId, f.seriesName, f.cik, f.registrant);
  const key = db.prepare('INSERT INTO fund_key(key, kind, series_id, class_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
  key.run(f.seriesId.toUpperCase(), 'series', f.seriesId, null);
  for (const c of f.classIds) key.run(c.toUpperCase(), 'class', f.seriesId, c);
  const info = db
    .prepare(
      'INSERT INTO filing(accession, series_id, period, filed, sub_type, net_assets, total_assets, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(f.accession, f.seriesId, f.period, f.filed, f.subType, f.netAssets, f.totalAssets, sourceId);
  return Number(info.lastInsertRowid);
}

/** Writes a filing's holdings, each column of a StoredHolding in its place. */
function holdingWriter(db: Db): (filingId: number, h: StoredHolding) => void {
  const columns = STORED_HOLDING_COLUMNS.split(', ');
  const st = db.prepare(
    `INSERT INTO holding(filing_id, ${STORED_HOLDING_COLUMNS}) VALUES (?, ${columns.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`,
  );
  return (filingId, h) =>
    st.run(
      filingId,
      h.line,
      h.name,
      h.cusip,
      h.isin,
      h.ticker,
      h.balance,
      h.currency,
      h.value,
      h.pct,
      h.asset_cat,
      h.sedol,
      h.exchange,
      h.ticker_is_code,
    );
}

function finishImport(
  db: Db,
  ctx: ImportContext,
  file: SourceFile,
  kind: SourceKind,
  sourceId: number,
  added: ReadonlyMap<number, NewFiling>,
  counts: ReadonlyMap<number, number>,
  matches: readonly MatchRow[],
  skips: Skips,
): ImportSummary {
  const setCount = db.prepare('UPDATE filing SET holdings = ? WHERE id = ?');
  for (const [id, n] of counts) setCount.run(n, id);
  const insertMatch = db.prepare(
    `INSERT INTO match(filing_id, line, entity_id, entity_name, relation, related_name, status, match_on, score, matched)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  for (const m of matches)
    insertMatch.run(m.filingId, m.line, m.entityId, m.entityName, m.relation, m.relatedName, m.status, m.on, m.score, m.matched);
  settleAmendments(db, new Set([...added.values()].map((f) => f.seriesId)));
  setMeta(db, 'matched_with', `${ctx.dataset.version}`);
  const filings = [...added.values()];
  const summary: ImportSummary = {
    ...emptySummary(file, kind, false),
    funds: new Set(filings.map((f) => f.seriesId)).size,
    periods: new Set(filings.map((f) => f.period)).size,
    filings: filings.length,
    amendments: filings.filter((f) => f.subType.endsWith('/A')).length,
    holdings: [...counts.values()].reduce((a, b) => a + b, 0),
    matched: matches.length,
    skipped: skips.list(),
  };
  db.prepare('UPDATE source_file SET summary = ? WHERE id = ?').run(JSON.stringify(summary), sourceId);
  return summary;
}

// ---------------------------------------------------------------------------------------------
// The quarterly data set

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (error, zip) => (error === null ? resolve(zip) : reject(error)));
  });
}

function entriesOf(zip: yauzl.ZipFile): Promise<Map<NportTable, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const tables = new Map<NportTable, yauzl.Entry>();
    zip.on('entry', (entry: yauzl.Entry) => {
      const table = tableOfEntry(entry.fileName);
      if (table !== null && !tables.has(table)) tables.set(table, entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(tables));
    zip.on('error', reject);
    zip.readEntry();
  });
}

function streamOf(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => (error === null ? resolve(stream) : reject(error)));
  });
}

interface TableReader {
  (
    table: NportTable,
    onRow: (cells: readonly string[], line: number) => void,
    onHeader: (header: readonly string[]) => void,
  ): Promise<number>;
}

/**
 * Reads one table of the zip as lines, calling onRow for each data line with its 1-based line number.
 * The entry is inflated as it is read; only one chunk of it is in memory at a time.
 */
function tableReader(
  zip: yauzl.ZipFile,
  entries: ReadonlyMap<NportTable, yauzl.Entry>,
  file: SourceFile,
  progress: ImportContext['progress'],
): TableReader {
  const totalBytes = [...entries.values()].reduce((s, e) => s + e.uncompressedSize, 0);
  let before = 0;
  return async (table, onRow, onHeader) => {
    const entry = entries.get(table);
    if (entry === undefined) return 0;
    const stream = await streamOf(zip, entry);
    let line = 0;
    let bytes = 0;
    let last = 0;
    const take = (text: string): void => {
      if (line === 0) {
        line = 1;
        onHeader(text.replace(/^\uFEFF/, '').split('\t'));
        return;
      }
      line++;
      if (text === '') return;
      onRow(text.split('\t'), line);
      if (progress !== undefined && line - last >= 20_000) {
        last = line;
        progress({ file: file.name, table, rows: line - 1, bytes: before + bytes, totalBytes, done: false });
      }
    };
    // Each line is decoded on its own from the bytes: a cell that outlives its row (a name the matcher
    // remembers) then holds on to one line, not to the whole decoded chunk it was sliced from.
    let rest: Buffer = Buffer.alloc(0);
    for await (const chunk of stream) {
      const piece = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      bytes += piece.length;
      const buf = rest.length === 0 ? piece : Buffer.concat([rest, piece]);
      let from = 0;
      for (let nl = buf.indexOf(10, from); nl >= 0; nl = buf.indexOf(10, from)) {
        const end = nl > from && buf[nl - 1] === 13 ? nl - 1 : nl;
        take(buf.toString('utf8', from, end));
        from = nl + 1;
      }
      rest = buf.subarray(from);
    }
    if (rest.length > 0) take(rest.toString('utf8').replace(/\r$/, ''));
    before += entry.uncompressedSize;
    progress?.({ file: file.name, table, rows: Math.max(0, line - 1), bytes: before, totalBytes, done: true });
    return Math.max(0, line - 1);
  };
}

/** Imports a quarterly N-PORT data set zip. */
export async function importDataSet(ctx: ImportContext, file: SourceFile): Promise<ImportSummary> {
  const { db } = ctx;
  const done = alreadyImported(db, file, 'nport-dataset');
  if (done !== null) return done;
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(file.path);
  } catch (error) {
    throw new LibraryError(`${file.path}: not a readable zip (${error instanceof Error ? error.message : String(error)})`, {
      hint: "download the quarter again from the SEC's Form N-PORT data sets page",
      cause: error,
    });
  }
  try {
    const entries = await entriesOf(zip);
    const missing = REQUIRED_TABLES.filter((t) => !entries.has(t));
    if (missing.length > 0) {
      throw new LibraryError(`${file.path}: not an N-PORT data set: no ${missing.map((t) => `${t}.tsv`).join(', ')} in the zip`, {
        hint: "give the quarterly zip of the SEC's Form N-PORT data sets (e.g. 2024q4_nport.zip)",
      });
    }
    const read = tableReader(zip, entries, file, ctx.progress);
    const skips = new Skips();
    const header = (table: NportTable) => (h: readonly string[]) => {
      const cols = columnsOf(table, h);
      if (cols.missing.length > 0) {
        throw new LibraryError(`${file.path}: ${table}.tsv has no ${cols.missing.join(', ')} column`, {
          hint: 'is this an N-PORT data set zip as the SEC publishes it?',
        });
      }
      return cols.index;
    };
    const col = (index: ReadonlyMap<string, number>, name: string): number => index.get(name) ?? -1;

    return await inTransaction(db, async () => {
      const sourceId = recordSource(db, file, 'nport-dataset', ctx.now, emptySummary(file, 'nport-dataset', false));
      // Small tables first, into memory: one entry per filing (some thousands a quarter).
      const submissions = new Map<string, { filed: string | null; subType: string | null; period: string | null }>();
      let ix = new Map<string, number>();
      await read(
        'SUBMISSION',
        (c) => {
          const acc = field(c, col(ix, 'ACCESSION_NUMBER'));
          if (acc !== null)
            submissions.set(acc, {
              filed: isoDate(field(c, col(ix, 'FILING_DATE'))),
              subType: field(c, col(ix, 'SUB_TYPE')),
              period: isoDate(field(c, col(ix, 'REPORT_DATE'))),
            });
        },
        (h) => (ix = new Map(header('SUBMISSION')(h))),
      );
      const registrants = new Map<string, { cik: string | null; name: string | null }>();
      await read(
        'REGISTRANT',
        (c) => {
          const acc = field(c, col(ix, 'ACCESSION_NUMBER'));
          if (acc !== null) registrants.set(acc, { cik: field(c, col(ix, 'CIK')), name: field(c, col(ix, 'REGISTRANT_NAME')) });
        },
        (h) => (ix = new Map(header('REGISTRANT')(h))),
      );
      const classes = new Map<string, string[]>();
      await read(
        'MONTHLY_TOTAL_RETURN',
        (c) => {
          const acc = field(c, col(ix, 'ACCESSION_NUMBER'));
          const cls = field(c, col(ix, 'CLASS_ID'));
          if (acc === null || cls === null) return;
          const list = classes.get(acc) ?? [];
          if (!list.includes(cls)) list.push(cls);
          classes.set(acc, list);
        },
        (h) => (ix = new Map(header('MONTHLY_TOTAL_RETURN')(h))),
      );
      const exists = db.prepare<[string], { id: number }>('SELECT id FROM filing WHERE accession = ?');
      const filingIds = new Map<string, number>();
      const added = new Map<number, NewFiling>();
      await read(
        'FUND_REPORTED_INFO',
        (c) => {
          const acc = field(c, col(ix, 'ACCESSION_NUMBER'));
          if (acc === null) return skips.add('FUND_REPORTED_INFO row without ACCESSION_NUMBER');
          if (exists.get(acc) !== undefined) return skips.add('filing already in the library (FUND_REPORTED_INFO rows)');
          const sub = submissions.get(acc);
          if (sub === undefined || sub.period === null) return skips.add('filing without a SUBMISSION row or REPORT_DATE');
          const subType = (sub.subType ?? 'NPORT-P').toUpperCase();
          if (!subType.startsWith('NPORT-P')) return skips.add(`submission type ${subType} (not a holdings report)`);
          const reg = registrants.get(acc);
          const seriesId = field(c, col(ix, 'SERIES_ID')) ?? (reg?.cik === null || reg?.cik === undefined ? null : `CIK${reg.cik}`);
          if (seriesId === null) return skips.add('filing without SERIES_ID or CIK');
          const f: NewFiling = {
            accession: acc,
            seriesId,
            seriesName: field(c, col(ix, 'SERIES_NAME')) ?? reg?.name ?? seriesId,
            cik: reg?.cik ?? null,
            registrant: reg?.name ?? null,
            period: sub.period,
            filed: sub.filed,
            subType,
            netAssets: numberOf(field(c, col(ix, 'NET_ASSETS'))),
            totalAssets: numberOf(field(c, col(ix, 'TOTAL_ASSETS'))),
            classIds: classes.get(acc) ?? [],
          };
          const id = addFiling(db, f, sourceId);
          filingIds.set(acc, id);
          added.set(id, f);
        },
        (h) => (ix = new Map(header('FUND_REPORTED_INFO')(h))),
      );
      submissions.clear();
      registrants.clear();
      classes.clear();

      // A holding's ISIN and ticker, by HOLDING_ID, in a temporary table rather than in memory: a quarter
      // has millions of them.
      db.exec('DROP TABLE IF EXISTS temp.ident; CREATE TEMP TABLE ident (holding_id INTEGER PRIMARY KEY, isin TEXT, ticker TEXT)');
      db.pragma('temp.cache_size = -16384');
      const putIdent = db.prepare(
        `INSERT INTO temp.ident(holding_id, isin, ticker) VALUES (?, ?, ?)
         ON CONFLICT(holding_id) DO UPDATE SET isin = COALESCE(isin, excluded.isin), ticker = COALESCE(ticker, excluded.ticker)`,
      );
      await read(
        'IDENTIFIERS',
        (c) => {
          const id = Number(field(c, col(ix, 'HOLDING_ID')));
          if (!Number.isSafeInteger(id)) return skips.add('IDENTIFIERS row whose HOLDING_ID is not a number');
          const isin = field(c, col(ix, 'IDENTIFIER_ISIN'));
          const ticker = field(c, col(ix, 'IDENTIFIER_TICKER'));
          if (isin === null && ticker === null) return;
          putIdent.run(id, isin === null || NO_ISIN.test(isin) ? null : isin, ticker);
        },
        (h) => (ix = new Map(header('IDENTIFIERS')(h))),
      );

      const getIdent = db.prepare<[number], { isin: string | null; ticker: string | null }>(
        'SELECT isin, ticker FROM temp.ident WHERE holding_id = ?',
      );
      const insert = holdingWriter(db);
      const matcher = createLibraryMatcher(ctx.dataset);
      const counts = new Map<number, number>();
      let k = { acc: -1, id: -1, name: -1, cusip: -1, balance: -1, currency: -1, value: -1, pct: -1, cat: -1 };
      let width = 0;
      await read(
        'FUND_REPORTED_HOLDING',
        (c, line) => {
          // A line break inside a value splits a row: neither half is a holding to guess at.
          if (c.length !== width)
            return skips.add("FUND_REPORTED_HOLDING line whose number of fields differs from the header's (a line break inside a value?)");
          const acc = field(c, k.acc);
          const filingId = acc === null ? undefined : filingIds.get(acc);
          if (filingId === undefined) {
            return skips.add(
              acc !== null && exists.get(acc) !== undefined
                ? 'holding of a filing already in the library'
                : 'holding of a filing the data set does not describe (or that was skipped)',
            );
          }
          const holdingId = Number(field(c, k.id));
          const ident = Number.isSafeInteger(holdingId) ? getIdent.get(holdingId) : undefined;
          const cusip = field(c, k.cusip);
          const h: StoredHolding = {
            line,
            name: field(c, k.name),
            cusip: cusip === null || NO_CUSIP.test(cusip) ? null : cusip,
            isin: ident?.isin ?? null,
            ticker: ident?.ticker ?? null,
            balance: numberOf(field(c, k.balance)),
            currency: field(c, k.currency),
            value: numberOf(field(c, k.value)),
            pct: numberOf(field(c, k.pct)),
            asset_cat: field(c, k.cat),
            sedol: null,
            exchange: null,
            ticker_is_code: null,
          };
          insert(filingId, h);
          counts.set(filingId, (counts.get(filingId) ?? 0) + 1);
          matcher.add(filingId, h);
        },
        (h) => {
          const i = header('FUND_REPORTED_HOLDING')(h);
          width = h.length;
          k = {
            acc: col(i, 'ACCESSION_NUMBER'),
            id: col(i, 'HOLDING_ID'),
            name: col(i, 'ISSUER_NAME'),
            cusip: col(i, 'ISSUER_CUSIP'),
            balance: col(i, 'BALANCE'),
            currency: col(i, 'CURRENCY_CODE'),
            value: col(i, 'CURRENCY_VALUE'),
            pct: col(i, 'PERCENTAGE'),
            cat: col(i, 'ASSET_CAT'),
          };
        },
      );
      db.exec('DROP TABLE temp.ident');
      return finishImport(db, ctx, file, 'nport-dataset', sourceId, added, counts, matcher.finish(), skips);
    });
  } finally {
    zip.close();
  }
}

// ---------------------------------------------------------------------------------------------
// A single N-PORT XML filing

function childOf(e: XmlElement | undefined, ...names: readonly string[]): XmlElement | undefined {
  let current = e;
  for (const name of names) current = current?.children.find((c) => c.name === name);
  return current;
}

function textOf(e: XmlElement | undefined): string | null {
  const t = e?.text.trim() ?? '';
  return t === '' ? null : t;
}

/** The accession number in a filing's file name (0001234567-24-000123.xml, 000123456724000123.xml), or null. */
export function accessionInName(name: string): string | null {
  const dashed = /(\d{10}-\d{2}-\d{6})/.exec(name)?.[1];
  if (dashed !== undefined) return dashed;
  const plain = /(?:^|\D)(\d{10})(\d{2})(\d{6})(?:\D|$)/.exec(name);
  return plain === null ? null : `${plain[1]}-${plain[2]}-${plain[3]}`;
}

/** Imports one N-PORT XML filing (primary_doc.xml as EDGAR serves it). */
export async function importXmlFiling(ctx: ImportContext, file: SourceFile, text: string): Promise<ImportSummary> {
  const { db } = ctx;
  const done = alreadyImported(db, file, 'nport-xml');
  if (done !== null) return done;
  const read = readXmlHoldings(file.path, text);
  if (read === null || read.kind !== 'sec-nport') {
    throw new LibraryError(`${file.path}: not an N-PORT filing (no edgarSubmission with invstOrSecs)`, {
      hint: 'give an N-PORT XML filing, a quarterly data set zip or company_tickers_mf.json',
    });
  }
  // The header: only what the row reader does not give (series, classes, period, net assets).
  const root = parseXml(file.path, text);
  const genInfo = childOf(root, 'formData', 'genInfo');
  const fundInfo = childOf(root, 'formData', 'fundInfo');
  const seriesClass = childOf(root, 'headerData', 'filerInfo', 'seriesClassInfo');
  const cik = textOf(childOf(genInfo, 'regCik')) ?? textOf(childOf(root, 'headerData', 'filerInfo', 'filer', 'issuerCredentials', 'cik'));
  const seriesId = textOf(childOf(genInfo, 'seriesId')) ?? textOf(childOf(seriesClass, 'seriesId')) ?? (cik === null ? null : `CIK${cik}`);
  const period = isoDate(textOf(childOf(genInfo, 'repPdDate')));
  if (seriesId === null || period === null) {
    throw new LibraryError(`${file.path}: the filing names no series (genInfo/seriesId) or report date (genInfo/repPdDate)`, {
      hint: 'is the file cut short?',
    });
  }
  const classIds = [
    ...(seriesClass?.children.filter((c) => c.name === 'classId').map((c) => c.text.trim()) ?? []),
    ...collect(root, 'monthlyTotReturn').map((e) => e.attrs.get('classId') ?? ''),
  ].filter((c, i, all) => c !== '' && all.indexOf(c) === i);
  const accession = accessionInName(file.name) ?? `XML-${file.sha256.slice(0, 16)}`;
  const skips = new Skips();
  return inTransaction(db, () => {
    const sourceId = recordSource(db, file, 'nport-xml', ctx.now, emptySummary(file, 'nport-xml', false));
    const added = new Map<number, NewFiling>();
    const counts = new Map<number, number>();
    const matcher = createLibraryMatcher(ctx.dataset);
    if (db.prepare('SELECT 1 FROM filing WHERE accession = ?').get(accession) !== undefined) {
      skips.add('filing already in the library', read.rows.length);
    } else {
      const f: NewFiling = {
        accession,
        seriesId,
        seriesName: textOf(childOf(genInfo, 'seriesName')) ?? textOf(childOf(genInfo, 'regName')) ?? seriesId,
        cik,
        registrant: textOf(childOf(genInfo, 'regName')),
        period,
        filed: null,
        subType: (textOf(childOf(root, 'headerData', 'submissionType')) ?? 'NPORT-P').toUpperCase(),
        netAssets: numberOf(textOf(childOf(fundInfo, 'netAssets'))),
        totalAssets: numberOf(textOf(childOf(fundInfo, 'totAssets'))),
        classIds,
      };
      const id = addFiling(db, f, sourceId);
      added.set(id, f);
      const insert = holdingWriter(db);
      for (const row of read.rows) {
        const h = storedHoldingOf(row);
        insert(id, h);
        matcher.add(id, h);
      }
      counts.set(id, read.rows.length);
    }
    return finishImport(db, ctx, file, 'nport-xml', sourceId, added, counts, matcher.finish(), skips);
  });
}

function collect(root: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const pending: XmlElement[] = [root];
  for (let e = pending.pop(); e !== undefined; e = pending.pop()) {
    if (e.name === name) out.push(e);
    pending.push(...e.children);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// A fund issuer's holdings file (iShares and Vanguard downloads, any CSV --funds reads)

/** The fund a holdings file holds, as the command line resolved it (--fund, or the file's preamble). */
export interface HoldingsFileFund {
  /** Its ticker: what a screen's position names it by. */
  readonly ticker: string;
  readonly name: string;
  /** The library's series that ticker already names (the SEC's ticker file, N-PORT filings); null when none. */
  readonly seriesId: string | null;
}

/** What the import needs of a read holdings file (src/ingest/read.ts's HoldingsFile). */
export interface HoldingsFileRead {
  readonly rows: readonly RawHolding[];
  readonly skipped: readonly SkippedRow[];
  readonly asOfText: string | null;
  readonly dateVotes?: { readonly dmy: number; readonly mdy: number };
}

/** The series a fund known only from its holdings files is kept under ("FILE-URTH"). */
function holdingsFileSeries(ticker: string): string {
  return `FILE-${ticker.toUpperCase()}`;
}

/**
 * Imports a fund's holdings file under the fund, at the file's as-of date (or --as-of when the file
 * states none). The rows are normalised by the screener's own normaliser; cash and other rows whose
 * value counts in the fund's total are kept with that value, so a screen through the library takes
 * a company's share of the fund on the same total as a screen of the file. Of two files of one fund
 * and date, the one imported last stands (its filed stamp is the import's time).
 */
export function importHoldingsFile(
  ctx: ImportContext,
  file: SourceFile,
  fund: HoldingsFileFund,
  read: HoldingsFileRead,
  givenAsOf: string | null,
): Promise<ImportSummary> {
  const { db } = ctx;
  const done = alreadyImported(db, file, 'holdings-file');
  if (done !== null) return Promise.resolve(done);
  const normalized = normalizeRows(read.rows);
  const stated = fileDateOf(read, normalized.decimal, ctx.today, normalized.dates);
  if (stated.date !== null && givenAsOf !== null && stated.date !== givenAsOf) {
    throw new LibraryError(
      `${file.path}: the file is dated ${stated.date} ("${(read.asOfText ?? '').slice(0, 60)}"), not ${givenAsOf} as --as-of says`,
      {
        hint: "leave --as-of out: a file's own date is the one its holdings are as of",
      },
    );
  }
  const period = stated.date ?? givenAsOf;
  if (period === null) {
    const why =
      stated.rejected !== null
        ? `its date ${stated.rejected} is before 1990 or after today`
        : stated.ambiguous !== null
          ? `its date "${stated.ambiguous}" reads both ways (day or month first)`
          : 'it states no as-of date';
    throw new LibraryError(`${file.path}: ${why}, so the report period of its holdings is not known`, {
      hint: 'give the date its holdings are as of: --as-of YYYY-MM-DD',
    });
  }
  const rawAt = new Map(read.rows.map((r) => [r.line, r]));
  const skips = new Skips();
  for (const row of [...read.skipped, ...normalized.skipped]) skips.add(row.reason, row.lines ?? 1);
  return inTransaction(db, () => {
    const sourceId = recordSource(db, file, 'holdings-file', ctx.now, emptySummary(file, 'holdings-file', false));
    const seriesId = fund.seriesId ?? holdingsFileSeries(fund.ticker);
    const known = db
      .prepare<[string], { name: string; cik: string | null; registrant: string | null }>(
        'SELECT name, cik, registrant FROM series WHERE series_id = ?',
      )
      .get(seriesId);
    const f: NewFiling = {
      accession: `FILE-${file.sha256.slice(0, 20)}`,
      seriesId,
      // A series the SEC's files named keeps its names.
      seriesName: known?.name ?? fund.name,
      cik: known?.cik ?? null,
      registrant: known?.registrant ?? null,
      period,
      filed: ctx.now,
      subType: HOLDINGS_FILE_SUB_TYPE,
      netAssets: statedNetAssets(read.skipped, normalized.decimal),
      totalAssets: null,
      classIds: [],
    };
    const id = addFiling(db, f, sourceId);
    if (fund.seriesId === null) {
      // A fund named by its ISIN or CUSIP (no ticker) is found by a position's ISIN or CUSIP.
      const key = fund.ticker.toUpperCase();
      const kind = classifyIdentifier(key);
      db.prepare('INSERT INTO fund_key(key, kind, series_id, class_id) VALUES (?, ?, ?, NULL) ON CONFLICT DO NOTHING').run(
        key,
        kind === 'isin' ? FILE_KEY_KINDS.isin : kind === 'cusip' ? FILE_KEY_KINDS.cusip : FILE_KEY_KINDS.ticker,
        seriesId,
      );
    }
    const insert = holdingWriter(db);
    const matcher = createLibraryMatcher(ctx.dataset);
    const put = (h: StoredHolding): void => {
      insert(id, h);
      matcher.add(id, h);
    };
    for (const h of normalized.holdings) {
      put({
        line: h.line,
        name: h.name,
        cusip: h.cusip,
        isin: h.isin,
        ticker: h.ticker,
        balance: h.quantity,
        currency: rawAt.get(h.line)?.cells.currency ?? null,
        value: h.value,
        pct: h.weight === undefined || h.weight === null ? null : h.weight * 100,
        asset_cat: h.assetClass,
        sedol: h.sedol,
        exchange: h.exchange,
        ticker_is_code: h.tickerIsCode === true ? 1 : null,
      });
    }
    // Rows set aside whose value counts in the fund's total (cash, futures, a line with no security):
    // kept as the screener will set them aside again, with their value.
    for (const row of normalized.skipped) {
      if (row.value === null) continue;
      const raw = rawAt.get(row.line);
      put({
        line: row.line,
        name: row.reason === 'no-security' ? null : row.text,
        cusip: null,
        isin: null,
        ticker: null,
        balance: null,
        currency: raw?.cells.currency ?? null,
        value: row.value,
        pct: null,
        asset_cat: row.reason === 'cash' ? 'Cash' : (raw?.cells.assetClass ?? null),
        sedol: null,
        exchange: null,
        ticker_is_code: null,
      });
    }
    const added = new Map<number, NewFiling>([[id, f]]);
    const counts = new Map<number, number>([[id, normalized.holdings.length]]);
    const summary: ImportSummary = {
      ...finishImport(db, ctx, file, 'holdings-file', sourceId, added, counts, matcher.finish(), skips),
      holdingsFile: { ticker: fund.ticker, name: f.seriesName, seriesId, period, netAssets: f.netAssets },
    };
    db.prepare('UPDATE source_file SET summary = ? WHERE id = ?').run(JSON.stringify(summary), sourceId);
    return summary;
  });
}

// ---------------------------------------------------------------------------------------------
// The SEC's fund ticker file

const TickerFileSchema = z.object({
  fields: z.array(z.string()),
  data: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
});

/** Whether parsed JSON is shaped like company_tickers_mf.json. */
export function isTickerFile(json: unknown): boolean {
  const parsed = TickerFileSchema.safeParse(json);
  return parsed.success && ['cik', 'seriesId', 'classId', 'symbol'].every((f) => parsed.data.fields.includes(f));
}

/**
 * Imports company_tickers_mf.json ({fields: [cik, seriesId, classId, symbol], data: [[…], …]}): each
 * ticker names its share class and series. The newest file imported is the one in force: tickers move.
 */
export async function importTickerFile(ctx: ImportContext, file: SourceFile, json: unknown): Promise<ImportSummary> {
  const { db } = ctx;
  const done = alreadyImported(db, file, 'sec-tickers');
  if (done !== null) return done;
  const parsed = TickerFileSchema.safeParse(json);
  const fields = parsed.success ? parsed.data.fields : [];
  const at = (name: string): number => fields.indexOf(name);
  if (!parsed.success || [at('seriesId'), at('classId'), at('symbol')].some((i) => i < 0)) {
    throw new LibraryError(
      `${file.path}: not the SEC's fund ticker file ({"fields": ["cik", "seriesId", "classId", "symbol"], "data": […]})`,
      {
        hint: 'give company_tickers_mf.json as the SEC publishes it',
      },
    );
  }
  const skips = new Skips();
  return inTransaction(db, () => {
    const sourceId = recordSource(db, file, 'sec-tickers', ctx.now, emptySummary(file, 'sec-tickers', false));
    db.prepare("DELETE FROM fund_key WHERE kind IN ('ticker', 'cusip', 'isin')").run();
    const key = db.prepare('INSERT INTO fund_key(key, kind, series_id, class_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
    const bySymbol = new Map<string, string>();
    let tickers = 0;
    for (const row of parsed.data.data) {
      const seriesId = row[at('seriesId')];
      const classId = row[at('classId')];
      const symbol = row[at('symbol')];
      if (typeof seriesId !== 'string' || seriesId === '' || typeof symbol !== 'string' || symbol.trim() === '') {
        skips.add('row without a series id or symbol');
        continue;
      }
      const cls = typeof classId === 'string' && classId !== '' ? classId : null;
      key.run(symbol.trim().toUpperCase(), 'ticker', seriesId, cls);
      if (cls !== null) key.run(cls.toUpperCase(), 'class', seriesId, cls);
      bySymbol.set(symbol.trim().toUpperCase(), seriesId);
      tickers++;
    }
    // The shipped catalogue knows some funds' CUSIP and ISIN (VWO's, VT's): a position that carries
    // one of them finds the fund's series through its ticker.
    for (const f of ctx.catalogFunds ?? []) {
      const seriesId = bySymbol.get(f.ticker.toUpperCase());
      if (seriesId === undefined) continue;
      if (f.cusip !== undefined) key.run(f.cusip.toUpperCase(), 'cusip', seriesId, null);
      if (f.isin !== undefined) key.run(f.isin.toUpperCase(), 'isin', seriesId, null);
    }
    const summary: ImportSummary = {
      ...emptySummary(file, 'sec-tickers', false),
      funds: new Set(bySymbol.values()).size,
      tickers,
      skipped: skips.list(),
    };
    db.prepare('UPDATE source_file SET summary = ? WHERE id = ?').run(JSON.stringify(summary), sourceId);
    return summary;
  });
}
