// XLSX workbooks as the CSV text the table reader already reads: one line per sheet row, row N on line N,
// so a workbook and its CSV twin give the same findings, the same skipped rows and the same line numbers.
// The zip is checked before anything is inflated for SheetJS (a zip bomb declares little and inflates
// much): the packed size, the declared sizes, then each entry inflated with a cap, then the cell count.

import { inflateRawSync } from 'node:zlib';
import { InputError } from '../errors.js';

/** A workbook larger than this, packed, is no holdings listing (SSGA's daily files are ~100 kB). */
const MAX_XLSX_PACKED_BYTES = 32 * 1024 * 1024;
/** All entries together, inflated. */
const MAX_XLSX_INFLATED_BYTES = 64 * 1024 * 1024;
/** Cells of the sheet read, empty ones written out included (a listing of 10,000 rows has ~200,000). */
const MAX_XLSX_CELLS = 500_000;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Whether bytes open as a zip archive (an XLSX, whatever the file is called). */
export function looksLikeZip(head: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => head[i] === b);
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

/** Counts `<c` cell elements of a sheet's XML without parsing it. */
function countCells(xml: Buffer): number {
  let n = 0;
  for (let i = xml.indexOf('<c'); i >= 0; i = xml.indexOf('<c', i + 2)) {
    const next = xml[i + 2];
    if (next === 0x20 || next === 0x3e || next === 0x2f) n++; // "<c ", "<c>", "<c/"
  }
  return n;
}

/** A cell as CSV writes it: quoted when it must be, a line break inside a cell turned to a space (one row, one line). */
function csvCell(text: string): string {
  const flat = text.replace(/\r\n?|\n/g, ' ');
  return /[",]|^\s|\s$/.test(flat) ? `"${flat.replace(/"/g, '""')}"` : flat;
}

export interface WorkbookText {
  /** The sheet read. */
  readonly sheet: string;
  /** Its rows as CSV, row N of the sheet on line N. */
  readonly text: string;
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

/**
 * The one sheet of a workbook that holds data, as CSV text. A workbook with data on more than one sheet is
 * refused: a second sheet read silently, or left out silently, would hide rows.
 */
export async function workbookText(file: string, bytes: Buffer): Promise<WorkbookText> {
  checkWorkbookSize(file, bytes.length);
  const entries = zipEntries(file, bytes);
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) throw unreadable(file, 'it has no xl/workbook.xml (is it an XLSX?)');
  const parts = inflateEntries(file, bytes, entries);
  for (const [name, xml] of parts) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name)) continue;
    const cells = countCells(xml);
    if (cells > MAX_XLSX_CELLS)
      throw tooLarge(
        file,
        `${name} has ${cells.toLocaleString('en-US')} cells (at most ${MAX_XLSX_CELLS.toLocaleString('en-US')} are read)`,
      );
  }
  // SheetJS, loaded only for a workbook; given the bytes that passed the checks above.
  const XLSX = await import('@e965/xlsx');
  let book: ReturnType<typeof XLSX.read>;
  try {
    book = XLSX.read(bytes, {
      type: 'buffer',
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
  const withData = book.SheetNames.flatMap((name) => {
    const sheet = book.Sheets[name];
    const rows = sheet?.['!data'] ?? [];
    return rows.some((row) => row?.some((cell) => cell !== undefined && cellText(cell) !== '')) ? [{ name, rows }] : [];
  });
  const [first, ...others] = withData;
  if (first === undefined)
    throw new InputError('NO_ROWS', file, null, `${file}: no sheet of the workbook holds any data`, { hint: 'export the holdings again' });
  if (others.length > 0) {
    throw new InputError(
      'XLSX_SHEETS',
      file,
      null,
      `${file}: sheets ${withData.map((s) => `"${s.name}"`).join(', ')} all hold data, and one sheet is read`,
      {
        hint: 'save the sheet of holdings as CSV (or delete the other sheets) and screen that',
      },
    );
  }
  // Array.from, not map: a row or a cell the sheet leaves out is a hole, and holes must become empty lines and cells.
  const lines = Array.from(first.rows, (row) => {
    const cells = Array.from(row ?? [], (cell) => (cell === undefined ? '' : csvCell(cellText(cell))));
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    return cells.join(',');
  });
  return { sheet: first.name, text: `${lines.join('\n')}\n` };
}
