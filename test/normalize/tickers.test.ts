import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readHoldingsBytes } from '../../src/ingest/read.js';
import { canonicalCode, KNOWN_VENUES, parseExchange, parseTicker, venuesFor, type Venue } from '../../src/normalize/tickers.js';
import { ROOT } from '../support/run-cli.js';

describe('parseTicker reads every notation of README "How matching decides" point 2', () => {
  it.each([
    ['002415.SZ', undefined, '002415', ['XSHE']],
    ['SZ002415', undefined, '002415', ['XSHE']],
    ['002415 CH', undefined, '002415', ['XSHE', 'XSHG']],
    ['002415 CH Equity', undefined, '002415', ['XSHE', 'XSHG']],
    ['002415.ZK', undefined, '002415', ['XSHE']],
    ['SHE:002415', undefined, '002415', ['XSHE']],
    ['0020.HK', undefined, '0020', ['XHKG']],
    ['20 HK', undefined, '20', ['XHKG']],
    ['2415', 'Shenzhen Stock Exchange', '2415', ['XSHE']],
    ['20', 'Hong Kong Exchanges And Clearing Ltd', '20', ['XHKG']],
  ] as const)('%s (exchange column %j) → code %s on %j', (cell, exchange, code, venues) => {
    const ref = parseTicker(cell, exchange);
    expect(ref?.code).toBe(code);
    expect(ref?.venues).toEqual(venues);
  });

  it('keeps a bare code with no exchange as venue-less (only a name can confirm it)', () => {
    expect(parseTicker('002415')).toEqual({ code: '002415', venues: null, marker: null });
  });

  it("keeps the notation's exchange part to explain a match", () => {
    expect(parseTicker('002415.SZ')?.marker).toBe('SZ');
    expect(parseTicker('2415', 'Shenzhen Stock Exchange')?.marker).toBe('Shenzhen Stock Exchange');
  });

  it('puts 2415 with a Taiwan Stock Exchange column on another venue, not on Shenzhen', () => {
    expect(parseTicker('2415', 'Taiwan Stock Exchange')).toEqual({ code: '2415', venues: ['OTHER'], marker: 'Taiwan Stock Exchange' });
  });

  it("reads Hikma's London lines HIK LN and HIK.L as London", () => {
    expect(parseTicker('HIK LN')).toMatchObject({ code: 'HIK', venues: ['XLON'] });
    expect(parseTicker('HIK.L')).toMatchObject({ code: 'HIK', venues: ['XLON'] });
  });

  it('lets the notation decide when it names an exchange', () => {
    expect(parseTicker('0020.HK', 'Taiwan Stock Exchange')?.venues).toEqual(['XHKG']);
  });

  it('keeps US class tickers whole and upper-cases them', () => {
    expect(parseTicker('BRK.B')).toEqual({ code: 'BRK.B', venues: null, marker: null });
    expect(parseTicker('brk/b')?.code).toBe('BRK/B');
  });

  it('reads full-width digits (NFKC) and surrounding spaces', () => {
    expect(parseTicker('  ００２４１５.SZ ')).toMatchObject({ code: '002415', venues: ['XSHE'] });
  });

  it.each(['', '  ', '-', '--', '---', 'n/a', 'N/A'])('returns null for the placeholder %j', (cell) => {
    expect(parseTicker(cell)).toBeNull();
  });
});

describe("parseExchange on iShares' exchange column", () => {
  it.each([
    ['Shenzhen Stock Exchange', ['XSHE']],
    ['Shanghai Stock Exchange', ['XSHG']],
    ['Hong Kong Exchanges And Clearing Ltd', ['XHKG']],
    ['London Stock Exchange', ['XLON']],
    ['Tokyo Stock Exchange', ['XTKS']],
    ['Taiwan Stock Exchange', ['OTHER']],
    ['Gretai Securities Market', ['OTHER']],
    ['Korea Exchange (Stock Market)', ['OTHER']],
    ['Johannesburg Stock Exchange', ['OTHER']],
    ['New York Stock Exchange Inc.', ['OTHER']],
    ['NASDAQ', ['OTHER']],
    ['Nyse Mkt Llc', ['OTHER']],
    ['Bse Ltd', ['OTHER']],
    ['Singapore Exchange', ['OTHER']],
    ['NO MARKET (E.G. UNLISTED)', ['OTHER']],
  ] as const)('%s → %j', (text, venues) => {
    expect(parseExchange(text)?.venues).toEqual(venues);
  });

  it.each([undefined, '', '-', '--', 'n/a', 'N/A'])('returns null for %j', (text) => {
    expect(parseExchange(text)).toBeNull();
  });
});

describe('canonicalCode', () => {
  it('pads a Shenzhen code whose zeros a spreadsheet dropped: 2415 → 002415', () => {
    expect(canonicalCode('XSHE', '2415')).toBe('002415');
    expect(canonicalCode('XSHE', '002415')).toBe('002415');
    expect(canonicalCode('XSHG', '600230')).toBe('600230');
  });

  it('prints Hong Kong codes with four digits: 20, 00020 and 0020 → 0020', () => {
    expect(canonicalCode('XHKG', '20')).toBe('0020');
    expect(canonicalCode('XHKG', '00020')).toBe('0020');
    expect(canonicalCode('XHKG', '0020')).toBe('0020');
    expect(canonicalCode('XHKG', '2858')).toBe('2858');
  });

  it('refuses codes that cannot exist on the venue', () => {
    expect(canonicalCode('XSHE', 'ABC')).toBeNull();
    expect(canonicalCode('XSHE', '1234567')).toBeNull();
    expect(canonicalCode('XHKG', '123456')).toBeNull();
    expect(canonicalCode('XTKS', '943')).toBeNull();
  });

  it('upper-cases codes of letter venues', () => {
    expect(canonicalCode('XLON', 'hik')).toBe('HIK');
    expect(canonicalCode('OTHER', 'brk.b')).toBe('BRK.B');
  });

  it('maps every numeric spelling of a mainland code to six digits with the same number', () => {
    const venue = fc.constantFrom<Venue>('XSHE', 'XSHG');
    fc.assert(
      fc.property(venue, fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 3 }), (v, n, zeros) => {
        const spelled = ('0'.repeat(zeros) + String(n)).slice(-6);
        const code = canonicalCode(v, spelled);
        expect(code).toHaveLength(6);
        expect(Number(code)).toBe(n);
      }),
      { numRuns: 200 },
    );
  });
});

// Two fast paths, each held to the general one it stands in for, on every ticker cell of the real files
// and on made-up ones.
describe('the fast paths of ticker reading', () => {
  const real = join(ROOT, 'fixtures', 'real');
  const files = readdirSync(real, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(csv|xml)$/.test(f));
  const cells = files.flatMap((f) =>
    readHoldingsBytes(f, readFileSync(join(real, f))).rows.map((row) => ({ ticker: row.cells.ticker ?? '', exchange: row.cells.exchange })),
  );
  const plainCell = fc.oneof(
    fc.stringMatching(/^[A-Za-z0-9]{1,14}$/),
    fc.stringMatching(/^\d{1,13}$/),
    fc.stringMatching(/^(?:SZ|sh|Hk|SH)\d{3,7}$/),
    fc.constantFrom('na', 'NA', 'nA', 'n', 'a', 'Equity', 'SZ002415', 'hk00700', '00020', '0', '20'),
  );
  const exchange = fc.constantFrom(undefined, 'Shenzhen Stock Exchange', 'Hong Kong Exchanges And Clearing Ltd', 'NYSE', '-', '');

  it('a cell of letters and digits reads as the same cell with spaces around it (which goes the general way)', () => {
    const plain = cells.filter((c) => /^[A-Za-z0-9]+$/.test(c.ticker));
    expect(plain.length).toBeGreaterThan(10_000);
    for (const { ticker, exchange: column } of plain) {
      for (const codeColumn of [false, true]) {
        expect(parseTicker(ticker, column, codeColumn), ticker).toEqual(parseTicker(` ${ticker} `, column, codeColumn));
      }
    }
    fc.assert(
      fc.property(plainCell, exchange, fc.boolean(), (ticker, column, codeColumn) => {
        expect(parseTicker(ticker, column, codeColumn)).toEqual(parseTicker(`${ticker}\t`, column, codeColumn));
      }),
      { numRuns: 3000, seed: 18 },
    );
  });

  it('venuesFor a code is every known venue canonicalCode places it on, in order', () => {
    const onEach = (code: string): Venue[] => KNOWN_VENUES.filter((venue) => canonicalCode(venue, code) !== null);
    const codes = [
      ...cells.map((c) => parseTicker(c.ticker)?.code ?? ''),
      ...['', '.', 'BRK.B', 'ß', 'ı', 'ǆ', '１２３', '1234567890123', '123456789012', 'x'.repeat(13)],
    ];
    for (const code of codes) expect(venuesFor(code), code).toEqual(onEach(code));
    fc.assert(
      fc.property(fc.oneof(plainCell, fc.string({ maxLength: 14 }), fc.stringMatching(/^[\d.]{0,14}$/)), (code) => {
        expect(venuesFor(code)).toEqual(onEach(code));
      }),
      { numRuns: 5000, seed: 18 },
    );
  });
});
