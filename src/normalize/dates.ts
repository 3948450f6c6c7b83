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
  // German and French short names that differ from the English ones
  mär: 3,
  mrz: 3,
  mai: 5,
  okt: 10,
  dez: 12,
  fév: 2,
  fev: 2,
  avr: 4,
  déc: 12,
};

function iso(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1 || date.getUTCFullYear() !== year) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Which part of a slashed date comes first: the day (21/12/2020) or the month (12/21/2020). */
export type DateOrder = 'dmy' | 'mdy';

/** A date read from a text: the date, or the text of a date that could be read either way and was not. */
export interface DateReading {
  readonly date: string | null;
  /** "05/06/2021" with nothing to say which part is the day; null when the date was clear or absent. */
  readonly ambiguous: string | null;
  /** The date was read by the order given (a slashed date whose parts could both be months), not by its own shape. */
  readonly byOrder?: boolean;
}

const NO_DATE: DateReading = { date: null, ambiguous: null };

/**
 * The first date found in a text, as people write it: "2020-12-21", "2020年12月21日", "Stand: 21.12.2020",
 * "as at 21/12/2020", "12/21/2020", "December 21, 2020", "21-Dec-2020". A slashed date whose parts are
 * both 12 or less is read by `order` (the file's other dates, its locale); without one it is ambiguous.
 */
function readDate(text: string, order: DateOrder | null): DateReading {
  const found = (date: string | null): DateReading => (date === null ? NO_DATE : { date, ambiguous: null });
  let m = /\b(\d{4})[-/](\d{1,2})[-/](\d{1,2})\b/.exec(text);
  if (m !== null) return found(iso(Number(m[1]), Number(m[2]), Number(m[3])));
  m = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(text);
  if (m !== null) return found(iso(Number(m[1]), Number(m[2]), Number(m[3])));
  // German, Dutch, Swiss and most of Europe write DD.MM.YYYY.
  m = /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/.exec(text);
  if (m !== null) return found(iso(Number(m[3]), Number(m[2]), Number(m[1])));
  m = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/.exec(text);
  if (m !== null) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const year = Number(m[3]);
    const shape = slashOrder(a, b);
    const chosen = shape ?? order;
    if (chosen === null) return { date: null, ambiguous: m[0] };
    const date = chosen === 'mdy' ? iso(year, a, b) : iso(year, b, a);
    return shape === null && date !== null ? { date, ambiguous: null, byOrder: true } : found(date);
  }
  // European exports (Hargreaves Lansdown, DEGIRO) write DD-MM-YYYY with dashes.
  m = /\b(\d{1,2})-(\d{1,2})-(\d{4})\b/.exec(text);
  if (m !== null) return found(iso(Number(m[3]), Number(m[2]), Number(m[1])));
  m = /\b([A-Za-z]{3})[a-z]*\.?[\s-]+(\d{1,2}),?[\s-]+(\d{4})\b/.exec(text);
  if (m !== null) {
    const month = MONTHS[(m[1] ?? '').toLowerCase()];
    if (month !== undefined) return found(iso(Number(m[3]), month, Number(m[2])));
  }
  m = /\b(\d{1,2})[\s-]([A-Za-z]{3})[a-z]*[\s-](\d{4})\b/.exec(text);
  if (m !== null) {
    const month = MONTHS[(m[2] ?? '').toLowerCase()];
    if (month !== undefined) return found(iso(Number(m[3]), month, Number(m[1])));
  }
  return NO_DATE;
}

/** What a slashed date's own parts say of its order: a part above 12 is the day. Null when both could be months. */
function slashOrder(a: number, b: number): DateOrder | null {
  if (a > 12 && b <= 12) return 'dmy';
  if (b > 12 && a <= 12) return 'mdy';
  // 05/05/2021 reads the same either way.
  if (a === b) return 'mdy';
  return null;
}

/** The order every slashed date in a text shows by its own parts ("21/12/2020" says dmy), one vote each. */
export function dateOrderVotes(text: string): { readonly dmy: number; readonly mdy: number } {
  let dmy = 0;
  let mdy = 0;
  if (!text.includes('/')) return { dmy, mdy };
  for (const m of text.matchAll(/\b(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})\b/g)) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 12 && b <= 12) dmy++;
    else if (b > 12 && a <= 12) mdy++;
  }
  return { dmy, mdy };
}

/** Words around a date that say how the file writes dates: a locale hint. */
// Italian and Portuguese "Data:" as much as German "Datum" and Spanish "Fecha"; English "Date:" says nothing.
const DAY_FIRST_WORDS = /\b(?:stand|datum|per|au|fecha|as at)\b|\bdata\s*:|截至|截止/i;
const MONTH_FIRST_WORDS = /\b(?:[ap]m\s+(?:et|est|edt|ct|cst|cdt|pt|pst|pdt)|eastern time)\b/i;

/**
 * The order a file writes slashed dates in: its other dates first (a "21/12/2020" anywhere settles
 * it), then its locale (a decimal comma, "Stand", "as at"; "10:30 AM ET"). Null when nothing says.
 */
function dateOrderOf(evidence: {
  readonly votes: { readonly dmy: number; readonly mdy: number };
  readonly decimal: '.' | ',' | null;
  readonly text: string | null;
}): { readonly order: DateOrder | null; readonly why: string | null } {
  const { dmy, mdy } = evidence.votes;
  if (dmy > 0 && mdy === 0) return { order: 'dmy', why: `the file's other dates put the day first (${dmy})` };
  if (mdy > 0 && dmy === 0) return { order: 'mdy', why: `the file's other dates put the month first (${mdy})` };
  const text = evidence.text ?? '';
  if (MONTH_FIRST_WORDS.test(text)) return { order: 'mdy', why: 'a US time zone beside the date' };
  if (DAY_FIRST_WORDS.test(text)) return { order: 'dmy', why: 'the words around the date' };
  if (evidence.decimal === ',') return { order: 'dmy', why: 'the file writes a decimal comma' };
  // "as of" with a decimal point is the US way of writing it ("as at" is the British one).
  if (/\bas of\b/i.test(text) && evidence.decimal === '.') return { order: 'mdy', why: '"as of" in a file with a decimal point' };
  return { order: null, why: null };
}

/** The first date found in a text; a slashed date that reads both ways is read month first (US). */
export function findDate(text: string): string | null {
  const reading = readDate(text, 'mdy');
  return reading.date;
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
 * A slashed date that reads both ways is read by `order` (dateOrderOf); with none it is `ambiguous`.
 */
function fileAsOf(
  text: string | null,
  today: string,
  order: DateOrder | null = 'mdy',
): {
  readonly date: string | null;
  readonly rejected: string | null;
  readonly ambiguous: string | null;
  readonly orderDecided: boolean;
} {
  const reading = text === null ? NO_DATE : readDate(text, order);
  const found = reading.date;
  if (found === null) return { date: null, rejected: null, ambiguous: reading.ambiguous, orderDecided: false };
  if (found < EARLIEST_AS_OF || found > today) return { date: null, rejected: found, ambiguous: null, orderDecided: false };
  return { date: found, rejected: null, ambiguous: null, orderDecided: reading.byOrder === true };
}

/** The texts a file's date column holds, each with the first line it is on; bounded, so `more` says when there were others. */
export interface DateColumn {
  readonly values: readonly { readonly text: string; readonly line: number }[];
  readonly more: boolean;
}

/** Distinct texts kept of a date column: enough to show a disagreement, bounded for a file of a million rows. */
const DATE_COLUMN_TEXTS = 4;

/** Collects a file's date column, row by row (the row normalizer feeds it every row it reads). */
export function createDateColumn(): { add: (text: string | undefined, line: number) => void; result: () => DateColumn | null } {
  const values: { text: string; line: number }[] = [];
  let more = false;
  return {
    add: (text, line) => {
      const t = text?.trim() ?? '';
      if (t === '' || values.some((v) => v.text === t)) return;
      if (values.length < DATE_COLUMN_TEXTS) values.push({ text: t, line });
      else more = true;
    },
    result: () => (values.length === 0 ? null : { values, more }),
  };
}

/** A date cell: "20201221" and IBKR's "20260928;202000" as well as every form readDate reads. */
function readDateCell(text: string, order: DateOrder | null): DateReading {
  const compact = /^(\d{4})(\d{2})(\d{2})(?:[;T ]\d{4,6})?$/.exec(text);
  if (compact !== null) {
    const date = iso(Number(compact[1]), Number(compact[2]), Number(compact[3]));
    return date === null ? NO_DATE : { date, ambiguous: null };
  }
  return readDate(text, order);
}

/** A file's date, where it comes from, and what kept one from being used. */
export interface FileDate {
  readonly date: string | null;
  readonly rejected: string | null;
  readonly ambiguous: string | null;
  /** `stated`: a line of the header area or trailer says it; `column`: every row's date column agrees on it. */
  readonly source: 'stated' | 'column' | null;
  /** For a date from the column: its text and the first row that carries it. */
  readonly column: { readonly text: string; readonly line: number } | null;
  /** The date column gives several dates: none is used. */
  readonly conflict: readonly { readonly date: string; readonly line: number }[] | null;
  /** The order slashed dates were read in, and what says so (dateOrderOf). */
  readonly order: DateOrder | null;
  readonly why: string | null;
  /** Whether that order decided the date (a "05/06/2021"), rather than the date's own shape (ISO, "21.12.2020", "12/21/2020"). */
  readonly orderDecided: boolean;
}

/**
 * A file's as-of date as every reader of it takes it: the order its slashed dates are written in
 * (dateOrderOf: its other dates, its locale, its decimal separator), then fileAsOf on its stated text;
 * with no stated date, the rows' date column when every row that has one gives the same date. Rows that
 * disagree give no date: the conflict is reported, never one of them picked.
 */
export function fileDateOf(
  meta: { readonly asOfText: string | null; readonly dateVotes?: { readonly dmy: number; readonly mdy: number } | undefined },
  decimal: '.' | ',' | null,
  today: string,
  dates: DateColumn | null = null,
): FileDate {
  const { order, why } = dateOrderOf({ votes: meta.dateVotes ?? { dmy: 0, mdy: 0 }, decimal, text: meta.asOfText });
  const stated = fileAsOf(meta.asOfText, today, order);
  const none = { source: null, column: null, conflict: null, order, why, orderDecided: false } as const;
  if (stated.date !== null || stated.rejected !== null || stated.ambiguous !== null || dates === null)
    return { ...stated, ...none, source: stated.date === null ? null : 'stated', orderDecided: stated.orderDecided };
  const read = dates.values.map((v) => ({ ...v, reading: readDateCell(v.text, order) }));
  const ambiguous = read.find((r) => r.reading.ambiguous !== null);
  // The row that reads both ways is named, so the report can say where.
  if (ambiguous !== undefined)
    return {
      ...none,
      date: null,
      rejected: null,
      ambiguous: ambiguous.reading.ambiguous,
      column: { text: ambiguous.text, line: ambiguous.line },
    };
  const distinct = new Map<string, number>();
  for (const r of read) if (r.reading.date !== null && !distinct.has(r.reading.date)) distinct.set(r.reading.date, r.line);
  // A column some of whose cells are no date ("n/a", a time) is no date column: it says nothing.
  if (read.some((r) => r.reading.date === null) || distinct.size === 0) return { ...stated, ...none, orderDecided: stated.orderDecided };
  if (distinct.size > 1 || dates.more) {
    const conflict = [...distinct.entries()].map(([date, line]) => ({ date, line })).sort((a, b) => a.line - b.line);
    return { ...none, date: null, rejected: null, ambiguous: null, conflict };
  }
  const first = read[0];
  const checked = fileAsOf([...distinct.keys()][0] ?? null, today, 'mdy');
  return {
    ...checked,
    source: checked.date === null ? null : 'column',
    column: first === undefined ? null : { text: first.text, line: first.line },
    conflict: null,
    order,
    why,
    orderDecided: read.some((r) => r.reading.byOrder === true),
  };
}
