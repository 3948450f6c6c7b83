// A listed holding planted into a real file, wherever it is put and whatever is around it, is either
// found (exit 1, the planted line among the flagged findings) or stops the screen naming a line (exit 2).
// Never exit 0: that is the one answer people sign without reading.

import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runScreen } from '../../src/cli/run.js';
import { ScreenerError } from '../../src/errors.js';
import { readHoldingsBytes } from '../../src/ingest/read.js';
import { REAL } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const FILES = [
  ...readdirSync(REAL).filter((f) => f.endsWith('.csv')),
  ...readdirSync(join(REAL, 'formats'))
    .filter((f) => f.endsWith('.csv'))
    .map((f) => `formats/${f}`),
];

type By = 'name' | 'isin' | 'ticker';
type Place = 'after-note' | 'second-table' | 'end' | 'stray-quote' | 'bad-byte' | 'preamble';

interface Layout {
  readonly bytes: Buffer;
  readonly lines: Buffer[];
  readonly eol: string;
  readonly delimiter: string;
  readonly headerLine: number;
  readonly header: readonly string[];
  readonly columns: Readonly<Record<string, number | undefined>>;
}

function layoutOf(file: string): Layout {
  const bytes = readFileSync(join(REAL, file));
  const read = readHoldingsBytes(file, bytes);
  const table = read.tables.find((t) => t.kind === 'holdings');
  if (table === undefined) throw new Error(`${file}: no holdings table`);
  const eol = bytes.includes('\r\n') ? '\r\n' : '\n';
  const lines: Buffer[] = [];
  let start = 0;
  for (let at = bytes.indexOf('\n'); at !== -1; at = bytes.indexOf('\n', start)) {
    lines.push(bytes.subarray(start, at + 1));
    start = at + 1;
  }
  if (start < bytes.length) lines.push(Buffer.concat([bytes.subarray(start), Buffer.from(eol)]));
  return { bytes, lines, eol, delimiter: read.delimiter, headerLine: table.headerLine, header: table.headers, columns: table.columns };
}

/** A row of the file's own shape holding Hikvision by one fact only. */
function plantedRow(layout: Layout, by: By): string {
  const cells = layout.header.map(() => '');
  const put = (concepts: readonly string[], text: string): void => {
    const at = concepts.map((c) => layout.columns[c]).find((i) => i !== undefined) ?? 0;
    cells[at] = text;
  };
  if (by === 'name') put(['name'], 'HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO LTD');
  if (by === 'isin') put(['isin', 'ticker', 'name'], 'CNE100000PM8');
  if (by === 'ticker') {
    if (layout.columns['exchange'] !== undefined) {
      put(['ticker'], '002415');
      put(['exchange'], 'Shenzhen Stock Exchange');
    } else put(['ticker'], '002415 CH');
  }
  if (layout.columns['value'] !== undefined) put(['value'], '1000');
  const quote = (c: string): string => (c.includes(layout.delimiter) || c.includes('"') ? `"${c.replace(/"/g, '""')}"` : c);
  return cells.map(quote).join(layout.delimiter);
}

const dir = makeTempDir('planted');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { today: '2026-11-26', tool: { name: 'exposure-screener', version: 'test' }, width: 120, cwd: dir };

/** Plants the row; returns the file's bytes and the planted row's line. */
function plant(layout: Layout, by: By, place: Place, at: number): { bytes: Buffer; line: number } {
  const row = plantedRow(layout, by);
  const body = layout.lines.length;
  const afterHeader = layout.headerLine + (at % Math.max(1, body - layout.headerLine + 1));
  const index = place === 'preamble' ? at % layout.headerLine : place === 'end' ? body : Math.min(afterHeader, body);
  const before: string[] =
    place === 'after-note'
      ? ['* Securities on loan']
      : place === 'second-table'
        ? ['', 'Other holdings', layout.header.join(layout.delimiter)]
        : place === 'stray-quote'
          ? [`"ACME 5" NOTES${layout.delimiter}1`]
          : [];
  const inserted = [...before, row].map((l) => Buffer.from(`${l}${layout.eol}`));
  if (place === 'bad-byte') inserted.unshift(Buffer.concat([Buffer.from('BAD'), Buffer.from([0xff]), Buffer.from(`BYTE${layout.eol}`)]));
  const lines = [...layout.lines.slice(0, index), ...inserted, ...layout.lines.slice(index)];
  return { bytes: Buffer.concat(lines), line: index + inserted.length };
}

describe('a listed holding planted into a real file is never cleared', () => {
  const layouts = new Map(FILES.map((f) => [f, layoutOf(f)]));
  let run = 0;

  it('exits 1 with the planted line flagged, or 2 naming a line; never 0', async () => {
    const cases = fc.sample(
      fc.record({
        file: fc.constantFrom(...FILES),
        by: fc.constantFrom<By>('name', 'isin', 'ticker'),
        place: fc.constantFrom<Place>('after-note', 'second-table', 'end', 'stray-quote', 'bad-byte', 'preamble'),
        at: fc.nat(),
      }),
      { numRuns: 60, seed: 20261203 },
    );
    for (const c of cases) {
      const layout = layouts.get(c.file);
      if (layout === undefined) continue;
      // A bare exchange code before the header, or in a file without a ticker column, is no holding a
      // person would recognise either: a ticker is planted only under a ticker column.
      const place = c.by === 'ticker' && c.place === 'preamble' ? 'end' : c.place;
      if (c.by === 'ticker' && layout.columns['ticker'] === undefined) continue;
      if (place === 'preamble' && layout.headerLine === 1) continue;
      const planted = plant(layout, c.by, place, c.at);
      const path = join(dir, `p${run++}.csv`);
      writeFileSync(path, planted.bytes);
      const label = `${c.file} by ${c.by}, ${place}, line ${planted.line}`;
      try {
        const result = await runScreen([path], { format: 'json', asOf: '2026-11-26', ignore: false }, env);
        const report: { findings: { status: string; entity: { id: string }; source: { line: number } }[] } = JSON.parse(result.output);
        if (result.exitCode === 2) {
          expect(result.messages.join('\n'), label).toMatch(/:\d+:/);
          continue;
        }
        expect(result.exitCode, label).toBe(1);
        const lines = report.findings.filter((f) => f.status === 'flagged' && f.entity.id === 'hikvision').map((f) => f.source.line);
        expect(lines, label).toContain(planted.line);
      } catch (error) {
        if (!(error instanceof ScreenerError)) throw error;
        expect(error.message, label).toMatch(/:\d+:/);
      }
    }
  }, 60_000);
});

describe('mutated real files: every physical line is in one bucket', () => {
  const layouts = new Map(FILES.map((f) => [f, layoutOf(f)]));
  const MUTATIONS = ['* Securities on loan', 'Footnote 1: values are unaudited', '"ACME 5" NOTES', 'BAD\u00ffBYTE', 'header', ''] as const;

  it("header + rows + skipped lines = the file's lines, or an error naming a line", () => {
    const cases = fc.sample(
      fc.record({
        file: fc.constantFrom(...FILES),
        edits: fc.array(fc.record({ what: fc.constantFrom(...MUTATIONS), at: fc.nat() }), { minLength: 1, maxLength: 4 }),
      }),
      { numRuns: 60, seed: 20261204 },
    );
    for (const c of cases) {
      const layout = layouts.get(c.file);
      if (layout === undefined) continue;
      const lines = [...layout.lines];
      for (const edit of c.edits) {
        const text = edit.what === 'header' ? layout.header.join(layout.delimiter) : edit.what;
        const bytes = edit.what === 'BAD\u00ffBYTE' ? Buffer.from([0x42, 0x41, 0x44, 0xff, 0x0a]) : Buffer.from(`${text}${layout.eol}`);
        lines.splice(edit.at % (lines.length + 1), 0, bytes);
      }
      const bytes = Buffer.concat(lines);
      const physical = bytes.toString('latin1').split(/\r\n|\r|\n/).length - (/(?:\r\n|\r|\n)$/.test(bytes.toString('latin1')) ? 1 : 0);
      const label = `${c.file}: ${c.edits.map((e) => `${e.what}@${e.at}`).join(', ')}`;
      try {
        const read = readHoldingsBytes(c.file, bytes);
        const counted =
          read.headerLines + read.rows.reduce((n, r) => n + (r.lines ?? 1), 0) + read.skipped.reduce((n, s) => n + (s.lines ?? 1), 0);
        expect(read.lineCount, label).toBe(physical);
        expect(counted, label).toBe(physical);
      } catch (error) {
        if (!(error instanceof ScreenerError)) throw error;
        expect(error.message, label).toMatch(/:\d+:/);
      }
    }
  }, 60_000);
});
