// Dates as exports print them (reference/formats.md §1 rule 13), to ISO YYYY-MM-DD.

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

function iso(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1 || date.getUTCFullYear() !== year) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first date found in a text ("Fund Holdings as of Mar 10, 2022", "as of 02:45 AM ET, 12/21/2020"). */
export function findDate(text: string): string | null {
  let m = /\b(\d{4})[-/](\d{1,2})[-/](\d{1,2})\b/.exec(text);
  if (m !== null) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  // US exports write month first.
  m = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/.exec(text);
  if (m !== null) return iso(Number(m[3]), Number(m[1]), Number(m[2]));
  // European exports (Hargreaves Lansdown, DEGIRO) write DD-MM-YYYY with dashes.
  m = /\b(\d{1,2})-(\d{1,2})-(\d{4})\b/.exec(text);
  if (m !== null) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /\b([A-Za-z]{3})[a-z]*\.?[\s-]+(\d{1,2}),?[\s-]+(\d{4})\b/.exec(text);
  if (m !== null) {
    const month = MONTHS[(m[1] ?? '').toLowerCase()];
    if (month !== undefined) return iso(Number(m[3]), month, Number(m[2]));
  }
  m = /\b(\d{1,2})[\s-]([A-Za-z]{3})[a-z]*[\s-](\d{4})\b/.exec(text);
  if (m !== null) {
    const month = MONTHS[(m[2] ?? '').toLowerCase()];
    if (month !== undefined) return iso(Number(m[3]), month, Number(m[1]));
  }
  return null;
}

/** Whether a text is an ISO calendar date that exists. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m !== null && iso(Number(m[1]), Number(m[2]), Number(m[3])) === text;
}

/** Whole days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** No holdings file is dated before this: a "1019" or an "01/01/1900" is a typo or a placeholder. */
const EARLIEST_AS_OF = '1990-01-01';

/**
 * A file's as-of date from the text its header area states: the one owner of what a file's date is.
 * A date before 1990 or after today is not believed; `rejected` carries it so the report can say so.
 */
export function fileAsOf(text: string | null, today: string): { readonly date: string | null; readonly rejected: string | null } {
  const found = text === null ? null : findDate(text);
  if (found === null) return { date: null, rejected: null };
  if (found < EARLIEST_AS_OF || found > today) return { date: null, rejected: found };
  return { date: found, rejected: null };
}
