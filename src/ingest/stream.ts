// Reading a holdings file as a stream: constant memory whatever its size. Only this module and
// read.ts touch the file system or stdin.

import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse, CsvError } from 'csv-parse';
import { InputError } from '../errors.js';
import type { Concept } from '../model.js';
import { chooseEncoding, createChunkDecoder, createEncodingSniffer, type EncodingName } from './decode.js';
import { sniffDelimiter, type Delimiter } from './dialect.js';
import { checkBytes, checkHoldingsTable, checkText, csvOptions, isCells, looksLikeXml } from './read.js';
import { createXmlHoldingsReader, xmlStreamedFile } from './xml.js';
import { openHoldingsStream } from '../io/files.js';
import { accountForTail, createLineCounter, createRecordHandler, csvSyntaxError } from './records.js';
import { createSegmenter, type SegmentSink, type SegmentSummary } from './tables.js';

export interface StreamedFile extends SegmentSummary {
  readonly file: string;
  readonly encoding: EncodingName;
  readonly delimiter: Delimiter;
  readonly sha256: string;
  /** Physical lines of the file; null for XML. */
  readonly lineCount: number | null;
}

/** Bytes read before the encoding and the delimiter are decided. */
const HEAD_BYTES = 256 * 1024;

async function* chunksOf(stream: AsyncIterable<unknown>): AsyncGenerator<Uint8Array> {
  for await (const chunk of stream) {
    if (chunk instanceof Uint8Array) yield chunk;
    else if (typeof chunk === 'string') yield new TextEncoder().encode(chunk);
  }
}

function openBytes(path: string): AsyncGenerator<Uint8Array> {
  return chunksOf(openHoldingsStream(path));
}

/**
 * The encoding of a file on disk, from all its bytes (one quick pass before the parse), so that a
 * byte after the first 256 KB weighs as much as one before. stdin cannot be read twice: its head decides.
 */
async function fileEncoding(
  path: string,
  head: Uint8Array,
  forced: EncodingName | undefined,
  complete: boolean,
): Promise<{ encoding: EncodingName; bomLength: number }> {
  const sniffer = createEncodingSniffer();
  if (forced !== undefined || complete || path === '-') sniffer.push(head);
  else for await (const chunk of chunksOf(openHoldingsStream(path, 1 << 20))) sniffer.push(chunk);
  return chooseEncoding(sniffer.evidence(), forced);
}

/**
 * Streams a holdings file into `sink` (rows and skipped rows, in file order) and returns what was
 * learnt of the file. Rows whose bytes did not decode are screened and marked, so they are reported by line.
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
  const { encoding, bomLength } = await fileEncoding(path, head, options.encoding, done);
  checkBytes(file, head, encoding);
  const decode = createChunkDecoder(encoding);
  // The same bytes through a strict decoder tell real decoding failures from a U+FFFD the file
  // itself contains: only after a failure is a row with U+FFFD marked undecodable.
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
    // XML statements are streamed too: their rows are elements, not lines, given to the sink as each closes.
    const xml = createXmlHoldingsReader(file, sink);
    xml.write(headText);
    for await (const chunk of source) {
      hash.update(chunk);
      xml.write(toText(chunk, false));
    }
    xml.write(toText(new Uint8Array(0), true));
    return { ...xmlStreamedFile(file, xml.end(), encoding, hash.digest('hex')), lineCount: null };
  }
  checkText(file, headText);
  const delimiter = sniffDelimiter(headText);

  const segmenter = createSegmenter(file, sink, options.columns);
  const records = createRecordHandler(file, delimiter, segmenter.push, () => decodingFailed);
  // Records arrive as 'data' events, which a flowing parser emits synchronously and in order as each
  // record completes: nothing is buffered between the parser and the screener. Line numbers are
  // counted by the record handler rather than asked of csv-parse: its `info` and `on_record` build two
  // objects of fifteen fields for every record, which was a third of the time and most of the memory
  // of a bare parse (npm run bench).
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
    records.record(cells);
  });
  const lines = createLineCounter();
  async function* text(): AsyncGenerator<string> {
    lines.push(headText);
    yield headText;
    if (done) return;
    for await (const chunk of source) {
      hash.update(chunk);
      const next = toText(chunk, false);
      lines.push(next);
      yield next;
    }
    const rest = toText(new Uint8Array(0), true);
    lines.push(rest);
    yield rest;
  }
  try {
    await pipeline(Readable.from(text()), parser);
  } catch (error) {
    if (error instanceof CsvError) {
      // The record in progress started where its quote opened.
      throw csvSyntaxError(file, error, records.nextLine());
    }
    if (error instanceof InputError) throw error;
    throw new InputError('UNREADABLE', file, null, `${file} could not be read to the end`, { cause: error });
  }
  const lineCount = accountForTail(file, records.nextLine() - 1, lines, sink.skip);
  const summary = segmenter.summary();
  checkHoldingsTable(file, summary, records.firstCells());
  return { ...summary, file, encoding, delimiter, sha256: hash.digest('hex'), lineCount };
}
