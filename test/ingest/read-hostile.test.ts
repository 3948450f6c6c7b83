import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../src/ingest/decode.js';
import { normalizeLineEndings } from '../../src/ingest/dialect.js';
import { parseRecords, readHoldingsBytes, type HoldingsFile } from '../../src/ingest/read.js';
import { InputError } from '../../src/errors.js';
import { expectEveryRecordAccountedFor, expectStrictlyIncreasing, fixtureBytes, physicalLines } from './accounting.js';

/** The InputError a read throws; fails the test if it returns or throws anything else. */
function inputErrorOf(file: string, bytes: Uint8Array): InputError {
  let result: HoldingsFile;
  try {
    result = readHoldingsBytes(file, bytes);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error(`expected an InputError, got ${result.rows.length} row(s)`);
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('readHoldingsBytes refuses what is not a holdings CSV, with a code, the file and a hint', () => {
  it('an empty file', () => {
    const error = inputErrorOf('empty-file.csv', fixtureBytes('empty-file.csv'));
    expect(error).toMatchObject({ code: 'EMPTY_FILE', file: 'empty-file.csv', line: null });
    expect(error.message).toContain('empty-file.csv');
    expect(error.hint).not.toBeNull();
  });

  it('binary garbage (an ELF header)', () => {
    const error = inputErrorOf('binary-garbage.csv', fixtureBytes('binary-garbage.csv'));
    expect(error).toMatchObject({ code: 'BINARY_FILE', file: 'binary-garbage.csv' });
    expect(error.hint).not.toBeNull();
  });

  it('an XLSX workbook saved under a .csv name (ZIP magic)', () => {
    const error = inputErrorOf('xlsx-saved-with-csv-name.csv', fixtureBytes('xlsx-saved-with-csv-name.csv'));
    expect(error).toMatchObject({ code: 'XLSX_NOT_SUPPORTED', file: 'xlsx-saved-with-csv-name.csv' });
    expect(error.hint ?? '').toMatch(/CSV/);
  });

  it('JSON', () => {
    const error = inputErrorOf('json-array.csv', fixtureBytes('json-array.csv'));
    expect(error).toMatchObject({ code: 'NOT_CSV', file: 'json-array.csv' });
    expect(error.message).toMatch(/JSON/);
  });

  it('XML that starts with a newline before <?xml (SEC 13F as extracted) is read as XML: an empty information table has no rows', () => {
    const read = readHoldingsBytes('xml-with-leading-newline.csv', fixtureBytes('xml-with-leading-newline.csv'));
    expect(read.rows).toEqual([]);
    // The table is the information table's fields, as inspect shows them (the schema maps them).
    expect(read.tables.map((t) => [t.kind, t.headers.includes('cusip')])).toEqual([['holdings', true]]);
  });

  it('XML in UTF-16 with a BOM', () => {
    const bytes = Uint8Array.from([0xff, 0xfe, ...Buffer.from('<?xml version="1.0" encoding="UTF-16"?><a/>', 'utf16le')]);
    expect(inputErrorOf('statement.xml', bytes).code).toBe('NOT_CSV');
  });

  it('a CSV with no holdings header, naming its first line', () => {
    const error = inputErrorOf('no-holdings-header.csv', fixtureBytes('no-holdings-header.csv'));
    expect(error).toMatchObject({ code: 'NO_HEADER', file: 'no-holdings-header.csv' });
    expect(error.message).toContain('Date, Amount, Memo');
    expect(error.hint ?? '').toContain('--columns');
  });

  it.each([
    ['only blank lines', '\n\n\n'],
    ['only spaces', '   '],
    ['a UTF-8 BOM and nothing else', '\uFEFF'],
    ['an HTML error page', '<!DOCTYPE html><html><body>Session expired</body></html>\n'],
  ])('%s', (_what, text) => {
    const error = inputErrorOf('input.csv', utf8(text));
    expect(['NO_HEADER', 'NOT_CSV']).toContain(error.code);
  });

  it('an unbalanced quote, pointing at the line where the quote opens', () => {
    const error = inputErrorOf('unbalanced-quote.csv', fixtureBytes('unbalanced-quote.csv'));
    expect(error.code).toBe('CSV_SYNTAX');
    expect(error.message).toContain('unbalanced-quote.csv');
    expect(error.cause).toBeDefined();
    // Line 2 opens "APPLE INC,… and never closes it; the end of the file (line 6) tells the user nothing.
    expect(error.line).toBe(2);
  });
});

describe('readHoldingsBytes on degenerate but readable input', () => {
  it('a header only: one table, no rows, nothing skipped', () => {
    const result = readHoldingsBytes('header-only.csv', fixtureBytes('header-only.csv'));
    expect(result.tables.map((t) => [t.headerLine, t.kind])).toEqual([[1, 'holdings']]);
    expect(result.rows).toEqual([]);
    expect(result.skipped).toEqual([]);
    expectEveryRecordAccountedFor(result, [1]);
  });

  it('a 5 MB quoted field', () => {
    const big = 'x'.repeat(5 * 1024 * 1024);
    const result = readHoldingsBytes(
      'big-field.csv',
      utf8(`Symbol,Description,Market Value\nAAPL,"${big}",100\nMSFT,MICROSOFT CORP,200\n`),
    );
    expect(result.rows.map((r) => [r.line, r.cells.ticker, r.cells.name?.length])).toEqual([
      [2, 'AAPL', big.length],
      [3, 'MSFT', 'MICROSOFT CORP'.length],
    ]);
    expectEveryRecordAccountedFor(result, [1, 2, 3]);
  });

  it('10,000 columns', () => {
    const headers = Array.from({ length: 10_000 }, (_, i) => `Column ${i}`);
    headers[0] = 'Symbol';
    headers[1] = 'Description';
    headers[9_999] = 'Market Value';
    const values = Array.from({ length: 10_000 }, (_, i) => String(i));
    values[0] = 'AAPL';
    values[1] = 'APPLE INC';
    const result = readHoldingsBytes('wide.csv', utf8(`${headers.join(',')}\n${values.join(',')}\n`));
    expect(result.tables[0]?.columns).toEqual({ ticker: 0, name: 1, value: 9_999 });
    expect(result.rows[0]?.cells).toEqual({ ticker: 'AAPL', name: 'APPLE INC', value: '9999' });
    expect(result.rows[0]?.raw).toHaveLength(10_000);
  });

  it('__proto__ and constructor as column names pollute nothing', () => {
    const result = readHoldingsBytes(
      'proto.csv',
      utf8('__proto__,constructor,Name,Market Value,prototype\n{"polluted":true},Function,APPLE INC,100,x\n'),
    );
    expect(result.tables[0]?.columns).toEqual({ name: 2, value: 3 });
    const cells = result.rows[0]?.cells;
    expect(cells).toEqual({ name: 'APPLE INC', value: '100' });
    expect(cells === undefined ? null : Object.getPrototypeOf(cells)).toBe(Object.prototype);
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(Reflect.get({}, 'polluted')).toBeUndefined();
  });

  it('a stray quote inside an unquoted field is read, not refused', () => {
    const result = readHoldingsBytes('quotes.csv', utf8('Symbol,Name,Market Value\nBOB,Bob "the" Builder,1\n'));
    expect(result.rows[0]?.cells.name).toBe('Bob "the" Builder');
  });
});

/** What must hold for any input: an InputError, or a result whose lines are increasing, unique and all accounted for. */
function checkAnyInput(bytes: Uint8Array): void {
  let result: HoldingsFile;
  try {
    result = readHoldingsBytes('random.csv', bytes);
  } catch (error) {
    if (error instanceof InputError) {
      expect(error.code).toMatch(/^[A-Z_]+$/);
      expect(error.message.length).toBeGreaterThan(0);
      return;
    }
    throw error;
  }
  const headers = result.tables.map((t) => t.headerLine);
  const rows = result.rows.map((r) => r.line);
  const skipped = result.skipped.map((s) => s.line);
  expectStrictlyIncreasing(headers);
  expectStrictlyIncreasing(rows);
  expectStrictlyIncreasing(skipped);
  const all = [...headers, ...rows, ...skipped];
  expect(new Set(all).size).toBe(all.length);
  expect(result.tables.some((t) => t.kind === 'holdings')).toBe(true);
  // Count against the file's own records: decode and split the same text independently of the segmentation.
  const decoded = decodeBytes(bytes);
  const text = normalizeLineEndings((decoded?.text ?? '').replace(/^\uFEFF/, ''));
  const lastLine = physicalLines(text).length;
  for (const line of all) expect(line).toBeLessThanOrEqual(lastLine);
  const records = parseRecords(text, result.delimiter);
  expectEveryRecordAccountedFor(
    result,
    records.map((r) => r.line),
  );
  for (const row of result.rows) expect(row.line).toBeGreaterThan(headers[0] ?? Infinity);
}

describe('readHoldingsBytes never throws anything but InputError (property)', () => {
  it('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        checkAnyInput(bytes);
      }),
      { numRuns: 400 },
    );
  });

  it('random bytes after a holdings header', () => {
    const header = utf8('Symbol,Description,Quantity,Market Value\n');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (tail) => {
        checkAnyInput(Uint8Array.from([...header, ...tail]));
      }),
      { numRuns: 300 },
    );
  });

  const cell = fc.oneof(
    fc.constantFrom(
      'Symbol',
      'Name',
      'Description',
      'Market Value',
      'Quantity',
      'ISIN',
      'Ticker',
      'Trade Date',
      'Total',
      'Account Total',
      'Total balance: $1.00',
      'CASH',
      'Cash & Cash Investments',
      '',
      ' ',
      '\u00a0',
      '"',
      '""',
      'a\nb',
      '$1,234.56',
      '(43.64)',
      '--',
      '<0.01%',
      '313,00',
      '002415',
      'CNE100000PM8',
      'Fund Holdings as of Mar 10, 2022',
      'Date downloaded 01/25/2023',
      'Equity',
      'as of 09/30/2020',
      'Hikvision',
      '海康威视',
      '__proto__',
      ',',
      ';',
      '\t',
      '|',
    ),
    fc.string({ maxLength: 8 }),
  );
  const csvLike = fc
    .record({
      rows: fc.array(fc.array(cell, { maxLength: 7 }), { maxLength: 14 }),
      delimiter: fc.constantFrom(',', ';', '\t', '|'),
      quoting: fc.constantFrom('none', 'all', 'rfc'),
      eol: fc.constantFrom('\n', '\r\n', '\r'),
      finalEol: fc.boolean(),
    })
    .map(({ rows, delimiter, quoting, eol, finalEol }) => {
      const quote = (c: string): string => {
        if (quoting === 'all') return `"${c.replace(/"/g, '""')}"`;
        if (quoting === 'rfc' && /[",;\t|\r\n]/.test(c)) return `"${c.replace(/"/g, '""')}"`;
        return c;
      };
      return rows.map((r) => r.map(quote).join(delimiter)).join(eol) + (finalEol ? eol : '');
    });

  it('random CSV-ish text with random delimiters, quoting and line endings', () => {
    fc.assert(
      fc.property(csvLike, (text) => {
        checkAnyInput(utf8(text));
      }),
      { numRuns: 600 },
    );
  });

  it('random CSV-ish text without quotes or embedded newlines: records are the physical lines', () => {
    const plainCell = fc.constantFrom(
      'Symbol',
      'Name',
      'Market Value',
      'Quantity',
      'Total',
      'CASH',
      '',
      ' ',
      'AAPL',
      'APPLE INC',
      '1.5',
      'as of 09/30/2020',
      'Equity',
    );
    const plain = fc
      .record({
        rows: fc.array(fc.array(plainCell, { maxLength: 6 }), { maxLength: 12 }),
        eol: fc.constantFrom('\n', '\r\n'),
      })
      .map(({ rows, eol }) => ['Symbol,Name,Market Value', ...rows.map((r) => r.join(','))].join(eol) + eol);
    fc.assert(
      fc.property(plain, (text) => {
        const result = readHoldingsBytes('plain.csv', utf8(text));
        expectEveryRecordAccountedFor(result, physicalLines(text));
      }),
      { numRuns: 300 },
    );
  });
});

describe('a list of one column', () => {
  const read = (text: string): HoldingsFile => readHoldingsBytes('list.csv', utf8(text));

  it('reads every line under the one header cell as a position, one-cell lines with words included', () => {
    const file = read('Name\nHangzhou Hikvision\nZhejiang Dahua\n');
    expect(file.rows.map((r) => [r.line, r.cells.name])).toEqual([
      [2, 'Hangzhou Hikvision'],
      [3, 'Zhejiang Dahua'],
    ]);
    expect(file.skipped).toEqual([]);
  });

  it('keeps a title ("Holdings") a title: with no header after it, the file is refused', () => {
    const error = inputErrorOf('list.csv', utf8('Holdings\nHangzhou Hikvision\nZhejiang Dahua\n'));
    expect(error.code).toBe('NO_HEADER');
    expect(error.message).toContain('a column of names, symbols, codes, ISINs, CUSIPs or SEDOLs is all that is needed');
  });

  it('takes a one-cell header only before any table: a lone "Ticker" inside a table is a section label', () => {
    const file = read('Name,Ticker,Quantity\nHangzhou Hikvision,002415,100\nTicker\nZhejiang Dahua,002236,50\n');
    expect(file.tables).toHaveLength(1);
    expect(file.rows.map((r) => r.line)).toEqual([2, 4]);
    expect(file.skipped.map((s) => [s.line, s.reason])).toEqual([[3, 'section-label']]);
  });

  it('still ends the list at a disclaimer', () => {
    const file = read(`ISIN\nCNE100000PM8\n\n${'Past performance is no guarantee of future results. '.repeat(3)}\n`);
    expect(file.rows.map((r) => r.line)).toEqual([2]);
    expect(file.skipped.map((s) => s.reason)).toEqual(['blank', 'trailer']);
  });
});
