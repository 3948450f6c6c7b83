// Workbooks (XLSX, and Excel 2003's SpreadsheetML) as the CSV text the table reader already reads: each
// sheet one text, row N of the sheet on line N, so a workbook and its CSV twin give the same findings, the
// same skipped rows and the same line numbers. The one owner of "is this a workbook, and of which kind".
// Nothing reaches SheetJS unmeasured: the packed size, the declared sizes, each entry inflated with a cap,
// the cells counted by the XML's own cell elements, and SheetJS given a zip of exactly the parts measured.

import { inflateRawSync } from 'node:zlib';
import { InputError } from '../errors.js';

/** A workbook larger than this, packed, is no holdings listing (SSGA's daily files are ~100 kB). */
const MAX_XLSX_PACKED_BYTES = 32 * 1024 * 1024;
/** All entries together, inflated. */
const MAX_XLSX_INFLATED_BYTES = 64 * 1024 * 1024;
/** Cells of all the sheets, empty ones written out included (a listing of 10,000 rows has ~200,000). */
const MAX_XLSX_CELLS = 500_000;
/**
 * Cell places the sheets' texts write, the empty ones before a cell and each row included: a cell at
 * XFD1048576 is one cell but a million lines of 16,384 places, which the cell count alone would let through.
 */
const MAX_XLSX_PLACES = 2_000_000;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** An OLE2 compound file: Excel 97-2003's BIFF .xls, or a password-protected (encrypted) XLSX. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** What kind of workbook a file's first bytes are, whatever the file is called; null for anything else. */
export type WorkbookKind = 'xlsx' | 'spreadsheetml' | 'ole';

/** The one owner of workbook detection: every reader (screen, inspect, --funds, funds import) asks it. */
export function workbookKind(head: Uint8Array): WorkbookKind | null {
  if (ZIP_MAGIC.every((b, i) => head[i] === b)) return 'xlsx';
  if (OLE_MAGIC.every((b, i) => head[i] === b)) return 'ole';
  // SpreadsheetML 2003 (custodians' and iShares' ".xls" downloads): an XML document whose root is an
  // Excel Workbook. Its namespace, near the start, in ASCII as UTF-8 and windows-1252 write it.
  const text = Buffer.from(head.subarray(0, 4096)).toString('latin1');
  if (/^(?:\xEF\xBB\xBF)?\s*<\?xml/.test(text) && /<(?:\w+:)?Workbook\b[^>]*urn:schemas-microsoft-com:office:spreadsheet/.test(text))
    return 'spreadsheetml';
  return null;
}

/** Refuses a workbook by its packed size, as its bytes arrive: a larger one is not read to its end. */
export function checkWorkbookSize(file: string, bytes: number): void {
  if (bytes > MAX_XLSX_PACKED_BYTES) throw tooLarge(file, `it is more than ${MAX_XLSX_PACKED_BYTES / 1048576} MB packed`);
}

interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly declaredSize: number;
  readonly localOffset: number;
}

function tooLarge(file: string, what: string): InputError {
  return new InputError('XLSX_TOO_LARGE', file, null, `${file}: ${what}; no holdings listing is that large, so it was not opened`, {
    hint: 'if it is a real listing, save the sheet of holdings as CSV and screen that',
  });
}

function unreadable(file: string, why: string): InputError {
  return new InputError('XLSX_UNREADABLE', file, null, `${file} opens as a zip archive but is not a workbook that can be read: ${why}`, {
    hint: 'open it in a spreadsheet program and save the sheet of holdings as CSV',
  });
}

/** The zip's central directory: each entry's name, method and sizes, as the archive declares them. */
function zipEntries(file: string, bytes: Buffer): ZipEntry[] {
  // The end-of-central-directory record: in the last 64 kB + 22 bytes (its comment is at most 64 kB).
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw unreadable(file, 'it has no zip directory (cut short?)');
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) throw unreadable(file, 'its zip directory is damaged');
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    entries.push({
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      declaredSize: bytes.readUInt32LE(at + 24),
      localOffset: bytes.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Inflates every entry with a budget, so a lying size cannot take more than the budget: the entries' real texts. */
function inflateEntries(file: string, bytes: Buffer, entries: readonly ZipEntry[]): Map<string, Buffer> {
  const declared = entries.reduce((sum, e) => sum + e.declaredSize, 0);
  if (declared > MAX_XLSX_INFLATED_BYTES) throw tooLarge(file, `its parts declare ${Math.round(declared / 1048576)} MB unpacked`);
  let budget = MAX_XLSX_INFLATED_BYTES;
  const out = new Map<string, Buffer>();
  for (const e of entries) {
    if (e.localOffset + 30 > bytes.length || bytes.readUInt32LE(e.localOffset) !== 0x04034b50)
      throw unreadable(file, `${e.name} is damaged`);
    const start = e.localOffset + 30 + bytes.readUInt16LE(e.localOffset + 26) + bytes.readUInt16LE(e.localOffset + 28);
    const packed = bytes.subarray(start, start + e.compressedSize);
    let data: Buffer;
    if (e.method === 0) data = packed;
    else if (e.method === 8) {
      try {
        data = inflateRawSync(packed, { maxOutputLength: Math.max(1, budget) });
      } catch (error) {
        if (error instanceof RangeError) throw tooLarge(file, `its parts unpack to more than ${MAX_XLSX_INFLATED_BYTES / 1048576} MB`);
        throw unreadable(file, `${e.name} does not inflate`);
      }
    } else throw unreadable(file, `${e.name} is packed with method ${e.method}`);
    budget -= data.length;
    if (budget < 0) throw tooLarge(file, `its parts unpack to more than ${MAX_XLSX_INFLATED_BYTES / 1048576} MB`);
    out.set(e.name, data);
  }
  return out;
}

/** What a sheet's XML holds, counted from its own elements before any parser reads it. */
interface SheetMeasure {
  /** Cell elements, empty ones included. */
  readonly cells: number;
  /** The last row it reaches: the highest row number its rows and cells name, or their count where they name none. */
  readonly lastRow: number;
  /** The cell places its rows span, up to each row's last cell (as its CSV text would write them). */
  readonly places: number;
}

/** "XFD" → 16384: a column's letters as its number from 1. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

const XLSX_TAGS = /<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^>]*)/g;
const XML_2003_TAGS = /<(?:[A-Za-z_][\w.-]*:)?(Row|Cell)(?=[\s/>])([^>]*)/g;

/**
 * Measures the cell and row elements of an XML text without parsing it: `<c>` and `<row>` (XLSX) or
 * `<Cell>` and `<Row>` (SpreadsheetML), with or without a namespace prefix. Tags only: text and attribute
 * values cannot hold a `<`, so each match is an element. A `<dimension>` is not read: it may say anything.
 */
function measureSheet(text: string, kind: 'xlsx' | 'spreadsheetml'): SheetMeasure {
  const tags = kind === 'xlsx' ? XLSX_TAGS : XML_2003_TAGS;
  tags.lastIndex = 0;
  let cells = 0;
  let row = 0;
  let lastRow = 0;
  let column = 0;
  let width = 0;
  let places = 0;
  for (let m = tags.exec(text); m !== null; m = tags.exec(text)) {
    const attributes = m[2] ?? '';
    if (m[1] === 'c' || m[1] === 'Cell') {
      cells++;
      // An XLSX cell names its place ("XFD1048576"); a SpreadsheetML cell its column (ss:Index); else it is the next.
      const at =
        kind === 'xlsx'
          ? /\sr\s*=\s*["']([A-Za-z]{1,3})(\d+)["']/.exec(attributes)
          : /\s(?:[\w.-]+:)?Index\s*=\s*["'](\d+)["']/.exec(attributes);
      if (at === null) column++;
      else if (kind === 'xlsx') {
        column = columnNumber(at[1] ?? '');
        lastRow = Math.max(lastRow, Number(at[2]));
      } else column = Number(at[1]);
      width = Math.max(width, column);
      continue;
    }
    // A new row: the last one's places are in.
    places += width;
    column = 0;
    width = 0;
    const named =
      kind === 'xlsx' ? /\sr\s*=\s*["'](\d+)["']/.exec(attributes) : /\s(?:[\w.-]+:)?Index\s*=\s*["'](\d+)["']/.exec(attributes);
    row = named === null ? row + 1 : Number(named[1]);
    lastRow = Math.max(lastRow, row);
  }
  return { cells, lastRow, places: places + width };
}

/** Refuses a workbook whose sheets hold or reach too far, from their measures, before any parser reads them. */
function checkMeasures(file: string, measures: readonly SheetMeasure[]): void {
  const cells = measures.reduce((sum, m) => sum + m.cells, 0);
  if (cells > MAX_XLSX_CELLS)
    throw tooLarge(
      file,
      `its sheets have ${cells.toLocaleString('en-US')} cells (at most ${MAX_XLSX_CELLS.toLocaleString('en-US')} are read)`,
    );
  // Rows beyond the last with a cell are lines too (row N is line N): a sheet may not reach further than cells could fill.
  const rows = measures.reduce((sum, m) => sum + m.lastRow, 0);
  if (rows > MAX_XLSX_CELLS)
    throw tooLarge(
      file,
      `its sheets reach row ${rows.toLocaleString('en-US')} (at most ${MAX_XLSX_CELLS.toLocaleString('en-US')} rows are read)`,
    );
  const places = measures.reduce((sum, m) => sum + m.places, 0) + rows;
  if (places > MAX_XLSX_PLACES) throw tooFar(file);
}

function tooFar(file: string): InputError {
  return tooLarge(file, `its sheets span more than ${MAX_XLSX_PLACES.toLocaleString('en-US')} cell places (each row up to its last cell)`);
}

/** CRC-32 (zip's), computed here: node:zlib has crc32 only from Node 20.15. */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A zip archive of the parts, stored (not deflated): what SheetJS reads is exactly what was measured. */
function storedZip(parts: ReadonlyMap<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [entry, data] of parts) {
    const name = Buffer.from(entry, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.size, 8);
  end.writeUInt16LE(parts.size, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A cell as CSV writes it: quoted when it must be, a line break inside a cell turned to a space (one row, one line). */
function csvCell(text: string): string {
  const flat = text.replace(/\r\n?|\n/g, ' ');
  return /[",]|^\s|\s$/.test(flat) ? `"${flat.replace(/"/g, '""')}"` : flat;
}

export interface WorkbookSheet {
  /** The sheet's name, as the workbook's tabs show it. */
  readonly name: string;
  /** Its rows as CSV, row N of the sheet on line N; null when no cell of it holds anything. */
  readonly text: string | null;
}

export interface Workbook {
  readonly kind: Exclude<WorkbookKind, 'ole'>;
  /** Every sheet, in the workbook's order. */
  readonly sheets: readonly WorkbookSheet[];
}

/** A value as a reader of the sheet sees it: numbers in full (a percentage as one), dates as ISO dates, text as it is. */
function cellText(cell: { t: string; v?: unknown; w?: string | undefined; z?: unknown }): string {
  const value = cell.v;
  if (cell.t === 'd' && value instanceof Date) return value.toISOString().slice(0, 10);
  if (cell.t === 'n' && typeof value === 'number') {
    if (typeof cell.z === 'string' && cell.z.includes('%')) return `${Number((value * 100).toPrecision(12))}%`;
    return String(value);
  }
  if (cell.t === 'b') return value === true ? 'TRUE' : 'FALSE';
  if (cell.t === 'e') return cell.w ?? '';
  return typeof value === 'string' ? value : (cell.w ?? '');
}

type Cell = Parameters<typeof cellText>[0];

/**
 * A sheet's rows as CSV lines. The rows are sparse (SheetJS leaves out rows and cells the sheet leaves
 * out): only the cells present are visited, and the places written (empty cells before a cell, and each
 * row) are counted against a budget shared by the workbook's sheets, so a far cell cannot make a huge text.
 */
function sheetLines(
  file: string,
  rows: readonly (readonly (Cell | null | undefined)[] | null | undefined)[],
  budget: { places: number },
): string | null {
  const lines: string[] = new Array<string>(rows.length).fill('');
  let any = false;
  rows.forEach((row, r) => {
    // SheetJS leaves holes, and null where a SpreadsheetML cell skips columns (ss:Index).
    if (row === undefined || row === null) return;
    const cells: string[] = [];
    let width = 0;
    row.forEach((cell, c) => {
      if (cell === undefined || cell === null) return;
      const text = cellText(cell);
      if (text === '') return;
      cells[c] = csvCell(text);
      width = c + 1;
    });
    if (width === 0) return;
    any = true;
    budget.places -= width;
    if (budget.places < 0) throw tooFar(file);
    lines[r] = Array.from({ length: width }, (_, c) => cells[c] ?? '').join(',');
  });
  budget.places -= rows.length;
  if (budget.places < 0) throw tooFar(file);
  return any ? `${lines.join('\n')}\n` : null;
}

/** The parts of an XLSX, measured: every entry inflated within the budget, its cells counted. */
function measuredXlsx(file: string, bytes: Buffer): Buffer {
  checkWorkbookSize(file, bytes.length);
  const entries = zipEntries(file, bytes);
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) throw unreadable(file, 'it has no xl/workbook.xml (is it an XLSX?)');
  const parts = inflateEntries(file, bytes, entries);
  // Every XML part's cells, wherever the workbook's relationships put its sheets.
  checkMeasures(
    file,
    [...parts].filter(([name]) => /\.xml$/i.test(name)).map(([, xml]) => measureSheet(xml.toString('latin1'), 'xlsx')),
  );
  return storedZip(parts);
}

/** A SpreadsheetML 2003 document, measured: its size, and its cells counted by their own elements. */
function measuredSpreadsheetMl(file: string, bytes: Buffer): string {
  checkWorkbookSize(file, bytes.length);
  // Each worksheet's rows count from its own first (a Row's ss:Index is within its sheet).
  const worksheets = bytes.toString('latin1').split(/<(?:[A-Za-z_][\w.-]*:)?Worksheet(?=[\s>])/);
  checkMeasures(
    file,
    worksheets.map((sheet) => measureSheet(sheet, 'spreadsheetml')),
  );
  const text = new TextDecoder('utf-8').decode(bytes);
  // A DOCTYPE could declare entities; no export of holdings has one, and none is read.
  if (/<!DOCTYPE/i.test(text.slice(0, 4096))) throw unreadable(file, 'it declares a DOCTYPE');
  return text;
}

/** The one-line refusal of a workbook that is not read: an Excel 97-2003 .xls, or a workbook with a password. */
export function refusedWorkbook(file: string, kind: WorkbookKind, why?: string): InputError {
  if (kind === 'ole')
    return new InputError(
      'XLS_NOT_SUPPORTED',
      file,
      null,
      `${file} is an Excel 97-2003 workbook (.xls) or a password-protected workbook, which is not read`,
      { hint: 'open it in a spreadsheet program and save it as .xlsx (without a password) or as CSV' },
    );
  return new InputError(
    'XLSX_NOT_SUPPORTED',
    file,
    null,
    `${file} is a workbook (${kind === 'xlsx' ? 'XLSX' : 'SpreadsheetML'}); ${why ?? 'it is not read here'}`,
    {
      hint: 'save the sheet of holdings as CSV and give that',
    },
  );
}

/**
 * Every sheet of a workbook as CSV text, after the checks above. An Excel 97-2003 (OLE) file is
 * refused: its format is not read, and a password-protected XLSX is such a file too.
 */
export async function readWorkbook(file: string, bytes: Buffer, kind: WorkbookKind): Promise<Workbook> {
  if (kind === 'ole') throw refusedWorkbook(file, kind);
  const input = kind === 'xlsx' ? measuredXlsx(file, bytes) : measuredSpreadsheetMl(file, bytes);
  // SheetJS, loaded only for a workbook; given what passed the checks above.
  const XLSX = await import('@e965/xlsx');
  let book: ReturnType<typeof XLSX.read>;
  try {
    book = XLSX.read(input, {
      type: typeof input === 'string' ? 'string' : 'buffer',
      dense: true,
      cellDates: true,
      cellNF: true,
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
    });
  } catch {
    throw unreadable(file, 'SheetJS could not read it');
  }
  const budget = { places: MAX_XLSX_PLACES };
  const sheets = book.SheetNames.map((name) => ({ name, text: sheetLines(file, book.Sheets[name]?.['!data'] ?? [], budget) }));
  if (sheets.every((s) => s.text === null))
    throw new InputError('NO_ROWS', file, null, `${file}: no sheet of the workbook holds any data`, { hint: 'export the holdings again' });
  return { kind, sheets };
}

/** The name a workbook's sheet goes by as an input, in findings, row accounting and every report: `book.xlsx[Holdings]`. */
export function sheetInputName(file: string, sheet: string): string {
  return `${file}[${sheet}]`;
}

/** The refusal of a workbook of several sheets none of which holds a holdings table. */
export function noHoldingsSheetText(file: string, sheets: readonly string[]): string {
  return `${file}: no sheet (${sheets.map((s) => `"${s}"`).join(', ')}) has a header row with a security column (name, symbol, ISIN, CUSIP or SEDOL)`;
}
