// Helpers for the ingest tests: fixture bytes, and the accounting invariant every read must keep.

import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Segmented } from '../../src/ingest/tables.js';

/** Bytes of a fixture under fixtures/holdings/, exactly as committed. */
export function fixtureBytes(name: string): Uint8Array {
  return readFileSync(new URL(`../../fixtures/holdings/${name}`, import.meta.url));
}

/** Physical line numbers of a text (1..n), the way an editor counts them; a final newline opens no line. */
export function physicalLines(text: string): number[] {
  if (text === '') return [];
  const parts = text.split(/\r\n|\r|\n/);
  const count = parts[parts.length - 1] === '' ? parts.length - 1 : parts.length;
  return Array.from({ length: count }, (_, i) => i + 1);
}

/** Lines of a fixture whose line breaks are ASCII (UTF-8, windows-1252, GB18030). */
export function fixtureLines(name: string): number[] {
  return physicalLines(Buffer.from(fixtureBytes(name)).toString('latin1'));
}

export function expectStrictlyIncreasing(lines: readonly number[]): void {
  for (let i = 1; i < lines.length; i++) expect(lines[i] ?? 0).toBeGreaterThan(lines[i - 1] ?? 0);
}

/**
 * Every record is exactly one of: a header, a row, a skipped entry (the preamble's records are skipped
 * too), and their lines add up to the file's physical lines. `recordStarts` are the lines where the
 * file's records start.
 */
export function expectEveryRecordAccountedFor(
  result: Segmented & { readonly lineCount?: number | null },
  recordStarts: readonly number[],
): void {
  const headers = result.tables.map((t) => t.headerLine);
  // A header split over two lines takes both.
  const continued = result.tables.flatMap((t) => (t.continuedOn === undefined ? [] : [t.continuedOn]));
  const rows = result.rows.map((r) => r.line);
  const skipped = result.skipped.map((s) => s.line);
  expectStrictlyIncreasing(headers);
  expectStrictlyIncreasing(rows);
  expectStrictlyIncreasing(skipped);
  const first = headers[0];
  if (first === undefined) throw new Error('no header was found');
  // A last line of spaces only gets no record from the parser; the reader skips it as blank.
  const lastStart = Math.max(0, ...recordStarts);
  const tail = result.skipped.filter((s) => s.reason === 'blank' && s.line > lastStart).map((s) => s.line);
  expect(tail.length).toBeLessThanOrEqual(1);
  const accounted = [...headers, ...continued, ...rows, ...skipped.filter((line) => !tail.includes(line))].sort((a, b) => a - b);
  expect(accounted).toEqual([...recordStarts]);
  expect(result.preambleLines).toBe(recordStarts.filter((line) => line < first).length);
  if (result.lineCount !== undefined && result.lineCount !== null) {
    const lines =
      result.headerLines + result.rows.reduce((n, r) => n + (r.lines ?? 1), 0) + result.skipped.reduce((n, s) => n + (s.lines ?? 1), 0);
    expect(lines).toBe(result.lineCount);
  }
}
