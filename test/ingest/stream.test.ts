// The streaming reader (used by `screen`) and the in-memory reader (used for fund files and tests)
// must read every file the same way, row for row.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readHoldingsBytes } from '../../src/ingest/read.js';
import { streamHoldingsFile } from '../../src/ingest/stream.js';
import type { RawHolding, SkippedRow } from '../../src/model.js';
import { ROOT, REAL } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

async function streamed(path: string) {
  const rows: RawHolding[] = [];
  const skipped: SkippedRow[] = [];
  const meta = await streamHoldingsFile(path, {}, { row: (r) => rows.push(r), skip: (s) => skipped.push(s) });
  return { meta, rows, skipped };
}

function inMemory(path: string) {
  return readHoldingsBytes(path, readFileSync(path));
}

const files = [
  ...readdirSync(`${ROOT}fixtures/holdings`).map((f) => `${ROOT}fixtures/holdings/${f}`),
  ...readdirSync(`${REAL}`)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => `${REAL}${f}`),
  ...readdirSync(`${REAL}formats`)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => `${REAL}formats/${f}`),
];

/** Streams `path` and reads it in memory: the same rows, skipped rows and file facts, or the same error. */
async function expectSameAsInMemory(path: string): Promise<void> {
  let expected: ReturnType<typeof inMemory> | InputError;
  try {
    expected = inMemory(path);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    expected = error;
  }
  if (expected instanceof InputError) {
    // Workbooks are the one difference: the streaming reader (screen) reads them (ingest/xlsx.ts), the
    // in-memory one (--funds files) refuses them; a workbook cut short fails both, each in its words.
    const code = expected.code === 'XLSX_NOT_SUPPORTED' ? expect.stringMatching(/^XLSX_/) : expected.code;
    await expect(streamed(path)).rejects.toMatchObject({ code });
    return;
  }
  const got = await streamed(path);
  expect(got.rows).toEqual(expected.rows);
  expect(got.skipped).toEqual(expected.skipped);
  expect(got.meta.tables).toEqual(expected.tables);
  expect(got.meta.asOfText).toBe(expected.asOfText);
  expect(got.meta.asOfLine).toBe(expected.asOfLine);
  expect(got.meta.encoding).toBe(expected.encoding);
  expect(got.meta.sha256).toBe(expected.sha256);
}

describe.each(files)('%s', (path) => {
  it('streams exactly what the in-memory reader reads, or fails the same way', async () => {
    await expectSameAsInMemory(path);
  });
});

describe('streaming a file larger than the head', () => {
  const dir = makeTempDir('stream');

  it('keeps line numbers across chunk boundaries, with CRLF line ends', async () => {
    const lines = ['Name,Ticker,Market Value'];
    for (let i = 1; i <= 40_000; i++) lines.push(`"COMPANY ${i}, ""QUOTED"" INC",T${i},${i}.00`);
    const path = join(dir, 'crlf.csv');
    writeFileSync(path, `${lines.join('\r\n')}\r\n`);
    const got = await streamed(path);
    expect(got.rows).toHaveLength(40_000);
    expect(got.rows[39_999]).toMatchObject({
      line: 40_001,
      cells: { name: 'COMPANY 40000, "QUOTED" INC', ticker: 'T40000', value: '40000.00' },
    });
  });

  it('decides the encoding on the whole file: a windows-1252 byte far past the head makes it windows-1252', async () => {
    const head = ['Name,Ticker,Market Value'];
    for (let i = 1; i <= 100_000; i++) head.push(`COMPANY ${i},T${i},1`);
    const bytes = Buffer.concat([
      Buffer.from(`${head.join('\n')}\n`),
      Buffer.from('SOCI'),
      Buffer.from([0xc9]),
      Buffer.from('TE GENERALE,GLE,1\n'),
    ]);
    const path = join(dir, 'late-cp1252-byte.csv');
    writeFileSync(path, bytes);
    const got = await streamed(path);
    expect(got.meta.encoding).toBe('windows-1252');
    expect(got.rows).toHaveLength(100_001);
    expect(got.rows[100_000]).toMatchObject({ line: 100_002, cells: { name: 'SOCIÉTE GENERALE' } });
    expect(got.rows[100_000]?.undecodable).toBeUndefined();
  });

  it('keeps a UTF-8 file UTF-8 for one stray byte, and marks that row by its line instead of hiding it', async () => {
    const head = ['Name,Ticker,Market Value'];
    for (let i = 1; i <= 30_000; i++) head.push(`海康威视 ${i},T${i},1`);
    const bytes = Buffer.concat([Buffer.from(`${head.join('\n')}\n`), Buffer.from([0x42, 0x41, 0x44, 0xff, 0x2c, 0x42, 0x2c, 0x31, 0x0a])]);
    const path = join(dir, 'late-bad-byte.csv');
    writeFileSync(path, bytes);
    const got = await streamed(path);
    expect(got.meta.encoding).toBe('utf-8');
    expect(got.rows).toHaveLength(30_001);
    expect(got.rows[30_000]).toMatchObject({ line: 30_002, undecodable: true });
    expect(got.skipped).toEqual([]);
  });

  it('marks the row of an overlong sequence (well-formed to the sniffer, not to a decoder), and no row whose characters a chunk splits', async () => {
    const head = ['Name,Ticker,Market Value'];
    for (let i = 1; i <= 30_000; i++) head.push(`海康威视 ${i},T${i},1`);
    // E0 80 80: a lead and two continuation bytes, but an overlong form of U+0000.
    const bytes = Buffer.concat([Buffer.from(`${head.join('\n')}\n`), Buffer.from([0x42, 0xe0, 0x80, 0x80, 0x2c, 0x42, 0x2c, 0x31, 0x0a])]);
    const path = join(dir, 'late-overlong.csv');
    writeFileSync(path, bytes);
    const got = await streamed(path);
    expect(got.meta.encoding).toBe('utf-8');
    expect(got.rows).toHaveLength(30_001);
    expect(got.rows.filter((row) => row.undecodable === true).map((row) => row.line)).toEqual([30_002]);
  });
});

describe('line numbers the streaming reader counts itself', () => {
  const dir = makeTempDir('stream-lines');
  // Cells that move line numbers: quoted line ends of every kind, blank and space-only lines, quotes.
  const cell = fc.constantFrom(
    'HIKVISION',
    'Dahua',
    '002415',
    '1,234.50',
    '',
    ' ',
    'a\nb',
    'a\r\nb',
    'x\n\ny',
    '"',
    'say "hi"',
    'Total',
    'a"b',
    '"q"r',
    ' "x"',
  );
  const body = fc.record({
    rows: fc.array(fc.array(cell, { minLength: 0, maxLength: 4 }), { maxLength: 12 }),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    // `raw` writes cells as they are (quotes inside unquoted fields: relax_quotes), leaving out those with a delimiter or line end.
    quoting: fc.constantFrom('all', 'rfc', 'raw'),
    title: fc.boolean(),
    finalEol: fc.boolean(),
  });
  interface Shape {
    readonly rows: readonly (readonly string[])[];
    readonly eol: string;
    readonly quoting: 'all' | 'rfc' | 'raw';
    readonly title: boolean;
    readonly finalEol: boolean;
  }
  const rowLines = ({ rows, quoting }: Shape): string[] => {
    const quote = (c: string): string =>
      quoting === 'raw' ? c : quoting === 'all' || /[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c;
    const kept = (r: readonly string[]): readonly string[] => (quoting === 'raw' ? r.filter((c) => !/[,\r\n]/.test(c)) : r);
    return rows.map((r) => kept(r).map(quote).join(','));
  };
  const HEADER = 'Name,Ticker,Market Value';
  const csvText = (shape: Shape): string =>
    [...(shape.title ? ['Holdings as of 2024-06-28', ''] : []), HEADER, ...rowLines(shape)].join(shape.eol) +
    (shape.finalEol ? shape.eol : '');
  let run = 0;

  async function expectTextSameAsInMemory(text: string): Promise<void> {
    const path = join(dir, `random-${run++}.csv`);
    writeFileSync(path, text);
    await expectSameAsInMemory(path);
  }

  it('are the lines the in-memory reader gets from csv-parse, for random rows with quoted line ends', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (b) => expectTextSameAsInMemory(csvText(b))),
      { numRuns: 200 },
    );
  });

  // The reader takes a 256 KB head, then 64 KB chunks (src/ingest/stream.ts): the first two boundaries past
  // the head are at these bytes. Long filler rows carry the file to each boundary cheaply (few records), and
  // the random rows are repeated across it, the boundary falling at a random byte of them: inside a quoted
  // line end, between CR and LF, just after a quote.
  const BOUNDARIES = [256 * 1024, 320 * 1024];
  const filler = (bytes: number, eol: string): string => {
    const rows: string[] = [];
    const row = (n: number): string => `FILLER ${'X'.repeat(n - 'FILLER ,F,1'.length - eol.length)},F,1${eol}`;
    let left = bytes;
    while (left > 16_000) {
      rows.push(row(8_000));
      left -= 8_000;
    }
    if (left > 8_000) {
      rows.push(row(left - 4_000));
      left = 4_000;
    }
    rows.push(row(left));
    return rows.join('');
  };

  it('stay right past the 256 KB head, where records span chunk boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(body, fc.array(fc.nat(), { minLength: BOUNDARIES.length, maxLength: BOUNDARIES.length }), async (b, offsets) => {
        const lines = rowLines({ ...b, rows: [...b.rows, ['Dahua', '002236', 'x\ny']] });
        const block = lines.join(b.eol) + b.eol;
        let text = HEADER + b.eol;
        BOUNDARIES.forEach((boundary, i) => {
          // Two copies of the rows before the boundary, two after, the boundary `offset` bytes into the third.
          const start = boundary - 2 * block.length - ((offsets[i] ?? 0) % block.length);
          text += filler(start - text.length, b.eol) + block.repeat(4);
        });
        expect(Buffer.byteLength(text)).toBe(text.length); // ASCII: string offsets are byte offsets
        await expectTextSameAsInMemory(b.finalEol ? text : text.slice(0, -b.eol.length));
      }),
      { numRuns: 40 },
    );
  });
});

describe('a tail the byte reader leaves to csv-parse', () => {
  const dir = makeTempDir('stream-tail');
  const HEAD = 'Name,ISIN,Market Value\nAcme,US0378331005,10\n';
  // What ends real and broken exports: a quoted note without a line end (Vanguard), a cell spanning lines,
  // quotes that never close or close mid-cell, spaces only, rows of other widths after a one-cell line.
  const tails = [
    '"For more information about Vanguard funds, visit advisors.vanguard.com."',
    '"Multi\nline",US5949181045,20\nBeta,US0231351067,30',
    '"Multi\nline",US5949181045,20\nBeta,US0231351067,30\n"unclosed,1,2\nx,y,z\n',
    'Beta,US0231351067,"3"0"\n',
    '"unclosed',
    '"A\n1,2,3\n4,5,6\n7,8,9\n",x,y\n',
    ' \n\u00a0',
    '"Apple ""Inc""", US0378331005 ,5',
    'Note\n"x\ny"\nGamma,US0231351067,1,2,3\nDelta,US5949181045\n"tail"',
    'Beta,US0231351067,30\r\n"q\r\nr",1\r',
  ];
  let run = 0;
  /** Rows, skipped rows and facts of a file, or its error's code and message. */
  async function outcome(path: string, options: { readonly reader?: 'csv-parse' }) {
    const rows: RawHolding[] = [];
    const skipped: SkippedRow[] = [];
    try {
      const meta = await streamHoldingsFile(path, options, { row: (r) => rows.push(r), skip: (s) => skipped.push(s) });
      return { result: { rows, skipped, tables: meta.tables, lineCount: meta.lineCount }, csvParseFrom: meta.reader?.csvParseFrom ?? null };
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return { result: { code: error.code, message: error.message }, csvParseFrom: null };
    }
  }
  it.each(tails.map((tail, i) => [i, tail] as const))(
    'tail %i: the same rows, lines and errors as csv-parse reading the whole file',
    async (_, tail) => {
      const path = join(dir, `tail-${run++}.csv`);
      writeFileSync(path, HEAD + tail);
      const bytes = await outcome(path, {});
      const csvParse = await outcome(path, { reader: 'csv-parse' });
      // The byte reader hands over at the tail: csv-parse reads it (as inspect says) whichever way.
      if ('rows' in bytes.result) expect(bytes.csvParseFrom).not.toBeNull();
      expect(bytes.result).toEqual(csvParse.result);
    },
  );
});
