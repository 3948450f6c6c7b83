// Security identifiers: shape and check digits. A valid check digit proves a code is
// well-formed, not that it belongs to an issuer.

export type IdentifierKind = 'isin' | 'cusip' | 'sedol';

/** Upper-cases and removes spaces and hyphens that spreadsheets and statements insert. */
export function canonicalIdentifier(text: string): string {
  // Nearly every cell is canonical already: checked without building three new strings.
  if (CANONICAL.test(text)) return text;
  return text.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
}

const CANONICAL = /^[0-9A-Z*@#]*$/;

function charValue(ch: string): number {
  const code = ch.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 55; // A=10 … Z=35
  return -1;
}

/**
 * ISIN check digit of the first 11 characters: letters expand to two digits (A=10 … Z=35), then Luhn.
 * https://en.wikipedia.org/wiki/International_Securities_Identification_Number
 */
export function isinCheckDigit(payload11: string): number {
  let sum = 0;
  // Luhn from the right, with the check digit appended: double every second digit from the right of
  // the payload. A letter is two digits, its tens then its units (B = 11: "1", "1").
  let double = true;
  const add = (digit: number): void => {
    let d = digit;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  };
  for (let i = payload11.length - 1; i >= 0; i--) {
    const v = charValue(payload11[i] ?? '');
    if (v >= 10) {
      add(v % 10);
      add(Math.floor(v / 10));
    } else add(v);
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether a text is a well-formed ISIN. */
export function isValidIsin(text: string): boolean {
  return /^[A-Z]{2}[A-Z0-9]{9}[0-9]$/.test(text) && isinCheckDigit(text.slice(0, 11)) === Number(text[11]);
}

/**
 * CUSIP check digit of the first 8 characters: mod-10 "double-add-double" (letters A=10…, * = 36, @ = 37, # = 38).
 * https://en.wikipedia.org/wiki/CUSIP#Check_digit
 */
export function cusipCheckDigit(payload8: string): number {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = payload8[i] ?? '';
    let v = ch === '*' ? 36 : ch === '@' ? 37 : ch === '#' ? 38 : charValue(ch);
    if (i % 2 === 1) v *= 2;
    sum += Math.floor(v / 10) + (v % 10);
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether a text is a well-formed CUSIP. */
export function isValidCusip(text: string): boolean {
  if (!/^[0-9A-Z*@#]{8}[0-9]$/.test(text)) return false;
  // Every real CUSIP has a digit in its first six places (issuer number); all-letter words are not CUSIPs.
  if (!/[0-9]/.test(text.slice(0, 6))) return false;
  return cusipCheckDigit(text.slice(0, 8)) === Number(text[8]);
}

const SEDOL_WEIGHTS = [1, 3, 1, 7, 3, 9] as const;

/**
 * SEDOL check digit of the first 6 characters: weights 1,3,1,7,3,9, no vowels.
 * https://en.wikipedia.org/wiki/SEDOL
 */
export function sedolCheckDigit(payload6: string): number {
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += charValue(payload6[i] ?? '') * (SEDOL_WEIGHTS[i] ?? 0);
  return (10 - (sum % 10)) % 10;
}

/**
 * Whether a text is a well-formed SEDOL: six digits or consonants, then the check digit. One pass over
 * the character codes rather than an expression, a slice and a one-character string per place: every
 * row of a SEDOL file comes here once, as cold code (issue 18). test/identifiers-fast.test.ts holds it
 * to the expression and sedolCheckDigit.
 */
export function isValidSedol(text: string): boolean {
  if (text.length !== 7) return false;
  let sum = 0;
  for (let i = 0; i < 6; i++) {
    const code = text.charCodeAt(i);
    let v: number;
    if (code >= 48 && code <= 57) v = code - 48;
    // A consonant: B…Z but the vowels A E I O U.
    else if (code >= 66 && code <= 90 && code !== 69 && code !== 73 && code !== 79 && code !== 85) v = code - 55;
    else return false;
    sum += v * (SEDOL_WEIGHTS[i] ?? 0);
  }
  const check = text.charCodeAt(6) - 48;
  return check >= 0 && check <= 9 && (10 - (sum % 10)) % 10 === check;
}

const VALIDATORS: Readonly<Record<IdentifierKind, (text: string) => boolean>> = {
  isin: isValidIsin,
  cusip: isValidCusip,
  sedol: isValidSedol,
};

/** Whether `text` (already canonical) is a well-formed identifier of that kind. */
export function isValidIdentifier(kind: IdentifierKind, text: string): boolean {
  return VALIDATORS[kind](text);
}

/**
 * Whether an ASCII text's canonical form (its characters but for white space and hyphens: NFKC leaves
 * ASCII as it is) could have an identifier's length. A name or a ticker (every unmatched row's) is
 * rejected without building its canonical form; a text with any other character is left to the check.
 */
function mayBeIdentifier(text: string): boolean {
  let kept = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return true;
    // ASCII white space (\s) and the hyphen, which canonicalIdentifier removes.
    if (code !== 0x20 && code !== 0x2d && (code < 0x09 || code > 0x0d)) kept++;
    // More than twelve kept ASCII characters: each stays a character of the canonical form (NFKC maps
    // none away, and one composed with a later mark is no identifier's character), so it is too long.
    // A name (every row's, asked whether it is an identifier) is decided on its first words.
    if (kept > 12) return false;
  }
  return kept === 7 || kept === 9 || kept === 12;
}

/**
 * What kind of identifier a free-standing value is, judged by length and check digit; null for
 * anything else (a ticker, say). Used on "Symbol" columns that carry CUSIPs or ISINs.
 */
export function classifyIdentifier(text: string): IdentifierKind | null {
  if (!mayBeIdentifier(text)) return null;
  const value = canonicalIdentifier(text);
  if (value.length === 12 && isValidIsin(value)) return 'isin';
  if (value.length === 9 && isValidCusip(value)) return 'cusip';
  // An all-digit 7-character value is as likely a number as a SEDOL; only a column named SEDOL says so.
  if (value.length === 7 && /[A-Z]/.test(value) && isValidSedol(value)) return 'sedol';
  return null;
}
