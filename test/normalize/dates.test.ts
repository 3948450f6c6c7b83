import { describe, expect, it } from 'vitest';
import { findDate, isIsoDate } from '../../src/normalize/dates.js';

describe('findDate on the preamble and trailer lines of real exports', () => {
  it.each([
    ['Fund Holdings as of Mar 10, 2022', '2022-03-10'],
    ['Fund Holdings as of Nov 04, 2020', '2020-11-04'],
    ['Fund Holdings as of,"Sep 01, 2026"', '2026-09-01'],
    ['Positions for account Intelligent XXXX-4321 as of 02:45 AM ET, 12/21/2020', '2020-12-21'],
    ['Positions for account Individual ...234 as of 12:52 PM ET, 2023/04/23', '2023-04-23'],
    ['Positions for All-Accounts as of 06:04 PM ET, 11/15/2020', '2020-11-15'],
    ['Data As of 07/02/2024', '2024-07-02'],
    ['Date downloaded 01/25/2023 10:44 AM ET', '2023-01-25'],
    ['Date downloaded Jan-25-2023 10:44 a.m ET', '2023-01-25'],
    ['Generated at Feb 14 2023 03:12 PM ET', '2023-02-14'],
    ['Holdings:,As of 02-Sep-2026', '2026-09-02'],
    ['Equity,as of 09/30/2020', '2020-09-30'],
    ['As of 02/13/2023 03:30 PM ET', '2023-02-13'],
    ['2/17/2023', '2023-02-17'],
    ['01/05/2024 04:16:48 PM', '2024-01-05'],
    ['As of 2026-05-11 10:11 GMT-04:00', '2026-05-11'],
    ['as of September 5, 2022', '2022-09-05'],
  ])('%j → %s', (text, iso) => {
    expect(findDate(text)).toBe(iso);
  });

  it('reads Hargreaves Lansdown\'s day-first "Spreadsheet created at,18-09-2026 19:11"', () => {
    // formats.md §1 rule 13: DD-MM-YYYY HH:MM (HL).
    expect(findDate('Spreadsheet created at,18-09-2026 19:11')).toBe('2026-09-18');
  });

  it.each(['2020-02-30', '02/30/2020', '30/02/2020', 'Feb 30, 2021', '30-Feb-2021'])('returns null for the impossible date %j', (text) => {
    expect(findDate(text)).toBeNull();
  });

  it('reads a slashed date whose first part is above 12 day first ("as at 13/01/2020")', () => {
    expect(findDate('as at 13/01/2020')).toBe('2020-01-13');
  });

  it.each(['', 'iShares MSCI World ETF', 'Account Total', 'as of 02:45 AM ET', 'Shares Outstanding,"10,200,000.00"'])(
    'returns null when %j states no date',
    (text) => {
      expect(findDate(text)).toBeNull();
    },
  );

  it('knows leap years', () => {
    expect(findDate('as of 02/29/2024')).toBe('2024-02-29');
    expect(findDate('as of 02/29/2023')).toBeNull();
  });
});

describe('isIsoDate', () => {
  it('accepts calendar dates that exist and nothing else', () => {
    expect(isIsoDate('2019-10-09')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2019-10-9')).toBe(false);
    expect(isIsoDate('2019/10/09')).toBe(false);
    expect(isIsoDate(' 2019-10-09')).toBe(false);
  });
});
