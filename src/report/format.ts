// Number and text formatting shared by the reporters.

/**
 * Removes control characters, terminal escape sequences and bidirectional controls from text read from
 * input files: a right-to-left override (U+202E) in a name would reorder what a trustee reads.
 */
export function sanitize(text: string): string {
  /* eslint-disable no-control-regex -- terminal escape sequences and control bytes are what it removes */
  return text
    .replace(/(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]/g, '')
    .replace(/\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g, '')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  /* eslint-enable no-control-regex */
}

/** Zero-width and other invisible formatting characters: they hide a difference between two names that a reader should see. */
const INVISIBLE = /[\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff]/g;

const HTML_ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text safe as HTML text or a quoted attribute value: sanitized as for the terminal (controls, escape
 * sequences and bidirectional controls gone), invisible characters shown as ⟨U+200D⟩, and the five
 * characters HTML gives a meaning to written as entities.
 */
export function htmlText(text: string): string {
  return sanitize(text)
    .replace(INVISIBLE, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`)
    .replace(/[&<>"']/g, (c) => HTML_ENTITY[c] ?? c);
}

/**
 * 1234567.891 → "1,234,567.89"; null → "—". The same text as `toLocaleString('en-US')` with two
 * decimals (a test holds them equal), written out by hand: Intl's number formatter takes ~10 ms to start,
 * a tenth of a small screen's whole run. Like Intl, it rounds the number as JavaScript writes it
 * (1.005 → 1.01), half away from zero, not the binary fraction under it (which toFixed rounds to 1.00).
 */
export function formatMoney(value: number | null): string {
  if (value === null) return '—';
  const shortest = String(Math.abs(value));
  // Exponent forms (below 1e-6, from 1e21) and infinities are rare enough to leave to Intl.
  if (!/^\d+(?:\.\d+)?$/.test(shortest)) return value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const [whole = '0', fraction = ''] = shortest.split('.');
  let digits = whole + fraction.padEnd(2, '0').slice(0, 2);
  if ((fraction[2] ?? '0') >= '5') digits = incrementDigits(digits);
  const point = digits.length - 2;
  const negative = value < 0 || Object.is(value, -0);
  return `${negative ? '-' : ''}${digits.slice(0, point).replace(/\B(?=(?:\d{3})+$)/g, ',')}.${digits.slice(point)}`;
}

/** "0999" → "1000": a decimal string plus one in its last place. */
function incrementDigits(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === '9') i--;
  const head = i < 0 ? '1' : digits.slice(0, i) + String(Number(digits[i]) + 1);
  return head + '0'.repeat(digits.length - 1 - i);
}

/** 1234567 → "1,234,567": a count of rows or holdings, written without starting Intl (see formatMoney). */
export function formatCount(n: number): string {
  return Number.isInteger(n) ? String(n).replace(/\B(?=(?:\d{3})+$)/g, ',') : String(n);
}

/** 0.00051 → "0.051 %": enough digits that small weights do not round to zero. */
export function formatWeight(weight: number | null): string {
  if (weight === null) return '—';
  const percent = weight * 100;
  if (percent === 0) return '0 %';
  // Below a millionth of a percent, fixed digits would print 0.000000: use two significant digits.
  if (Math.abs(percent) < 1e-4) return `${percent.toPrecision(2)} %`;
  const digits = Math.abs(percent) >= 1 ? 2 : Math.min(6, 1 - Math.floor(Math.log10(Math.abs(percent))) + 1);
  return `${percent.toFixed(digits)} %`;
}

/**
 * JSON.stringify, indented, with DEL, the C1 controls (which JSON.stringify leaves raw, and some
 * terminals obey) and the bidirectional controls written as \u escapes: the data parse back the same, the bytes are terminal-safe.
 */
export function stringifyJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}

/**
 * Wraps text at spaces so no line is longer than `width` (a word longer than the width is cut with an
 * ellipsis); continuation lines are indented by `indent` spaces.
 */
export function wrapText(text: string, width: number, indent = 2): string {
  const limit = Math.max(20, width);
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const room = limit - (out.length === 0 ? 0 : indent);
    const piece = word.length > room ? `${word.slice(0, room - 1)}…` : word;
    if (line === '') line = piece;
    else if (line.length + 1 + piece.length <= room) line += ` ${piece}`;
    else {
      out.push(line);
      line = piece;
    }
  }
  out.push(line);
  return out.map((l, i) => (i === 0 ? l : `${' '.repeat(indent)}${l}`)).join('\n');
}

/** Cuts text to a width with an ellipsis. */
export function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(1, width - 1))}…`;
}

/**
 * Column widths for a table of `width` characters: each column gets its natural width when they all
 * fit; otherwise the flexible ones shrink (to `min`), and when even that is too wide the columns of
 * lowest priority are dropped. Returns, per column, its width or null when dropped.
 */
export function fitColumns(
  columns: readonly { readonly natural: number; readonly min: number; readonly priority: number }[],
  width: number,
): (number | null)[] {
  const kept = columns.map(() => true);
  // cli-table3 draws a border before each column and after the last, and pads each cell by one each side.
  const overhead = (): number => kept.filter(Boolean).length * 3 + 1;
  const sum = (pick: (c: (typeof columns)[number]) => number): number =>
    columns.reduce((n, c, i) => n + (kept[i] === true ? pick(c) : 0), 0);
  while (sum((c) => c.min) + overhead() > width && kept.filter(Boolean).length > 1) {
    let drop = -1;
    columns.forEach((c, i) => {
      if (kept[i] === true && (drop === -1 || c.priority < (columns[drop]?.priority ?? Infinity))) drop = i;
    });
    kept[drop] = false;
  }
  const room = width - overhead();
  const natural = sum((c) => c.natural);
  if (natural <= room) return columns.map((c, i) => (kept[i] === true ? c.natural : null));
  // Shrink each column between its min and natural width by the same share of its slack.
  const min = sum((c) => c.min);
  const share = Math.max(0, (room - min) / Math.max(1, natural - min));
  return columns.map((c, i) => (kept[i] === true ? Math.max(c.min, Math.floor(c.min + (c.natural - c.min) * share)) : null));
}
