// The only module of ingest that touches the file system or stdin.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CsvError, parse } from 'csv-parse/sync';
import { InputError, ScreenerError } from '../errors.js';
import { fileError, holdingsName, readSideFile } from '../io/files.js';
import type { Concept, RawHolding, SkippedRow } from '../model.js';
import { decodeFile, looksBinary, type EncodingName } from './decode.js';
import { normalizeLineEndings, sniffDelimiter, type Delimiter } from './dialect.js';
import { accountForTail, createLineCounter, createRecordHandler, csvSyntaxError } from './records.js';
import { createSegmenter, type SegmentSummary, type Segmented, type SourceRecord } from './tables.js';
import { createXmlHoldingsReader, xmlStreamedFile } from './xml.js';
import { refusedWorkbook, workbookKind } from './xlsx.js';

export interface ReadOptions {
  readonly encoding?: EncodingName;
  readonly columns?: Readonly<Partial<Record<Concept, string>>>;
}

export interface HoldingsFile extends Segmented {
  readonly file: string;
  /** Physical lines of the file; null for XML. */
  readonly lineCount: number | null;
  readonly encoding: EncodingName;
  readonly delimiter: Delimiter;
  /** SHA-256 of the file's bytes, so a report can say exactly which file it used. */
  readonly sha256: string;
}

/** The csv-parse options every reader uses: lenient on width and quotes, every line kept, line info on. */
export function csvOptions(delimiter: Delimiter): {
  readonly delimiter: Delimiter;
  readonly info: boolean;
  readonly relax_column_count: true;
  readonly relax_quotes: true;
  readonly skip_empty_lines: false;
  readonly ltrim: true;
  readonly rtrim: true;
  readonly max_record_size: number;
} {
  return {
    delimiter,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    ltrim: true,
    rtrim: true,
    max_record_size: 16 * 1024 * 1024,
  };
}

/** Whether a text is XML (the SEC's files start with a newline before the declaration). */
export function looksLikeXml(text: string): boolean {
  return /^\s*<(?:\?xml|[A-Za-z!])/.test(text);
}

/**
 * The holdings of an XML statement (IBKR Flex, SEC 13F information table, N-PORT) as a HoldingsFile;
 * any other XML is refused with what to do instead.
 */
function xmlHoldingsFile(file: string, text: string, encoding: EncodingName, sha256: string): HoldingsFile {
  const rows: RawHolding[] = [];
  const skipped: SkippedRow[] = [];
  const reader = createXmlHoldingsReader(file, { row: (r) => rows.push(r), skip: (r) => skipped.push(r) });
  reader.write(text);
  return { ...xmlStreamedFile(file, reader.end(), encoding, sha256), rows, skipped, lineCount: null };
}

/** Refuses text that is JSON, with a message saying what to do instead. */
export function checkText(file: string, text: string): void {
  // "[Positions export]" is a title, not JSON: only an array of values or an object with a key is.
  if (/^\s*(?:\[\s*[{["\d-]|\[\s*\]|\{\s*"|\{\s*\})/.test(text)) {
    throw new InputError('NOT_CSV', file, null, `${file} is JSON, not a CSV export`, { hint: 'export the holdings as CSV' });
  }
}

/** Parses text into records, each with the physical line it starts on and the lines it spans. */
export function parseRecords(text: string, delimiter: Delimiter, file = '<text>', undecodable = false): SourceRecord[] {
  const records: SourceRecord[] = [];
  const handler = createRecordHandler(
    file,
    delimiter,
    (r) => records.push(r),
    () => undecodable,
  );
  try {
    // Records go to the handler as they complete (and are not collected by csv-parse), so an error
    // names the line where the record in progress started: where a stray quote opened.
    parse(text, {
      ...csvOptions(delimiter),
      info: false,
      on_record: (cells: unknown) => {
        if (isCells(cells)) handler.record(cells);
        return null;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) throw csvSyntaxError(file, error, handler.nextLine());
    throw error;
  }
  return records;
}

/** A csv-parse record without columns or casting: an array of strings, checked without copying it. */
export function isCells(record: unknown): record is readonly string[] {
  return Array.isArray(record) && record.every((cell) => typeof cell === 'string');
}

/** Refuses what is not text a holdings reader can read: an empty file, a spreadsheet, binary bytes. */
export function checkBytes(file: string, head: Uint8Array, encoding: EncodingName): void {
  if (head.length === 0) throw new InputError('EMPTY_FILE', file, null, `${file} is empty`, { hint: 'export the holdings again' });
  // Workbooks are read by screen and inspect (stream.ts); --funds and funds import read text.
  const workbook = workbookKind(head);
  if (workbook !== null) throw refusedWorkbook(file, workbook, "a fund's holdings are read here from CSV");
  if (looksBinary(head, encoding)) {
    throw new InputError('BINARY_FILE', file, null, `${file} looks like a binary file, not a CSV export`, {
      hint: 'export the holdings as CSV',
    });
  }
}

/** Refuses a file in which no table of holdings was found, quoting its first line. */
export function checkHoldingsTable(file: string, summary: SegmentSummary, firstCells: readonly string[] | null): void {
  checkColumns(file, summary);
  if (summary.tables.some((t) => t.kind === 'holdings')) return;
  const seen =
    firstCells === null
      ? ''
      : ` (first line: ${firstCells
          .filter((c) => c.trim() !== '')
          .slice(0, 8)
          .join(', ')
          .slice(0, 200)})`;
  throw new InputError(
    'NO_HEADER',
    file,
    null,
    `${file}: no header row naming a security column was found${seen}; a column of names, symbols, codes, ISINs, CUSIPs or SEDOLs is all that is needed, alone or beside amounts, weights, other security columns or columns that describe them (sector, country)`,
    {
      hint: 'add a first line naming the column ("Name", "Ticker" or "ISIN"), or name the columns with --columns name=<header>',
    },
  );
}

/**
 * Decodes, sniffs and segments a holdings file already in memory, by the same steps as the streaming
 * reader (stream.ts): the encoding from all the bytes, records through the same record handler and
 * segmenter, the same checks. Pure: no I/O.
 */
export function readHoldingsBytes(file: string, bytes: Uint8Array, options: ReadOptions = {}): HoldingsFile {
  const { text: whole, encoding, clean } = decodeFile(bytes, options.encoding);
  checkBytes(file, bytes, encoding);
  const failed = !clean;
  const decoded = whole.replace(/^\uFEFF/, '');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (looksLikeXml(decoded)) return xmlHoldingsFile(file, decoded, encoding, sha256);
  checkText(file, decoded);
  const text = normalizeLineEndings(decoded);
  const delimiter = sniffDelimiter(text);
  const rows: RawHolding[] = [];
  const skipped: SkippedRow[] = [];
  const segmenter = createSegmenter(file, { row: (r) => rows.push(r), skip: (s) => skipped.push(s) }, options.columns);
  const records = parseRecords(text, delimiter, file, failed);
  for (const record of records) segmenter.push(record);
  const summary = segmenter.summary();
  checkHoldingsTable(file, summary, records.find((r) => r.cells.some((c) => c.trim() !== ''))?.cells ?? null);
  const last = records[records.length - 1];
  const counter = createLineCounter();
  counter.push(text);
  const lineCount = accountForTail(file, last === undefined ? 0 : last.line + (last.lines ?? 1) - 1, counter, (row) => skipped.push(row));
  return { ...summary, rows, skipped, file, encoding, delimiter, sha256, lineCount };
}

/** Reads a holdings file from disk, or from stdin when the path is "-". */
export function readHoldingsFile(path: string, options: ReadOptions = {}): HoldingsFile {
  let bytes: Uint8Array;
  try {
    bytes = path === '-' ? readFileSync(0) : readSideFile(path, 'fund');
  } catch (error) {
    if (error instanceof ScreenerError) throw error;
    throw fileError(path, error);
  }
  return readHoldingsBytes(holdingsName(path), bytes, options);
}

/** Refuses a file in which a header named with --columns is nowhere to be found, listing the headers it has. */
function checkColumns(
  file: string,
  summary: { readonly unmatchedColumns: readonly string[]; readonly tables: readonly { readonly headers: readonly string[] }[] },
): void {
  if (summary.unmatchedColumns.length === 0) return;
  const headers = [...new Set(summary.tables.flatMap((t) => t.headers).filter((h) => h.trim() !== ''))].slice(0, 20);
  throw new InputError(
    'COLUMN_NOT_FOUND',
    file,
    null,
    `${file}: --columns names ${summary.unmatchedColumns.map((c) => `"${c}"`).join(', ')}, which no header row has (headers: ${headers.join(', ')})`,
    {
      hint: 'use a header exactly as the file writes it',
    },
  );
}
