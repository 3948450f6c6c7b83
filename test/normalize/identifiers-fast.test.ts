// The character-loop SEDOL check (issue 18) against the expression and check digit it replaced, over
// every SEDOL cell of the real files and generated texts of SEDOL-like and any shape.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalIdentifier,
  isValidIdentifier,
  isValidSedol,
  sedolCheckDigit,
  type IdentifierKind,
} from '../../src/normalize/identifiers.js';

/** The check as it was written before the loop: the reference. */
function referenceSedol(text: string): boolean {
  return /^[0-9BCDFGHJKLMNPQRSTVWXYZ]{6}[0-9]$/.test(text) && sedolCheckDigit(text.slice(0, 6)) === Number(text[6]);
}

/** Every quoted or bare cell of the real files' SEDOL-bearing exports, as printed. */
function realCells(): string[] {
  const files = [
    'fixtures/real/formats/vanguard_etf_holdings_details_VWO_2020-09-30.csv',
    'fixtures/real/formats/ishares_holdings_URTH_2020-11-04.csv',
    'fixtures/real/JanAbe-etf-visualizer__IEMG_holdings.csv',
  ];
  return files.flatMap((f) =>
    readFileSync(f, 'utf8')
      .split(/[\r\n]+/)
      .flatMap((line) => line.split(',')),
  );
}

const SEDOL_CHARS = '0123456789BCDFGHJKLMNPQRSTVWXYZAEIOUa*-# '.split('');

describe('isValidSedol, one pass over the character codes', () => {
  it('agrees with the expression on every cell of the real files, thousands of them valid', () => {
    const cells = realCells();
    expect(cells.filter((cell) => isValidSedol(cell) !== referenceSedol(cell))).toEqual([]);
    expect(cells.filter(referenceSedol).length).toBeGreaterThan(4000);
  });

  it('agrees with the expression on generated texts of SEDOL characters and of any characters', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...SEDOL_CHARS), { minLength: 5, maxLength: 9 }), (chars) => {
        const text = chars.join('');
        expect(isValidSedol(text)).toBe(referenceSedol(text));
      }),
      { numRuns: 20000 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), (text) => {
        expect(isValidSedol(text)).toBe(referenceSedol(text));
      }),
    );
    // Every check digit of a valid payload: exactly one is valid.
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...SEDOL_CHARS.slice(0, 31)), { minLength: 6, maxLength: 6 }), (chars) => {
        const payload = chars.join('');
        const accepted = '0123456789'.split('').filter((d) => isValidSedol(payload + d));
        expect(accepted).toEqual([String(sedolCheckDigit(payload))]);
      }),
    );
  });
});

describe('a valid identifier is canonical as printed (normalizeRow skips canonicalIdentifier for it)', () => {
  const kinds: readonly IdentifierKind[] = ['isin', 'cusip', 'sedol'];
  it('holds for every real cell and generated identifier-like text', () => {
    const texts = [...realCells(), 'US0378331005', '037833100', 'B0YBKJ7', 'us0378331005', ' B0YBKJ7', '0378-33100'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*@#- a'.split('')), { minLength: 6, maxLength: 13 }),
        (chars) => {
          const text = chars.join('');
          for (const kind of kinds) if (isValidIdentifier(kind, text)) expect(canonicalIdentifier(text)).toBe(text);
        },
      ),
      { numRuns: 20000 },
    );
    const valid = texts.filter((text) => kinds.some((kind) => isValidIdentifier(kind, text)));
    expect(valid.filter((text) => canonicalIdentifier(text) !== text)).toEqual([]);
    expect(valid.length).toBeGreaterThan(4000);
  });
});
