import { describe, expect, it } from 'vitest';
import type { Concept, RawHolding } from '../../src/model.js';
import { normalizeRows } from '../../src/normalize/rows.js';

type Cells = Partial<Record<Concept, string>>;

/** A raw row as ingest would hand it over: raw = the non-empty cells in file order. */
function raw(line: number, cells: Cells, rawCells?: readonly string[], context: string | null = null): RawHolding {
  return {
    file: 'holdings.csv',
    line,
    cells,
    raw: rawCells ?? Object.values(cells).filter((c): c is string => c !== undefined && c.trim() !== ''),
    context,
  };
}

/** Normalises one row on its own and says what became of it. */
function one(row: RawHolding): ReturnType<typeof normalizeRows> {
  const result = normalizeRows([row]);
  expect(result.holdings.length + result.skipped.length).toBe(1);
  return result;
}

function skipReason(row: RawHolding): string | null {
  return one(row).skipped[0]?.reason ?? null;
}

describe('normalizeRows: total rows are set aside as total', () => {
  it.each([
    [
      'Schwab "Account Total"',
      raw(1, { ticker: 'Account Total', name: '--', quantity: '--', value: '$13,727.00' }, ['Account Total', '--', '--', '$13,727.00']),
    ],
    [
      'Schwab "Positions Total"',
      raw(1, { ticker: 'Positions Total', name: '--', value: '$1,058.60' }, ['Positions Total', '--', '$1,058.60']),
    ],
    ['TIAA "Total balance: $272167.09"', raw(1, { name: 'Total balance: $272167.09' })],
    [
      'TIAA "All Investments"',
      raw(1, { name: 'All Investments', value: '$873028.32' }, ['All Investments', '$873028.32', '$3351.59', '0.38%']),
    ],
    [
      'Fidelity "Subtotal of Stocks"',
      raw(1, { ticker: 'Subtotal of Stocks', value: '28335.06' }, ['Subtotal of Stocks', '28335.06', '28295.80']),
    ],
    [
      'E*TRADE "TOTAL"',
      raw(1, { ticker: 'TOTAL', value: '200770.00' }, ['TOTAL', '180880.20', '-1017.61', '3326.14', '14.4', '200770.00']),
    ],
    [
      'Ameriprise "Total Alternative Investments"',
      raw(1, { ticker: 'Total Alternative Investments', name: 'Total Alternative Investments', value: '$4,018.13' }),
    ],
    ['Hargreaves Lansdown "Totals"', raw(1, { name: 'Totals', value: '12,247.70' }, ['Totals', '12,247.70', '11,000.00'])],
  ])('%s', (_label, row) => {
    const result = one(row);
    expect(result.skipped).toEqual([{ file: 'holdings.csv', line: 1, reason: 'total', text: expect.any(String), value: null }]);
  });

  it('keeps the label of a total row for a person to recognise it', () => {
    expect(one(raw(1, { name: 'Total balance: $272167.09' })).skipped[0]?.text).toBe('Total balance: $272167.09');
  });
});

describe('normalizeRows: securities whose names start with Total are holdings', () => {
  it('the Thai company TOTAL ACCESS COMMUNICATIO with a ticker', () => {
    const { holdings } = one(raw(1, { ticker: 'DTAC', name: 'TOTAL ACCESS COMMUNICATIO', value: '1,000.00' }));
    expect(holdings[0]).toMatchObject({ name: 'TOTAL ACCESS COMMUNICATIO', ticker: 'DTAC', value: 1000 });
  });

  it('the Thai company TOTAL ACCESS COMMUNICATIO with only an ISIN', () => {
    const { holdings } = one(raw(1, { name: 'TOTAL ACCESS COMMUNICATIO', isin: 'TH0554010Z06', value: '1,000.00' }));
    expect(holdings[0]).toMatchObject({ name: 'TOTAL ACCESS COMMUNICATIO', isin: 'TH0554010Z06' });
  });

  it('the T. Rowe Price fund "Total Equity Market Index Fund" (POMIX)', () => {
    const { holdings } = one(
      raw(2, { name: 'Total Equity Market Index Fund', ticker: 'POMIX', account: '7777-7', quantity: '3', value: '$1' }),
    );
    expect(holdings[0]).toEqual({
      file: 'holdings.csv',
      line: 2,
      account: '7777-7',
      name: 'Total Equity Market Index Fund',
      ticker: 'POMIX',
      exchange: null,
      isin: null,
      cusip: null,
      sedol: null,
      quantity: 3,
      value: 1,
      currency: null,
      assetClass: null,
    });
  });

  it('keeps the asset class as written, so look-through can tell a fund it does not know', () => {
    const { holdings } = one(raw(2, { name: 'DODGE & COX STOCK', ticker: 'DODGX', assetClass: ' Mutual Fund ', value: '10' }));
    expect(holdings[0]).toMatchObject({ ticker: 'DODGX', assetClass: 'Mutual Fund' });
  });
});

describe('normalizeRows: cash rows', () => {
  it('Schwab "Cash & Cash Investments" is cash and keeps its value for the portfolio total', () => {
    const result = one(
      raw(5, { ticker: 'Cash & Cash Investments', name: '--', quantity: '--', value: '$2,953.34' }, [
        'Cash & Cash Investments',
        '--',
        '--',
        '$2,953.34',
      ]),
    );
    expect(result.skipped).toEqual([{ file: 'holdings.csv', line: 5, reason: 'cash', text: 'Cash & Cash Investments', value: 2953.34 }]);
  });

  it('E*TRADE "CASH" is cash', () => {
    expect(one(raw(1, { ticker: 'CASH', value: '12.2' })).skipped[0]).toMatchObject({ reason: 'cash', value: 12.2 });
  });

  it('an iShares row whose Asset Class is Cash or Money Market is cash', () => {
    expect(skipReason(raw(1, { ticker: 'USD', name: 'USD CASH', assetClass: 'Cash', value: '197,665.93' }))).toBe('cash');
    expect(
      skipReason(raw(1, { ticker: 'XTSLA', name: 'BLK CSH FND TREASURY SL AGENCY', assetClass: 'Money Market', value: '1,380,000.00' })),
    ).toBe('cash');
    expect(
      skipReason(
        raw(1, { ticker: 'MARGIN_USD', name: 'CASH COLLATERAL USD SGAFT', assetClass: 'Cash Collateral and Margins', value: '214,000.00' }),
      ),
    ).toBe('cash');
  });

  it("Fidelity's core money-market positions SPAXX** and FDRXX** are cash", () => {
    // formats.md §1 rule 7 lists SPAXX**, FDRXX**, FCASH** among the pseudo rows to set aside.
    expect(skipReason(raw(2, { ticker: 'SPAXX**', name: 'FIDELITY GOVERNMENT MONEY MARKET', quantity: '200.21', value: '$200.21' }))).toBe(
      'cash',
    );
    expect(skipReason(raw(5, { ticker: 'FDRXX**', name: 'FIDELITY GOVERNMENT CASH RESERVES', quantity: '4.2', value: '$4.20' }))).toBe(
      'cash',
    );
    expect(skipReason(raw(7, { ticker: 'FCASH**', name: 'CASH', quantity: '0.9', value: '$0.90' }))).toBe('cash');
  });

  it('DEGIRO\'s cash line "CASH & CASH FUND & FTX CASH (CHF)" is cash, and (CHF) is no ticker', () => {
    const result = normalizeRows([
      raw(2, { name: 'CASH & CASH FUND & FTX CASH (CHF)', value: '960,35' }, [
        'CASH & CASH FUND & FTX CASH (CHF)',
        'CHF',
        '960,35',
        '960,35',
      ]),
      raw(3, { name: 'AMAZON.COM INC', ticker: 'US0231351067', value: '16128,25' }),
    ]);
    expect(result.decimal).toBe(',');
    expect(result.holdings.map((h) => h.line)).toEqual([3]);
    expect(result.skipped).toEqual([expect.objectContaining({ line: 2, reason: 'cash', value: 960.35 })]);
  });

  it('a Futures row is a derivative, not a holding', () => {
    expect(skipReason(raw(1, { ticker: 'ESU6', name: 'S&P500 EMINI SEP 26', assetClass: 'Futures', value: '0.00' }))).toBe('derivative');
  });
});

describe('normalizeRows: identifiers', () => {
  it("moves a CUSIP found in Fidelity's Symbol column to cusip and clears the ticker", () => {
    const { holdings } = normalizeRows([
      raw(3, { ticker: '31657FAF4', name: 'FIELDPIONT PRIVATE BK & TR GRE C...', value: '$4997.45' }),
      raw(4, { ticker: '912810FS2', name: 'United States Treasury 2.000...', value: '$66253.92' }),
    ]);
    expect(holdings.map((h) => [h.ticker, h.cusip])).toEqual([
      [null, '31657FAF4'],
      [null, '912810FS2'],
    ]);
  });

  it('moves DEGIRO\'s ISIN in "Symbol/ISIN" to isin', () => {
    const { holdings } = one(raw(3, { ticker: 'US0231351067', name: 'AMAZON.COM INC', value: '16128,25' }));
    expect(holdings[0]).toMatchObject({ ticker: null, isin: 'US0231351067' });
  });

  it('keeps an ordinary ticker as a ticker', () => {
    const { holdings } = one(
      raw(1, { ticker: '002415', name: 'Hangzhou Hikvision Digital Technology Co. Ltd.', sedol: 'B450X03', value: '$1.00' }),
    );
    expect(holdings[0]).toMatchObject({ ticker: '002415', sedol: 'B450X03', isin: null });
  });

  it('canonicalises identifiers (case, spaces)', () => {
    const { holdings } = one(raw(1, { name: 'Hikvision', isin: ' cne100000pm8 ', sedol: 'bd5cpq2' }));
    expect(holdings[0]).toMatchObject({ isin: 'CNE100000PM8', sedol: 'BD5CPQ2' });
  });

  it('does not use an ISIN whose check digit fails and warns with the row and column', () => {
    const result = one(raw(17, { name: 'HANGZHOU HIKVISION', isin: 'CNE100000PM9', value: '100' }));
    expect(result.holdings[0]).toMatchObject({ isin: null, name: 'HANGZHOU HIKVISION' });
    expect(result.warnings).toEqual([{ file: 'holdings.csv', line: 17, code: 'BAD_CHECK_DIGIT', column: 'isin', value: 'CNE100000PM9' }]);
  });

  it('warns about a bad CUSIP and a bad SEDOL the same way', () => {
    const result = one(raw(2, { name: 'MY FUND NAME', cusip: '123456789', sedol: 'B450X04', value: '1' }));
    expect(result.holdings[0]).toMatchObject({ cusip: null, sedol: null });
    expect(result.warnings.map((w) => [w.code, w.column, w.value])).toEqual([
      ['BAD_CHECK_DIGIT', 'cusip', '123456789'],
      ['BAD_CHECK_DIGIT', 'sedol', 'B450X04'],
    ]);
  });

  it('treats placeholder identifiers (-, ---, N/A) as absent, without a warning', () => {
    const result = one(raw(1, { name: 'Iflytek Co. Ltd.', isin: '-', cusip: 'N/A', sedol: 'BD5CNN5', ticker: '---' }));
    expect(result.holdings[0]).toMatchObject({ isin: null, cusip: null, sedol: 'BD5CNN5', ticker: null });
    expect(result.warnings).toEqual([]);
  });
});

describe('normalizeRows: names, tickers in names, accounts', () => {
  it("extracts TIAA's ticker from the end of the fund name: (VIIIX)", () => {
    const { holdings } = one(
      raw(5, { name: 'Vanguard Institutional Index Fund Institutional Plus (VIIIX)', value: '$91864.74', quantity: '202.6845' }),
    );
    expect(holdings[0]).toMatchObject({ ticker: 'VIIIX', value: 91864.74, quantity: 202.6845 });
  });

  it("does not override a ticker column with a name's bracket", () => {
    const { holdings } = one(raw(5, { ticker: 'ABC', name: 'Some Fund (XYZW)' }));
    expect(holdings[0]?.ticker).toBe('ABC');
  });

  it("takes the account from the row's account column, else from the label in force", () => {
    const { holdings } = normalizeRows([
      raw(2, { name: 'A FUND', ticker: 'AF', account: 'Our Brokerage' }, undefined, 'Individual ...321'),
      raw(3, { name: 'B FUND', ticker: 'BF' }, undefined, 'Individual ...321'),
    ]);
    expect(holdings.map((h) => h.account)).toEqual(['Our Brokerage', 'Individual ...321']);
  });

  it('sets aside a row with neither a name nor any identifier as no-security', () => {
    const result = one(raw(9, { ticker: '--', name: '--', value: '$5.00' }, ['--', '--', '$5.00']));
    expect(result.skipped[0]).toMatchObject({ line: 9, reason: 'no-security', value: 5 });
  });
});

describe('normalizeRows: amounts', () => {
  it('an unreadable amount gives value null and an UNREADABLE_AMOUNT warning, never 0', () => {
    const result = one(
      raw(6, {
        name: 'Vanguard FTSE All-World ex-US Index Fund Admiral Shares',
        account: '0570-12345678',
        quantity: '10',
        value: 'Total 327.50',
      }),
    );
    expect(result.holdings[0]).toMatchObject({ value: null, quantity: 10 });
    expect(result.warnings).toEqual([{ file: 'holdings.csv', line: 6, code: 'UNREADABLE_AMOUNT', column: 'value', value: 'Total 327.50' }]);
  });

  it('a placeholder amount gives null without a warning', () => {
    const result = one(raw(1, { name: 'MICROSOFT CORP', ticker: 'MSFT', quantity: '--', value: 'N/A' }));
    expect(result.holdings[0]).toMatchObject({ quantity: null, value: null });
    expect(result.warnings).toEqual([]);
  });

  it('decides the decimal separator once per file from all amount cells', () => {
    const result = normalizeRows([
      raw(2, { name: 'AMAZON.COM INC', ticker: 'US0231351067', quantity: '65', value: '16128,25' }),
      raw(3, { name: 'MICROSOFT CORP', ticker: 'US5949181045', quantity: '15', value: '1.234,50' }),
      raw(4, { name: 'ROCHE HOLDING AG', ticker: 'CH0012032048', quantity: '16', value: '1259,84' }),
    ]);
    expect(result.decimal).toBe(',');
    expect(result.holdings.map((h) => h.value)).toEqual([16128.25, 1234.5, 1259.84]);
  });

  it('reads US amounts in a US file', () => {
    const result = normalizeRows([
      raw(4, { ticker: 'AMD', name: 'ADVANCED MICRO DEVIC', quantity: '0.133', value: '$71.71' }),
      raw(5, { ticker: 'MSFT', name: 'MICROSOFT CORP', quantity: '4', value: '$1,033.40' }),
    ]);
    expect(result.decimal).toBe('.');
    expect(result.holdings.map((h) => [h.quantity, h.value])).toEqual([
      [0.133, 71.71],
      [4, 1033.4],
    ]);
  });
});

describe('normalizeRows: accounting', () => {
  it('puts every input row in exactly one of holdings or skipped, in input order', () => {
    const rows = [
      raw(4, { ticker: 'AMD', name: 'ADVANCED MICRO DEVIC', value: '$71.71' }),
      raw(5, { ticker: 'Cash & Cash Investments', name: '--', value: '$5.20' }),
      raw(6, { ticker: 'Account Total', name: '--', value: '$195.73' }),
      raw(10, { ticker: 'MSFT', name: 'MICROSOFT CORP', value: '$1,033.40' }),
      raw(11, { ticker: '--', name: '--' }),
    ];
    const result = normalizeRows(rows);
    expect(result.holdings.map((h) => h.line)).toEqual([4, 10]);
    expect(result.skipped.map((s) => [s.line, s.reason])).toEqual([
      [5, 'cash'],
      [6, 'total'],
      [11, 'no-security'],
    ]);
  });

  it('returns nothing for no rows', () => {
    expect(normalizeRows([])).toEqual({ holdings: [], skipped: [], warnings: [], decimal: '.', dates: null });
  });
});
