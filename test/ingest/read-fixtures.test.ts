import { describe, expect, it } from 'vitest';
import { readHoldingsBytes, type HoldingsFile } from '../../src/ingest/read.js';
import { findDate } from '../../src/normalize/dates.js';
import { normalizeRows } from '../../src/normalize/rows.js';
import { expectEveryRecordAccountedFor, fixtureBytes, fixtureLines, physicalLines } from './accounting.js';

/**
 * The skipped entries from the first header on, as reported (without the cells that travel to the
 * screener): the tests below describe the tables; the preamble is checked on its own.
 */
function body(result: HoldingsFile): Omit<HoldingsFile['skipped'][number], 'cells'>[] {
  const first = result.tables[0]?.headerLine ?? 0;
  return result.skipped.filter((s) => s.line > first).map(({ cells: _cells, ...reported }) => reported);
}

/** Reads a fixture on first use, so a read that throws fails its own tests rather than the whole file. */
function reader(name: string): () => HoldingsFile {
  let cached: HoldingsFile | undefined;
  return () => (cached ??= readHoldingsBytes(name, fixtureBytes(name)));
}

describe('header-on-line-4-with-title.csv (Schwab: title, blank, account label, header)', () => {
  const name = 'header-on-line-4-with-title.csv';
  const result = reader(name);

  it('finds the header on line 4 and carries the account label into the table', () => {
    expect(result().tables).toMatchObject([
      {
        headerLine: 4,
        kind: 'holdings',
        headers: ['Symbol', 'Description', 'Quantity', 'Price', 'Market Value', 'Security Type'],
        columns: { ticker: 0, name: 1, quantity: 2, value: 4, assetClass: 5 },
        context: 'Individual ...234',
      },
    ]);
    expect(result().preambleLines).toBe(3);
  });

  it('reads the rows with their lines, cells and account', () => {
    expect(result().rows).toEqual([
      {
        file: name,
        line: 5,
        cells: { ticker: 'AMD', name: 'ADVANCED MICRO DEVIC', quantity: '0.133', value: '$71.71', assetClass: 'Equity' },
        raw: ['AMD', 'ADVANCED MICRO DEVIC', '0.133', '$86.09', '$71.71', 'Equity'],
        context: 'Individual ...234',
      },
      {
        file: name,
        line: 6,
        cells: { ticker: 'KR', name: 'KROGER CO', quantity: '1.5536', value: '$68.12', assetClass: 'Equity' },
        raw: ['KR', 'KROGER CO', '1.5536', '$44.42', '$68.12', 'Equity'],
        context: 'Individual ...234',
      },
    ]);
    expect(body(result())).toEqual([]);
  });

  it('keeps the title as the as-of text, which dates the file', () => {
    expect(result().asOfText).toBe('Positions for account Individual ...234 as of 12:52 PM ET, 2023/04/23');
    expect(findDate(result().asOfText ?? '')).toBe('2023-04-23');
  });

  it('accounts for every record', () => {
    expect(result().encoding).toBe('utf-8');
    expect(result().delimiter).toBe(',');
    expectEveryRecordAccountedFor(result(), fixtureLines(name));
  });
});

describe('utf8-bom.csv', () => {
  const name = 'utf8-bom.csv';
  const result = reader(name);

  it('strips the BOM so the first header cell is "Ticker" and is mapped', () => {
    expect(result().encoding).toBe('utf-8');
    expect(result().tables[0]?.headers).toEqual(['Ticker', 'Name', 'Market Value']);
    expect(result().tables[0]?.columns).toEqual({ ticker: 0, name: 1, value: 2 });
  });

  it('reads the row', () => {
    expect(result().rows).toEqual([
      {
        file: name,
        line: 2,
        cells: { ticker: 'AAPL', name: 'APPLE INC', value: '44,825,212.30' },
        raw: ['AAPL', 'APPLE INC', '44,825,212.30'],
        context: null,
      },
    ]);
    expectEveryRecordAccountedFor(result(), fixtureLines(name));
  });
});

describe('utf16le-bom-tab.csv (Excel "Unicode text")', () => {
  const name = 'utf16le-bom-tab.csv';
  const result = reader(name);

  it('decodes UTF-16LE by its BOM and splits on tabs', () => {
    expect(result().encoding).toBe('utf-16le');
    expect(result().delimiter).toBe('\t');
    expect(result().tables.map((t) => [t.headerLine, t.kind, t.headers])).toEqual([
      [1, 'holdings', ['Symbol', 'Description', 'Quantity', 'Market Value']],
    ]);
  });

  it('reads Chinese names and quoted amounts; CRLF leaves no CR in cells', () => {
    expect(result().rows).toEqual([
      {
        file: name,
        line: 2,
        cells: { ticker: 'AAPL', name: 'APPLE INC', quantity: '10', value: '1,234.56' },
        raw: ['AAPL', 'APPLE INC', '10', '1,234.56'],
        context: null,
      },
      {
        file: name,
        line: 3,
        cells: { ticker: '002415', name: '海康威视', quantity: '26000', value: '151060' },
        raw: ['002415', '海康威视', '26000', '151060'],
        context: null,
      },
    ]);
    expect(body(result())).toEqual([]);
  });

  it('accounts for every record', () => {
    const text = new TextDecoder('utf-16le').decode(fixtureBytes(name).subarray(2));
    expectEveryRecordAccountedFor(result(), physicalLines(text));
  });
});

describe('windows-1252-accents.csv', () => {
  const name = 'windows-1252-accents.csv';
  const result = reader(name);

  it('falls back to windows-1252 and reads é and £', () => {
    expect(result().encoding).toBe('windows-1252');
    expect(result().tables[0]?.headers).toEqual(['Name', 'ISIN', 'Value (£)']);
    expect(result().tables[0]?.columns).toEqual({ name: 0, isin: 1, value: 2 });
    expect(result().rows.map((r) => [r.line, r.cells])).toEqual([
      [2, { name: 'Société Générale', isin: 'FR0000130809', value: '100.50' }],
      [3, { name: 'Nestlé SA', isin: 'CH0038863350', value: '200.00' }],
    ]);
    expectEveryRecordAccountedFor(result(), fixtureLines(name));
  });
});

describe('gb18030-chinese-names.csv', () => {
  const name = 'gb18030-chinese-names.csv';
  const result = reader(name);

  it('recognises GBK bytes and decodes the Chinese names', () => {
    expect(result().encoding).toBe('gb18030');
    expect(result().rows.map((r) => [r.line, r.cells])).toEqual([
      [2, { name: '海康威视', ticker: '002415', value: '151060' }],
      [3, { name: '大华股份', ticker: '002236', value: '968750' }],
    ]);
    expectEveryRecordAccountedFor(result(), fixtureLines(name));
  });
});

describe('semicolon-decimal-comma.csv (DEGIRO-like)', () => {
  const name = 'semicolon-decimal-comma.csv';
  const result = reader(name);

  it('splits on semicolons, not on the decimal commas inside quotes', () => {
    expect(result().delimiter).toBe(';');
    expect(result().tables[0]?.headers).toEqual(['Product', 'Symbol/ISIN', 'Amount', 'Closing', 'Local value', '', 'Value in EUR']);
    expect(result().rows).toEqual([
      {
        file: name,
        line: 2,
        cells: { name: 'AMAZON.COM INC', ticker: 'US0231351067', value: '18.531,21' },
        raw: ['AMAZON.COM INC', 'US0231351067', '65', '313,00', 'USD', '20345,00', '18.531,21'],
        context: null,
        valueCurrency: 'EUR',
      },
      {
        file: name,
        line: 3,
        cells: { name: 'HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO LTD', ticker: 'CNE100000PM8', value: '3950,10' },
        raw: ['HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO LTD', 'CNE100000PM8', '1000', '30,50', 'CNY', '30500,00', '3950,10'],
        context: null,
        valueCurrency: 'EUR',
      },
    ]);
    expectEveryRecordAccountedFor(result(), fixtureLines(name));
  });

  it('normalises to decimal-comma values and moves the ISINs out of Symbol/ISIN', () => {
    const normalized = normalizeRows(result().rows);
    expect(normalized.decimal).toBe(',');
    expect(normalized.holdings.map((h) => [h.line, h.isin, h.ticker, h.value])).toEqual([
      [2, 'US0231351067', null, 18531.21],
      [3, 'CNE100000PM8', null, 3950.1],
    ]);
  });
});

describe('crlf-line-endings.csv', () => {
  const name = 'crlf-line-endings.csv';
  const result = reader(name);

  it('counts lines as an editor does and leaves no CR in any cell', () => {
    expect(result().rows.map((r) => [r.line, r.cells])).toEqual([
      [2, { ticker: 'AAPL', name: 'APPLE INC', quantity: '10', value: '$1000.00' }],
      [3, { ticker: 'MSFT', name: 'MICROSOFT CORP', quantity: '5', value: '$2000.00' }],
    ]);
    expect(result().tables[0]?.headers).toEqual(['Symbol', 'Description', 'Quantity', 'Market Value']);
    expectEveryRecordAccountedFor(result(), fixtureLines(name));
  });
});

describe('quoted-newline-in-name.csv (Robinhood-style description with a CUSIP line)', () => {
  const name = 'quoted-newline-in-name.csv';
  const result = reader(name);

  it('keeps the newline inside the name and numbers the row by the line where it starts', () => {
    expect(result().rows.map((r) => [r.line, r.cells])).toEqual([
      [2, { ticker: 'AAPL', name: 'APPLE INC', quantity: '10', value: '100.00' }],
      [3, { ticker: 'HOOD', name: 'ROBINHOOD MARKETS INC\nCUSIP: 770700102', quantity: '5', value: '50.00' }],
      [5, { ticker: 'MSFT', name: 'MICROSOFT CORP', quantity: '1', value: '10.00' }],
    ]);
    expect(body(result())).toEqual([]);
  });

  it('accounts for every record: the record of lines 3–4 counts once', () => {
    expect(fixtureLines(name)).toEqual([1, 2, 3, 4, 5]);
    expectEveryRecordAccountedFor(result(), [1, 2, 3, 5]);
  });
});

describe('nbsp-only-separator-line.csv (iShares raw download)', () => {
  const name = 'nbsp-only-separator-line.csv';
  const result = reader(name);

  it('treats the NBSP-only lines as blank: preamble before the header, a blank skip after the data', () => {
    expect(result().preambleLines).toBe(3);
    expect(result().tables.map((t) => [t.headerLine, t.kind, t.headers[0], t.context])).toEqual([[4, 'holdings', 'Ticker', null]]);
    expect(result().rows.map((r) => [r.line, r.cells])).toEqual([
      [5, { ticker: 'AAPL', name: 'APPLE INC', value: '44,825,212.30', weight: '4.32' }],
      [6, { ticker: 'MSFT', name: 'MICROSOFT CORP', value: '34,962,997.86', weight: '3.37' }],
    ]);
    expect(body(result())).toEqual([{ file: name, line: 7, reason: 'blank', text: '', value: null }]);
  });

  it('takes the as-of date from the preamble', () => {
    expect(result().asOfText).toBe('Fund Holdings as of Nov 04, 2020');
    expect(findDate(result().asOfText ?? '')).toBe('2020-11-04');
    expectEveryRecordAccountedFor(result(), fixtureLines(name));
  });
});

describe('trailing-empty-columns.csv (Vanguard OfxDownload)', () => {
  const name = 'trailing-empty-columns.csv';
  const result = reader(name);

  it('keeps the empty last header cell unmapped and reads rows longer than the header', () => {
    expect(result().tables[0]?.headers).toEqual([
      'Account Number',
      'Investment Name',
      'Symbol',
      'Shares',
      'Share Price',
      'Total Value',
      '',
    ]);
    expect(result().rows).toEqual([
      {
        file: name,
        line: 2,
        cells: { account: '98765432', name: 'VANGUARD TOTAL BOND MARKET ETF', ticker: 'BND', quantity: '10.000', value: '743.20' },
        raw: ['98765432', 'VANGUARD TOTAL BOND MARKET ETF', 'BND', '10.000', '74.32', '743.20'],
        context: null,
      },
      {
        file: name,
        line: 3,
        cells: { account: '87654321', name: 'VANGUARD TOTAL STOCK MARKET ETF', ticker: 'VTI', quantity: '10.000', value: '1983.05' },
        raw: ['87654321', 'VANGUARD TOTAL STOCK MARKET ETF', 'VTI', '10.000', '198.305', '1983.05'],
        context: null,
      },
    ]);
    expectEveryRecordAccountedFor(result(), fixtureLines(name));
  });
});

describe('two-accounts-with-labels.csv (Schwab multi-account)', () => {
  const name = 'two-accounts-with-labels.csv';
  const result = reader(name);

  it('starts a table at each repeated header, each with its account label', () => {
    expect(result().tables.map((t) => [t.headerLine, t.kind, t.context])).toEqual([
      [4, 'holdings', 'Individual ...321'],
      [9, 'holdings', 'Individual ...432'],
    ]);
  });

  it('carries each account on its rows', () => {
    expect(result().rows.map((r) => [r.line, r.cells.ticker, r.context])).toEqual([
      [5, 'AMD', 'Individual ...321'],
      [6, 'Account Total', 'Individual ...321'],
      [10, 'MSFT', 'Individual ...432'],
      [11, 'Account Total', 'Individual ...432'],
    ]);
    expect(body(result())).toEqual([
      { file: name, line: 7, reason: 'blank', text: '', value: null },
      { file: name, line: 8, reason: 'section-label', text: 'Individual ...432', value: null },
    ]);
    expect(result().asOfText).toBe('Positions for CUSTACCS as of 09:13 PM ET, 02/04/2023');
    expectEveryRecordAccountedFor(result(), fixtureLines(name));
  });

  it('normalises to one holding per account and sets the Account Total rows aside', () => {
    const normalized = normalizeRows(result().rows);
    expect(normalized.holdings.map((h) => [h.line, h.ticker, h.account, h.value])).toEqual([
      [5, 'AMD', 'Individual ...321', 71.71],
      [10, 'MSFT', 'Individual ...432', 1033.4],
    ]);
    expect(normalized.skipped.map((s) => [s.line, s.reason])).toEqual([
      [6, 'total'],
      [11, 'total'],
    ]);
  });
});

describe('section-tables-different-headers.csv (Vanguard ETF holdings details)', () => {
  const name = 'section-tables-different-headers.csv';
  const result = reader(name);

  it('gives each section its own header, columns and section label', () => {
    expect(result().tables.map((t) => [t.headerLine, t.kind, t.context, t.columns])).toEqual([
      [7, 'holdings', 'Equity', { sedol: 1, name: 2, ticker: 3, weight: 4, value: 8, quantity: 9 }],
      [13, 'holdings', 'Fixed income', { sedol: 1, name: 2, ticker: 3, weight: 4, value: 5, quantity: 6 }],
      [18, 'holdings', 'Short-term reserves', { sedol: 1, name: 2, ticker: 3, weight: 4, quantity: 5 }],
    ]);
    expect(result().preambleLines).toBe(6);
  });

  it("reads each row by its own section's columns", () => {
    expect(result().rows.map((r) => [r.line, r.context, r.cells])).toEqual([
      [
        8,
        'Equity',
        {
          sedol: 'B450X03',
          name: 'Hangzhou Hikvision Digital Technology Co. Ltd.',
          ticker: '002415',
          weight: '0.04%',
          value: '$31,271,687.03',
          quantity: '5,555,769',
        },
      ],
      [
        9,
        'Equity',
        {
          sedol: 'BD5CPQ2',
          name: 'Hangzhou Hikvision Digital Technology Co. Ltd.',
          ticker: '002415',
          weight: '0.02%',
          value: '$17,786,826.71',
          quantity: '3,160,031',
        },
      ],
      [
        14,
        'Fixed income',
        { sedol: 'BMC5BZ8', name: 'TREASURY BILL', ticker: 'TBILL', weight: '0.05%', value: '$39,996,884.00', quantity: '$40,000,000.00' },
      ],
      [
        19,
        'Short-term reserves',
        { sedol: '---', name: 'CMT MARKET LIQUIDITY', ticker: '---', weight: '1.20%', quantity: '$1,050,946,830.00' },
      ],
    ]);
  });

  it('skips the blank lines and section titles between tables with their lines', () => {
    expect(body(result()).map((s) => [s.line, s.reason, s.text])).toEqual([
      [10, 'blank', ''],
      [11, 'section-label', 'Fixed income'],
      [12, 'blank', ''],
      [15, 'blank', ''],
      [16, 'section-label', 'Short-term reserves'],
      [17, 'blank', ''],
    ]);
    expect(result().asOfText).toBe('Equity as of 09/30/2020');
    expectEveryRecordAccountedFor(result(), fixtureLines(name));
  });
});

describe('totals-cash-and-disclaimer-trailer.csv (Fidelity-like)', () => {
  const name = 'totals-cash-and-disclaimer-trailer.csv';
  const result = reader(name);

  it('reads the position, cash and total rows, then ends the table at the disclaimer', () => {
    expect(result().rows.map((r) => [r.line, r.raw[0]])).toEqual([
      [2, 'VTI'],
      [3, 'Cash & Cash Investments'],
      [4, 'Account Total'],
    ]);
    expect(body(result()).map((s) => [s.line, s.reason])).toEqual([
      [5, 'blank'],
      [6, 'trailer'],
      [8, 'blank'],
      [9, 'trailer'],
    ]);
    const disclaimer = body(result())[1]?.text ?? '';
    expect(disclaimer.startsWith('The data and information in this spreadsheet')).toBe(true);
    expect(disclaimer.length).toBeLessThanOrEqual(120);
    expect(body(result())[3]?.text).toBe('Date downloaded 01/25/2023 10:44 AM ET');
  });

  it('takes the download stamp as the as-of text when nothing else states a date', () => {
    expect(result().asOfText).toBe('Date downloaded 01/25/2023 10:44 AM ET');
    expect(findDate(result().asOfText ?? '')).toBe('2023-01-25');
  });

  it('accounts for every record: the two-line disclaimer counts once, on line 6', () => {
    expectEveryRecordAccountedFor(result(), [1, 2, 3, 4, 5, 6, 8, 9]);
  });

  it('normalises the cash row (value kept) and the total row (set aside)', () => {
    const normalized = normalizeRows(result().rows);
    expect(normalized.holdings.map((h) => [h.line, h.ticker, h.value])).toEqual([[2, 'VTI', 51705.44]]);
    expect(normalized.skipped).toEqual([
      { file: name, line: 3, reason: 'cash', text: 'Cash & Cash Investments', value: 2953.34 },
      { file: name, line: 4, reason: 'total', text: 'Account Total', value: null },
    ]);
  });
});

describe('transactions-section-after-holdings.csv (Vanguard OfxDownload)', () => {
  const name = 'transactions-section-after-holdings.csv';
  const result = reader(name);

  it("reads the holdings table and sets the transaction table's rows aside", () => {
    expect(result().tables.map((t) => [t.headerLine, t.kind])).toEqual([
      [1, 'holdings'],
      [5, 'transactions'],
    ]);
    expect(result().rows.map((r) => [r.line, r.cells.ticker])).toEqual([[2, 'BND']]);
    expect(body(result()).map((s) => [s.line, s.reason])).toEqual([
      [3, 'blank'],
      [4, 'blank'],
      [6, 'not-holdings'],
      [7, 'not-holdings'],
    ]);
    expect(body(result())[2]?.text.startsWith('98765432 12/29/2022 12/29/2022 Dividend')).toBe(true);
    expectEveryRecordAccountedFor(result(), fixtureLines(name));
  });
});

describe('ragged-rows.csv', () => {
  const name = 'ragged-rows.csv';
  const result = reader(name);

  it('reads rows shorter and longer than the header, mapping by position', () => {
    expect(result().rows).toEqual([
      {
        file: name,
        line: 2,
        cells: { ticker: 'AAPL', name: 'APPLE INC', quantity: '10', value: '$100.00', assetClass: 'Equity' },
        raw: ['AAPL', 'APPLE INC', '10', '$100.00', 'Equity'],
        context: null,
      },
      {
        file: name,
        line: 3,
        cells: { ticker: 'MSFT', name: 'MICROSOFT CORP', quantity: '5' },
        raw: ['MSFT', 'MICROSOFT CORP', '5'],
        context: null,
      },
      {
        file: name,
        line: 4,
        cells: { ticker: 'GOOG', name: 'ALPHABET INC CLASS C', quantity: '1', value: '$50.00', assetClass: 'Equity' },
        raw: ['GOOG', 'ALPHABET INC CLASS C', '1', '$50.00', 'Equity', 'extra', 'more'],
        context: null,
      },
    ]);
    expect(body(result())).toEqual([]);
    expectEveryRecordAccountedFor(result(), fixtureLines(name));
  });
});

describe('decoy-filter-header-before-positions.csv (E*TRADE PortfolioDownload)', () => {
  const name = 'decoy-filter-header-before-positions.csv';
  const result = reader(name);

  it('does not take the filter block "Symbol,Security type(s),Sort by,Sort order" for the holdings header', () => {
    expect(
      result()
        .tables.filter((t) => t.kind === 'holdings')
        .map((t) => t.headerLine),
    ).toEqual([11]);
    expect(result().tables[result().tables.length - 1]?.columns).toEqual({ ticker: 0, quantity: 4, value: 9 });
  });

  it('reads the position, CASH and TOTAL rows and the "Generated at" trailer', () => {
    expect(result().rows.map((r) => [r.line, r.cells])).toEqual([
      [12, { ticker: 'VTI', quantity: '1000.0000', value: '200770.000' }],
      [13, { ticker: 'CASH', value: '12.2' }],
      [14, { ticker: 'TOTAL', value: '200770.00' }],
    ]);
    expect(body(result()).filter((s) => s.line > 11)).toEqual([
      { file: name, line: 15, reason: 'blank', text: '', value: null },
      { file: name, line: 16, reason: 'trailer', text: 'Generated at Feb 14 2023 03:12 PM ET', value: null },
    ]);
    expect(result().asOfText).toBe('Generated at Feb 14 2023 03:12 PM ET');
    expectEveryRecordAccountedFor(result(), fixtureLines(name));
  });

  it('does not make the view title and filter label ("View Summary - All Positions / Filters applied:") the account of the positions', () => {
    // A blank line ends a title block (tables.ts); lines 4–5 and 10 are blank, and neither line is an account.
    expect(result().rows.map((r) => r.context)).toEqual([null, null, null]);
  });
});

describe('every fixture: tables, as-of text and skipped rows at a glance', () => {
  it.each([
    ['header-on-line-4-with-title.csv', [[4, 'holdings']], 'Positions for account Individual ...234 as of 12:52 PM ET, 2023/04/23', []],
    ['utf8-bom.csv', [[1, 'holdings']], null, []],
    ['utf16le-bom-tab.csv', [[1, 'holdings']], null, []],
    ['windows-1252-accents.csv', [[1, 'holdings']], null, []],
    ['gb18030-chinese-names.csv', [[1, 'holdings']], null, []],
    ['semicolon-decimal-comma.csv', [[1, 'holdings']], null, []],
    ['crlf-line-endings.csv', [[1, 'holdings']], null, []],
    ['quoted-newline-in-name.csv', [[1, 'holdings']], null, []],
    ['nbsp-only-separator-line.csv', [[4, 'holdings']], 'Fund Holdings as of Nov 04, 2020', [[7, 'blank']]],
    ['trailing-empty-columns.csv', [[1, 'holdings']], null, []],
    [
      'two-accounts-with-labels.csv',
      [
        [4, 'holdings'],
        [9, 'holdings'],
      ],
      'Positions for CUSTACCS as of 09:13 PM ET, 02/04/2023',
      [
        [7, 'blank'],
        [8, 'section-label'],
      ],
    ],
    [
      'totals-cash-and-disclaimer-trailer.csv',
      [[1, 'holdings']],
      'Date downloaded 01/25/2023 10:44 AM ET',
      [
        [5, 'blank'],
        [6, 'trailer'],
        [8, 'blank'],
        [9, 'trailer'],
      ],
    ],
    [
      'transactions-section-after-holdings.csv',
      [
        [1, 'holdings'],
        [5, 'transactions'],
      ],
      null,
      [
        [3, 'blank'],
        [4, 'blank'],
        [6, 'not-holdings'],
        [7, 'not-holdings'],
      ],
    ],
    ['ragged-rows.csv', [[1, 'holdings']], null, []],
    ['header-only.csv', [[1, 'holdings']], null, []],
  ])('%s', (name, tables, asOfText, skipped) => {
    const result = readHoldingsBytes(name, fixtureBytes(name));
    expect(result.tables.map((t) => [t.headerLine, t.kind])).toEqual(tables);
    expect(result.asOfText).toBe(asOfText);
    expect(body(result).map((s) => [s.line, s.reason])).toEqual(skipped);
  });
});
