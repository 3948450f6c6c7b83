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

// The same with a leading "$" or a trailing "%" ("$6,800,496,759.70", "7.75%"), and a bound of a plain
// point number ("<0.01%"): Vanguard's files print every amount so. They read as the general rules read them.
const PLAIN_POINT_MARKED = /^\$?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)%?$/;
const PLAIN_POINT_BOUND = /^<(\d*\.?\d+)%?$/;

/** Powers of ten a fraction of at most PLAIN_DIGITS digits divides by, each exact as a double. */
const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
/** Digits a scanned amount may have: below 10^15, an integer exact as a double. */
const PLAIN_DIGITS = 15;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

/**
 * The value of a decimal-point amount of the shapes PLAIN_POINT, PLAIN_POINT_MARKED and PLAIN_POINT_BOUND
 * accept ("23,132,515", "$6,800,496,759.70", "7.75%", "<0.01%": half the bound), read character by
 * character; NaN for any other text and for more than PLAIN_DIGITS digits (the expressions then decide).
 * Vanguard's files print all three amounts of every row so: this reads them without a match array, a
 * string without commas and Number's parse each. The digits make an integer below 2^53 divided once by
 * an exact power of ten, so the result is rounded once: the double Number() reads from the text.
 */
export function scannedPointAmount(text: string): number {
  const end = text.length;
  let at = 0;
  const bound = end > 0 && text.charCodeAt(0) === 0x3c; // "<"
  if (bound) at = 1;
  else if (end > 0 && text.charCodeAt(0) === 0x24) at = 1; // "$"
  // "%" may close any of the shapes.
  const last = end > at && text.charCodeAt(end - 1) === 0x25 ? end - 1 : end;
  let value = 0;
  let digits = 0;
  // Grouped: "1,234,567" (one to three digits, then groups of three); ungrouped: any digits. A bound has no groups.
  let group = -1;
  let lead = 0;
  for (; at < last; at++) {
    const code = text.charCodeAt(at);
    if (code >= DIGIT_0 && code <= DIGIT_9) {
      value = value * 10 + (code - DIGIT_0);
      digits++;
      if (group >= 0) group++;
      else lead++;
      continue;
    }
    if (code === 0x2c && !bound) {
      if (lead === 0 || (group < 0 && lead > 3) || (group >= 0 && group !== 3)) return Number.NaN;
      group = 0;
      continue;
    }
    break;
  }
  if (group >= 0 && group !== 3) return Number.NaN;
  // A bound may start at its point ("<.5"); the others have a digit before it.
  if (lead === 0 && !(bound && at < last)) return Number.NaN;
  let fraction = 0;
  if (at < last) {
    if (text.charCodeAt(at) !== 0x2e) return Number.NaN; // "."
    at++;
    if (at >= last) return Number.NaN;
    for (; at < last; at++) {
      const code = text.charCodeAt(at);
      if (code < DIGIT_0 || code > DIGIT_9) return Number.NaN;
      value = value * 10 + (code - DIGIT_0);
      digits++;
      fraction++;
    }
  }
  if (digits > PLAIN_DIGITS) return Number.NaN;
  const read = fraction === 0 ? value : value / (POWERS_OF_TEN[fraction] ?? Number.NaN);
  return bound ? read / 2 : read;
}

const CURRENCY = /^(?:[$£€¥]|us\$|hk\$|usd|eur|gbp|chf|cny|hkd|rmb)\s*|\s*(?:usd|eur|gbp|chf|cny|hkd|rmb)$/i;

/**
 * Parses one amount. `decimal` is the file's decimal separator (see detectDecimalSeparator).
 * A placeholder is `{ ok: true, value: null }`; text that is no number is `{ ok: false }`.
 */
export function parseAmount(text: string, decimal: DecimalSeparator = '.'): ParsedAmount {
  // Most cells of most files are plain: "318.03", "52,677.45", "1043". They read the same by the
  // general rules below, without the dozen intermediate strings.
  if (decimal === '.') {
    const scanned = scannedPointAmount(text);
    if (!Number.isNaN(scanned)) return { ok: true, value: scanned };
  }
  if (decimal === '.' && PLAIN_POINT.test(text)) {
    const value = Number(text.includes(',') ? text.replaceAll(',', '') : text);
    return Number.isFinite(value) ? { ok: true, value } : { ok: false };
  }
  if (decimal === '.') {
    const marked = PLAIN_POINT_MARKED.exec(text)?.[1];
    if (marked !== undefined) {
      const value = Number(marked.includes(',') ? marked.replaceAll(',', '') : marked);
      return Number.isFinite(value) ? { ok: true, value } : { ok: false };
    }
    const bound = PLAIN_POINT_BOUND.exec(text)?.[1];
    if (bound !== undefined) {
      const value = Number(bound);
      return Number.isFinite(value) ? { ok: true, value: value / 2 } : { ok: false };
    }
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

/** How a file writes numbers, and why that was decided: what `inspect` shows. */
export interface NumberConvention {
  readonly decimal: DecimalSeparator;
  /** The thousands separator seen ("1.234,56": "."; "1 234,56": " "; "1,234.56": ","); null when none was seen. */
  readonly thousands: '.' | ',' | ' ' | "'" | null;
  /** Sample cells whose shape says a decimal comma, and a decimal point. */
  readonly commaVotes: number;
  readonly pointVotes: number;
  /** One cell that voted for the separator chosen, to show; null when nothing voted (the default, a point). */
  readonly example: string | null;
  /** Sample cells that group digits with the thousands separator chosen, and one of them; 0 and null when none. */
  readonly thousandsVotes: number;
  readonly thousandsExample: string | null;
}

/**
 * Decides a file's decimal separator from sample amount cells. "1,234" alone is ambiguous, so only
 * unambiguous shapes vote: "1.234,56", "1 234,56" or "313,00" say comma; "1,234.56" or "0.5" say point.
 */
export function numberConvention(samples: Iterable<string>): NumberConvention {
  let comma = 0;
  let point = 0;
  let commaExample: string | null = null;
  let pointExample: string | null = null;
  const grouping = { '.': 0, ',': 0, ' ': 0, "'": 0 };
  const groupingExample: Record<keyof typeof grouping, string | null> = { '.': null, ',': null, ' ': null, "'": null };
  const group = (separator: keyof typeof grouping, sample: string): void => {
    grouping[separator]++;
    groupingExample[separator] ??= sample;
  };
  for (const sample of samples) {
    const s = sample.replace(/[^\d.,]/g, '');
    if (/^\d{1,3}(?:\.\d{3})+,\d+$/.test(s) || /^\d+,(?:\d{1,2}|\d{4,})$/.test(s)) {
      comma++;
      commaExample ??= sample;
    } else if (/^\d{1,3}(?:,\d{3})+\.\d+$/.test(s) || /^\d*\.(?:\d{1,2}|\d{4,})$/.test(s)) {
      point++;
      pointExample ??= sample;
    }
    if (/\d[\s\u00a0\u202f]\d{3}(?:\D|$)/.test(sample)) group(' ', sample);
    if (/\d'\d{3}(?:\D|$)/.test(sample)) group("'", sample);
    if (/\d\.\d{3}(?:[^\d]|$)/.test(sample) && /,\d+$|^[^,]*\.\d{3}\.|\.\d{3}$/.test(sample)) group('.', sample);
    if (/\d,\d{3}(?:[^\d]|$)/.test(sample)) group(',', sample);
  }
  const decimal: DecimalSeparator = comma > point ? ',' : '.';
  const candidates = (decimal === ',' ? (['.', ' ', "'"] as const) : ([',', ' ', "'"] as const)).filter((c) => grouping[c] > 0);
  const thousands = candidates.sort((a, b) => grouping[b] - grouping[a])[0] ?? null;
  return {
    decimal,
    thousands,
    commaVotes: comma,
    pointVotes: point,
    example: decimal === ',' ? commaExample : pointExample,
    thousandsVotes: thousands === null ? 0 : grouping[thousands],
    thousandsExample: thousands === null ? null : groupingExample[thousands],
  };
}

/** The decimal separator alone (numberConvention). */
export function detectDecimalSeparator(samples: Iterable<string>): DecimalSeparator {
  return numberConvention(samples).decimal;
}

// ISO 4217 active codes (the three-letter alphabetic codes of currencies and funds): any other text in a
// currency column is not a currency we can name, so the value's currency stays unknown.
const ISO_4217: ReadonlySet<string> = new Set(
  (
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD ' +
    'CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS ' +
    'GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT ' +
    'LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD ' +
    'OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC ' +
    'SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XCD XOF ' +
    'XPF XSU YER ZAR ZMW ZWL CNH'
  ).split(' '),
);

/**
 * The ISO 4217 code a currency cell names ("USD", " eur "), or null: a symbol ("$" is the dollar of a
 * dozen countries), a name or any other text is no currency we can name. CNH (offshore yuan) is kept as
 * written: it is priced apart from CNY.
 */
export function currencyCode(text: string | undefined): string | null {
  if (text === undefined) return null;
  const code = text.trim().toUpperCase();
  return ISO_4217.has(code) ? code : null;
}

// Chinese exports name the currency in words: 市值(港元), 市值(人民币).
const CHINESE_CURRENCIES: ReadonlyMap<string, string> = new Map([
  ['港元', 'HKD'],
  ['港币', 'HKD'],
  ['人民币', 'CNY'],
  ['美元', 'USD'],
  ['欧元', 'EUR'],
]);

// Symbols that name one currency only: "€" is the euro everywhere; "$", "£" and "¥" are the signs of several.
const CURRENCY_SIGNS: ReadonlyMap<string, string> = new Map([['€', 'EUR']]);

/** What an amount header says its currency is, and the header's name without it. */
export interface HeaderCurrency {
  /** The ISO 4217 code the header states; null when it states none or only a sign of several currencies ("$"). */
  readonly currency: string | null;
  /** The header without the stated currency ("Valor de mercado EUR" → "Valor de mercado"); the header itself when none. */
  readonly name: string;
}

/**
 * The currency an amount header states, however exports write it after the name: in brackets
 * ("Market Value (USD)", "Marktwert (EUR)", "Valorisation (€)", "市值(港元)"), after "in"/"en" ("Kurswert
 * in EUR", "Waarde in EUR", "Valor en EUR"), or after a space ("Valor de mercado EUR", "Controvalore €",
 * "Market Value USD"). A trailing word is a currency only when it is an ISO 4217 code or the euro's sign.
 */
export function splitHeaderCurrency(header: string): HeaderCurrency {
  const text = header.normalize('NFKC').trim();
  const code = (written: string): string | null =>
    currencyCode(written) ?? CHINESE_CURRENCIES.get(written) ?? CURRENCY_SIGNS.get(written) ?? null;
  const inParens = /^(.*?)\s*\(\s*([^()]+?)\s*\)$/u.exec(text);
  if (inParens?.[1] !== undefined && inParens[2] !== undefined) {
    const currency = code(inParens[2]);
    return { currency, name: currency === null ? text : inParens[1] };
  }
  const after = /^(.+?)\s+(?:(?:in|en)\s+)?([A-Za-z]{3}|€)$/u.exec(text);
  if (after?.[1] !== undefined && after[2] !== undefined) {
    const currency = after[2] === '€' ? 'EUR' : currencyCode(after[2]);
    if (currency !== null) return { currency, name: after[1] };
  }
  const sign = /^(.+?)\s*€$/u.exec(text);
  if (sign?.[1] !== undefined) return { currency: 'EUR', name: sign[1] };
  return { currency: null, name: text };
}

/** The currency an amount header states (splitHeaderCurrency); null when it states none or only a sign ("Value ($)"). */
export function headerCurrency(header: string): string | null {
  return splitHeaderCurrency(header).currency;
}
