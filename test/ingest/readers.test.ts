// The byte reader (src/ingest/byte-rows.ts) and csv-parse must give the same screen: every fixture and
// generated files of every awkward kind are screened through both, and the JSON reports, the messages and
// the exit codes must be identical, or both readers must refuse the file with the same error.

import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScreen } from '../../src/cli/run.js';
import { streamHoldingsFile } from '../../src/ingest/stream.js';
import { ROOT } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const dir = makeTempDir('readers');
const env = { today: '2026-11-26', tool: { name: 'exposure-screener', version: 'test' }, width: 120, cwd: dir };

function filesUnder(path: string): string[] {
  return readdirSync(path).flatMap((name) => {
    const full = join(path, name);
    if (statSync(full).isDirectory()) return filesUnder(full);
    return /\.(?:csv|tsv|txt|xml)$/i.test(name) ? [full] : [];
  });
}

type Screened =
  { readonly ok: true; output: string; messages: readonly string[]; exitCode: number } | { readonly ok: false; error: string };

async function screened(path: string, reader?: 'csv-parse'): Promise<Screened> {
  try {
    const result = await runScreen(
      [path],
      { format: 'json', asOf: '2026-11-26', ignore: false, failOn: 'none' },
      {
        ...env,
        ...(reader === undefined ? {} : { reader }),
      },
    );
    return { ok: true, output: result.output, messages: result.messages, exitCode: result.exitCode };
  } catch (error) {
    return {
      ok: false,
      error: `${error instanceof Error ? error.constructor.name : 'unknown'}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

async function expectSameScreen(path: string): Promise<void> {
  const byCsvParse = await screened(path, 'csv-parse');
  const byBytes = await screened(path);
  expect(byBytes).toEqual(byCsvParse);
}

const fixtures = filesUnder(join(ROOT, 'fixtures'));

describe('every fixture', () => {
  it('there are fixtures of every kind', () => {
    expect(fixtures.length).toBeGreaterThan(90);
  });
  it.each(fixtures.map((f) => relative(ROOT, f)))('%s screens the same through both readers', async (file) => {
    await expectSameScreen(join(ROOT, file));
  });
});

describe('the reader a file was read with', () => {
  it('is the byte reader for a UTF-8 file, csv-parse from the line where a quoted cell spans lines', async () => {
    const path = join(dir, 'spans.csv');
    writeFileSync(path, 'Name,ISIN,Market Value\nACME CORP,US0378331005,100\n"TWO\nLINES",US5949181045,200\nBETA,US0378331005,300\n');
    const sink = { row: () => {}, skip: () => {} };
    const read = await streamHoldingsFile(path, {}, sink);
    expect(read.reader).toEqual({ kind: 'bytes', reason: 'multiline-quote', csvParseFrom: 3 });
    const forced = await streamHoldingsFile(path, { reader: 'csv-parse' }, sink);
    expect(forced.reader).toEqual({ kind: 'csv-parse', reason: 'asked', csvParseFrom: 1 });
  });
  it('is csv-parse for a windows-1252 file', async () => {
    const path = join(dir, 'latin.csv');
    writeFileSync(path, Buffer.from('Name,ISIN,Market Value\nSoci\xe9t\xe9 G\xe9n\xe9rale,FR0000130809,100\n', 'latin1'));
    const read = await streamHoldingsFile(path, {}, { row: () => {}, skip: () => {} });
    expect(read.reader).toEqual({ kind: 'csv-parse', reason: 'encoding', csvParseFrom: 1 });
  });
});

// Generated files: the rows a custodian writes, repeated so that verdicts are repeated, with every
// kind of cell the byte reader must leave to csv-parse or read exactly as it does.
const NAMES = [
  'ACME CORP',
  'Hangzhou Hikvision Digital Technology Co Ltd-A',
  'HIKVISION',
  'Zhejiang Dahua Technology',
  '杭州海康威视数字技术股份有限公司',
  'iFlytek Co., Ltd.',
  'Apple Inc',
  'Vanguard Total World Stock ETF',
  'Cash',
  'Total',
  'Subtotal of Stocks',
  'Société Générale',
  'Name with "quotes"',
  'Name, with comma',
  ' Edge space ',
  'Tab\there',
  '\u00a0nbsp\u00a0',
  'ＳｅｎｓｅＴｉｍｅ',
];
const TICKERS = ['AAPL', 'MSFT', 'XFT FP', '', '002415 CH', '002236.SZ', '0700.HK', 'VT', 'CASH', 'SPAXX**', '', 'TOTAL', '600519', 'x"y'];
const ISINS = [
  'US0378331005',
  'US5949181045',
  'US0378331006',
  '',
  '',
  'CNE100000PM8',
  'CNE1000019R4',
  'not an isin',
  'CNE100000PM8 HIKVISION',
];
// Plain amounts are read from bytes and their rows' verdicts repeated; the others are csv-parse's way.
const PLAIN_AMOUNTS = ['100', '1,234.56', '52,677.45', '0', '007', '', '123456789012345', '99.999'];
const OTHER_AMOUNTS = [
  '-12.5',
  '(43.64)',
  '$1,234.56',
  '1.234,56',
  '12,34',
  '1e400',
  '1234567890123456',
  '5.',
  '.5',
  'n/a',
  '4.56%',
  ' 12 ',
  '1,2345',
];
const amount = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...PLAIN_AMOUNTS) },
  { weight: 1, arbitrary: fc.constantFrom(...OTHER_AMOUNTS) },
);
const NOTES = [
  '',
  'Account 1234 Individual',
  'Equity,as of 09/30/2020',
  'Date downloaded 12/21/2020',
  'Disclaimer: past performance',
  'Total,,,,"9,999.00"',
];

const cellText = (text: string, quoting: number): string => {
  const needs = /[",\n\r]/.test(text) || /^\s|\s$/.test(text);
  if (quoting === 0 && !needs) return text;
  if (quoting === 2 && !needs) return ` "${text}"`;
  return `"${text.replaceAll('"', '""')}"`;
};

const row = fc.record({
  name: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('ACME CORP', 'Apple Inc', 'Pacific Jorton Group', 'SALIA FOODS CO LTD') },
    { weight: 3, arbitrary: fc.constantFrom(...NAMES) },
  ),
  ticker: fc.constantFrom(...TICKERS),
  isin: fc.constantFrom(...ISINS),
  shares: amount,
  value: amount,
  weight: amount,
  quoting: fc.integer({ min: 0, max: 9 }),
  note: fc.integer({ min: 0, max: 30 }),
  multiline: fc.integer({ min: 0, max: 200 }),
  // Rows that differ from round to round in one cell only: a name, a ticker or an identifier.
  varies: fc.integer({ min: 0, max: 5 }),
  // Rows of other widths than the header's: cells missing at the end, or cells past the header's.
  width: fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -4, max: 3 }) }),
});
// Cells past the header's: blank, a note, an amount.
const EXTRA_CELLS = ['', 'Note', '1,000.00'];

const file = fc.record({
  rows: fc.array(row, { minLength: 1, maxLength: 30 }),
  // Past the rows a file's decimal separator is decided on (500), where verdicts start to be repeated.
  repeats: fc.integer({ min: 1, max: 80 }).map((n) => n * 4),
  lineEnd: fc.constantFrom('\n', '\r\n', '\r'),
  bom: fc.boolean(),
  latin1: fc.integer({ min: 0, max: 9 }),
  badByte: fc.integer({ min: 0, max: 19 }),
  finalLineEnd: fc.boolean(),
  delimiter: fc.constantFrom(',', ',', ';', '\t'),
  title: fc.boolean(),
});

type GeneratedFile = typeof file extends fc.Arbitrary<infer T> ? T : never;

function generated(spec: GeneratedFile): Buffer {
  const d = spec.delimiter;
  const lines: string[] = [];
  if (spec.title) lines.push('Custodian Holdings as of 2024-06-28', '');
  lines.push(['Security Name', 'Ticker', 'ISIN', 'Shares', 'Market Value', 'Weight'].join(d));
  for (let round = 0; round < spec.repeats; round++) {
    for (const r of spec.rows) {
      if (r.note === 1) lines.push(NOTES[(round + r.quoting) % NOTES.length] ?? '');
      if (r.note === 2) lines.push('');
      const pick = <T>(list: readonly T[], own: T, which: number): T => (r.varies === which ? (list[round % list.length] ?? own) : own);
      const base = pick(NAMES, r.name, 1);
      const name = r.multiline === 0 ? `${base}\nsecond line` : base;
      const q = r.quoting < 6 ? 0 : r.quoting < 9 ? 1 : 2;
      const amount = (a: string): string => (d === ',' || !a.includes(d) ? a : a.replaceAll(d, ''));
      const cells = [name, pick(TICKERS, r.ticker, 2), pick(ISINS, r.isin, 3), amount(r.shares), amount(r.value), amount(r.weight)];
      const wide = r.width < 0 ? cells.slice(0, cells.length + r.width) : [...cells, ...EXTRA_CELLS.slice(0, r.width)];
      lines.push(wide.map((c) => cellText(c, q)).join(d));
    }
  }
  lines.push(['Total', '', '', '', cellText('1,234.00', 1), ''].join(d));
  const text = lines.join(spec.lineEnd) + (spec.finalLineEnd ? spec.lineEnd : '');
  let bytes = spec.latin1 === 0 ? Buffer.from(text, 'latin1') : Buffer.from(text, 'utf8');
  if (spec.badByte === 0)
    bytes = Buffer.concat([bytes.subarray(0, bytes.length >> 1), Buffer.from([0xff]), bytes.subarray(bytes.length >> 1)]);
  return spec.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]) : bytes;
}

describe('generated files', () => {
  it('screen the same through both readers: quoting, encodings, blank lines, totals, notes, line ends, widths', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(file, async (spec) => {
        const path = join(dir, `generated-${n++}.csv`);
        writeFileSync(path, generated(spec));
        await expectSameScreen(path);
      }),
      { numRuns: 120 },
    );
  }, 120_000);
});
