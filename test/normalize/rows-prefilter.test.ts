// The first-letter filters normalizeRow puts before its cash and class expressions (issue 18): a text
// the filter rejects never matches the expression, over the real files' cells and generated texts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CASH_CLASSES,
  CASH_CLASS_LETTERS,
  CASH_NAME,
  CASH_NAME_LETTERS,
  DERIVATIVE_CLASSES,
  DERIVATIVE_CLASS_LETTERS,
  isCashClass,
  isCashName,
  isDerivativeClass,
} from '../../src/normalize/rows.js';
import { canonicalIdentifier, classifyIdentifier, isValidCusip, isValidIsin, isValidSedol } from '../../src/normalize/identifiers.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    return statSync(path).isDirectory() ? filesUnder(path) : /\.(csv|txt|tsv)$/i.test(f) ? [path] : [];
  });
}

/** Every comma- or tab-separated cell of the real exports, trimmed and with quotes taken off. */
const realCells = filesUnder('fixtures/real').flatMap((f) =>
  readFileSync(f, 'utf8')
    .split(/[\r\n]+/)
    .flatMap((line) => line.split(/[,\t;]/))
    .map((c) => c.replace(/^"|"$/g, '').trim()),
);

const filters = [
  { name: 'CASH_NAME', expression: CASH_NAME, test: isCashName, letters: CASH_NAME_LETTERS },
  { name: 'CASH_CLASSES', expression: CASH_CLASSES, test: isCashClass, letters: CASH_CLASS_LETTERS },
  { name: 'DERIVATIVE_CLASSES', expression: DERIVATIVE_CLASSES, test: isDerivativeClass, letters: DERIVATIVE_CLASS_LETTERS },
];

/** Texts made of the expressions' own words, in any case, with and without other characters. */
const WORDS = [
  'cash',
  'money market',
  'pending activity',
  'core account',
  'futures',
  'fx',
  'swap',
  'option',
  'put',
  'call',
  'DCO',
  'DE',
  'war',
  'currency',
  ' ',
  '&',
  'and',
  'equivalents',
  'Ca',
  'ſ',
  'K',
  'İ',
  'x',
  '\u00a0',
];
const wordy = fc
  .array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 2 })), { maxLength: 5 })
  .chain((parts) => fc.constantFrom(parts.join(''), parts.join('').toUpperCase(), parts.join('').toLowerCase()));

describe('the first-letter filters before the cash and class expressions', () => {
  for (const f of filters) {
    it(`${f.name}: the filtered test is the expression, on the real cells and generated texts`, () => {
      expect(realCells.filter((c) => f.test(c) !== f.expression.test(c))).toEqual([]);
      fc.assert(
        fc.property(fc.oneof(wordy, fc.string(), fc.string({ unit: 'binary', maxLength: 4 })), (text) => {
          expect(f.test(text)).toBe(f.expression.test(text));
        }),
        { numRuns: 20000 },
      );
    });
  }

  /** The first letter of each alternative of an expression `^(?:a|b|…)$`, read from its source. */
  const firstLetters = (expression: RegExp): string[] => {
    const body = /^\^\(\?:(.*)\)\$$/.exec(expression.source)?.[1] ?? '';
    const starts: string[] = [];
    let depth = 0;
    let start = true;
    for (const ch of body) {
      if (start) starts.push(ch.toLowerCase());
      start = false;
      if (ch === '(') depth++;
      else if (ch === ')') depth--;
      else if (ch === '|' && depth === 0) start = true;
    }
    return starts;
  };

  for (const f of filters) {
    it(`${f.name}: every alternative of the expression starts with one of the filter's letters`, () => {
      const starts = firstLetters(f.expression);
      expect(starts.length).toBeGreaterThan(2);
      // An edit that adds a word of another first letter fails here, not silently in the filter.
      for (const letter of starts) expect(f.letters, letter).toContain(letter);
    });
  }

  it('the real cells include cash names and classes the filters pass', () => {
    expect(realCells.filter(isCashName).length).toBeGreaterThan(0);
  });
});

describe('classifyIdentifier stops reading a text with more than twelve kept characters', () => {
  /** classifyIdentifier as it was before the early stop: the reference. */
  function reference(text: string): string | null {
    let kept = 0;
    let ascii = true;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code > 0x7f) ascii = false;
      else if (code !== 0x20 && code !== 0x2d && (code < 0x09 || code > 0x0d)) kept++;
    }
    if (ascii && kept !== 7 && kept !== 9 && kept !== 12) return null;
    const value = canonicalIdentifier(text);
    if (value.length === 12 && isValidIsin(value)) return 'isin';
    if (value.length === 9 && isValidCusip(value)) return 'cusip';
    if (value.length === 7 && /[A-Z]/.test(value) && isValidSedol(value)) return 'sedol';
    return null;
  }
  it('agrees on the real cells and on generated texts with marks, full-width and other characters', () => {
    expect(realCells.filter((c) => classifyIdentifier(c) !== reference(c))).toEqual([]);
    const chars = [
      'U',
      'S',
      '0',
      '3',
      '7',
      '8',
      '3',
      '3',
      '1',
      '0',
      '0',
      '5',
      'B',
      'Y',
      'K',
      'J',
      '-',
      ' ',
      'e',
      '\u0301',
      'Ａ',
      '１',
      '\u00a0',
      'ﬁ',
      'é',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 18 }), (parts) => {
        const text = parts.join('');
        expect(classifyIdentifier(text)).toBe(reference(text));
      }),
      { numRuns: 20000 },
    );
  });
});
