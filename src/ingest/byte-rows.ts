// The byte reader's parts: one-line CSV records split in the byte buffer, plain amounts read from their
// digits, and a bounded table of the verdicts given to rows already seen. Pure: no I/O.

import type { Concept, ReaderReason } from '../model.js';
import { PLAIN_AMOUNT_DIGITS, type RowNumbers, type RowVerdict } from '../normalize/rows.js';

const QUOTE = 0x22;
const COMMA = 0x2c;
const POINT = 0x2e;
const LF = 0x0a;
const CR = 0x0d;

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

/** Whether the non-empty unquoted field [start, end) starts or ends with a character csv-parse trims. */
function hasTrimmableEdge(buf: Uint8Array, start: number, end: number): boolean {
  const first = buf[start] ?? 0;
  const last = buf[end - 1] ?? 0;
  // Printable ASCII at both edges, the common case, trims nothing.
  if (first > 0x20 && first < 0x80 && last > 0x20 && last < 0x80) return false;
  return trimmableAt(buf, start, end) > 0 || endsTrimmable(buf, start, end);
}

/** One line's fields, as spans of the buffer; the arrays grow with the widest line. */
export interface LineFields {
  /** Fields of the line; -1 when the line is not of the simple kind (see scanLine). */
  count: number;
  /** Where each field's bytes start and end, the quotes of a quoted field included. */
  starts: Int32Array;
  ends: Int32Array;
  /** Whether each field is quoted, and whether it holds a doubled quote. */
  quoted: Uint8Array;
  /** Fields with at least one byte. */
  filled: number;
  /** Whether every byte of the line is ASCII. */
  ascii: boolean;
  /**
   * The verdict table's key: the line's bytes from its first field to its last, each field that
   * `keyFields` marks (an amount cell) reduced to one byte that says whether it is blank. Its hash and
   * its length, which scanLine computes as it splits.
   */
  hash: number;
  keyLength: number;
}

export function createLineFields(): LineFields {
  return {
    count: 0,
    starts: new Int32Array(64),
    ends: new Int32Array(64),
    quoted: new Uint8Array(64),
    filled: 0,
    ascii: true,
    hash: 0,
    keyLength: 0,
  };
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

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const NO_KEY_FIELDS = new Uint8Array(0);

/** Where the line that starts at `at` ends (its CR or LF), or `limit` when it does not end before it. */
function lineEndFrom(buf: Uint8Array, at: number, limit: number): number {
  while (at < limit) {
    const b = buf[at];
    if (b === LF || b === CR) return at;
    at++;
  }
  return limit;
}

/**
 * Splits the line that starts at `start` into fields, as csv-parse reads it, and returns where the line
 * ends: the index of its CR or LF, or `limit` when none comes before it (the line is not complete in
 * the buffer). One pass over the bytes finds the line end, the fields and the key's hash. `fields.count`
 * is -1 unless the line is of the simple kind: every field empty, or unquoted without a quote or an
 * edge space, or quoted from its first byte to a closing quote right before the delimiter or the line
 * end (doubled quotes inside); any other line is csv-parse's to read.
 */
function scanLine(
  buf: Uint8Array,
  start: number,
  limit: number,
  delimiter: number,
  fields: LineFields,
  keyFields: Uint8Array = NO_KEY_FIELDS,
  /** Whether `limit` ends the line (its line end excluded), rather than the bytes read so far. */
  limitEndsLine = false,
): number {
  let count = 0;
  let filled = 0;
  let high = 0;
  let hash = FNV_OFFSET;
  // What the key fields' bytes leave out of the key: each one's length but the one byte it keeps.
  let keyLess = 0;
  let at = start;
  fields.count = -1;
  for (;;) {
    if (count === fields.starts.length) grow(fields);
    const fieldStart = at;
    const before = hash;
    let quoted = 0;
    if (at < limit && buf[at] === QUOTE) {
      quoted = 1;
      hash = Math.imul(hash ^ QUOTE, FNV_PRIME);
      at++;
      for (;;) {
        if (at >= limit) return limit;
        const b = buf[at] ?? 0;
        if (b === QUOTE) {
          // A quote as the buffer's last byte may be the first of a doubled quote.
          if (at + 1 >= limit && !limitEndsLine) return limit;
          hash = Math.imul(hash ^ QUOTE, FNV_PRIME);
          if (at + 1 < limit && buf[at + 1] === QUOTE) {
            quoted = 2;
            hash = Math.imul(hash ^ QUOTE, FNV_PRIME);
            at += 2;
            continue;
          }
          at++;
          break;
        }
        if (b === LF || b === CR) return at; // the quote closes on a later line, or never
        high |= b;
        hash = Math.imul(hash ^ b, FNV_PRIME);
        at++;
      }
      if (at < limit) {
        const after = buf[at];
        if (after !== delimiter && after !== LF && after !== CR) return lineEndFrom(buf, at, limit);
      } else if (!limitEndsLine) return limit;
    } else {
      for (;;) {
        if (at >= limit) {
          if (limitEndsLine) break;
          return limit;
        }
        const b = buf[at] ?? 0;
        if (b === delimiter || b === LF || b === CR) break;
        if (b === QUOTE) return lineEndFrom(buf, at, limit);
        high |= b;
        hash = Math.imul(hash ^ b, FNV_PRIME);
        at++;
      }
      if (at > fieldStart && hasTrimmableEdge(buf, fieldStart, at)) return lineEndFrom(buf, at, limit);
    }
    const size = at - fieldStart;
    if (size > 0) filled++;
    // A key field counts only as blank or not; every field's length separates it from the next.
    if (keyFields[count] === 1) {
      hash = Math.imul(before ^ (size > 0 ? 0x101 : 0x100), FNV_PRIME);
      keyLess += size - 1;
    } else hash = Math.imul(hash ^ (size + 0x200), FNV_PRIME);
    fields.starts[count] = fieldStart;
    fields.ends[count] = at;
    fields.quoted[count] = quoted;
    count++;
    // `at` is before a delimiter or a line end here, or at the limit that ends the line.
    if (at >= limit || buf[at] !== delimiter) break;
    at++;
  }
  fields.count = count;
  fields.filled = filled;
  fields.ascii = high < 0x80;
  fields.hash = hash;
  fields.keyLength = at - start - keyLess;
  return at;
}

/**
 * Splits the line [start, end) (its line end excluded) into fields, as csv-parse reads it, when it is
 * a line of the simple kind (see scanLine); returns false for any other line.
 */
export function splitLine(buf: Uint8Array, start: number, end: number, delimiter: number, fields: LineFields): boolean {
  return scanLine(buf, start, end, delimiter, fields, NO_KEY_FIELDS, true) === end && fields.count >= 0;
}

/** One field of a split line as the string csv-parse gives (UTF-8 that decodes: see the reader). */
function fieldText(buf: Buffer, fields: LineFields, i: number): string {
  const start = fields.starts[i] ?? 0;
  const end = fields.ends[i] ?? 0;
  const quoted = fields.quoted[i] ?? 0;
  // toString without an encoding is UTF-8, the shortest way to the decoder.
  if (quoted === 0) return start === end ? '' : buf.toString(undefined, start, end);
  const text = end - start === 2 ? '' : buf.toString(undefined, start + 1, end - 1);
  return quoted === 1 ? text : text.replaceAll('""', '"');
}

/** The fields of a split line as the strings csv-parse gives (UTF-8 that decodes: see the reader). */
export function fieldTexts(buf: Buffer, fields: LineFields): string[] {
  const cells = new Array<string>(fields.count);
  for (let i = 0; i < fields.count; i++) cells[i] = fieldText(buf, fields, i);
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
 * Verdicts by the key of a line (LineFields.keyLength): a hit compares every stored byte, so two lines
 * of one hash never share a verdict; when full, the table is emptied, so memory stays bounded. A slot
 * holds the number of its verdict among the distinct ones (createVerdictPool makes most of them one
 * object), not a reference per line.
 */
interface VerdictTable<V> {
  get(buf: Uint8Array, fields: LineFields, keyFields: Uint8Array): V | undefined;
  set(buf: Uint8Array, fields: LineFields, keyFields: Uint8Array, value: V): void;
  clear(): void;
}

function createVerdictTable<V>(): VerdictTable<V> {
  const slots = VERDICT_LIMIT * 2;
  const mask = slots - 1;
  // Four numbers a slot, read together (one cache line): the hash, where the key is in the arena,
  // its length, and the number of its verdict + 1 (0: an empty slot).
  const table = new Int32Array(slots * 4);
  // The slot of each entry, in the order they were stored.
  const slotOf = new Int32Array(VERDICT_LIMIT);
  const values: V[] = [];
  const numberOf = new Map<V, number>();
  let arena = new Uint8Array(0);
  let used = 0;
  let size = 0;
  /**
   * Whether the key at `at` in the arena is the line's (of the same length). Fields that are not key
   * fields are compared as runs: between key fields, the line's bytes and the key's are the same bytes,
   * delimiters included.
   */
  const same = (at: number, buf: Uint8Array, fields: LineFields, keyFields: Uint8Array): boolean => {
    const store = arena;
    const { starts, ends, count } = fields;
    let i = 0;
    while (i < count) {
      if (keyFields[i] === 1) {
        if (store[at] !== ((ends[i] ?? 0) > (starts[i] ?? 0) ? PLAIN_AMOUNT : BLANK_AMOUNT)) return false;
        at++;
        i++;
        // The delimiter after it.
        if (i < count) at++;
        continue;
      }
      let last = i;
      while (last + 1 < count && keyFields[last + 1] !== 1) last++;
      // The run ends before the delimiter that follows it; that delimiter is the same in both.
      const stop = last + 1 < count ? (ends[last] ?? 0) + 1 : (ends[last] ?? 0);
      for (let b = starts[i] ?? 0; b < stop; b++, at++) if (store[at] !== buf[b]) return false;
      i = last + 1;
    }
    return true;
  };
  const clear = (): void => {
    // A table emptied after a few entries (a section label, the first rows) unsets only their slots.
    if (size > 4096) table.fill(0);
    else for (let entry = 0; entry < size; entry++) table[(slotOf[entry] ?? 0) * 4 + 3] = 0;
    values.length = 0;
    numberOf.clear();
    used = 0;
    size = 0;
  };
  return {
    get: (buf, fields, keyFields) => {
      const { hash, keyLength: length } = fields;
      for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
        const at = slot * 4;
        const value = (table[at + 3] ?? 0) - 1;
        if (value < 0) return undefined;
        if (table[at] === hash && table[at + 2] === length && same(table[at + 1] ?? 0, buf, fields, keyFields)) return values[value];
      }
    },
    set: (buf, fields, keyFields, value) => {
      const length = fields.keyLength;
      if (size >= VERDICT_LIMIT || used + length > KEY_BYTES) clear();
      // The arena is allocated whole once (its pages are the system's until written), never copied to grow.
      if (arena.length === 0) arena = new Uint8Array(KEY_BYTES);
      const { starts, ends, count } = fields;
      let at = used;
      for (let i = 0; i < count; i++) {
        if (i > 0) at++;
        const start = starts[i] ?? 0;
        const stop = ends[i] ?? 0;
        if (keyFields[i] === 1) arena[at++] = stop > start ? PLAIN_AMOUNT : BLANK_AMOUNT;
        else for (let b = start; b < stop; b++) arena[at++] = buf[b] ?? 0;
        // The delimiter after the field, as in the line.
        if (i + 1 < count) arena[at] = buf[stop] ?? 0;
      }
      let number = numberOf.get(value);
      if (number === undefined) {
        number = values.length;
        values.push(value);
        numberOf.set(value, number);
      }
      const hash = fields.hash;
      let slot = hash & mask;
      while ((table[slot * 4 + 3] ?? 0) !== 0) slot = (slot + 1) & mask;
      slotOf[size++] = slot;
      table[slot * 4] = hash;
      table[slot * 4 + 1] = used;
      table[slot * 4 + 2] = length;
      table[slot * 4 + 3] = number + 1;
      used = at;
    },
    clear,
  };
}

/**
 * One object for each verdict that carries nothing of its row (a holding without warnings, by its
 * currency): the verdict table holds a reference per row it has seen, not a verdict per row.
 */
const POOLED_CURRENCIES = 1024;

function createVerdictPool(): { shared(verdict: RowVerdict): RowVerdict; clear(): void } {
  const holdings = new Map<string | null, RowVerdict>();
  return {
    shared: (verdict) => {
      if (verdict.kind !== 'holding' || verdict.warnings.length > 0) return verdict;
      const known = holdings.get(verdict.currency);
      if (known !== undefined) return known;
      if (holdings.size >= POOLED_CURRENCIES) holdings.clear();
      holdings.set(verdict.currency, verdict);
      return verdict;
    },
    clear: () => holdings.clear(),
  };
}

/** A row keyed by fewer filled cells could be a label or a note: each one goes to the segmenter. */
const KEYED_FILLED_CELLS = 3;

/** What a byte reader hands records to: the record handler, the segmenter it feeds, the screen's sink. */
export interface ByteReaderParts {
  readonly records: {
    record(cells: readonly string[]): void;
    /** A record whose cells hold no line end (RecordHandler.oneLine). */
    oneLine(cells: readonly string[]): void;
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

export function createByteReader(delimiter: string, parts: ByteReaderParts): ByteReader {
  const delimiterByte = delimiter.charCodeAt(0);
  const fields = createLineFields();
  const table = createVerdictTable<RowVerdict>();
  const pool = createVerdictPool();
  const numbers: RowNumbers = {};
  const { records, segmenter, sink, pushed } = parts;
  const repeat = sink.repeat;
  const verdictOf = sink.verdict;
  // The current table's amount columns, as they were after the last record handed on (the segmenter
  // changes its table only for a record it is given): null when rows are not repeated, and which
  // fields of a line are amount cells (of those columns, and of no other concept): the key fields.
  let amounts: Readonly<Partial<Record<Concept, number>>> | null = null;
  let valueAt = -1;
  let quantityAt = -1;
  let weightAt = -1;
  let keyFields = new Uint8Array(64);
  const learnColumns = (): void => {
    const now = repeat === undefined || verdictOf === undefined ? null : segmenter.amountColumns();
    if (now === amounts) return;
    amounts = now;
    valueAt = now?.value ?? -1;
    quantityAt = now?.quantity ?? -1;
    weightAt = now?.weight ?? -1;
    keyFields = new Uint8Array(64);
    if (now === null) return;
    const others = segmenter.otherColumns();
    for (const at of [now.value, now.quantity, now.weight]) {
      if (at === undefined || others.has(at)) continue;
      if (at >= keyFields.length) {
        const wider = new Uint8Array(at + 64);
        wider.set(keyFields);
        keyFields = wider;
      }
      keyFields[at] = 1;
    }
  };
  const emptied = (): void => {
    table.clear();
    pool.clear();
  };
  const handOn = (cells: readonly string[]): void => {
    records.record(cells);
    if (pushed() === 'changed') emptied();
    learnColumns();
  };
  // The cells of a split line hold no line end (scanLine stops at the first CR or LF): the record handler
  // need not search them for one.
  const handOnSplit = (cells: readonly string[]): void => {
    records.oneLine(cells);
    if (pushed() === 'changed') emptied();
    learnColumns();
  };

  /** The plain amount in field `at` of the line; undefined when blank or absent, NaN when not plain. */
  const amountAt = (buf: Buffer, at: number): number | undefined => {
    if (at < 0 || at >= fields.count || fields.ends[at] === fields.starts[at]) return undefined;
    return plainAmount(buf, fields, at);
  };
  /** Reads one simple line; false when its amounts or its shape keep it from the table. */
  const keyed = (buf: Buffer): boolean => {
    if (amounts === null || repeat === undefined || verdictOf === undefined || fields.filled < KEYED_FILLED_CELLS) return false;
    // Each amount is read only while the ones before it are plain: a line with one that is not ("$1.2M",
    // "7.75%") is handed on whole.
    const value = amountAt(buf, valueAt);
    if (Number.isNaN(value)) return false;
    const quantity = amountAt(buf, quantityAt);
    if (Number.isNaN(quantity)) return false;
    const weight = amountAt(buf, weightAt);
    if (Number.isNaN(weight)) return false;
    numbers.value = value;
    numbers.quantity = quantity;
    numbers.weight = weight;
    const known = table.get(buf, fields, keyFields);
    if (known !== undefined) {
      repeat(known, records.repeated(), numbers);
      return true;
    }
    records.oneLine(fieldTexts(buf, fields));
    const outcome = pushed();
    if (outcome === 'changed') emptied();
    else if (outcome === 'row') {
      const verdict = verdictOf();
      if (verdict !== null) table.set(buf, fields, keyFields, pool.shared(verdict));
    }
    learnColumns();
    return true;
  };

  return {
    read: (buf, final) => {
      let pos = 0;
      let lines = 0;
      const size = buf.length;
      while (pos < size) {
        const lineEnd = scanLine(buf, pos, size, delimiterByte, fields, keyFields);
        if (lineEnd >= size) break; // no line end yet (or, at the end, the last line without one: csv-parse's)
        let next = lineEnd + 1;
        if (buf[lineEnd] === CR) {
          if (next >= size && !final) break; // a CR at the end of the buffer may be half of a CRLF
          if (next < size && buf[next] === LF) next++;
        }
        if (fields.count >= 0) {
          if (!keyed(buf)) handOnSplit(fieldTexts(buf, fields));
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
