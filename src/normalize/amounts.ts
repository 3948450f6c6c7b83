// Amounts as statements print them: "$1,234.56", "(43.64)", "-$2.22", "1.234,56", "--", "n/a".

export type DecimalSeparator = '.' | ',';

export type ParsedAmount = { readonly ok: true; readonly value: number | null } | { readonly ok: false };

/** Cell texts that mean "no value" rather than an unreadable one. */
const PLACEHOLDERS: ReadonlySet<string> = new Set([
  '',
  '-',
  '--',
  '---',
  '—',
  'n/a',
  'na',
  'n.a.',
  'none',
  'not applicable',
  'incomplete',
  'unch',
]);

const PLAIN_POINT = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

const CURRENCY = /^(?:[$£€¥]|us\$|hk\$|usd|eur|gbp|chf|cny|hkd|rmb)\s*|\s*(?:usd|eur|gbp|chf|cny|hkd|rmb)$/i;

/**
 * Parses one amount. `decimal` is the file's decimal separator (see detectDecimalSeparator).
 * A placeholder is `{ ok: true, value: null }`; text that is no number is `{ ok: false }`.
 */
export function parseAmount(text: string, decimal: DecimalSeparator = '.'): ParsedAmount {
  // Most cells of most files are plain: "318.03", "52,677.45", "1043". They read the same by the
  // general rules below, without the dozen intermediate strings.
  if (decimal === '.' && PLAIN_POINT.test(text)) {
    const value = Number(text.includes(',') ? text.replaceAll(',', '') : text);
    return Number.isFinite(value) ? { ok: true, value } : { ok: false };
  }
  let s = text.replace(/[\s\u00a0]+/g, ' ').trim();
  if (PLACEHOLDERS.has(s.toLowerCase())) return { ok: true, value: null };
  // "<0.01%" (Vanguard): a known bound; half of it is the best single number.
  const bound = /^<\s*(\d*[.,]?\d+)\s*%?$/.exec(s);
  if (bound?.[1] !== undefined) {
    const limit = parseAmount(bound[1], decimal);
    return limit.ok && limit.value !== null ? { ok: true, value: limit.value / 2 } : { ok: false };
  }
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (s.startsWith('-') || s.startsWith('−')) {
    negative = !negative;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) {
    s = s.slice(1).trim();
  }
  s = s.replace(CURRENCY, '').trim();
  if (/^\(.*\)$/.test(s)) {
    negative = !negative;
    s = s.slice(1, -1).trim();
  }
  if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1).trim();
  }
  s = s.replace(/%$/, '').replace(/\*+$/, '').trim();
  // An amount whose shape says the other separator ("1.234,56" in a decimal-point file) is not
  // guessed at: reading it with the wrong one would be off by a factor of a thousand.
  if (decimal === '.' && /^\d{1,3}(?:\.\d{3})+,\d+$/.test(s)) return { ok: false };
  if (decimal === ',' && /^\d{1,3}(?:,\d{3})+\.\d+$/.test(s)) return { ok: false };
  // A decimal-comma file can still carry "-97.93" (DEGIRO mixes both): a point not followed by exactly
  // three digits cannot be a thousands separator.
  const separator = decimal === ',' && !s.includes(',') && /\.(?!\d{3}(?:\D|$))\d+$/.test(s) ? '.' : decimal;
  const grouping = separator === '.' ? /,/g : /[.\s']/g;
  const plain = s.replace(grouping, '').replace(/ /g, '');
  const normalised = separator === ',' ? plain.replace(',', '.') : plain;
  if (!/^(?:\d+\.?\d*|\.\d+)$/.test(normalised)) return { ok: false };
  const value = Number(normalised);
  if (!Number.isFinite(value)) return { ok: false };
  return { ok: true, value: negative ? -value : value };
}

/**
 * Decides a file's decimal separator from sample amount cells. "1,234" alone is ambiguous, so only
 * unambiguous shapes vote: "1.234,56" or "313,00" say comma; "1,234.56" or "0.5" say point.
 */
export function detectDecimalSeparator(samples: Iterable<string>): DecimalSeparator {
  let comma = 0;
  let point = 0;
  for (const sample of samples) {
    const s = sample.replace(/[^\d.,]/g, '');
    if (/^\d{1,3}(?:\.\d{3})+,\d+$/.test(s) || /^\d+,(?:\d{1,2}|\d{4,})$/.test(s)) comma++;
    else if (/^\d{1,3}(?:,\d{3})+\.\d+$/.test(s) || /^\d*\.(?:\d{1,2}|\d{4,})$/.test(s)) point++;
  }
  return comma > point ? ',' : '.';
}
