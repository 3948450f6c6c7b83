// The byte reader's parts: one-line CSV records split in the byte buffer, plain amounts read from their
// digits, and a bounded table of the verdicts given to rows already seen. Pure: no I/O.

import type { Concept, ReaderReason } from '../model.js';
import { PLAIN_AMOUNT_DIGITS, type RowNumbers, type RowVerdict } from '../normalize/rows.js';

const QUOTE = 0x22;
const COMMA = 0x2c;
const POINT = 0x2e;

/**
 * The length of the character csv-parse trims (ltrim/rtrim: its list of spaces, in UTF-8) that starts
 * at `at`, 0 when none does. A field that starts or ends with one is left to csv-parse.
 */
function trimmableAt(buf: Uint8Array, at: number, end: number): number {
  const b = buf[at] ?? 0;
  if (b === 0x20 || (b >= 0x09 && b <= 0x0d)) return 1;
  if (b < 0xc2) return 0;
  const b1 = at + 1 < end ? (buf[at + 1] ?? 0) : 0;
  const b2 = at + 2 < end ? (buf[at + 2] ?? 0) : 0;
  if (b === 0xc2) return b1 === 0xa0 ? 2 : 0;
  if (b === 0xe1) return b1 === 0x9a && b2 === 0x80 ? 3 : 0;
  if (b === 0xe2) {
    if (b1 === 0x80) return (b2 >= 0x80 && b2 <= 0x8a) || b2 === 0xa8 || b2 === 0xa9 || b2 === 0xaf ? 3 : 0;
    return b1 === 0x81 && b2 === 0x9f ? 3 : 0;
  }
  if (b === 0xe3) return b1 === 0x80 && b2 === 0x80 ? 3 : 0;
  if (b === 0xef) return b1 === 0xbb && b2 === 0xbf ? 3 : 0;
  return 0;
}

/** Whether the field [start, end) ends with a character csv-parse trims. */
function endsTrimmable(buf: Uint8Array, start: number, end: number): boolean {
  const last = buf[end - 1] ?? 0;
  if (last < 0x80) return last === 0x20 || (last >= 0x09 && last <= 0x0d);
  if (end - start >= 2 && trimmableAt(buf, end - 2, end) === 2) return true;
  return end - start >= 3 && trimmableAt(buf, end - 3, end) === 3;
}

/** One line's fields, as spans of the buffer; the arrays grow with the widest line. */
export interface LineFields {
  count: number;
  /** Where each field's bytes start and end, the quotes of a quoted field included. */
  starts: Int32Array;
  ends: Int32Array;
  /** Whether each field is quoted, and whether it holds a doubled quote. */
  quoted: Uint8Array;
}

export function createLineFields(): LineFields {
  return { count: 0, starts: new Int32Array(64), ends: new Int32Array(64), quoted: new Uint8Array(64) };
}

function grow(fields: LineFields): void {
  const size = fields.starts.length * 2;
  const starts = new Int32Array(size);
  const ends = new Int32Array(size);
  const quoted = new Uint8Array(size);
  starts.set(fields.starts);
  ends.set(fields.ends);
  quoted.set(fields.quoted);
  fields.starts = starts;
  fields.ends = ends;
  fields.quoted = quoted;
}

/**
 * Splits the line [start, end) (its line end excluded) into fields, as csv-parse reads it, when it is
 * a line of the simple kind: every field empty, or unquoted without a quote or an edge space, or quoted
 * from its first byte to a closing quote right before the delimiter or the line end (doubled quotes
 * inside). Returns false for any other line, which is then csv-parse's to read.
 */
export function splitLine(buf: Uint8Array, start: number, end: number, delimiter: number, fields: LineFields): boolean {
  let count = 0;
  let at = start;
  for (;;) {
    if (count === fields.starts.length) grow(fields);
    const fieldStart = at;
    let quoted = 0;
    if (at < end && buf[at] === QUOTE) {
      quoted = 1;
      at++;
      for (;;) {
        if (at >= end) return false; // the quote closes on a later line, or never
        if (buf[at] === QUOTE) {
          if (at + 1 < end && buf[at + 1] === QUOTE) {
            quoted = 2;
            at += 2;
            continue;
          }
          at++;
          break;
        }
        at++;
      }
      if (at < end && buf[at] !== delimiter) return false;
    } else {
      while (at < end && buf[at] !== delimiter) {
        if (buf[at] === QUOTE) return false;
        at++;
      }
      if (at > fieldStart && (trimmableAt(buf, fieldStart, at) > 0 || endsTrimmable(buf, fieldStart, at))) return false;
    }
    fields.starts[count] = fieldStart;
    fields.ends[count] = at;
    fields.quoted[count] = quoted;
    count++;
    if (at >= end) break;
    at++; // the delimiter
  }
  fields.count = count;
  return true;
}

/** The fields of a split line as the strings csv-parse gives (UTF-8 that decodes: see the reader). */
export function fieldTexts(buf: Buffer, fields: LineFields): string[] {
  const cells = new Array<string>(fields.count);
  for (let i = 0; i < fields.count; i++) {
    const start = fields.starts[i] ?? 0;
    const end = fields.ends[i] ?? 0;
    const quoted = fields.quoted[i] ?? 0;
    cells[i] =
      quoted === 0
        ? buf.toString('utf8', start, end)
        : quoted === 1
          ? buf.toString('utf8', start + 1, end - 1)
          : buf.toString('utf8', start + 1, end - 1).replaceAll('""', '"');
  }
  return cells;
}

const POWERS = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * The number in a field of the plain amount shape ("318.03", "52,677.45", "1043", quoted or not, at
 * most PLAIN_AMOUNT_DIGITS digits), NaN for any other field. The digits make an integer below 2^53 and
 * the division by a power of ten is rounded once, so it is the double Number() reads from the text.
 */
export function plainAmount(buf: Uint8Array, fields: LineFields, index: number): number {
  let at = fields.starts[index] ?? 0;
  let end = fields.ends[index] ?? 0;
  const quoted = fields.quoted[index] ?? 0;
  if (quoted === 2) return Number.NaN;
  if (quoted === 1) {
    at++;
    end--;
  }
  if (at >= end) return Number.NaN;
  let value = 0;
  let digits = 0;
  // Grouped: "1,234,567" (one to three digits, then groups of three); ungrouped: any digits.
  let group = -1;
  let lead = 0;
  for (; at < end; at++) {
    const b = buf[at] ?? 0;
    if (b >= 0x30 && b <= 0x39) {
      value = value * 10 + (b - 0x30);
      digits++;
      if (group >= 0) group++;
      else lead++;
      continue;
    }
    if (b === COMMA) {
      if (lead === 0 || (group < 0 && lead > 3) || (group >= 0 && group !== 3)) return Number.NaN;
      group = 0;
      continue;
    }
    break;
  }
  if (digits === 0 || (group >= 0 && group !== 3)) return Number.NaN;
  let fraction = 0;
  if (at < end) {
    if (buf[at] !== POINT) return Number.NaN;
    at++;
    if (at >= end) return Number.NaN;
    for (; at < end; at++) {
      const b = buf[at] ?? 0;
      if (b < 0x30 || b > 0x39) return Number.NaN;
      value = value * 10 + (b - 0x30);
      digits++;
      fraction++;
    }
  }
  if (digits > PLAIN_AMOUNT_DIGITS) return Number.NaN;
  return fraction === 0 ? value : value / (POWERS[fraction] ?? Number.NaN);
}

/** Entries the verdict table holds before it starts again from empty, and the key bytes it keeps. */
const VERDICT_LIMIT = 1 << 18;
const KEY_BYTES = 32 << 20;
/** Marks of an amount cell in a key: blank, or of the plain shape. */
const BLANK_AMOUNT = 0;
const PLAIN_AMOUNT = 1;

/**
 * Verdicts by the bytes of the cells they depend on: a line's fields, each amount field (a 1 in
 * `amounts`) replaced by a mark that says whether it is blank. A hit compares every stored byte, so two
 * lines of one hash never share a verdict; when full, the table is emptied, so memory stays bounded.
 */
interface VerdictTable<V> {
  get(buf: Uint8Array, fields: LineFields, amounts: Uint8Array, delimiter: number, hash: number): V | undefined;
  set(buf: Uint8Array, fields: LineFields, amounts: Uint8Array, delimiter: number, hash: number, value: V): void;
  clear(): void;
}

function createVerdictTable<V>(): VerdictTable<V> {
  const slots = VERDICT_LIMIT * 2;
  const mask = slots - 1;
  // Four numbers a slot, read together (one cache line): the hash, where the key is in the arena,
  // its length, and the entry + 1 (0: an empty slot). Entries are numbered in the order they were stored.
  const table = new Int32Array(slots * 4);
  const slotOf = new Int32Array(VERDICT_LIMIT);
  const values: V[] = [];
  let arena = new Uint8Array(0);
  let used = 0;
  let size = 0;
  /** Whether the key at `at` (of `length` bytes) in the arena is the line's. */
  const same = (at: number, length: number, buf: Uint8Array, fields: LineFields, amounts: Uint8Array, delimiter: number): boolean => {
    const store = arena;
    const { starts, ends, count } = fields;
    const end = at + length;
    for (let i = 0; i < count; i++) {
      if (i > 0) {
        if (store[at] !== delimiter) return false;
        at++;
      }
      const start = starts[i] ?? 0;
      const stop = ends[i] ?? 0;
      if (amounts[i] === 1) {
        if (store[at] !== (stop > start ? PLAIN_AMOUNT : BLANK_AMOUNT)) return false;
        at++;
        continue;
      }
      if (at + (stop - start) > end) return false;
      for (let b = start; b < stop; b++, at++) if (store[at] !== buf[b]) return false;
    }
    return at === end;
  };
  const clear = (): void => {
    // A table emptied after a few entries (a section label, the first rows) unsets only their slots.
    if (size > 4096) table.fill(0);
    else for (let entry = 0; entry < size; entry++) table[(slotOf[entry] ?? 0) * 4 + 3] = 0;
    values.length = 0;
    used = 0;
    size = 0;
  };
  return {
    get: (buf, fields, amounts, delimiter, hash) => {
      for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
        const at = slot * 4;
        const entry = (table[at + 3] ?? 0) - 1;
        if (entry < 0) return undefined;
        if (table[at] === hash && same(table[at + 1] ?? 0, table[at + 2] ?? 0, buf, fields, amounts, delimiter)) return values[entry];
      }
    },
    set: (buf, fields, amounts, delimiter, hash, value) => {
      const first = fields.starts[0] ?? 0;
      const length = (fields.ends[fields.count - 1] ?? first) - first + fields.count;
      if (size >= VERDICT_LIMIT || used + length > KEY_BYTES) clear();
      // The arena is allocated whole once (its pages are the system's until written), never copied to grow.
      if (arena.length === 0) arena = new Uint8Array(KEY_BYTES);
      let at = used;
      for (let i = 0; i < fields.count; i++) {
        if (i > 0) arena[at++] = delimiter;
        const start = fields.starts[i] ?? 0;
        const stop = fields.ends[i] ?? 0;
        if (amounts[i] === 1) arena[at++] = stop > start ? PLAIN_AMOUNT : BLANK_AMOUNT;
        else for (let b = start; b < stop; b++) arena[at++] = buf[b] ?? 0;
      }
      const entry = size++;
      values[entry] = value;
      let slot = hash & mask;
      while ((table[slot * 4 + 3] ?? 0) !== 0) slot = (slot + 1) & mask;
      slotOf[entry] = slot;
      table[slot * 4] = hash;
      table[slot * 4 + 1] = used;
      table[slot * 4 + 2] = at - used;
      table[slot * 4 + 3] = entry + 1;
      used = at;
    },
    clear,
  };
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
/** A row keyed by fewer filled cells could be a label or a note: each one goes to the segmenter. */
const KEYED_FILLED_CELLS = 3;
/** Bytes at each end of a field that its hash reads. */
const EDGE_BYTES = 6;

/** What a byte reader hands records to: the record handler, the segmenter it feeds, the screen's sink. */
export interface ByteReaderParts {
  readonly records: {
    record(cells: readonly string[]): void;
    repeated(): number;
  };
  readonly segmenter: {
    amountColumns(): Readonly<Partial<Record<Concept, number>>> | null;
    otherColumns(): ReadonlySet<number>;
  };
  /** What the segmenter did with the last record handed on. */
  readonly pushed: () => 'row' | 'changed' | 'same';
  readonly sink: {
    verdict?: () => RowVerdict | null;
    repeat?: (verdict: RowVerdict, line: number, numbers: RowNumbers) => void;
  };
  /** csv-parse's reading of one line (its line end included) as records. */
  readonly parseLine: (text: string) => readonly (readonly string[])[] | null;
}

export interface ByteReader {
  /**
   * Reads the whole lines of `buf`, and the last one too when `final` (unless it has no line end: that
   * one is csv-parse's). Returns where it stopped, the line ends it read, and why it stopped early: a
   * line it leaves to csv-parse, from that line on (a quote opening a cell that spans lines).
   */
  read(buf: Buffer, final: boolean): { readonly end: number; readonly lines: number; readonly stop: ReaderReason | null };
}

const LF = 0x0a;
const CR = 0x0d;

export function createByteReader(delimiter: string, parts: ByteReaderParts): ByteReader {
  const delimiterByte = delimiter.charCodeAt(0);
  const fields = createLineFields();
  const table = createVerdictTable<RowVerdict>();
  // Which fields of a line are amount cells (of the current header's amount columns, and of no other concept).
  let amountFields = new Uint8Array(64);
  let amountFieldsFor: object | null = null;
  const amountFieldsOf = (amounts: Readonly<Partial<Record<Concept, number>>>, others: ReadonlySet<number>): Uint8Array => {
    if (amountFieldsFor === amounts && amountFields.length >= fields.count) return amountFields;
    amountFieldsFor = amounts;
    amountFields = new Uint8Array(Math.max(64, fields.starts.length));
    for (const at of [amounts.value, amounts.quantity, amounts.weight])
      if (at !== undefined && at < amountFields.length && !others.has(at)) amountFields[at] = 1;
    return amountFields;
  };
  const numbers: RowNumbers = {};
  const { records, segmenter, sink, pushed } = parts;
  const handOn = (cells: readonly string[]): void => {
    records.record(cells);
    if (pushed() === 'changed') table.clear();
  };

  /** The plain amount in field `at` of the line; undefined when blank or absent, NaN when not plain. */
  const amountAt = (buf: Buffer, at: number | undefined): number | undefined => {
    if (at === undefined || at >= fields.count || fields.ends[at] === fields.starts[at]) return undefined;
    return plainAmount(buf, fields, at);
  };
  /** Reads one simple line; false when its amounts or its shape keep it from the table. */
  const keyed = (buf: Buffer): boolean => {
    const repeat = sink.repeat;
    const verdictOf = sink.verdict;
    if (repeat === undefined || verdictOf === undefined) return false;
    const amounts = segmenter.amountColumns();
    if (amounts === null) return false;
    const { value, quantity, weight } = amounts;
    numbers.value = amountAt(buf, value);
    numbers.quantity = amountAt(buf, quantity);
    numbers.weight = amountAt(buf, weight);
    if (Number.isNaN(numbers.value) || Number.isNaN(numbers.quantity) || Number.isNaN(numbers.weight)) return false;
    const amountFields = amountFieldsOf(amounts, segmenter.otherColumns());
    // The hash reads each field's length and its edges: a hit compares all the bytes, so the hash
    // need only spread the keys.
    let hash = FNV_OFFSET;
    let filled = 0;
    for (let i = 0; i < fields.count; i++) {
      const start = fields.starts[i] ?? 0;
      const end = fields.ends[i] ?? 0;
      const size = end - start;
      if (size > 0) filled++;
      if (amountFields[i] === 1) {
        hash = Math.imul(hash ^ (size > 0 ? 0x101 : 0x100), FNV_PRIME);
        continue;
      }
      hash = Math.imul(hash ^ (size + 0x200), FNV_PRIME);
      const edge = size < EDGE_BYTES ? size : EDGE_BYTES;
      for (let at = start; at < start + edge; at++) hash = Math.imul(hash ^ (buf[at] ?? 0), FNV_PRIME);
      for (let at = end - edge; at < end; at++) hash = Math.imul(hash ^ (buf[at] ?? 0), FNV_PRIME);
    }
    if (filled < KEYED_FILLED_CELLS) return false;
    const known = table.get(buf, fields, amountFields, delimiterByte, hash);
    if (known !== undefined) {
      repeat(known, records.repeated(), numbers);
      return true;
    }
    records.record(fieldTexts(buf, fields));
    const outcome = pushed();
    if (outcome === 'changed') table.clear();
    else if (outcome === 'row') {
      const verdict = verdictOf();
      if (verdict !== null) table.set(buf, fields, amountFields, delimiterByte, hash, verdict);
    }
    return true;
  };

  return {
    read: (buf, final) => {
      let pos = 0;
      let lines = 0;
      const size = buf.length;
      while (pos < size) {
        let lineEnd = pos;
        while (lineEnd < size) {
          const b = buf[lineEnd];
          if (b === LF || b === CR) break;
          lineEnd++;
        }
        if (lineEnd >= size) break; // no line end yet (or, at the end, the last line without one: csv-parse's)
        let next = lineEnd + 1;
        if (buf[lineEnd] === CR) {
          if (next >= size && !final) break; // a CR at the end of the buffer may be half of a CRLF
          if (buf[next] === LF) next++;
        }
        if (splitLine(buf, pos, lineEnd, delimiterByte, fields)) {
          if (!keyed(buf)) handOn(fieldTexts(buf, fields));
        } else {
          // A line of another kind: csv-parse reads it when it is one record of its own.
          const parsed = parts.parseLine(`${buf.toString('utf8', pos, lineEnd)}\n`);
          const only = parsed?.length === 1 ? parsed[0] : undefined;
          if (only === undefined) return { end: pos, lines, stop: 'multiline-quote' };
          handOn(only);
        }
        lines++;
        pos = next;
      }
      return { end: pos, lines, stop: null };
    },
  };
}
