import { describe, expect, it } from 'vitest';
import { conceptOf, headerForms, mapColumns, matchHeader, type ColumnMap } from '../../src/ingest/columns.js';

/** Splits one header line (no embedded quotes or newlines in these) into trimmed cells. */
function cellsOf(line: string, delimiter = ','): string[] {
  const cells: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) {
      cells.push(current.trim());
      current = '';
    } else current += ch;
  }
  cells.push(current.trim());
  return cells;
}

describe('headerForms', () => {
  it.each([
    ['Qty (Quantity)', ['qty (quantity)', 'qty', 'quantity']],
    ['Mkt Val (Market Value)', ['mkt val (market value)', 'mkt val', 'market value']],
    ['Value ($)', ['value ($)', 'value']],
    ['Value $', ['value $', 'value']],
    ['MARKET VALUE*', ['market value']],
    ['% OF FUNDS*', ['% of funds']],
    ['\uFEFFTicker', ['ticker']],
    ['  Market\u00a0 Value  ', ['market value']],
    ['market value ($)', ['market value ($)', 'market value']],
    ['Value (£)', ['value (£)', 'value']],
  ] as const)('%j → %j', (header, forms) => {
    expect(headerForms(header)).toEqual(forms);
  });

  it('returns no form for an empty header cell', () => {
    expect(headerForms('')).toEqual([]);
    expect(headerForms(' ** ')).toEqual([]);
  });
});

describe('conceptOf', () => {
  it.each([
    ['Qty (Quantity)', 'quantity'],
    ['Mkt Val (Market Value)', 'value'],
    ['Value ($)', 'value'],
    ['MARKET VALUE*', 'value'],
    ['% OF FUNDS*', 'weight'],
    ['% of Acct (% of Account)', 'weight'],
    ['Symbol/ISIN', 'ticker'],
    ['Symbol/CUSIP', 'ticker'],
    ['CUSIP #', 'cusip'],
    ['Your Investments', 'name'],
    ['HOLDINGS', 'name'],
    ['company', 'name'],
    ['Value in CHF', 'value'],
  ] as const)('%j means %s', (header, concept) => {
    expect(conceptOf(header)?.concept).toBe(concept);
  });

  it.each([
    'Notional Value',
    'Cost Basis',
    'Book Value',
    'Price',
    'Price ($)',
    'Type',
    'Sector',
    'Ratings',
    'Fund Ticker',
    'Price Chng $ (Price Change $)',
    'Trade Date',
    'fund',
  ])('leaves %j unmapped', (header) => {
    expect(conceptOf(header)).toBeNull();
  });

  it('ranks Market Value above Local Value for the same concept', () => {
    const market = conceptOf('Market Value');
    const local = conceptOf('Local Value');
    expect(market?.concept).toBe('value');
    expect(local?.concept).toBe('value');
    expect(market?.rank ?? Infinity).toBeLessThan(local?.rank ?? -Infinity);
  });
});

describe('matchHeader on the header lines of the real exports', () => {
  const holdings: readonly (readonly [string, string, ColumnMap])[] = [
    [
      'Schwab 2020 (trailing comma)',
      '"Symbol","Description","Quantity","Price","Price Change $","Price Change %","Market Value","Day Change $","Day Change %","Cost Basis","Gain/Loss $","Gain/Loss %","Reinvest Dividends?","Capital Gains?","% Of Account","Dividend Yield","Last Dividend","Ex-Dividend Date","P/E Ratio","52 Week Low","52 Week High","Volume","Intrinsic Value","In The Money","Security Type",',
      { ticker: 0, name: 1, quantity: 2, value: 6, weight: 14, assetClass: 24 },
    ],
    [
      'Schwab 2023',
      '"Symbol","Description","Quantity","Price","Price Change %","Price Change $","Market Value","Day Change %","Day Change $","Cost Basis","Gain/Loss %","Gain/Loss $","Ratings","Reinvest Dividends?","Capital Gains?","% Of Account","Security Type"',
      { ticker: 0, name: 1, quantity: 2, value: 6, weight: 15, assetClass: 16 },
    ],
    [
      'Schwab 2024/25 (after the TD Ameritrade migration)',
      '"Symbol","Description","Qty (Quantity)","Price","Price Chng $ (Price Change $)","Price Chng % (Price Change %)","Mkt Val (Market Value)","Day Chng $ (Day Change $)","Day Chng % (Day Change %)","Cost Basis","Gain $ (Gain/Loss $)","Gain % (Gain/Loss %)","Ratings","Reinvest?","Reinvest Capital Gains?","% of Acct (% of Account)","Security Type"',
      { ticker: 0, name: 1, quantity: 2, value: 6, weight: 15, assetClass: 16 },
    ],
    [
      'Fidelity positions (Account Name is an account here; Type is the account type, not mapped)',
      "Account Number,Account Name,Symbol,Description,Quantity,Last Price,Last Price Change,Current Value,Today's Gain/Loss Dollar,Today's Gain/Loss Percent,Total Gain/Loss Dollar,Total Gain/Loss Percent,Percent Of Account,Cost Basis Total,Average Cost Basis,Type",
      { account: 1, ticker: 2, name: 3, quantity: 4, value: 7, weight: 12 },
    ],
    [
      'Fidelity monthly statement',
      'Symbol/CUSIP,Description,Quantity,Price,Beginning Value,Ending Value,Cost Basis',
      { ticker: 0, name: 1, quantity: 2, value: 5 },
    ],
    [
      'Vanguard OfxDownload brokerage',
      'Account Number,Investment Name,Symbol,Shares,Share Price,Total Value,',
      { account: 0, name: 1, ticker: 2, quantity: 3, value: 5 },
    ],
    [
      'Vanguard OfxDownload 401(k) plan',
      'Plan Number,Plan Name,Fund Name,Shares,Price,Total Value,',
      { account: 1, name: 2, quantity: 3, value: 5 },
    ],
    [
      'Vanguard legacy mutual-fund download',
      'Fund Account Number,Fund Name,Price,Shares,Total Value,',
      { account: 0, name: 1, quantity: 3, value: 4 },
    ],
    [
      'Vanguard ETF equity section (leading empty column)',
      ',SEDOL,HOLDINGS,TICKER,% OF FUNDS*,SECTOR,COUNTRY,SECURITY DEPOSITORY RECEIPT TYPE,MARKET VALUE*,SHARES',
      { sedol: 1, name: 2, ticker: 3, weight: 4, value: 8, quantity: 9 },
    ],
    [
      'Vanguard ETF fixed-income section',
      ',SEDOL,HOLDINGS,TICKER,% OF FUNDS*,MARKET VALUE*,FACE AMOUNT,COUPON,MATURITY DATE',
      { sedol: 1, name: 2, ticker: 3, weight: 4, value: 5, quantity: 6 },
    ],
    [
      'Vanguard ETF short-term reserves section',
      ',SEDOL,HOLDINGS,TICKER,% OF FUNDS*,FACE AMOUNT',
      { sedol: 1, name: 2, ticker: 3, weight: 4, quantity: 5 },
    ],
    [
      'E*TRADE positions',
      "Symbol,Last Price $,Change $,Change %,Quantity,Price Paid $,Day's Gain $,Total Gain $,Total Gain %,Value $",
      { ticker: 0, quantity: 4, value: 9 },
    ],
    [
      'Merrill Edge',
      '"COB Date","Security #","Symbol","CUSIP #","Security Description","Account Nickname","Account Registration","Account #","Quantity","Price ($)","Value ($)","Unrealized Gain/Loss ($)","Unrealized Gain/Loss (%)","Cumulative Investment Return ($)","Cumulative Investment Return (%)","Accrued Interest ($)"',
      { date: 0, ticker: 2, cusip: 3, name: 4, account: 5, quantity: 8, value: 10 },
    ],
    [
      'J.P. Morgan (Value is base currency; Local Value loses)',
      "Asset Class,Asset Strategy,Asset Strategy Detail,Description,Ticker,CUSIP,Quantity,Base CCY,Local CCY,Price,PriceInd,Local Price,Today's Price Change,Price Change %,Pricing Date,Value,Today's Value Change,Value Change %,Local Value,Cost,Unit Cost,Local Unit Cost,Orig Cost (Base),Orig Cost (Local),Cost Source,Local Cost,Unrealized G/L Amt.,Orig. $ Gain/Loss (Base),Orig. $ Gain/Loss (Local),Local Unrealized G/L Amt.,Unrealized Gain/Loss (%),Orig. % Gain/Loss (Base),Orig. % Gain/Loss (Local),Local Unrealized Gain/Loss (%),Disallowed Loss (Base),Disallowed Loss (Local),Acquisition Date,Adj Date,Accrued/Income Earned,Local Accrued/Income Earned,Accrued Income,Local Accrued Income,Est. Annual Income,Local Est. Annual Income,YTM,Maturity Date,Coupon Rate,S&P Rating,Moody Rating,Buy/Call Amount,Buy/Call Currency,Sell/Put Amount,Sell/Put Currency,Market Spot Rate,Market Forward Rate,Contract Rate,Subscription Amount,Net Distributions,Used/Outstanding,Interest Rate,Finance Charges (MTD),As of,Acct Type,Accounting Method,Current Face Value,Disclaimers-Cost,Disclaimers-Quantity ",
      { assetClass: 0, name: 3, ticker: 4, cusip: 5, quantity: 6, currency: 7, value: 15, date: 61 },
    ],
    [
      'TIAA',
      'Your Investments,Total Value,Last Price,Quantity,Change since last close ($)*,Change since last close (%)*,',
      { name: 0, value: 1, quantity: 3 },
    ],
    [
      'T. Rowe Price (the fund name sits in "Account Name")',
      '"Account Type","Account Name","Ticker","Account Number","Owners","Quantity","Price","Change","Market Value","Daily $ Change","Daily % Change","PRR"',
      { name: 1, ticker: 2, account: 3, quantity: 5, value: 8 },
    ],
    [
      'Ameriprise positions sub-table',
      '"Symbol","Description","Account Name","Account Description","Quantity","Mkt. Price","Mkt. Value","As Of"',
      { ticker: 0, name: 1, account: 2, quantity: 4, value: 6, date: 7 },
    ],
    [
      'DEGIRO (Local value sits above the currency code; Value in CHF is the amount)',
      'Product,Symbol/ISIN,Amount,Closing,Local value,,Value in CHF',
      { name: 0, ticker: 1, value: 6 },
    ],
    [
      'iShares 2020 layout (Notional Value is not the value)',
      'Ticker,Name,Sector,Asset Class,Market Value,Weight (%),Notional Value,Shares,CUSIP,ISIN,SEDOL,Price,Location,Exchange,Currency,FX Rate,Maturity,Market Currency',
      { ticker: 0, name: 1, assetClass: 3, value: 4, weight: 5, quantity: 7, cusip: 8, isin: 9, sedol: 10, exchange: 13, currency: 14 },
    ],
    [
      'iShares current layout',
      'Ticker,Name,Sector,Asset Class,Market Value,Weight (%),Notional Value,Quantity,Price,Location,Exchange,Currency,FX Rate,Market Currency,Accrual Date',
      { ticker: 0, name: 1, assetClass: 3, value: 4, weight: 5, quantity: 7, exchange: 10, currency: 11 },
    ],
    [
      'ARK (the fund column is the fund, not the holding)',
      'date,fund,company,ticker,cusip,shares,market value ($),weight (%)',
      { date: 0, name: 2, ticker: 3, cusip: 4, quantity: 5, value: 6, weight: 7 },
    ],
  ];

  it.each(holdings)('%s', (_format, line, columns) => {
    const cells = cellsOf(line);
    const match = matchHeader(cells);
    expect(match?.kind).toBe('holdings');
    expect(match?.columns).toEqual(columns);
    expect(match?.headers).toEqual(cells);
  });

  it.each([
    [
      'Vanguard OfxDownload transactions',
      'Account Number,Trade Date,Settlement Date,Transaction Type,Transaction Description,Investment Name,Symbol,Shares,Share Price,Principal Amount,Commission Fees,Net Amount,Accrued Interest,Account Type,',
    ],
    [
      'Vanguard 401(k) transactions',
      'Account Number,Trade Date,Run Date,Transaction Activity,Transaction Description,Investment Name,Share Price,Transaction Shares,Dollar Amount,',
    ],
    [
      'Vanguard legacy transactions',
      'Account Number,Trade Date,Process Date,Transaction Type,Transaction Description,Investment Name,Share Price,Shares,Gross Amount,Net Amount,',
    ],
  ])('%s is a transactions header', (_format, line) => {
    expect(matchHeader(cellsOf(line))?.kind).toBe('transactions');
  });

  it('does not take E*TRADE\'s filter block "Symbol,Security type(s),Sort by,Sort order" for a holdings header', () => {
    expect(matchHeader(cellsOf('Symbol,Security type(s),Sort by,Sort order,,,,,,'))?.kind).not.toBe('holdings');
  });

  it("does not take Ameriprise's cash sub-table (no security column) for a holdings header", () => {
    expect(matchHeader(cellsOf('"Type","Account Name","Account Description","Mkt. Value"'))?.kind).not.toBe('holdings');
  });

  it.each([
    ['a data row', 'AAPL,APPLE INC,10,"1,234.56"'],
    ['a Schwab total row', '"Account Total","--","--","--","--","--","$0.00"'],
    ['a title line', '"Positions for account Intelligent XXXX-4321 as of 02:45 AM ET, 12/21/2020"'],
    ['an iShares preamble pair', 'Fund Holdings as of,"Nov 04, 2020"'],
    ['a header with a number in it', 'Symbol,Description,2020'],
    ['an empty row', ',,,,'],
    [
      "E*TRADE's account summary header",
      "Account,Net Account Value,Total Gain $,Total Gain %,Day's Gain Unrealized $,Day's Gain Unrealized %,Available For Withdrawal,Marginable Securities,Non-Marginable Securities,",
    ],
    ['a preamble key and its value', 'Name,My Portfolio'],
    ['a name beside a column it does not describe', 'Name,Notes'],
  ])('does not take %s for a holdings header', (_what, line) => {
    expect(matchHeader(cellsOf(line))?.kind ?? null).not.toBe('holdings');
  });

  it.each([
    ['Name,Sector', { name: 0 }],
    ['Name,Sector,Location', { name: 0 }],
    ['Company,Industry,Country', { name: 0 }],
    ['名称,所属行业', { name: 0 }],
    ['Name,Exchange', { name: 0, exchange: 1 }],
    ['Name,Asset Class', { name: 0, assetClass: 1 }],
  ])('takes names beside a column that describes securities (%s) for a list without amounts', (line, columns) => {
    const match = matchHeader(cellsOf(line));
    expect(match?.kind).toBe('holdings');
    expect(match?.columns).toEqual(columns);
  });
});

describe('mapColumns', () => {
  it('maps T. Rowe\'s "Account Name" to the name only when no other name column exists', () => {
    expect(mapColumns(['Account Type', 'Account Name', 'Ticker', 'Account Number', 'Quantity', 'Market Value'])).toMatchObject({
      name: 1,
      account: 3,
    });
    expect(mapColumns(['Account Name', 'Symbol', 'Description', 'Quantity'])).toMatchObject({ name: 2, account: 0 });
  });

  it('does not map Fidelity\'s "Type" (account type) to the asset class', () => {
    expect(mapColumns(['Symbol', 'Description', 'Type']).assetClass).toBeUndefined();
  });

  it('lets --columns overrides name a column by its header text', () => {
    expect(mapColumns(['Wertpapier', 'Kurswert', 'ISIN'], { name: 'wertpapier', value: 'Kurswert' })).toEqual({
      name: 0,
      value: 1,
      isin: 2,
    });
  });

  it('is not confused by header cells named like Object.prototype members', () => {
    expect(mapColumns(['__proto__', 'constructor', 'toString', 'Name', 'Market Value'])).toEqual({ name: 3, value: 4 });
    expect(matchHeader(['__proto__', 'constructor', 'hasOwnProperty'])).toBeNull();
  });

  it('picks the best-ranked column when two mean the same concept', () => {
    expect(mapColumns(['Name', 'Description', 'Local Value', 'Market Value'])).toMatchObject({ name: 1, value: 3 });
  });
});

describe('Spanish "Valor": the security or its value, by the other columns', () => {
  const cells = (line: string) => cellsOf(line, ';');

  it('is the security when another column gives the value and none names the security', () => {
    expect(matchHeader(cells('Valor;ISIN;Cantidad;Valor de mercado EUR'))?.columns).toEqual({ name: 0, isin: 1, quantity: 2, value: 3 });
    // MyInvestor: "Valor" holds the security's name, "Importe" the amount.
    expect(matchHeader(cells('Fecha valor;ISIN;Valor;Nominal;Precio;Importe;Divisa'))?.columns).toMatchObject({ name: 2, value: 5 });
  });

  it('is the value when a name column is there, or when nothing else gives the value', () => {
    expect(matchHeader(cells('Nombre;ISIN;Cantidad;Valor'))?.columns).toEqual({ name: 0, isin: 1, quantity: 2, value: 3 });
    const alone = matchHeader(cells('ISIN;Cantidad;Valor'));
    expect(alone?.columns).toEqual({ isin: 0, quantity: 1, value: 2 });
    expect(alone?.why.value).toContain('Spanish for value');
  });

  it('is a value whenever a currency follows it ("Valor en EUR"), as in DEGIRO\'s Spanish export', () => {
    const degiro = matchHeader(cells('Producto;Símbolo/ISIN;Cantidad;Precio de cierre;Valor local;;Valor en EUR'));
    expect(degiro?.columns).toMatchObject({ name: 0, ticker: 1, quantity: 2, value: 6 });
    expect(degiro?.valueCurrency).toBe('EUR');
  });
});

describe('the name headers of European exports', () => {
  it.each([
    'Nombre',
    'Descripción',
    'Producto',
    'Titolo',
    'Strumento',
    'Descrizione',
    'Wertpapier',
    'Bezeichnung',
    'Produit',
    'Libellé',
    'Naam',
    'Product',
  ])('%s names the security', (header) => {
    expect(conceptOf(header)?.concept).toBe('name');
    expect(matchHeader([header, 'ISIN', 'Quantity'])?.columns.name).toBe(0);
  });

  it('reads Fineco\'s "Mercato" as the exchange and "Valuta" as the currency', () => {
    const fineco = matchHeader(cellsOf('Titolo;ISIN;Simbolo;Mercato;Strumento;Valuta;Quantità;Valore di mercato €', ';'));
    expect(fineco?.columns).toMatchObject({ name: 0, isin: 1, ticker: 2, exchange: 3, currency: 5, quantity: 6, value: 7 });
  });
});

describe('a header of one column', () => {
  it.each([
    ['Ticker', 'ticker'],
    ['ISIN', 'isin'],
    ['Code', 'ticker'],
    ['证券代码', 'ticker'],
    ['Name', 'name'],
    ['CUSIP', 'cusip'],
  ] as const)('%s alone is a list of securities', (cell, concept) => {
    const match = matchHeader([cell]);
    expect(match?.kind).toBe('holdings');
    expect(match?.columns).toEqual({ [concept]: 0 });
    expect(match?.why[concept]).toContain('the only column');
  });

  it('says a code header names exchange codes, as the same header among others does', () => {
    expect(matchHeader(['证券代码'])?.tickerIsCode).toBe(true);
    expect(matchHeader(['Ticker'])?.tickerIsCode).toBe(false);
  });

  it.each(['Watch list', 'Holdings', 'Your Investments', 'Notes', '2020-12-21', 'Date: 05/06/2021'])('%j alone is no header', (cell) => {
    expect(matchHeader([cell])).toBeNull();
  });

  it('needs the line to be one cell: a title over separators ("Name,,,") is no one-column header', () => {
    expect(matchHeader(['Name', '', '', ''])).toBeNull();
  });

  it('takes a header named with --columns', () => {
    expect(matchHeader(['Wertpapiere'], { name: 'Wertpapiere' })?.columns).toEqual({ name: 0 });
  });
});
