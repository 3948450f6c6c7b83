// Imports into the fund library: the SEC's quarterly N-PORT data set (a zip read entry by entry as a
// stream, never extracted), single N-PORT XML filings (rows by the project's own N-PORT reader,
// src/ingest/xml.ts), and the SEC's fund ticker file. Each import is one transaction: all of it or none.

import yauzl from 'yauzl';
import { z } from 'zod';
import type { DatasetFile } from '../dataset/schema.js';
import { parseXml, readXmlHoldings, type XmlElement } from '../ingest/xml.js';
import { LibraryError, setMeta, settleAmendments, type Db } from './store.js';
import { columnsOf, field, isoDate, numberOf, REQUIRED_TABLES, tableOfEntry, type NportTable } from './nport-tables.js';
import { createLibraryMatcher, storedHoldingOf, type MatchRow, type StoredHolding } from './rows.js';

export type SourceKind = 'nport-dataset' | 'nport-xml' | 'sec-tickers';

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
      const insert = db.prepare(
        'INSERT INTO holding(filing_id, line, name, cusip, isin, ticker, balance, currency, value, pct, asset_cat) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
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
          };
          insert.run(filingId, line, h.name, h.cusip, h.isin, h.ticker, h.balance, h.currency, h.value, h.pct, h.asset_cat);
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
      const insert = db.prepare(
        'INSERT INTO holding(filing_id, line, name, cusip, isin, ticker, balance, currency, value, pct, asset_cat) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      );
      for (const row of read.rows) {
        const h = storedHoldingOf(row);
        insert.run(id, h.line, h.name, h.cusip, h.isin, h.ticker, h.balance, h.currency, h.value, h.pct, h.asset_cat);
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
