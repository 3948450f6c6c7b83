// Reading a holdings file as a stream: constant memory whatever its size. Only this module and
// read.ts touch the file system or stdin.

import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse, CsvError } from 'csv-parse';
import { InputError } from '../errors.js';
import type { Concept } from '../model.js';
import { createChunkDecoder, detectEncoding, looksBinary, type EncodingName } from './decode.js';
import { sniffDelimiter, type Delimiter } from './dialect.js';
import { checkColumns, checkText, csvOptions, looksLikeXml, xmlHoldingsFile, ZIP_MAGIC } from './read.js';
import { createSegmenter, type SegmentSink, type SegmentSummary } from './tables.js';

export interface StreamedFile extends SegmentSummary {
  readonly file: string;
  readonly encoding: EncodingName;
  readonly delimiter: Delimiter;
  readonly sha256: string;
}

/** Bytes read before the encoding and the delimiter are decided. */
const HEAD_BYTES = 256 * 1024;

async function* chunksOf(stream: AsyncIterable<unknown>): AsyncGenerator<Uint8Array> {
  for await (const chunk of stream) {
    if (chunk instanceof Uint8Array) yield chunk;
    else if (typeof chunk === 'string') yield new TextEncoder().encode(chunk);
  }
}

/** A csv-parse record without columns or casting: an array of strings, checked without copying it. */
function isCells(record: unknown): record is readonly string[] {
  return Array.isArray(record) && record.every((cell) => typeof cell === 'string');
}

function openBytes(path: string): AsyncGenerator<Uint8Array> {
  if (path === '-') return chunksOf(process.stdin);
  try {
    if (statSync(path).isDirectory()) throw new InputError('IS_DIRECTORY', path, null, `${path} is a directory`, { hint: 'give the path of a CSV file' });
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'cannot be read (permission denied)' : 'cannot be read';
    throw new InputError('UNREADABLE', path, null, `${path} ${why}`, { hint: 'check the path', cause: error });
  }
  return chunksOf(createReadStream(path, { highWaterMark: 1 << 16 }));
}

/**
 * Streams a holdings file into `sink` (rows and skipped rows, in file order) and returns what was
 * learnt of the file. Rows whose bytes did not decode are reported as skipped, never screened.
 */
export async function streamHoldingsFile(
  path: string,
  options: { readonly encoding?: EncodingName; readonly columns?: Readonly<Partial<Record<Concept, string>>> },
  sink: SegmentSink,
): Promise<StreamedFile> {
  const file = path === '-' ? '<stdin>' : path;
  const source = openBytes(path);
  const hash = createHash('sha256');
  // The head: enough bytes to choose the encoding and the delimiter.
  const headChunks: Uint8Array[] = [];
  let headLength = 0;
  let done = false;
  while (headLength < HEAD_BYTES) {
    const next = await source.next();
    if (next.done === true) {
      done = true;
      break;
    }
    headChunks.push(next.value);
    headLength += next.value.length;
  }
  const head = Buffer.concat(headChunks);
  if (head.length === 0) throw new InputError('EMPTY_FILE', file, null, `${file} is empty`, { hint: 'export the holdings again' });
  if (ZIP_MAGIC.every((b, i) => head[i] === b)) {
    throw new InputError('XLSX_NOT_SUPPORTED', file, null, `${file} is a spreadsheet (XLSX/ZIP), not a CSV file`, { hint: 'open it in a spreadsheet program and save it as CSV' });
  }
  const { encoding, bomLength } = detectEncoding(head, options.encoding);
  if (looksBinary(head, encoding)) throw new InputError('BINARY_FILE', file, null, `${file} looks like a binary file, not a CSV export`, { hint: 'export the holdings as CSV' });
  const decode = createChunkDecoder(encoding);
  // The same bytes through a strict decoder tell real decoding failures from a U+FFFD the file
  // itself contains: only after a failure is a row with U+FFFD set aside as undecodable.
  const strict = encoding === 'windows-1252' ? null : new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  let decodingFailed = false;
  const checkStrict = (bytes: Uint8Array, final: boolean): void => {
    if (strict === null || decodingFailed) return;
    try {
      strict.decode(bytes, { stream: !final });
    } catch {
      decodingFailed = true;
    }
  };
  let carry = '';
  // CRLF and lone CR become LF, across chunk boundaries too, so line numbers count as an editor does.
  const toText = (bytes: Uint8Array, final: boolean): string => {
    checkStrict(bytes, final);
    let text = carry + decode(bytes, final);
    carry = '';
    if (!final && text.endsWith('\r')) {
      carry = '\r';
      text = text.slice(0, -1);
    }
    return text.replace(/\r\n?/g, '\n');
  };
  hash.update(head);
  const headText = toText(head.subarray(bomLength), done).replace(/^\uFEFF/, '');
  if (looksLikeXml(headText)) {
    // XML statements are read whole: their rows are elements, not lines, and the files are small.
    let text = headText;
    for await (const chunk of source) {
      hash.update(chunk);
      text += toText(chunk, false);
    }
    text += toText(new Uint8Array(0), true);
    const xml = xmlHoldingsFile(file, text, encoding, hash.digest('hex'));
    for (const row of xml.rows) sink.row(row);
    for (const row of xml.skipped) sink.skip(row);
    return xml;
  }
  checkText(file, headText);
  const delimiter = sniffDelimiter(headText);

  const segmenter = createSegmenter(file, sink, options.columns);
  // Records arrive as 'data' events, which a flowing parser emits synchronously and in order as each
  // record completes: nothing is buffered between the parser and the screener. Line numbers are
  // counted here rather than asked of csv-parse: its `info` and `on_record` build two objects of
  // fifteen fields for every record, which was a third of the time and most of the memory of a bare
  // parse (npm run bench). Line ends are LF by now, and a record spans one line plus the line ends
  // quoted inside its cells; blank lines are records too (skip_empty_lines: false).
  let nextLine = 1;
  const first: { cells: readonly string[] | null } = { cells: null };
  const parser = parse({ ...csvOptions(delimiter), info: false });
  // csv-parse builds a full error object for every record whose width differs from the FIRST
  // record's, relax_column_count or not; exports open with a one-cell title, so every row paid for
  // one. Expecting each record's width from the one before keeps that cost to table boundaries. It
  // reaches into the parser's state: the stream equivalence test (test/ingest/stream.test.ts) and
  // npm run bench guard it across csv-parse versions.
  const state: unknown = Reflect.get(parser, 'state');
  parser.on('data', (cells: unknown) => {
    if (!isCells(cells)) return;
    if (typeof state === 'object' && state !== null) Reflect.set(state, 'expectedRecordLength', cells.length);
    const line = nextLine;
    nextLine += 1;
    for (const cell of cells) {
      for (let at = cell.indexOf('\n'); at !== -1; at = cell.indexOf('\n', at + 1)) nextLine++;
    }
    if (first.cells === null && cells.some((c) => c.trim() !== '')) first.cells = cells;
    if (decodingFailed && cells.some((c) => c.includes('\uFFFD'))) {
      sink.skip({ file, line, reason: 'undecodable', text: cells.join(' ').slice(0, 120), value: null });
      return;
    }
    segmenter.push({ line, cells });
  });
  async function* text(): AsyncGenerator<string> {
    yield headText;
    if (done) return;
    for await (const chunk of source) {
      hash.update(chunk);
      yield toText(chunk, false);
    }
    yield toText(new Uint8Array(0), true);
  }
  try {
    await pipeline(Readable.from(text()), parser);
  } catch (error) {
    if (error instanceof CsvError) {
      const line = error.code === 'CSV_QUOTE_NOT_CLOSED' ? nextLine : typeof error.lines === 'number' ? error.lines : null;
      throw new InputError('CSV_SYNTAX', file, line, `${file}${line === null ? '' : `:${line}`}: ${error.message}`, {
        hint: 'check for an unclosed quote near that line',
        cause: error,
      });
    }
    if (error instanceof InputError) throw error;
    throw new InputError('UNREADABLE', file, null, `${file} could not be read to the end`, { cause: error });
  }
  const summary = segmenter.summary();
  checkColumns(file, summary);
  if (summary.tables.every((t) => t.kind !== 'holdings')) {
    const seen = first.cells === null ? '' : ` (first line: ${first.cells.filter((c) => c.trim() !== '').slice(0, 8).join(', ')})`;
    throw new InputError('NO_HEADER', file, null, `${file}: no header row with a security column (name, symbol, ISIN, CUSIP or SEDOL) and an amount column was found${seen}`, {
      hint: 'name the columns with --columns name=<header>,value=<header>',
    });
  }
  return { ...summary, file, encoding, delimiter, sha256: hash.digest('hex') };
}
