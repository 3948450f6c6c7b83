import { describe, expect, it } from 'vitest';
import { createDateColumn, fileDateOf, findDate, isIsoDate } from '../../src/normalize/dates.js';

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

describe("fileDateOf with the rows' date column", () => {
  const column = (...cells: [string, number][]) => {
    const c = createDateColumn();
    for (const [text, line] of cells) c.add(text, line);
    return c.result();
  };
  const none = { asOfText: null };
  it('takes the date every row gives, in the forms exports write (20201221, IBKR 20260928;202000, ISO, 2/17/2023)', () => {
    expect(fileDateOf(none, '.', '2026-12-03', column(['20201221', 2], ['20201221', 3]))).toMatchObject({
      date: '2020-12-21',
      source: 'column',
      column: { text: '20201221', line: 2 },
    });
    expect(fileDateOf(none, '.', '2026-12-03', column(['20260928;202000', 5])).date).toBe('2026-09-28');
    expect(fileDateOf(none, '.', '2026-12-03', column(['2026-01-28', 2], ['', 9])).date).toBe('2026-01-28');
    expect(fileDateOf({ asOfText: null, dateVotes: { dmy: 0, mdy: 1 } }, '.', '2026-12-03', column(['2/17/2023', 2])).date).toBe(
      '2023-02-17',
    );
  });
  it('reports rows that disagree, never picking one; a stated date comes first', () => {
    expect(fileDateOf(none, '.', '2026-12-03', column(['20201221', 2], ['20201218', 7]))).toMatchObject({
      date: null,
      conflict: [
        { date: '2020-12-21', line: 2 },
        { date: '2020-12-18', line: 7 },
      ],
    });
    expect(fileDateOf({ asOfText: 'Stand: 22.12.2020' }, ',', '2026-12-03', column(['20201221', 2], ['20201218', 7]))).toMatchObject({
      date: '2020-12-22',
      source: 'stated',
      conflict: null,
    });
  });
  it('says a date that reads both ways is ambiguous, and believes no date after today', () => {
    expect(fileDateOf(none, '.', '2026-12-03', column(['06/04/2024', 2]))).toMatchObject({ date: null, ambiguous: '06/04/2024' });
    expect(fileDateOf(none, '.', '2026-12-03', column(['20271221', 2]))).toMatchObject({ date: null, rejected: '2027-12-21' });
    // A column of something else (a time, "n/a") under a date-like header says nothing.
    expect(fileDateOf(none, '.', '2026-12-03', column(['n/a', 2]))).toMatchObject({ date: null, conflict: null, ambiguous: null });
  });
});

describe('fileDateOf on a title line that labels its date', () => {
  const stated = (text: string) => fileDateOf({ asOfText: text }, '.', '2026-12-03');

  it.each([
    ['Datum: 21.12.2020', '2020-12-21'],
    ['Fecha: 21/12/2020', '2020-12-21'],
    ['Data: 21/12/2020', '2020-12-21'],
    ['Date: 21/12/2020', '2020-12-21'],
    // Spanish, Italian and German labels say the day comes first; the English one does not.
    ['Fecha: 05/06/2021', '2021-06-05'],
    ['Data: 05/06/2021', '2021-06-05'],
  ])('reads %j as %s', (text, date) => {
    expect(stated(text).date).toBe(date);
  });

  it('leaves "Date: 05/06/2021" ambiguous when nothing else in the file says the order', () => {
    expect(stated('Date: 05/06/2021')).toMatchObject({ date: null, ambiguous: '05/06/2021' });
  });
});
