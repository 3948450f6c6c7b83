// Funds with no holdings data here: the report must say they were not looked through, so that
// "nothing found" is never read as "nothing held". An investor holding only VT (IBKR sample) got
// "No holding matches" and exit 0 before; VT is now in the catalogue, VTI and BND are not.

import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScreen, type RunEnvironment } from '../../src/cli/run.js';
import { loadDataset, loadFundData } from '../../src/dataset/load.js';
import { buildFundCatalog, createFundRecognizer } from '../../src/look-through/funds.js';
import type { Holding } from '../../src/model.js';
import { ROOT, REAL } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const env: RunEnvironment = { today: '2026-11-26', tool: { name: 'exposure-screener', version: 'test' }, width: 120, cwd: ROOT };
const FORMATS = `${REAL}formats/`;

const { dataset } = loadDataset();
const { funds, snapshots } = loadFundData(dataset);
const recognize = createFundRecognizer(buildFundCatalog(funds, snapshots.snapshots));

function holding(fields: Partial<Holding>): Holding {
  return {
    file: 'h.csv',
    line: 2,
    account: null,
    name: null,
    ticker: null,
    exchange: null,
    isin: null,
    cusip: null,
    sedol: null,
    quantity: null,
    value: 100,
    currency: null,
    assetClass: null,
    ...fields,
  };
}

describe('recognising fund positions', () => {
  it('knows a fund of the catalogue by ticker, on any US or unnamed venue but not on a named foreign one', () => {
    expect(recognize(holding({ ticker: 'VWO', name: 'VANGUARD FTSE EMERGING MARKETS ETF' }))).toMatchObject({
      kind: 'known',
      fund: { id: 'vwo' },
    });
    // IBKR lists US mutual funds on FUNDSERV; VEMAX is VWO's portfolio.
    expect(recognize(holding({ ticker: 'VEMAX', exchange: 'FUNDSERV' }))).toMatchObject({ kind: 'known', fund: { id: 'vemax' } });
    expect(recognize(holding({ ticker: 'VWO', exchange: 'IEX' }))).toMatchObject({ kind: 'known', fund: { id: 'vwo' } });
    expect(recognize(holding({ ticker: 'EEM', exchange: 'Hong Kong Stock Exchange', name: 'SOME HK STOCK' }))).toEqual({ kind: 'none' });
  });

  it('an excluded name without a fund word is no fund whatever its asset class, asked first with or without one', () => {
    // byName leaves the exclusion to rows with an asset class: the same name asked both ways, in both orders.
    for (const [first, second] of [
      [null, 'ETF'],
      ['ETF', null],
    ] as const) {
      const fresh = createFundRecognizer(buildFundCatalog(funds, snapshots.snapshots));
      expect(fresh(holding({ name: 'ACME REALTY CORP', assetClass: first }))).toEqual({ kind: 'none' });
      expect(fresh(holding({ name: 'ACME REALTY CORP', assetClass: second }))).toEqual({ kind: 'none' });
      expect(fresh(holding({ name: 'ACME WIDGETS CORP', assetClass: first }))).toEqual(
        first === null ? { kind: 'none' } : { kind: 'unknown', evidence: 'asset class "ETF"' },
      );
      expect(fresh(holding({ name: 'ACME WIDGETS CORP', assetClass: second }))).toEqual(
        second === null ? { kind: 'none' } : { kind: 'unknown', evidence: 'asset class "ETF"' },
      );
    }
    // With a fund word the exclusion holds as before: a REIT ETF-named trust with a fund class.
    expect(recognize(holding({ name: 'ACME REIT FUND', assetClass: 'ETF' }))).toEqual({ kind: 'none' });
    expect(recognize(holding({ name: 'ACME WIDGETS FUND', assetClass: 'Equity' }))).toEqual({
      kind: 'unknown',
      evidence: '"FUND" in its name',
    });
  });

  it('knows VT by the names brokers print for it (IBKR, Fidelity statement)', () => {
    expect(recognize(holding({ name: 'VANGUARD TOT WORLD STK ETF' }))).toMatchObject({ kind: 'known', fund: { id: 'vt' } });
    expect(recognize(holding({ name: 'VANGUARD INTL EQUITY INDEX FDS TT WRLD ST ETF ' }))).toMatchObject({
      kind: 'known',
      fund: { id: 'vt' },
    });
  });

  it('knows VEU by the CUSIP a 13F filing prints for it', () => {
    expect(recognize(holding({ name: 'VANGUARD INTL EQUITY INDEX F', cusip: '922042775', assetClass: 'ALLWRLD EX US' }))).toMatchObject({
      kind: 'known',
      fund: { id: 'veu' },
    });
  });

  it.each([
    ['VANGUARD TOTAL WORLD BOND ETF', 'BNDW', '"ETF" in its name'],
    ['VANGUARD INDEX FDS VANGUARD TOTAL STK MKT ETF', 'VTI', '"FDS" in its name'],
    ['VANGUARD TOTAL INTL STOCK INDEX ADMIRAL', 'VTIAY', '"INDEX ADMIRAL" in its name'],
    ['FIDELITY 500 INDEX', 'FXAIX', '"INDEX" in its name'],
    ['Vanguard Target Retirement 2055 Fund', 'VFFVX', '"TARGET RETIREMENT" in its name'],
    ['ISHARES CORE MSCI WORLD UCITS ETF', null, '"ISHARES" in its name'],
    ['SCOTTISH MORTGAGE INVESTMENT TRUST', 'SMT', '"INVESTMENT TRUST" in its name'],
    // 13F issuer names of China internet and technology ETFs.
    ['KRANESHARES TR', null, '"KRANESHARES TR" in its name'],
    ['INVESCO EXCH TRADED FD TR II', null, '"EXCH TRADED" in its name'],
    ['INVESCO QQQ TR UNIT SER 1', 'QQQ', '"UNIT SER" in its name'],
    ['PACER FDS TR PACER US CASH COWS 100 ETF', 'COWZ', '"FDS" in its name'],
    ['ISHARES GLOBAL INFRASTRUCTURE ETF', 'IGF', '"ISHARES" in its name'],
    ['VANGUARD REAL ESTATE ETF', 'VNQ', '"ETF" in its name'],
    // Statement abbreviations of index mutual funds.
    ['SCHWAB S&P 500 INDEX FD', 'SWPPX', '"FD" in its name'],
    ['VANGUARD INTL EQUITY INDEX F', null, '"INDEX F" in its name'],
    ['VANGUARD INSTITUTIONAL INDEX I', 'VINIX', '"INDEX I" in its name'],
    ['T ROWE PRICE EQUITY INDEX 500', 'PREIX', '"INDEX 500" in its name'],
    ['VANG 500 INDEX ADM', 'VFIAX', '"INDEX ADM" in its name'],
  ])('calls %s a fund it cannot look through', (name, ticker, evidence) => {
    expect(recognize(holding({ name, ticker }))).toEqual({ kind: 'unknown', evidence });
  });

  it('calls a position a fund by its asset class when its name does not say so', () => {
    expect(recognize(holding({ name: 'DODGE & COX STOCK', ticker: 'DODGX', assetClass: 'Mutual Fund' }))).toEqual({
      kind: 'unknown',
      evidence: 'asset class "Mutual Fund"',
    });
    // A 13F title of class: KWEB's issuer name says nothing, its class does.
    expect(recognize(holding({ name: 'FIRST TR LRGCP', assetClass: 'DJ INTERNT IDX' }))).toEqual({
      kind: 'unknown',
      evidence: 'asset class "DJ INTERNT IDX"',
    });
    expect(recognize(holding({ name: 'SCHWAB STRATEGIC TR', assetClass: 'EMRG MKTEQ ETF' }))).toEqual({
      kind: 'unknown',
      evidence: 'asset class "EMRG MKTEQ ETF"',
    });
  });

  it.each([
    ['FEDERAL REALTY INVESTMENT TRUST RE', null],
    ['LINK REAL ESTATE INVESTMENT TRUST', null],
    ['EQUITES PROP FUND LTD', null],
    ['JAPAN METROPOLITAN FUND INVESTMENT', null],
    ['Digital Telecommunications Infrastructure Fund', null],
    ['CORONATION FUND MANAGERS LTD', null],
    ['Vanguard Federal Money Market Fund', null],
    ['PUT SMALL CAP INDEX $32 EXP 04/01/20', 'ETFs & Closed End Funds'],
    ['HANGZHOU HIKVISION DIGITAL TECH-A', 'Equity'],
    ['NORTHERN TRUST CORP', null],
    ['PORTFOLIO RECOVERY ASSOCIATES', null],
    ['CHINA INDEX HOLDINGS LTD ADR', null],
    ['SPDR GOLD TRUST', 'ETFs & Closed End Funds'],
    ['ISHARES SILVER TR', null],
    ['IPATH SERIES B S&P 500 VIX SHORT-TERM FUTURES ETN', null],
    ['SPDR GOLD SHARES', null],
    ['NOMURA REAL ESTATE MASTER FUND REI', null],
  ])('does not call %s a fund to look through', (name, assetClass) => {
    expect(recognize(holding({ name, assetClass }))).toEqual({ kind: 'none' });
  });
});

async function notLookedThrough(
  file: string,
): Promise<{ ticker: string | null; name: string | null; line: number; positionValue: number | null }[]> {
  const result = await runScreen([file], { format: 'json', ignore: false, failOn: 'none' }, env);
  return JSON.parse(result.output).summary.notLookedThrough;
}

describe('real exports: the funds not looked through', () => {
  it('Fidelity positions: VTI twice and BND, with their values; the text says what is unknown', async () => {
    const file = `${FORMATS}fidelity_portfolio_positions_2023.csv`;
    expect((await notLookedThrough(file))[0]).toEqual({
      file,
      line: 6,
      account: 'His HSA',
      name: 'VANGUARD INDEX FDS VANGUARD TOTAL STK MKT ETF',
      ticker: 'VTI',
      isin: null,
      positionValue: 51705.44,
      evidence: '"FDS" in its name',
      acceptedBy: null,
    });
    const table = await runScreen([file], { format: 'table', ignore: false, color: false }, env);
    // The table wraps its sentences to the terminal's width: read them as one line each.
    const unwrapped = table.output.replace(/\n {2}/g, ' ');
    expect(unwrapped).toMatch(/3 fund position\(s\) could not be looked through/);
    expect(unwrapped).toMatch(
      /Not looked through: VTI \(line 6, 51,705\.44\), BND \(line 9, 139,798\.86\), VTI \(line 10, 165,713\.99\) \(357,218\.29 in all\)/,
    );
    expect(unwrapped).not.toMatch(/^No holding matches a listed entity, directly or through the funds looked through\.$/m);
  });

  it('IBKR statement: VT is looked through by its index (FTSE Global All Cap), value unknown, and is no gap', async () => {
    const file = `${FORMATS}ibkr_flex_query_statement.xml`;
    expect(await notLookedThrough(file)).toEqual([]);
    const report = JSON.parse((await runScreen([file], { format: 'json', ignore: false, failOn: 'none' }, env)).output);
    expect(report.summary.byFund).toEqual([expect.objectContaining({ ticker: 'VT', line: 11, bases: ['index-membership'] })]);
    expect(
      report.findings
        .map((f: { status: string; entity: { id: string }; exposure: { value: number | null } }) => [
          f.entity.id,
          f.status,
          f.exposure.value,
        ])
        .sort(),
    ).toEqual([
      ['dahua', 'flagged', null],
      ['iflytek', 'flagged', null],
      ['sensetime', 'flagged', null],
    ]);
  });

  it('13F sample: VEU is looked through by its index, and unrecorded membership gives review, never "holding none"', async () => {
    const file = `${FORMATS}sec_13f_information_table_sec_sample.xml`;
    const result = await runScreen([file], { format: 'json', ignore: false, failOn: 'none' }, env);
    const report = JSON.parse(result.output);
    const veu = report.findings.filter((f: { via: { chain: { ticker: string }[] } | null }) => f.via?.chain[0]?.ticker === 'VEU');
    expect(veu.map((f: { entity: { id: string }; status: string }) => [f.entity.id, f.status]).sort()).toEqual([
      ['dahua', 'review'],
      ['iflytek', 'review'],
    ]);
    const table = await runScreen([file], { format: 'table', ignore: false, color: false, failOn: 'none' }, env);
    expect(table.output).not.toMatch(/holding none of the list: .*VEU/);
  });

  it.each([
    ['fidelity_portfolio_positions_2023.csv', ['VTI', 'BND', 'VTI']],
    ['ibkr_flex_query_statement.xml', []],
    ['fidelity_monthly_statement_positions.csv', []],
    ['jpmorgan_chase_positions_2024.csv', ['VOO', 'VGIT']],
    ['schwab_positions_all_accounts_2020.csv', ['FNDA', 'SCHA']],
    ['tiaa_holdings_multiple_accounts_2024.csv', ['VIIIX', 'VBMPX', 'VIIIX', 'VBMPX', 'VIIIX', 'VBMPX']],
    ['vanguard_ofxdownload_brokerage_2023.csv', ['BND', 'VTI', 'Vanguard Total Bond Market Index Fund Institutional Shares']],
    ['degiro_portfolio_chf_decimal_comma.csv', Array.from({ length: 9 }, () => expect.stringMatching(/UCITS ETF/))],
  ])('%s: %j', async (file, expected) => {
    const got = await notLookedThrough(`${FORMATS}${file}`);
    expect(got.map((u) => u.ticker ?? u.name)).toEqual(expected);
  });

  it.each([
    'ishares_holdings_URTH_2020-11-04.csv',
    '../aijinnah-trading_strategy_search__ACWI_holdings.csv',
    '../ctanny-geopandas__ACWI_holdings__2d5004b.csv',
    '../JanAbe-etf-visualizer__IEMG_holdings.csv',
    'ark_holdings_ARKK_2024-06-04.csv',
    'schwab_positions_multi_account_2023.csv',
  ])('%s: none (REITs, fund managers and infrastructure funds are not funds to look through)', async (file) => {
    expect(await notLookedThrough(`${FORMATS}${file}`)).toEqual([]);
  });

  it('a fund the catalogue knows is looked through, not listed here (VWO, EEM and EMXC in a portfolio)', async () => {
    const got = await notLookedThrough(`${ROOT}fixtures/look-through/vwo-eem-emxc-and-a-stock.csv`);
    expect(got).toEqual([]);
  });
});

describe('--funds for a fund known only by its ISIN', () => {
  it('looks through a DEGIRO UCITS ETF given as --funds ISIN=FILE, and lists it no longer', async () => {
    const degiro = `${FORMATS}degiro_portfolio_chf_decimal_comma.csv`;
    const before = await notLookedThrough(degiro);
    const world = before.find((u) => u.name === 'ISHARES CORE MSCI WORLD UCITS ETF');
    expect(world).toBeDefined();
    const result = await runScreen(
      [degiro],
      { format: 'json', ignore: false, failOn: 'none', funds: [`IE00B4L5Y983=${FORMATS}ishares_holdings_URTH_2020-11-04.csv`] },
      env,
    );
    const report = JSON.parse(result.output);
    expect(report.summary.byFund).toEqual([expect.objectContaining({ ticker: 'IE00B4L5Y983', line: world?.line, findings: 0 })]);
    expect(report.summary.notLookedThrough.map((u: { name: string }) => u.name)).not.toContain('ISHARES CORE MSCI WORLD UCITS ETF');
    expect(report.summary.notLookedThrough).toHaveLength(before.length - 1);
  });

  it('refuses one fund given twice (by ticker and by ISIN), and warns of a file no position used', async () => {
    const portfolio = `${ROOT}fixtures/look-through/vwo-eem-emxc-and-a-stock.csv`;
    const vwoFile = `${FORMATS}vanguard_etf_holdings_details_VWO_2020-09-30.csv`;
    const urth = `${FORMATS}ishares_holdings_URTH_2020-11-04.csv`;
    await expect(
      runScreen([portfolio], { format: 'json', ignore: false, funds: [`US9220428588=${vwoFile}`, `VWO=${urth}`] }, env),
    ).rejects.toThrow(/VWO is already given/);
    // A mistyped ISIN (last digit) is no fund of the portfolio: said, not silently dropped.
    const typo = await runScreen([portfolio], { format: 'json', ignore: false, failOn: 'none', funds: [`US9220428589=${urth}`] }, env);
    expect(typo.messages).toContain(
      `warning: --funds US9220428589=${urth}: no position of the portfolio is this fund, so the file was not used`,
    );
    const right = await runScreen([portfolio], { format: 'json', ignore: false, failOn: 'none', funds: [`US9220428588=${vwoFile}`] }, env);
    expect(right.messages.filter((m) => m.includes('--funds'))).toEqual([]);
  });

  it('takes a folder file named by ISIN', async () => {
    const dir = makeTempDir('funds-dir');
    copyFileSync(`${FORMATS}ishares_holdings_URTH_2020-11-04.csv`, join(dir, 'IE00B4L5Y983.csv'));
    const result = await runScreen(
      [`${FORMATS}degiro_portfolio_chf_decimal_comma.csv`],
      { format: 'json', ignore: false, failOn: 'none', funds: [dir] },
      env,
    );
    expect(JSON.parse(result.output).summary.byFund).toEqual([expect.objectContaining({ ticker: 'IE00B4L5Y983' })]);
  });
});
