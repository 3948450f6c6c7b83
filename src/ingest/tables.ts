// Records to tables. Real exports put the header anywhere, stack several tables with their own
// headers in one file, label sections and accounts with one-cell rows, and end with disclaimers.

import type { Concept, RawHolding, SkippedRow, TableInfo } from '../model.js';

/** A record type with its fields settable, for building one field by field. */
type Writable<T> = { -readonly [K in keyof T]: T[K] };
import { classifyIdentifier } from '../normalize/identifiers.js';
import { dateOrderVotes } from '../normalize/dates.js';
import {
  AMOUNT_CONCEPTS,
  CONCEPTS,
  IDENTIFIER_CONCEPTS,
  SECURITY_CONCEPTS,
  continueHeader,
  matchHeader,
  type ColumnMap,
  type HeaderMatch,
} from './columns.js';
import type { RowNumbers, RowVerdict } from '../normalize/rows.js';

/** One parsed CSV record and the physical line it starts on. */
export interface SourceRecord {
  readonly line: number;
  readonly cells: readonly string[];
  /** Physical lines the record spans: one, plus the line ends quoted inside its cells. */
  readonly lines?: number;
  /** Some of its bytes did not decode in the file's encoding (they read as U+FFFD). */
  readonly undecodable?: boolean;
}

export type { TableInfo } from '../model.js';

export interface Segmented {
  readonly tables: readonly TableInfo[];
  readonly rows: readonly RawHolding[];
  readonly skipped: readonly SkippedRow[];
  /** Text of the first preamble or section line that states an as-of date. */
  readonly asOfText: string | null;
  /** The line it is on. */
  readonly asOfLine: number | null;
  /** Lines before the first header: titles and key/value metadata, not rows. */
  readonly preambleLines: number;
  /** One-cell title lines of the preamble ("FTSE Emerging Markets ETF (VWO)"), which can name the fund. */
  readonly titles: readonly string[];
  /** Headers named with --columns that no header row of the file has. */
  readonly unmatchedColumns: readonly string[];
  /** Physical lines taken by header rows. */
  readonly headerLines: number;
  /** Slashed dates of the header area, the trailer and the first rows that show their order by their parts (21/12/2020: dmy). */
  readonly dateVotes: { readonly dmy: number; readonly mdy: number };
}

// Blank includes lines that hold only a no-break space (iShares) or other Unicode spaces.
const BLANK = /^[\s\u00a0\u2000-\u200b\u3000\ufeff]*$/;

/**
 * BLANK.test, answered without the regex for the cells most are: empty, or starting with a printable
 * ASCII character other than a space (none of BLANK's). It runs for every cell of every record.
 */
function isBlank(cell: string): boolean {
  if (cell.length === 0) return true;
  const first = cell.charCodeAt(0);
  if (first > 0x20 && first < 0x7f) return false;
  return BLANK.test(cell);
}
const TRAILER =
  /^(?:date downloaded|generated at|as of \d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}|footnotes?\b|disclaimer|important|the data|brokerage services|source:|©|copyright|for more information|past performance|holdings are subject|\*)/i;
const TOTAL_TEXT = /^(?:(?:account|positions|grand|portfolio)\s+)?(?:sub)?totals?\b|^subtotal|^all investments$/i;
// "Stand: 21.12.2020", "Datum", "au 21/12/2020", "per 31-12-2020", "截至2020年12月21日", "日期"; a label with
// its colon ("Date: 05/06/2021", Italian and Portuguese "Data: 21/12/2020"): "data" alone is a word of titles.
const AS_OF = /\bholdings:|\b(?:as of|as at|stand|datum|au (?=\d)|per (?=\d)|fecha|data al)\b|\b(?:date|data)\s*:|截至|截止|日期/i;
// Download stamps in trailers: a fallback as-of date when no title states one. Wealthsimple's holdings
// report ends with one line, "As of 2026-05-11 10:11 GMT-04:00".
const STAMP = /^(?:date downloaded|generated at|as of \d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2})/i;
const AS_OF_CELL = /^(?:data\s+)?as (?:of|at)\b/i;

// Quick test for cleanCell: most cells have nothing to clean, and replace() would still scan them.
const EDGE_SPACE = /^[\s\u00a0\ufeff]|[\s\u00a0]$/;

/**
 * Whether a cell cannot match EDGE_SPACE, decided without the regex for the cells most are: empty, or with
 * printable ASCII other than a space at both edges (none of EDGE_SPACE's). It runs for every cell of every record.
 */
export function hasPlainEdges(cell: string): boolean {
  if (cell.length === 0) return true;
  const first = cell.charCodeAt(0);
  const last = cell.charCodeAt(cell.length - 1);
  return first > 0x20 && first < 0x7f && last > 0x20 && last < 0x7f;
}

/** Whether a cell has a space to clean at an edge: the reference hasPlainEdges is tested against. */
export function hasEdgeSpace(cell: string): boolean {
  return EDGE_SPACE.test(cell);
}

function cleanCell(cell: string): string {
  if (hasPlainEdges(cell) || !hasEdgeSpace(cell)) return cell;
  return cell.replace(/^[\s\u00a0\ufeff]+|[\s\u00a0]+$/g, '');
}

// The per-record functions below use indexed loops rather than for-of, map or filter callbacks: they run
// once for every record of the file, mostly before V8 optimises them, and there for-of builds an iterator
// result for every step and each arrow passed to filter is a new closure (issue 18: the VWO file's rows).

/** The record's cells cleaned (cleanCell), the record's own array when no cell changes: most records. */
function cleanCells(cells: readonly string[]): readonly string[] {
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] ?? '';
    if (hasPlainEdges(cell) || cleanCell(cell) === cell) continue;
    const cleaned = cells.slice(0, i);
    for (let j = i; j < cells.length; j++) cleaned.push(cleanCell(cells[j] ?? ''));
    return cleaned;
  }
  return cells;
}

/** The cells that are not blank, in order. */
function nonBlankCells(cells: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] ?? '';
    if (!isBlank(cell)) kept.push(cell);
  }
  return kept;
}

/** Which cell each concept the header maps is in, in CONCEPTS order: worked out once per header, read for every row. */
function mappedColumnsOf(header: HeaderMatch): { readonly concepts: readonly Concept[]; readonly indexes: readonly number[] } {
  const concepts: Concept[] = [];
  const indexes: number[] = [];
  for (const concept of CONCEPTS) {
    const index = header.columns[concept];
    if (index === undefined) continue;
    concepts.push(concept);
    indexes.push(index);
  }
  return { concepts, indexes };
}

// An amount as exports write it: digits with separators, a sign or brackets, a currency sign, a percent.
const AMOUNT_SHAPE = /^[(\s+\-−$€£¥]*\d[\d.,'\s\u00a0]*[%)\s]*$/;

/** Whether a row fills the header's columns as a position does: a security, and an amount or an identifier. */
function hasTableShape(cells: readonly string[], header: HeaderMatch): boolean {
  const cell = (concept: Concept): string => {
    const at = header.columns[concept];
    return at === undefined ? '' : (cells[at] ?? '');
  };
  const security = SECURITY_CONCEPTS.some((c) => {
    const text = cell(c);
    return !BLANK.test(text) && text.length <= 120;
  });
  if (!security) return false;
  if (AMOUNT_CONCEPTS.some((c) => AMOUNT_SHAPE.test(cell(c)))) return true;
  return IDENTIFIER_CONCEPTS.some((c) => classifyIdentifier(cell(c)) === c);
}

/** Data rows whose cells are searched for dates that show the file's date order. */
const DATE_VOTE_ROWS = 200;

/** Whether a one-cell row ends the table: a disclaimer, a download stamp, a footnote block. */
function isTrailer(text: string): boolean {
  return TRAILER.test(text) || text.length > 120;
}

/** Where a segmenter sends what it classifies, as it goes. */
export interface SegmentSink {
  row: (row: RawHolding) => void;
  skip: (row: SkippedRow) => void;
  /** The screen's verdict on the row just given to `row`, for a fast reader to repeat (FileScreen.verdict). */
  verdict?: () => RowVerdict | null;
  /** Repeats a verdict for a later one-line row (FileScreen.repeat). */
  repeat?: (verdict: RowVerdict, line: number, numbers: RowNumbers) => void;
}

/**
 * What pushing a record did to the segmenter: `row`, it went to the sink as a one-line data row and
 * left every part of the segmenter's state as it was (so the next record with the same cells is
 * classified the same way); `changed`, the state changed; `same`, neither.
 */
export type PushOutcome = 'row' | 'changed' | 'same';

/** What a segmenter knows about the file once every record has been pushed. */
export type SegmentSummary = Omit<Segmented, 'rows' | 'skipped'>;

export interface Segmenter {
  push: (record: SourceRecord) => void;
  /** push, saying what it did (for a reader that repeats verdicts). */
  pushObserved: (record: SourceRecord) => PushOutcome;
  /** The cell indexes of the current holdings table's amount columns; null outside a holdings table. */
  amountColumns: () => ColumnMap | null;
  /** Cell indexes the current table maps to any other concept. */
  otherColumns: () => ReadonlySet<number>;
  summary: () => SegmentSummary;
}

/**
 * Classifies records one at a time, so a file of any length is read in constant memory: rows and
 * skipped rows go to the sink as soon as they are known.
 */
export function createSegmenter(file: string, sink: SegmentSink, overrides: Readonly<Partial<Record<Concept, string>>> = {}): Segmenter {
  const tables: TableInfo[] = [];
  const foundOverrides = new Set<string>();
  let header: HeaderMatch | null = null;
  let inTrailer = false;
  let context: string | null = null;
  let last: 'label' | 'other' = 'other';
  let contextIsSection = false;
  let asOfText: string | null = null;
  let asOfLine: number | null = null;
  let asOfIsStamp = false;
  let preambleLines = 0;
  const titles: string[] = [];

  let headerLines = 0;
  let lines = 1;
  // The record before was the header: the next one may continue it (a header split over two lines).
  let afterHeader = false;
  let dmy = 0;
  let mdy = 0;
  let votedRows = 0;
  const vote = (text: string): void => {
    const v = dateOrderVotes(text);
    dmy += v.dmy;
    mdy += v.mdy;
  };
  let nonEmpty: readonly string[] = [];
  // The last record pushed went to the sink as a data row (pushObserved).
  let sentRow = false;
  // The current header's mapped columns (mappedColumnsOf), and the header they are of.
  let mappedOf: HeaderMatch | null = null;
  let mappedColumns: ReturnType<typeof mappedColumnsOf> = { concepts: [], indexes: [] };
  // Every record is accounted for: a header, a row, or skipped with its reason. A skipped record keeps
  // its cells, so the screener can still look for the list's identifiers and names in it.
  const skip = (line: number, reason: SkippedRow['reason'], text: string): void => {
    sink.skip({
      file,
      line,
      reason,
      text: text.slice(0, 120),
      value: null,
      ...(lines === 1 ? {} : { lines }),
      ...(reason === 'blank' ? {} : { cells: nonEmpty }),
    });
  };

  const push = (record: SourceRecord): void => {
    const cells = cleanCells(record.cells);
    lines = record.lines ?? 1;
    nonEmpty = nonBlankCells(cells);
    if (nonEmpty.length === 0) {
      skip(record.line, 'blank', '');
      if (header === null) {
        preambleLines++;
        // A blank line ends a title block; only a section title with its date ("Equity,as of …") carries on.
        if (!contextIsSection) context = null;
      } else if (header.kind !== 'holdings') {
        // A title block before a table that is not holdings (E*TRADE's filter box) says nothing about the positions.
        context = null;
      }
      last = 'other';
      return;
    }
    const continued = afterHeader && header !== null ? continueHeader(header, cells, overrides) : null;
    afterHeader = false;
    const current = tables[tables.length - 1];
    if (continued !== null && current !== undefined) {
      headerLines += lines;
      header = continued;
      tables[tables.length - 1] = {
        ...current,
        headers: continued.headers,
        columns: continued.columns,
        why: continued.why,
        tickerIsCode: continued.tickerIsCode,
        continuedOn: record.line,
        ...(continued.valueCurrency === null ? {} : { valueCurrency: continued.valueCurrency }),
      };
      return;
    }
    const found = inTrailer && nonEmpty.length < 2 ? null : matchHeader(cells, overrides);
    // A one-column header ("Ticker" alone on its line) starts a list only before any table: inside one,
    // a lone "Ticker" or "Name" is a label or a row.
    const match = found !== null && found.headers.length === 1 && header !== null ? null : found;
    if (match !== null) {
      headerLines += lines;
      for (const name of Object.values(overrides)) {
        if (name !== undefined && cells.some((c) => c.trim().toLowerCase() === name.trim().toLowerCase())) foundOverrides.add(name);
      }
      header = match;
      inTrailer = false;
      afterHeader = true;
      tables.push({
        headerLine: record.line,
        kind: match.kind,
        headers: cells,
        columns: match.columns,
        context,
        why: match.why,
        tickerIsCode: match.tickerIsCode,
        ...(match.valueCurrency === null ? {} : { valueCurrency: match.valueCurrency }),
      });
      last = 'other';
      return;
    }
    // A data row in a holdings table needs none of this text: build it only where it is read.
    const maybeDated = header === null || inTrailer || nonEmpty.length <= 2;
    const joined = header === null || maybeDated || header.kind !== 'holdings' ? nonEmpty.join(' ') : '';
    // A one-cell row, or a section title with its date ("Equity,as of 09/30/2020").
    const labelText =
      nonEmpty.length === 1 ? nonEmpty[0] : nonEmpty.length === 2 && AS_OF_CELL.test(nonEmpty[1] ?? '') ? nonEmpty[0] : undefined;
    // A label has words; a lone number ("50") is a data row missing its other cells.
    const isLabelRow = labelText !== undefined && !TOTAL_TEXT.test(labelText) && /\p{L}/u.test(labelText);
    const endsTable = header !== null && (inTrailer || (isLabelRow && isTrailer(labelText)));
    // A date comes from the header area (titles before the header), a section title with its date
    // ("Equity,as of 09/30/2020") or a download stamp: never from a note or disclaimer in the body
    // ("prices as of 2014-01-01"), which would date the whole file.
    const sectionDate = nonEmpty.length === 2 && AS_OF_CELL.test(nonEmpty[1] ?? '');
    const statesDate = maybeDated && (endsTable ? STAMP.test(joined) : AS_OF.test(joined) && (header === null || sectionDate));
    if (joined !== '') vote(joined);
    if (statesDate && (asOfText === null || (asOfIsStamp && !STAMP.test(joined)))) {
      asOfText = joined;
      asOfLine = record.line;
      asOfIsStamp = STAMP.test(joined);
    }

    if (header === null) {
      preambleLines++;
      skip(record.line, 'preamble', joined);
      if (isLabelRow) titles.push(labelText);
      if (isLabelRow && !AS_OF_CELL.test(labelText)) {
        context = last === 'label' && context !== null ? `${context} / ${labelText}` : labelText;
        contextIsSection = nonEmpty.length === 2;
        last = 'label';
      } else {
        last = 'other';
      }
      return;
    }
    // A note or footnote does not end the table: a row that still has the table's shape (a security
    // and an amount or a valid identifier under the header's columns) is a position again.
    if (inTrailer && !(header.kind === 'holdings' && !isLabelRow && hasTableShape(cells, header))) {
      skip(record.line, 'trailer', joined);
      return;
    }
    inTrailer = false;
    // In a list of one column every line is one cell: it is a position, not a section label.
    const oneColumn = header.headers.length === 1;
    if (isLabelRow && (isTrailer(labelText) || !oneColumn)) {
      if (isTrailer(labelText)) {
        inTrailer = true;
        skip(record.line, 'trailer', labelText);
      } else {
        context = last === 'label' && context !== null ? `${context} / ${labelText}` : labelText;
        last = 'label';
        skip(record.line, 'section-label', labelText);
      }
      return;
    }
    last = 'other';
    if (header.kind !== 'holdings') {
      skip(record.line, 'not-holdings', joined);
      return;
    }
    // The first rows' dates (a "Datum" column, a maturity) say how the file writes dates too.
    if (votedRows < DATE_VOTE_ROWS) {
      votedRows++;
      for (let i = 0; i < nonEmpty.length; i++) {
        const cell = nonEmpty[i] ?? '';
        // dateOrderVotes finds none in a cell without a slash: not called for the cells most are.
        if (cell.length <= 40 && cell.includes('/')) vote(cell);
      }
    }
    if (mappedOf !== header) {
      mappedOf = header;
      mappedColumns = mappedColumnsOf(header);
    }
    const mapped: Partial<Record<Concept, string>> = {};
    const { concepts, indexes } = mappedColumns;
    for (let i = 0; i < concepts.length; i++) {
      const concept = concepts[i];
      const value = cells[indexes[i] ?? -1];
      if (concept !== undefined && value !== undefined && !isBlank(value)) mapped[concept] = value;
    }
    // A list of names with one column has no quoting to keep "Acer, Inc." whole: the separator split it, and
    // the name is its cells again (a name is never a column of its own there).
    if (oneColumn && header.columns.name !== undefined && nonEmpty.length > 1) mapped.name = nonEmpty.join(', ');
    sentRow = true;
    // The optional fields set one by one, in the order the row has always had them: a spread of `{}` for
    // each absent one would build an object per field per row.
    const row: Writable<RawHolding> = { file, line: record.line, cells: mapped, raw: nonEmpty, context };
    if (lines !== 1) row.lines = lines;
    if (record.undecodable === true) row.undecodable = true;
    if (header.tickerIsCode) row.tickerIsCode = true;
    if (header.valueCurrency !== null) row.valueCurrency = header.valueCurrency;
    sink.row(row);
  };
  // Compared field by field, without building a snapshot: this runs for every record the byte reader hands on.
  // One local each rather than destructured arrays: a destructuring reads its array through an iterator.
  const pushObserved = (record: SourceRecord): PushOutcome => {
    const header0 = header;
    const context0 = context;
    const asOfText0 = asOfText;
    const asOfLine0 = asOfLine;
    const titles0 = titles.length;
    const tables0 = tables.length;
    const found0 = foundOverrides.size;
    const inTrailer0 = inTrailer;
    const last0 = last;
    const section0 = contextIsSection;
    const stamp0 = asOfIsStamp;
    const afterHeader0 = afterHeader;
    const preamble0 = preambleLines;
    const headerLines0 = headerLines;
    const dmy0 = dmy;
    const mdy0 = mdy;
    const voted0 = votedRows;
    sentRow = false;
    push(record);
    const changed =
      header0 !== header ||
      context0 !== context ||
      asOfText0 !== asOfText ||
      asOfLine0 !== asOfLine ||
      titles0 !== titles.length ||
      tables0 !== tables.length ||
      found0 !== foundOverrides.size ||
      inTrailer0 !== inTrailer ||
      last0 !== last ||
      section0 !== contextIsSection ||
      stamp0 !== asOfIsStamp ||
      afterHeader0 !== afterHeader ||
      preamble0 !== preambleLines ||
      headerLines0 !== headerLines ||
      dmy0 !== dmy ||
      mdy0 !== mdy ||
      voted0 !== votedRows;
    return changed ? 'changed' : sentRow && lines === 1 ? 'row' : 'same';
  };
  let otherColumnsOf: HeaderMatch | null = null;
  let others: ReadonlySet<number> = new Set();
  const unmatchedColumns = (): string[] => Object.values(overrides).filter((n): n is string => n !== undefined && !foundOverrides.has(n));
  return {
    push,
    pushObserved,
    amountColumns: () => (header === null || header.kind !== 'holdings' ? null : header.columns),
    otherColumns: () => {
      if (otherColumnsOf !== header) {
        otherColumnsOf = header;
        const current = header;
        others = new Set(
          current === null
            ? []
            : CONCEPTS.filter((c) => c !== 'value' && c !== 'quantity' && c !== 'weight')
                .map((c) => current.columns[c])
                .filter((i): i is number => i !== undefined),
        );
      }
      return others;
    },
    summary: () => ({
      tables,
      asOfText,
      asOfLine,
      preambleLines,
      titles,
      unmatchedColumns: unmatchedColumns(),
      headerLines,
      dateVotes: { dmy, mdy },
    }),
  };
}
