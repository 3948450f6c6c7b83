// CSV records to the segmenter, the same way for every reader: each record's first physical line and
// the lines it spans, bytes that did not decode, and a quote that swallowed the lines after it.

import type { CsvError } from 'csv-parse/sync';
import { InputError } from '../errors.js';
import type { Delimiter } from './dialect.js';
import type { SourceRecord } from './tables.js';

/**
 * A cell spanning this many line ends, with the delimiter on several of its lines, is rows read as one
 * cell: a quote opened and closed far away ("ACME 5" NOTES", an unbalanced quote in a name).
 */
const SWALLOWED_LINE_ENDS = 3;

export interface RecordHandler {
  /** One record's cells, in file order. */
  record(cells: readonly string[]): void;
  /**
   * `record` for a record whose cells hold no line end, as its reader knows (the byte reader splits
   * single lines): nothing to count in them, so they are not searched for one.
   */
  oneLine(cells: readonly string[]): void;
  /**
   * A one-line record a fast reader repeats a verdict for instead of handing it on: its cells differ
   * from a record already handed on only in plain amounts, so only its line is counted. Returns the line.
   */
  repeated(): number;
  /** The line the next record starts on. */
  nextLine(): number;
  /** The first record with a non-empty cell, for a message about a file without a header. */
  firstCells(): readonly string[] | null;
}

/**
 * Whether a cell holds lines that look like rows of the file: two or more of them split into nearly as
 * many fields as the file's rows have, with a digit among them. A quoted disclaimer paragraph has line
 * breaks and commas too, but not a row's worth of commas on a line.
 */
function swallowedLines(cell: string, delimiter: Delimiter, width: number): number {
  let ends = 0;
  for (let at = cell.indexOf('\n'); at !== -1; at = cell.indexOf('\n', at + 1)) ends++;
  if (ends < SWALLOWED_LINE_ENDS) return 0;
  const needed = Math.max(2, width - 2);
  const rowLike = cell.split('\n').filter((line) => line.split(delimiter).length - 1 >= needed && /\d/.test(line)).length;
  return rowLike >= 2 ? ends : 0;
}

/**
 * Counts lines as csv-parse reads them (line ends are LF by now; a record spans one line plus the line
 * ends quoted inside its cells; blank lines are records too) and hands each record on, to the segmenter.
 * `undecodable` says whether a U+FFFD in a record stands for bytes that did not decode.
 */
export function createRecordHandler(
  file: string,
  delimiter: Delimiter,
  push: (record: SourceRecord) => void,
  undecodable: () => boolean,
): RecordHandler {
  let next = 1;
  let first: readonly string[] | null = null;
  // The widest record so far (cells up to the last non-empty one): what a row of this file looks like.
  let width = 0;
  /** The physical lines a record starting on `line` spans; refuses a cell that swallowed rows. */
  const spansOf = (cells: readonly string[], line: number): number => {
    let spans = 1;
    // An indexed loop: this runs for every record, mostly before V8 optimises it, and there for-of
    // builds an iterator result for every cell (issue 18).
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i] ?? '';
      if (!cell.includes('\n')) continue;
      const swallowed = swallowedLines(cell, delimiter, width);
      if (swallowed > 0) {
        throw new InputError(
          'QUOTE_SWALLOWS_LINES',
          file,
          line,
          `${file}:${line}: a quote opened on this line closes only on line ${line + swallowed}, so ${swallowed + 1} lines would be read as one cell and their rows not screened`,
          { hint: 'double a quote that is part of a name ("" inside a quoted cell), or export the file again' },
        );
      }
      for (let at = cell.indexOf('\n'); at !== -1; at = cell.indexOf('\n', at + 1)) spans++;
    }
    return spans;
  };
  const take = (cells: readonly string[], spans: number): void => {
    const line = next;
    next += spans;
    let filled = cells.length;
    while (filled > 0 && (cells[filled - 1] ?? '').trim() === '') filled--;
    if (filled > width) width = filled;
    if (first === null && cells.some((c) => c.trim() !== '')) first = cells;
    // Built without a spread of `{}` for the common record that decoded.
    push(
      undecodable() && cells.some((c) => c.includes('\uFFFD'))
        ? { line, cells, lines: spans, undecodable: true }
        : { line, cells, lines: spans },
    );
  };
  return {
    record: (cells) => take(cells, spansOf(cells, next)),
    oneLine: (cells) => take(cells, 1),
    repeated: () => next++,
    nextLine: () => next,
    firstCells: () => first,
  };
}

/** A csv-parse error in our words, at its line. */
export function csvSyntaxError(file: string, error: CsvError, line: number | null): InputError {
  const what =
    error.code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'a quote opened on this line is never closed'
      : error.code === 'CSV_INVALID_CLOSING_QUOTE' || error.code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE'
        ? 'a quote opened on this line closes in the middle of a cell, so the rows after it cannot be read as written (a quote inside a name?)'
        : error.code === 'CSV_MAX_RECORD_SIZE'
          ? 'a row is longer than 16 MB'
          : 'the CSV cannot be read here';
  return new InputError('CSV_SYNTAX', file, line, `${file}${line === null ? '' : `:${line}`}: ${what}`, {
    hint: 'double a quote that is part of a name ("" inside a quoted cell), or export the file again',
    cause: error,
  });
}

/** Counts a text's physical lines as it streams by (line ends are LF by now), keeping its last line. */
export function createLineCounter(): { push(text: string): void; total(): number; lastLine(): string } {
  let ends = 0;
  let last = '';
  return {
    push: (text) => {
      let at = text.indexOf('\n');
      if (at === -1) {
        if (last.length < 1024) last += text;
        return;
      }
      let end = at;
      for (; at !== -1; at = text.indexOf('\n', at + 1)) {
        ends++;
        end = at;
      }
      last = text.slice(end + 1, end + 1 + 1024);
    },
    total: () => ends + (last === '' ? 0 : 1),
    lastLine: () => last,
  };
}

/**
 * Accounts for lines the parser gave no record: csv-parse drops a last line that is only spaces (an
 * iShares file ends with a no-break space and no line end). Blank, they are skipped as blank; anything
 * else would be lines nobody read, so the file is refused rather than screened without them.
 */
export function accountForTail(
  file: string,
  parsedLines: number,
  counter: { total(): number; lastLine(): string },
  skip: (row: {
    readonly file: string;
    readonly line: number;
    readonly reason: 'blank';
    readonly text: string;
    readonly value: null;
    readonly lines?: number;
  }) => void,
): number {
  const total = counter.total();
  if (total <= parsedLines) return parsedLines;
  const missing = total - parsedLines;
  if (!/^[\s\u00a0\u2000-\u200b\u3000\ufeff]*$/.test(counter.lastLine())) {
    throw new InputError(
      'LINES_NOT_READ',
      file,
      parsedLines + 1,
      `${file}:${parsedLines + 1}: the last ${missing} line(s) were not read as rows`,
      {
        hint: 'check the end of the file for an unclosed quote, then export it again',
      },
    );
  }
  skip({ file, line: parsedLines + 1, reason: 'blank', text: '', value: null, ...(missing === 1 ? {} : { lines: missing }) });
  return total;
}
