// The only module of ingest that touches the file system or stdin.

import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { CsvError } from 'csv-parse';
import { InputError } from '../errors.js';
import type { Concept } from '../model.js';
import { decodeBytes, looksBinary, type EncodingName } from './decode.js';
import { normalizeLineEndings, sniffDelimiter, type Delimiter } from './dialect.js';
import { segmentRecords, type Segmented, type SourceRecord } from './tables.js';
import { readXmlHoldings } from './xml.js';

export interface ReadOptions {
  readonly encoding?: EncodingName;
  readonly columns?: Readonly<Partial<Record<Concept, string>>>;
}

export interface HoldingsFile extends Segmented {
  readonly file: string;
  readonly encoding: EncodingName;
  readonly delimiter: Delimiter;
  /** SHA-256 of the file's bytes, so a report can say exactly which file it used. */
  readonly sha256: string;
}

export const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

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

/** A csv-parse `{ record, info }` item as cells and the line it ends on; null for anything else. */
export function recordOf(item: unknown): { readonly cells: string[]; readonly endLine: number } | null {
  if (typeof item !== 'object' || item === null || !('record' in item) || !('info' in item)) return null;
  const { record, info } = item;
  if (!Array.isArray(record) || typeof info !== 'object' || info === null || !('lines' in info) || typeof info.lines !== 'number') return null;
  return { cells: record.map(String), endLine: info.lines };
}

/** Whether a text is XML (the SEC's files start with a newline before the declaration). */
export function looksLikeXml(text: string): boolean {
  return /^\s*<(?:\?xml|[A-Za-z!])/.test(text);
}

/**
 * The holdings of an XML statement (IBKR Flex, SEC 13F information table, N-PORT) as a HoldingsFile;
 * any other XML is refused with what to do instead.
 */
export function xmlHoldingsFile(file: string, text: string, encoding: EncodingName, sha256: string): HoldingsFile {
  const xml = readXmlHoldings(file, text);
  if (xml === null) {
    throw new InputError('NOT_CSV', file, null, `${file} is XML of a kind not read (IBKR Flex, SEC 13F and N-PORT are)`, {
      hint: 'export the positions as CSV',
    });
  }
  const firstLine = xml.rows[0]?.line ?? 1;
  return {
    file,
    encoding,
    delimiter: ',',
    sha256,
    tables: [{ headerLine: firstLine, kind: 'holdings', headers: [xml.kind], columns: {}, context: null }],
    rows: xml.rows,
    skipped: xml.skipped,
    asOfText: xml.asOfText,
    preambleLines: 0,
    titles: xml.titles,
    unmatchedColumns: [],
  };
}

/** Refuses text that is JSON, with a message saying what to do instead. */
export function checkText(file: string, text: string): void {
  // "[Positions export]" is a title, not JSON: only an array of values or an object with a key is.
  if (/^\s*(?:\[\s*[{["\d-]|\[\s*\]|\{\s*"|\{\s*\})/.test(text)) {
    throw new InputError('NOT_CSV', file, null, `${file} is JSON, not a CSV export`, { hint: 'export the holdings as CSV' });
  }
}

/** The line where a quoted field opens and never closes, by the RFC 4180 rules the parser applies. */
export function findUnclosedQuote(text: string, delimiter: Delimiter): number | null {
  let line = 1;
  let openedAt: number | null = null;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (openedAt !== null) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else openedAt = null;
      } else if (ch === '\n') line++;
      continue;
    }
    if (ch === '"' && fieldStart) {
      openedAt = line;
      fieldStart = false;
    } else if (ch === '\n') {
      line++;
      fieldStart = true;
    } else if (ch === delimiter) {
      fieldStart = true;
    } else if (ch !== ' ' && ch !== '\t') {
      fieldStart = false;
    }
  }
  return openedAt;
}

/** Parses text into records, each with the physical line it starts on. */
export function parseRecords(text: string, delimiter: Delimiter): SourceRecord[] {
  const parsed: unknown = parse(text, csvOptions(delimiter));
  const records: SourceRecord[] = [];
  let previousEnd = 0;
  if (!Array.isArray(parsed)) return records;
  for (const item of parsed) {
    const rec = recordOf(item);
    if (rec === null) continue;
    records.push({ line: previousEnd + 1, cells: rec.cells });
    previousEnd = rec.endLine;
  }
  return records;
}

/** Decodes, sniffs and segments a holdings file already in memory. Pure: no I/O. */
export function readHoldingsBytes(file: string, bytes: Uint8Array, options: ReadOptions = {}): HoldingsFile {
  if (bytes.length === 0) {
    throw new InputError('EMPTY_FILE', file, null, `${file} is empty`, { hint: 'export the holdings again' });
  }
  if (ZIP_MAGIC.every((b, i) => bytes[i] === b)) {
    throw new InputError('XLSX_NOT_SUPPORTED', file, null, `${file} is a spreadsheet (XLSX/ZIP), not a CSV file`, {
      hint: 'open it in a spreadsheet program and save it as CSV',
    });
  }
  const decoded = decodeBytes(bytes, options.encoding);
  if (decoded === null) {
    throw new InputError('UNDECODABLE', file, null, `${file} is not valid ${options.encoding ?? 'text'}`, {
      hint: 'try another --encoding (utf-8, utf-16le, gb18030, windows-1252)',
    });
  }
  if (looksBinary(bytes, decoded.encoding)) {
    throw new InputError('BINARY_FILE', file, null, `${file} looks like a binary file, not a CSV export`, {
      hint: 'export the holdings as CSV',
    });
  }
  const trimmed = decoded.text.replace(/^\uFEFF/, '');
  if (looksLikeXml(trimmed)) return xmlHoldingsFile(file, trimmed, decoded.encoding, createHash('sha256').update(bytes).digest('hex'));
  checkText(file, trimmed);
  const text = normalizeLineEndings(trimmed);
  const delimiter = sniffDelimiter(text);
  let records: SourceRecord[];
  try {
    records = parseRecords(text, delimiter);
  } catch (error) {
    if (error instanceof CsvError) {
      const line = error.code === 'CSV_QUOTE_NOT_CLOSED' ? findUnclosedQuote(text, delimiter) : typeof error.lines === 'number' ? error.lines : null;
      throw new InputError('CSV_SYNTAX', file, line, `${file}${line === null ? '' : `:${line}`}: ${error.message}`, {
        hint: 'check for an unclosed quote near that line',
        cause: error,
      });
    }
    throw error;
  }
  const segmented = segmentRecords(file, records, options.columns);
  checkColumns(file, segmented);
  if (segmented.tables.every((t) => t.kind !== 'holdings')) {
    const firstRow = records.find((r) => r.cells.some((c) => c.trim() !== ''));
    const seen = firstRow === undefined ? '' : ` (first line: ${firstRow.cells.filter((c) => c.trim() !== '').slice(0, 8).join(', ')})`;
    throw new InputError('NO_HEADER', file, null, `${file}: no header row with a security column (name, symbol, ISIN, CUSIP or SEDOL) and an amount column was found${seen}`, {
      hint: 'name the columns with --columns name=<header>,value=<header>',
    });
  }
  return { ...segmented, file, encoding: decoded.encoding, delimiter, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Reads a holdings file from disk, or from stdin when the path is "-". */
export function readHoldingsFile(path: string, options: ReadOptions = {}): HoldingsFile {
  let bytes: Uint8Array;
  try {
    if (path !== '-' && statSync(path).isDirectory()) {
      throw new InputError('IS_DIRECTORY', path, null, `${path} is a directory`, { hint: 'give the path of a CSV file' });
    }
    bytes = readFileSync(path === '-' ? 0 : path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'cannot be read (permission denied)' : 'cannot be read';
    throw new InputError('UNREADABLE', path, null, `${path} ${why}`, { hint: 'check the path', cause: error });
  }
  return readHoldingsBytes(path === '-' ? '<stdin>' : path, bytes, options);
}

/** Files in a folder, sorted; used for --funds DIR. */
export function listFolder(path: string): string[] | null {
  try {
    if (!statSync(path).isDirectory()) return null;
  } catch {
    return null;
  }
  return readdirSync(path).sort();
}

/** Refuses a file in which a header named with --columns is nowhere to be found, listing the headers it has. */
export function checkColumns(file: string, summary: { readonly unmatchedColumns: readonly string[]; readonly tables: readonly { readonly headers: readonly string[] }[] }): void {
  if (summary.unmatchedColumns.length === 0) return;
  const headers = [...new Set(summary.tables.flatMap((t) => t.headers).filter((h) => h.trim() !== ''))].slice(0, 20);
  throw new InputError('COLUMN_NOT_FOUND', file, null, `${file}: --columns names ${summary.unmatchedColumns.map((c) => `"${c}"`).join(', ')}, which no header row has (headers: ${headers.join(', ')})`, {
    hint: 'use a header exactly as the file writes it',
  });
}
