// Reading a holdings file as a stream: constant memory whatever its size. Only this module and
// read.ts touch the file system or stdin.

import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse as parseSync } from 'csv-parse/sync';
import { InputError } from '../errors.js';
import type { Concept, RawHolding, ReaderChoice, ReaderReason, SheetInput, SkippedRow } from '../model.js';
import { chooseEncoding, createChunkDecoder, createEncodingSniffer, createUtf8Check, type EncodingName } from './decode.js';
import { sniffDelimiter, type Delimiter } from './dialect.js';
import { checkBytes, checkHoldingsTable, checkText, csvOptions, isCells, looksLikeXml } from './read.js';
import { createXmlHoldingsReader, xmlStreamedFile } from './xml.js';
import { holdingsName, openHoldingsStream } from '../io/files.js';
import { accountForTail, createLineCounter, createRecordHandler, csvSyntaxError } from './records.js';
import { createSegmenter, type PushOutcome, type SegmentSink, type SegmentSummary } from './tables.js';
import { createByteReader } from './byte-rows.js';
import {
  checkWorkbookSize,
  noHoldingsSheetText,
  readWorkbook,
  sheetInputName,
  refusedWorkbook,
  workbookKind,
  type WorkbookKind,
} from './xlsx.js';

export interface StreamedFile extends SegmentSummary {
  readonly file: string;
  readonly encoding: EncodingName;
  readonly delimiter: Delimiter;
  /** Absent when the run asked for none (hash: false). */
  readonly sha256?: string;
  /** Physical lines of the file; null for XML. */
  readonly lineCount: number | null;
  /** Which reader read the file, and why (null for XML). */
  readonly reader: ReaderChoice | null;
  /** The workbook and sheet, when the input is a sheet of a workbook. */
  readonly sheet?: SheetInput;
  /** The first line's non-empty cells, for a refusal to quote (absent for XML). */
  readonly firstCells?: readonly string[] | null;
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
): Promise<{ encoding: EncodingName; bomLength: number; utf8Errors: number }> {
  const sniffer = createEncodingSniffer();
  if (forced !== undefined || complete || path === '-') sniffer.push(head);
  else if (await wellFormedUtf8(path)) {
    // What the sniffer finds in every byte of well-formed UTF-8 (its UTF-8 is a lenient superset): no
    // error, and a UTF-8 BOM if the head starts with one, so UTF-8 is chosen; Node's native check read it.
    const bomLength = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
    const evidence = { bomLength, utf16: null, utf8Sequences: 0, utf8Errors: 0, gbkRuns: 0, latinRuns: 0 };
    return { ...chooseEncoding(evidence), utf8Errors: 0 };
  } else for await (const chunk of chunksOf(openHoldingsStream(path, 1 << 20))) sniffer.push(chunk);
  const evidence = sniffer.evidence();
  return { ...chooseEncoding(evidence, forced), utf8Errors: evidence.utf8Errors };
}

/** Whether all the bytes of a file on disk are well-formed UTF-8; stops at the first chunk that is not. */
async function wellFormedUtf8(path: string): Promise<boolean> {
  const check = createUtf8Check();
  for await (const chunk of chunksOf(openHoldingsStream(path, 1 << 20))) if (!check(chunk, false)) return false;
  return check(new Uint8Array(0), true);
}

/**
 * A workbook, read whole within its limits (ingest/xlsx.ts): each sheet that holds data read as the CSV
 * text of its rows, through the same reader as a CSV file, before any is screened, so a sheet that cannot
 * be read ends the run (exit 2, naming the sheet) before a part of the workbook is reported. A sheet with no
 * holdings table (a cover sheet, disclaimers) is an input too, its lines set aside with the reason, its
 * cells still searched; a workbook in which no sheet holds one is refused as a CSV file without one is.
 * Each input's checksum is of the workbook's bytes.
 */
async function workbookInputs(
  file: string,
  kind: WorkbookKind,
  head: Buffer,
  source: AsyncGenerator<Uint8Array> | null,
  options: Parameters<typeof streamHoldingsFile>[1],
): Promise<WorkbookInput[]> {
  const chunks: Uint8Array[] = [head];
  let length = head.length;
  if (source !== null) {
    for await (const chunk of source) {
      length += chunk.length;
      checkWorkbookSize(file, length);
      chunks.push(chunk);
    }
  }
  const bytes = Buffer.concat(chunks);
  const book = await readWorkbook(file, bytes, kind);
  const sha256 = options.hash === false ? undefined : createHash('sha256').update(bytes).digest('hex');
  const read: WorkbookInput[] = [];
  // Every sheet, an empty one too: none is left out unsaid.
  for (const sheet of book.sheets) {
    const name = sheetInputName(file, sheet.name);
    const rows: RawHolding[] = [];
    const skipped: SkippedRow[] = [];
    // The text is CSV as readWorkbook writes it: comma-separated whatever its cells hold, never sniffed (a
    // sheet of cells with semicolons or tabs would otherwise flip the dialect).
    const meta = await streamHoldingsFile(
      name,
      { ...options, encoding: 'utf-8', delimiter: ',', holdingsTable: 'optional' },
      { row: (r) => rows.push(r), skip: (s) => keepSkipped(skipped, s) },
      chunksOf(Readable.from([Buffer.from(sheet.text ?? '', 'utf8')])),
    );
    const holdingsTable = meta.tables.some((t) => t.kind === 'holdings');
    read.push({
      meta: {
        ...meta,
        // A date on a sheet of no holdings ("Performance as of Sep 30, 2020") is not the holdings' date: it takes the workbook's.
        ...(holdingsTable ? {} : { asOfText: null, asOfLine: null }),
        ...(sha256 === undefined ? {} : { sha256 }),
        sheet: { workbook: file, sheet: sheet.name, kind: book.kind, holdingsTable },
      },
      rows,
      // A sheet with no holdings table has no header: its lines, all before one, are the sheet's, not a title block.
      skipped: holdingsTable ? skipped : skipped.map((s) => (s.reason === 'preamble' ? { ...s, reason: 'no-holdings-sheet' } : s)),
      firstCells: meta.firstCells ?? null,
    });
  }
  const withTable = read.filter((r) => r.meta.sheet.holdingsTable);
  if (withTable.length === 0) {
    const [only, ...others] = read;
    // One sheet: refused as the CSV file it reads as would be, by its name; several: the workbook, naming them.
    if (only !== undefined && others.length === 0) checkHoldingsTable(only.meta.file, only.meta, only.firstCells);
    throw new InputError(
      'NO_HEADER',
      file,
      null,
      noHoldingsSheetText(
        file,
        read.map((r) => r.meta.sheet.sheet),
      ),
      {
        hint: 'name the columns with --columns name=<header>,value=<header>, or save the sheet of holdings as CSV',
      },
    );
  }
  // --columns names headers of the holdings sheets: one that none of them has is a mistake, as in a CSV file.
  for (const r of withTable) checkHoldingsTable(r.meta.file, r.meta, r.firstCells);
  return read;
}

/** A set-aside row kept until its sheet is screened; a run of blank lines as one entry, as the screen keeps it. */
function keepSkipped(skipped: SkippedRow[], row: SkippedRow): void {
  const previous = skipped[skipped.length - 1];
  if (row.reason === 'blank' && previous?.reason === 'blank' && previous.line + (previous.lines ?? 1) === row.line) {
    skipped[skipped.length - 1] = { ...previous, lines: (previous.lines ?? 1) + (row.lines ?? 1) };
    return;
  }
  skipped.push(row);
}

interface WorkbookInput {
  readonly meta: StreamedFile & { readonly sheet: SheetInput };
  readonly rows: readonly RawHolding[];
  readonly skipped: readonly SkippedRow[];
  readonly firstCells: readonly string[] | null;
}

/** The head of a source, enough to choose the encoding and the delimiter (or to know a workbook). */
async function readHead(source: AsyncGenerator<Uint8Array>): Promise<{ head: Buffer; done: boolean }> {
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
  return { head: Buffer.concat(headChunks), done };
}

/**
 * Streams each input a file holds: the file itself, or each sheet of a workbook that holds data (named
 * `book.xlsx[Sheet]`). `open` is asked for each input's sink before its rows arrive; each input's
 * summary is yielded once its rows are in, so the caller closes one input before the next is opened.
 */
export async function* streamHoldingsInputs(
  path: string,
  options: Parameters<typeof streamHoldingsFile>[1],
  open: (input: string) => SegmentSink,
): AsyncGenerator<StreamedFile> {
  const file = holdingsName(path);
  const source = openBytes(path);
  const { head, done } = await readHead(source);
  const kind = workbookKind(head);
  if (kind === null) {
    async function* all(): AsyncGenerator<Uint8Array> {
      yield head;
      if (!done) yield* source;
    }
    yield await streamHoldingsFile(path, options, open(file), all());
    return;
  }
  const inputs = await workbookInputs(file, kind, head, done ? null : source, options);
  if (inputs.length > 0) options.beforeRows?.();
  for (const input of inputs) {
    const sink = open(input.meta.file);
    for (const row of input.rows) sink.row(row);
    for (const row of input.skipped) sink.skip(row);
    yield input.meta;
  }
}

/**
 * Streams a holdings file into `sink` (rows and skipped rows, in file order) and returns what was
 * learnt of the file. Rows whose bytes did not decode are screened and marked, so they are reported by line.
 * A workbook is read here when it gives one input; one of several sheets is read by streamHoldingsInputs.
 */
export async function streamHoldingsFile(
  path: string,
  options: {
    readonly encoding?: EncodingName;
    readonly columns?: Readonly<Partial<Record<Concept, string>>>;
    /** csv-parse for the whole file, rather than the byte reader where it can (the readers' equivalence test). */
    readonly reader?: 'csv-parse';
    /** The delimiter, when the text's writer knows it (a workbook's sheet as CSV): not sniffed. */
    readonly delimiter?: Delimiter;
    /** `optional` for a workbook's sheet, which may hold no holdings table (the workbook's reader decides). */
    readonly holdingsTable?: 'optional';
    /** false: the file's SHA-256 is not taken (no report of the run shows it), and node:crypto not loaded. */
    readonly hash?: false;
    /**
     * Called when the file's reader is set up, before its first row: after the modules the reader needs
     * (node:crypto for the hash, zlib for a workbook, saxes for XML) are loaded (cli/compile-tuning.ts).
     */
    readonly beforeRows?: () => void;
  },
  sink: SegmentSink,
  /** The bytes, when they are not the file's own (a workbook's sheet as CSV). */
  bytes?: AsyncGenerator<Uint8Array>,
): Promise<StreamedFile> {
  const file = holdingsName(path);
  const source = bytes ?? openBytes(path);
  const hash = options.hash === false ? null : createHash('sha256');
  // The head: enough bytes to choose the encoding and the delimiter.
  const first = await readHead(source);
  const head = first.head;
  let done = first.done;
  const kind = workbookKind(head);
  if (kind !== null) {
    const inputs = await workbookInputs(file, kind, head, done ? null : source, options);
    const [only, ...others] = inputs;
    if (only === undefined || others.length > 0)
      throw refusedWorkbook(
        file,
        kind,
        `its sheets ${inputs.map((i) => `"${i.meta.sheet.sheet}"`).join(', ')} are read as inputs of their own`,
      );
    options.beforeRows?.();
    for (const row of only.rows) sink.row(row);
    for (const row of only.skipped) sink.skip(row);
    return only.meta;
  }
  const { encoding, bomLength, utf8Errors } = await fileEncoding(path, head, options.encoding, done);
  // An empty sheet is an input of no lines; an empty file is refused.
  if (options.holdingsTable !== 'optional' || head.length > 0) checkBytes(file, head, encoding);
  // The same bytes through a strict decoder tell real decoding failures from a U+FFFD the file
  // itself contains: only after a failure is a row with U+FFFD marked undecodable.
  const strict = encoding === 'windows-1252' || encoding === 'utf-8' ? null : new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  const utf8 = encoding === 'utf-8' ? createUtf8Check() : null;
  let decodingFailed = false;
  const checkStrict = (bytes: Uint8Array, final: boolean): void => {
    if (decodingFailed) return;
    if (utf8 !== null) {
      decodingFailed = !utf8(bytes, final);
      return;
    }
    if (strict === null) return;
    try {
      strict.decode(bytes, { stream: !final });
    } catch {
      decodingFailed = true;
    }
  };
  // Bytes to text from the start of a line; CRLF and lone CR become LF, across chunk boundaries too,
  // so line numbers count as an editor does.
  const textConverter = (): ((bytes: Uint8Array, final: boolean) => string) => {
    const decode = createChunkDecoder(encoding);
    let carry = '';
    return (bytes, final) => {
      let text = carry + decode(bytes, final);
      carry = '';
      if (!final && text.endsWith('\r')) {
        carry = '\r';
        text = text.slice(0, -1);
      }
      return text.replace(/\r\n?/g, '\n');
    };
  };
  const toText = textConverter();
  hash?.update(head);
  const body = head.subarray(bomLength);
  checkStrict(body, done);
  const headText = toText(body, done).replace(/^\uFEFF/, '');
  // The rest of the source, each chunk hashed and checked once, whichever reader reads it.
  async function* rest(): AsyncGenerator<Uint8Array> {
    if (done) return;
    for await (const chunk of source) {
      hash?.update(chunk);
      checkStrict(chunk, false);
      yield chunk;
    }
    checkStrict(new Uint8Array(0), true);
    done = true;
  }
  if (looksLikeXml(headText)) {
    // XML statements are streamed too: their rows are elements, not lines, given to the sink as each closes.
    const xml = createXmlHoldingsReader(file, sink);
    options.beforeRows?.();
    xml.write(headText);
    for await (const chunk of rest()) xml.write(toText(chunk, false));
    xml.write(toText(new Uint8Array(0), true));
    const { sha256, ...read } = xmlStreamedFile(file, xml.end(), encoding, hash?.digest('hex') ?? '');
    return { ...read, ...(hash === null ? {} : { sha256 }), lineCount: null, reader: null };
  }
  checkText(file, headText);
  const delimiter = options.delimiter ?? sniffDelimiter(headText);

  const segmenter = createSegmenter(file, sink, options.columns);
  options.beforeRows?.();
  // The byte reader asks the segmenter what each record did; csv-parse's records need not say.
  let pushed: PushOutcome = 'same';
  const records = createRecordHandler(
    file,
    delimiter,
    sink.verdict === undefined ? segmenter.push : (record) => (pushed = segmenter.pushObserved(record)),
    () => decodingFailed,
  );
  const lines = createLineCounter();
  // Records arrive as 'data' events, which a flowing parser emits synchronously and in order as each
  // record completes: nothing is buffered between the parser and the screener. Line numbers are
  // counted by the record handler rather than asked of csv-parse: its `info` and `on_record` build two
  // objects of fifteen fields for every record, which was a third of the time and most of the memory
  // of a bare parse (npm run bench).
  const parseTexts = async (texts: AsyncIterable<string>): Promise<void> => {
    // The streaming parser (and node:stream under it) only for a file the byte reader hands over.
    const { parse } = await import('csv-parse');
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
    await pipeline(Readable.from(texts), parser);
  };
  async function* texts(first: string, convert: (bytes: Uint8Array, final: boolean) => string): AsyncGenerator<string> {
    lines.push(first);
    yield first;
    if (done) return;
    for await (const chunk of rest()) {
      const next = convert(chunk, false);
      lines.push(next);
      yield next;
    }
    const last = convert(new Uint8Array(0), true);
    lines.push(last);
    yield last;
  }
  // Line ends the byte reader read; csv-parse's are counted by `lines`.
  let byteLines = 0;
  let reader: ReaderChoice;
  const whyNotBytes: ReaderReason | null =
    options.reader === 'csv-parse' ? 'asked' : encoding !== 'utf-8' ? 'encoding' : utf8Errors > 0 || decodingFailed ? 'undecodable' : null;
  try {
    if (whyNotBytes !== null) {
      reader = { kind: 'csv-parse', reason: whyNotBytes, csvParseFrom: 1 };
      await parseTexts(texts(headText, toText));
    } else {
      const bytes = createByteReader(delimiter, {
        records,
        segmenter,
        pushed: () => pushed,
        sink,
        parseLine: (line) => {
          try {
            const parsed: unknown = parseSync(line, { ...csvOptions(delimiter), info: false });
            return Array.isArray(parsed) && parsed.every(isCells) ? parsed : null;
          } catch {
            return null;
          }
        },
      });
      // The head without its BOM (and a second one, as the text's is dropped above).
      let left: Buffer = Buffer.from(body.subarray(body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? 3 : 0));
      let stop: ReaderReason | null = null;
      const readLeft = (final: boolean): void => {
        const read = bytes.read(left, final);
        byteLines += read.lines;
        stop = read.stop;
        left = left.subarray(read.end);
      };
      readLeft(done);
      if (stop === null && !done) {
        const chunks = rest();
        for (;;) {
          const next = await chunks.next();
          if (decodingFailed) {
            // Bytes that do not decode: csv-parse reads from here, as it reads such files.
            stop = 'undecodable';
            if (next.done !== true) left = Buffer.concat([left, next.value]);
            break;
          }
          if (next.done === true) {
            readLeft(true);
            break;
          }
          left = left.length === 0 ? Buffer.from(next.value) : Buffer.concat([left, next.value]);
          readLeft(false);
          if (stop !== null) break;
        }
      }
      // What the byte reader left (the line it stopped at and all after it, or a last line without a
      // line end) is csv-parse's, read from the start of a record.
      const from = records.nextLine();
      const handedOver: ReaderReason | null = stop;
      reader = { kind: 'bytes', reason: handedOver, csvParseFrom: left.length > 0 || handedOver !== null ? from : null };
      if (left.length > 0 || handedOver !== null) {
        const convert = textConverter();
        await parseTexts(texts(convert(left, done), convert));
      }
    }
  } catch (error) {
    if (error instanceof CsvError) {
      // The record in progress started where its quote opened.
      throw csvSyntaxError(file, error, records.nextLine());
    }
    if (error instanceof InputError) throw error;
    throw new InputError('UNREADABLE', file, null, `${file} could not be read to the end`, { cause: error });
  }
  const lineCount = accountForTail(
    file,
    records.nextLine() - 1,
    { total: () => byteLines + lines.total(), lastLine: () => lines.lastLine() },
    sink.skip,
  );
  const summary = segmenter.summary();
  const firstCells = records.firstCells();
  if (options.holdingsTable !== 'optional') checkHoldingsTable(file, summary, firstCells);
  return { ...summary, file, encoding, delimiter, ...(hash === null ? {} : { sha256: hash.digest('hex') }), lineCount, reader, firstCells };
}
