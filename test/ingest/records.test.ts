// The record handler's one-line entry (for the byte reader, whose records are single lines) against its
// general one: for records whose cells hold no line end, they hand on the same records and count the same lines.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRecordHandler } from '../../src/ingest/records.js';
import type { SourceRecord } from '../../src/ingest/tables.js';

const cell = fc
  .array(fc.constantFrom('a', 'Z', '9', ' ', ',', '"', '\uFFFD', '海', '\u00a0', ''), { maxLength: 5 })
  .map((parts) => parts.join(''));

const handled = (
  records: readonly (readonly string[])[],
  oneLine: boolean,
  undecodable: boolean,
): { pushed: SourceRecord[]; next: number; first: readonly string[] | null } => {
  const pushed: SourceRecord[] = [];
  const handler = createRecordHandler(
    'f.csv',
    ',',
    (r) => pushed.push(r),
    () => undecodable,
  );
  for (const cells of records) {
    if (oneLine) handler.oneLine(cells);
    else handler.record(cells);
  }
  return { pushed, next: handler.nextLine(), first: handler.firstCells() };
};

describe('createRecordHandler', () => {
  it('hands on a record without a line end the same through oneLine as through record', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 8 }), fc.boolean(), (records, undecodable) => {
        expect(handled(records, true, undecodable)).toEqual(handled(records, false, undecodable));
      }),
      { numRuns: 2_000 },
    );
  });
  it('counts the line ends quoted inside cells through record', () => {
    const { pushed, next } = handled([['a', 'two\nlines'], ['b']], false, false);
    expect(pushed.map((r) => [r.line, r.lines])).toEqual([
      [1, 2],
      [3, 1],
    ]);
    expect(next).toBe(4);
  });
});
