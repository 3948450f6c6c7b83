// Number and text formatting shared by the reporters.

/**
 * Removes control characters, terminal escape sequences and bidirectional controls from text read from
 * input files: a right-to-left override (U+202E) in a name would reorder what a trustee reads.
 */
export function sanitize(text: string): string {
  return text
    .replace(/(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]/g, '')
    .replace(/\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g, '')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}

/** 1234567.891 → "1,234,567.89"; null → "—". */
export function formatMoney(value: number | null): string {
  if (value === null) return '—';
  return value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
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
