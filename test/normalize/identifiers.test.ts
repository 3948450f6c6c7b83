import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalIdentifier,
  classifyIdentifier,
  isValidCusip,
  isValidIdentifier,
  isValidIsin,
  isValidSedol,
} from '../../src/normalize/identifiers.js';

// Reference check-digit computations written from the standards, independent of the code under test.
function alnumValue(ch: string): number {
  const code = ch.charCodeAt(0);
  return code <= 57 ? code - 48 : code - 55;
}

/** ISIN: letters to two digits, then Luhn over the digit string with the check digit still to come. */
function isinCheckDigit(payload: string): number {
  const digits = [...payload].map((ch) => String(alnumValue(ch))).join('');
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) d *= 2;
    sum += Math.floor(d / 10) + (d % 10);
  }
  return (10 - (sum % 10)) % 10;
}

/** CUSIP: double every second character's value, add the digits. */
function cusipCheckDigit(payload: string): number {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = payload[i] ?? '0';
    let v = ch === '*' ? 36 : ch === '@' ? 37 : ch === '#' ? 38 : alnumValue(ch);
    if (i % 2 === 1) v *= 2;
    sum += Math.floor(v / 10) + (v % 10);
  }
  return (10 - (sum % 10)) % 10;
}

/** SEDOL: weights 1,3,1,7,3,9. */
function sedolCheckDigit(payload: string): number {
  const weights = [1, 3, 1, 7, 3, 9];
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += alnumValue(payload[i] ?? '0') * (weights[i] ?? 0);
  return (10 - (sum % 10)) % 10;
}

const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const SEDOL_CHARS = '0123456789BCDFGHJKLMNPQRSTVWXYZ';

const charFrom = (alphabet: string): fc.Arbitrary<string> => fc.constantFrom(...alphabet.split(''));
const stringFrom = (alphabet: string, length: number): fc.Arbitrary<string> =>
  fc.array(charFrom(alphabet), { minLength: length, maxLength: length }).map((chars) => chars.join(''));

describe('isValidIsin', () => {
  it.each(['CNE100000PM8', 'CNE100000BJ4', 'CNE100000B81', 'US0378331005', 'US46434G7640', 'GB00B0LCW083', 'KYG9T43R1023'])(
    'accepts the real ISIN %s',
    (isin) => {
      expect(isValidIsin(isin)).toBe(true);
    },
  );

  it('rejects US46434G7646, whose last digit is wrong (US46434G7640 is right)', () => {
    expect(isValidIsin('US46434G7646')).toBe(false);
  });

  it.each(['CNE100000PM9', 'US0378331004', 'CNE100000BJ5'])('rejects %s, a real ISIN with its check digit changed', (isin) => {
    expect(isValidIsin(isin)).toBe(false);
  });

  it.each(['', 'US037833100', 'US03783310055', '0S0378331005', 'us0378331005', 'US037833100X', 'CNE100000PM'])(
    'rejects the malformed value %j',
    (value) => {
      expect(isValidIsin(value)).toBe(false);
    },
  );

  it('accepts a payload with its computed check digit and rejects every other digit', () => {
    const payload = fc.tuple(stringFrom(LETTERS, 2), stringFrom(DIGITS + LETTERS, 9)).map(([country, nsin]) => country + nsin);
    fc.assert(
      fc.property(payload, (p) => {
        const check = isinCheckDigit(p);
        for (let d = 0; d <= 9; d++) expect(isValidIsin(p + String(d))).toBe(d === check);
      }),
      { numRuns: 300 },
    );
  });
});

describe('isValidCusip', () => {
  it.each(['464287234', '31657FAF4', '912810FS2', '037833100', '88160R101', 'H17182108', '002824100', 'S71238703'])(
    'accepts the real CUSIP %s',
    (cusip) => {
      expect(isValidCusip(cusip)).toBe(true);
    },
  );

  it("rejects ARK's pseudo-CUSIP X9USDGSFT for its money-market line", () => {
    expect(isValidCusip('X9USDGSFT')).toBe(false);
  });

  it.each(['464287235', '31657FAF5', '912810FS3'])('rejects %s, a real CUSIP with its check digit changed', (cusip) => {
    expect(isValidCusip(cusip)).toBe(false);
  });

  it.each(['', '46428723', '4642872345', '46428723X', 'abcdefgh1'])('rejects the malformed value %j', (value) => {
    expect(isValidCusip(value)).toBe(false);
  });

  it('does not take a nine-letter word with a fitting last digit for a CUSIP', () => {
    // MICROSOFT would need a digit; "GOOGLEINC" + its computed digit is all letters in the issuer part.
    const word = 'GOOGLEIN';
    expect(isValidCusip(word + String(cusipCheckDigit(word)))).toBe(false);
  });

  it('accepts a payload with its computed check digit and rejects every other digit', () => {
    // Real CUSIPs carry a digit in the issuer number; the module rejects all-letter issuer parts by design.
    const payload = fc.tuple(charFrom(DIGITS), stringFrom(DIGITS + LETTERS + '*@#', 7)).map(([first, rest]) => first + rest);
    fc.assert(
      fc.property(payload, (p) => {
        const check = cusipCheckDigit(p);
        for (let d = 0; d <= 9; d++) expect(isValidCusip(p + String(d))).toBe(d === check);
      }),
      { numRuns: 300 },
    );
  });
});

describe('isValidSedol', () => {
  it.each(['BD5CPQ2', 'B450X03', '2046251', 'BF37VN2', 'B2R8334', 'BD5CNJ1', 'BD5CNN5', 'B61RKS9', 'BD5CBQ4'])(
    'accepts the real SEDOL %s',
    (sedol) => {
      expect(isValidSedol(sedol)).toBe(true);
    },
  );

  it.each(['BD5CPQ3', 'B450X04', '2046252', 'BD5CPQ1', '2046250'])('rejects %s, a real SEDOL with one digit changed', (sedol) => {
    expect(isValidSedol(sedol)).toBe(false);
  });

  it('rejects a SEDOL with a vowel even when the arithmetic fits', () => {
    const payload = 'BA5CPQ';
    expect(isValidSedol(payload + String(sedolCheckDigit(payload)))).toBe(false);
  });

  it('accepts a payload with its computed check digit and rejects every other digit', () => {
    fc.assert(
      fc.property(stringFrom(SEDOL_CHARS, 6), (p) => {
        const check = sedolCheckDigit(p);
        for (let d = 0; d <= 9; d++) expect(isValidSedol(p + String(d))).toBe(d === check);
      }),
      { numRuns: 300 },
    );
  });
});

describe('isValidIdentifier', () => {
  it('dispatches on the kind', () => {
    expect(isValidIdentifier('isin', 'CNE100000PM8')).toBe(true);
    expect(isValidIdentifier('cusip', 'CNE100000PM8')).toBe(false);
    expect(isValidIdentifier('cusip', '912810FS2')).toBe(true);
    expect(isValidIdentifier('sedol', 'B450X03')).toBe(true);
    expect(isValidIdentifier('isin', 'B450X03')).toBe(false);
  });
});

describe('canonicalIdentifier', () => {
  it('removes spaces and hyphens and upper-cases, so typed and printed forms meet', () => {
    expect(canonicalIdentifier(' us 0378 3310-05 ')).toBe('US0378331005');
    expect(canonicalIdentifier('bd5cpq2')).toBe('BD5CPQ2');
  });

  it('folds full-width characters (NFKC)', () => {
    expect(canonicalIdentifier('ＣＮＥ１０００００ＰＭ８')).toBe('CNE100000PM8');
  });
});

describe('classifyIdentifier (values found in a Symbol column)', () => {
  it.each([
    ['CNE100000PM8', 'isin'],
    ['US0378331005', 'isin'],
    ['us0378331005 ', 'isin'],
    ['31657FAF4', 'cusip'],
    ['912810FS2', 'cusip'],
    ['464287234', 'cusip'],
    ['BD5CPQ2', 'sedol'],
    ['B450X03', 'sedol'],
  ] as const)('recognises %j as %s', (value, kind) => {
    expect(classifyIdentifier(value)).toBe(kind);
  });

  it.each(['AAPL', 'BRK.B', 'BRK/B', 'BRKB', '002415', '0020', '20', 'SPAXX**', 'DKNG UW', 'X9USDGSFT', 'VIIIX', 'SZ002415'])(
    'leaves the ticker %j alone',
    (ticker) => {
      expect(classifyIdentifier(ticker)).toBeNull();
    },
  );

  it('does not call an all-digit seven-character value a SEDOL without a SEDOL column', () => {
    expect(isValidSedol('2046251')).toBe(true);
    expect(classifyIdentifier('2046251')).toBeNull();
  });

  it('does not recognise a value whose check digit fails', () => {
    expect(classifyIdentifier('US46434G7646')).toBeNull();
    expect(classifyIdentifier('31657FAF5')).toBeNull();
  });
});

describe('classifyIdentifier, by length first', () => {
  /** classifyIdentifier as it reads without the length check: the canonical form, then each kind's check. */
  const reference = (text: string): string | null => {
    const value = canonicalIdentifier(text);
    if (value.length === 12 && isValidIsin(value)) return 'isin';
    if (value.length === 9 && isValidCusip(value)) return 'cusip';
    if (value.length === 7 && /[A-Z]/.test(value) && isValidSedol(value)) return 'sedol';
    return null;
  };
  it('classifies every text as the full check does, names, tickers and spaced identifiers alike', () => {
    const valid = ['CNE100000PM8', 'US0378331005', '037833100', 'B450X03', 'BD5CPQ2', '0263494'];
    const char = fc.constantFrom(...'0123456789ABCDEFXYZabc -\t\u00a0\uff21*@#'.split(''));
    const spaced = fc
      .tuple(fc.constantFrom(...valid), fc.array(fc.tuple(fc.nat(12), fc.constantFrom(' ', '-', '\t', '\u3000')), { maxLength: 3 }))
      .map(([id, gaps]) => gaps.reduce((text, [at, gap]) => text.slice(0, at) + gap + text.slice(at), id));
    fc.assert(
      fc.property(
        fc.oneof(
          spaced,
          fc.array(char, { maxLength: 16 }).map((c) => c.join('')),
        ),
        (text) => {
          expect(classifyIdentifier(text)).toBe(reference(text));
        },
      ),
      { numRuns: 5000, seed: 18 },
    );
  });
});
