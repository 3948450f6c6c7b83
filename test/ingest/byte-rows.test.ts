// The byte reader's parts against the owners they stand in for: a plain amount read from its digits is
// the number parseAmount reads from its text, and a line split in the buffer gives csv-parse's cells.

import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createByteReader, createLineFields, fieldTexts, plainAmount, splitLine } from '../../src/ingest/byte-rows.js';
import { csvOptions } from '../../src/ingest/read.js';
import { parseAmount } from '../../src/normalize/amounts.js';

function fieldsOf(text: string, delimiter = ','): { buf: Buffer; fields: ReturnType<typeof createLineFields> } | null {
  const buf = Buffer.from(text, 'utf8');
  const fields = createLineFields();
  return splitLine(buf, 0, buf.length, delimiter.charCodeAt(0), fields) ? { buf, fields } : null;
}

const digits = (min: number, max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));

// Amount-like texts: plain ("1,234.56", "007"), and near misses ("1,2345", "5.", ".5", "-1", "1e5").
const amountText = fc.oneof(
  fc
    .tuple(digits(1, 3), fc.array(digits(3, 3), { maxLength: 5 }), fc.option(digits(1, 8)))
    .map(([lead, groups, fraction]) => `${[lead, ...groups].join(',')}${fraction === null ? '' : `.${fraction}`}`),
  fc.tuple(digits(1, 18), fc.option(digits(0, 6))).map(([whole, fraction]) => `${whole}${fraction === null ? '' : `.${fraction}`}`),
  fc.stringMatching(/^[0-9,.\-e$%]{1,12}$/),
);

describe('plainAmount', () => {
  it('is the number parseAmount reads, for every text of the plain shape, quoted or not; NaN for the rest', () => {
    fc.assert(
      fc.property(amountText, fc.boolean(), (text, quoted) => {
        const split = fieldsOf(quoted || text.includes(',') ? `"${text}"` : text);
        if (split === null) return;
        const got = plainAmount(split.buf, split.fields, 0);
        const plain = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/.test(text) && text.replace(/\D/g, '').length <= 15;
        if (!plain) {
          expect(got).toBeNaN();
          return;
        }
        expect(parseAmount(text, '.')).toEqual({ ok: true, value: got });
      }),
      { numRuns: 20_000 },
    );
  });
  it('leaves sixteen digits, a sign and a bare point to the text', () => {
    for (const text of ['1234567890123456', '-12', '5.', '.5', '1,2345', '12,34', '']) {
      const split = fieldsOf(`"${text}"`);
      expect(split).not.toBeNull();
      if (split !== null) expect(plainAmount(split.buf, split.fields, 0)).toBeNaN();
    }
  });
});

// Cells with every character the reader must leave to csv-parse or read as it does.
const cell = fc
  .array(fc.constantFrom('a', 'Z', '9', ',', ';', '\t', ' ', '"', '""', '\u00a0', '\u3000', '\ufeff', '海', 'é', '\u2009', '\u000b'), {
    maxLength: 6,
  })
  .map((parts) => parts.join(''));

describe('splitLine', () => {
  it('gives the cells csv-parse gives for every line it reads, and leaves the others', () => {
    let read = 0;
    fc.assert(
      fc.property(
        fc.array(cell, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        fc.constantFrom(',', ';', '\t'),
        (cells, quote, delimiter) => {
          const line = cells.map((c) => (quote ? `"${c.replaceAll('"', '""')}"` : c)).join(delimiter);
          const split = fieldsOf(line, delimiter);
          if (split === null) return;
          read++;
          const expected: unknown = parse(`${line}\n`, { ...csvOptions(delimiter), info: false });
          expect([fieldTexts(split.buf, split.fields)]).toEqual(expected);
        },
      ),
      { numRuns: 20_000 },
    );
    expect(read).toBeGreaterThan(5_000);
  });
});

// The reader is given the file in chunks (64 KB, then whatever the stream gives): a line, a quoted cell,
// a doubled quote or a CRLF cut at any byte must read as it does whole.
describe('createByteReader', () => {
  const readPieces = (bytes: Buffer, cuts: readonly number[]): { records: string[][]; left: string; stop: string | null } => {
    const records: string[][] = [];
    const reader = createByteReader(',', {
      records: {
        record: (cells) => records.push([...cells]),
        // What the reader hands on as one line must be one: the record handler counts no line end in it.
        oneLine: (cells) => {
          expect(cells.some((c) => /[\r\n]/.test(c))).toBe(false);
          records.push([...cells]);
        },
        repeated: () => 0,
      },
      segmenter: { amountColumns: () => null, otherColumns: () => new Set() },
      pushed: () => 'same',
      sink: {},
      // As stream.ts gives it: csv-parse's records of the line, null when it refuses the line.
      parseLine: (line) => {
        try {
          const parsed: unknown = parse(line, { ...csvOptions(','), info: false });
          return Array.isArray(parsed) && parsed.every((r) => Array.isArray(r) && r.every((c) => typeof c === 'string')) ? parsed : null;
        } catch {
          return null;
        }
      },
    });
    let left = Buffer.alloc(0);
    let stop: string | null = null;
    const points = [...new Set(cuts.filter((c) => c > 0 && c < bytes.length))].sort((a, b) => a - b);
    let from = 0;
    for (const to of [...points, bytes.length]) {
      left = Buffer.concat([left, bytes.subarray(from, to)]);
      from = to;
      const read = reader.read(left, to === bytes.length);
      left = left.subarray(read.end);
      stop = read.stop;
      if (stop !== null) break;
    }
    // What is left to csv-parse: the bytes the reader did not read, and those it was not given after a stop.
    return { records, left: Buffer.concat([left, bytes.subarray(from)]).toString('utf8'), stop };
  };
  const line = fc
    .array(
      fc.oneof(
        cell,
        cell.map((c) => `"${c.replaceAll('"', '""')}"`),
        fc.constantFrom('"a\nb"', '"x""', ' "q"', ''),
      ),
      {
        minLength: 1,
        maxLength: 5,
      },
    )
    .map((cells) => cells.join(','));
  it('reads a text cut anywhere as it reads it whole', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(line, fc.constantFrom('\n', '\r\n', '\r')), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        fc.array(fc.nat(400), { maxLength: 6 }),
        (lines, lastEnd, cuts) => {
          const text = lines.map(([l, end], i) => (i < lines.length - 1 || lastEnd ? l + end : l)).join('');
          const bytes = Buffer.from(text, 'utf8');
          expect(readPieces(bytes, cuts)).toEqual(readPieces(bytes, []));
        },
      ),
      { numRuns: 1_500 },
    );
  }, 60_000);
});
