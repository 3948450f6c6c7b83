import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectDecimalSeparator, parseAmount, scannedPointAmount, type ParsedAmount } from '../../src/normalize/amounts.js';

const number = (value: number): ParsedAmount => ({ ok: true, value });
const placeholder: ParsedAmount = { ok: true, value: null };
const unreadable: ParsedAmount = { ok: false };

describe('parseAmount with a decimal point', () => {
  it.each([
    ['$1,234.56', 1234.56],
    ['44,825,212.30', 44825212.3],
    ['(43.64)', -43.64],
    ['-$2.22', -2.22],
    ['($193.50)', -193.5],
    ['+$0.160', 0.16],
    ['+43.7%', 43.7],
    ['10.26%', 10.26],
    ['.00', 0],
    ['$3830.00', 3830],
    ['200770.000', 200770],
    ['+200', 200],
    ['1,000.00', 1000],
    [' $91864.74 ', 91864.74],
    ['$1,234.56\u00a0', 1234.56],
  ] as const)('reads %j as %d', (text, value) => {
    expect(parseAmount(text)).toEqual(number(value));
  });

  it.each(['--', '---', '-', 'n/a', 'N/A', 'not applicable', 'Incomplete', 'UNCH', '', '   '])(
    'reads the placeholder %j as "no value" (not unreadable, not 0)',
    (text) => {
      expect(parseAmount(text)).toEqual(placeholder);
    },
  );

  it('reads "Total 327.50" (a stray label in a Vanguard value cell) as unreadable, never as a number', () => {
    expect(parseAmount('Total 327.50')).toEqual(unreadable);
  });

  it.each(['abc', '12abc', '1.2.3', '$', '()', '%', 'Infinity', 'NaN', '1e5'])('reads %j as unreadable', (text) => {
    expect(parseAmount(text)).toEqual(unreadable);
  });

  it('reads Vanguard\'s "<0.01%" weight as a known bound, not as unreadable', () => {
    // Vanguard ETF files print <0.01% for the Dahua, iFlytek and Meiya Pico lines (formats.md §1 rule 8).
    const parsed = parseAmount('<0.01%');
    expect(parsed.ok).toBe(true);
    const value = parsed.ok ? parsed.value : null;
    expect(value).not.toBeNull();
    expect(value ?? -1).toBeGreaterThanOrEqual(0);
    expect(value ?? 1).toBeLessThanOrEqual(0.01);
  });

  it('round-trips any amount printed with a $ sign, thousands commas and a sign', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), fc.constantFrom('minus', 'parentheses', 'plus'), (cents, style) => {
        const abs = Math.abs(cents);
        const body = `$${groupThousands(String(Math.floor(abs / 100)), ',')}.${String(abs % 100).padStart(2, '0')}`;
        const text = cents < 0 ? (style === 'parentheses' ? `(${body})` : `-${body}`) : style === 'plus' ? `+${body}` : body;
        expect(parseAmount(text)).toEqual(number(cents / 100));
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseAmount with a decimal comma', () => {
  it.each([
    ['1.234,56', 1234.56],
    ['313,00', 313],
    ['960,35', 960.35],
    ['20345,00', 20345],
    ['-0,04', -0.04],
    ['(1.234,56)', -1234.56],
    ['1.234', 1234],
  ] as const)('reads %j as %d', (text, value) => {
    expect(parseAmount(text, ',')).toEqual(number(value));
  });

  it('reads -97.93 as -97.93 in a DEGIRO file that mixes "-0,04" and -97.93', () => {
    // formats.md §1 rule 8: one DEGIRO account CSV mixes both; ".93" cannot be a thousands group.
    expect(parseAmount('-97.93', ',')).toEqual(number(-97.93));
  });

  it('round-trips any amount printed with point grouping and a decimal comma', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (cents) => {
        const abs = Math.abs(cents);
        const body = `${groupThousands(String(Math.floor(abs / 100)), '.')},${String(abs % 100).padStart(2, '0')}`;
        expect(parseAmount(cents < 0 ? `-${body}` : body, ',')).toEqual(number(cents / 100));
      }),
      { numRuns: 300 },
    );
  });
});

describe('detectDecimalSeparator', () => {
  it("says comma for DEGIRO's Portfolio.csv amounts", () => {
    expect(detectDecimalSeparator(['960,35', '65', '313,00', '20345,00', '16128,25', '0,72', '167,76'])).toBe(',');
  });

  it('says comma for continental grouping 1.234,56', () => {
    expect(detectDecimalSeparator(['1.234,56', '12.345.678,9'])).toBe(',');
  });

  it('says point for US statements', () => {
    expect(detectDecimalSeparator(['$1,234.56', '10,000', '$3830.00', '0.133', '$71.71', '"$6,800,496,759.70"'])).toBe('.');
  });

  it('says point when every sample is ambiguous ("1,234" alone) or there are none', () => {
    expect(detectDecimalSeparator(['1,234', '10,000', '65'])).toBe('.');
    expect(detectDecimalSeparator([])).toBe('.');
  });

  it('goes with the majority when a file mixes shapes', () => {
    expect(detectDecimalSeparator(['1,5', '2,25', '3,75', '4.50'])).toBe(',');
    expect(detectDecimalSeparator(['1.5', '2.25', '3.75', '4,50'])).toBe('.');
  });
});

function groupThousands(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

describe('plain amounts', () => {
  // A plain cell ("52,677.45") takes a shortcut; the same text with a space in front does not, and
  // must read the same.
  const group = fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, '0'));
  const plain = fc
    .record({
      lead: fc.integer({ min: 0, max: 999_999 }).map(String),
      groups: fc.array(group, { maxLength: 4 }),
      fraction: fc.option(fc.stringMatching(/^\d{1,6}$/), { nil: undefined }),
      grouped: fc.boolean(),
    })
    .map(({ lead, groups, fraction, grouped }) => {
      const whole = grouped && groups.length > 0 ? [lead.slice(0, 3), ...groups].join(',') : lead + groups.join('');
      return fraction === undefined ? whole : `${whole}.${fraction}`;
    });

  it('read the same by the shortcut as by the general rules', () => {
    fc.assert(
      fc.property(plain, (text) => {
        expect(parseAmount(text, '.')).toEqual(parseAmount(` ${text}`, '.'));
      }),
      { numRuns: 1000 },
    );
  });

  it('are the number with its grouping commas removed', () => {
    expect(parseAmount('52,677.45')).toEqual({ ok: true, value: 52677.45 });
    expect(parseAmount('1043')).toEqual({ ok: true, value: 1043 });
    expect(parseAmount('1,043')).toEqual({ ok: true, value: 1043 });
    expect(parseAmount('12,34.5')).toEqual({ ok: true, value: 1234.5 });
  });
});

describe('scannedPointAmount', () => {
  // The shapes it reads, as parseAmount's expressions state them; anything else is NaN and left to them.
  const shapes = [/^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/, /^\$?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$/, /^<\d*\.?\d+%?$/];
  const ofShape = (text: string): boolean => shapes.some((shape) => shape.test(text)) && (text.match(/\d/g) ?? []).length <= 15;
  // The general rules, which a leading space sends the text to.
  const general = (text: string): number | null => {
    const parsed = parseAmount(` ${text}`, '.');
    return parsed.ok ? parsed.value : null;
  };
  const agrees = (text: string): void => {
    const scanned = scannedPointAmount(text);
    if (ofShape(text)) {
      expect(scanned, text).not.toBeNaN();
      expect(scanned, text).toBe(general(text));
      expect(parseAmount(text, '.'), text).toEqual(number(scanned));
    } else {
      expect(scanned, text).toBeNaN();
    }
  };
  const digits = fc.stringMatching(/^\d{0,9}$/);
  const shaped = fc
    .record({
      mark: fc.constantFrom('', '$', '<', '$<', '-'),
      lead: digits,
      groups: fc.array(fc.stringMatching(/^\d{2,4}$/), { maxLength: 4 }),
      point: fc.constantFrom('', '.', ','),
      fraction: digits,
      percent: fc.constantFrom('', '%', '%%', ' '),
    })
    .map(({ mark, lead, groups, point, fraction, percent }) => `${mark}${[lead, ...groups].join(',')}${point}${fraction}${percent}`);

  it('reads what the expressions accept as the general rules do, and nothing else', () => {
    fc.assert(fc.property(shaped, agrees), { numRuns: 5000 });
    fc.assert(fc.property(fc.stringMatching(/^[$<0-9,.%]{0,12}$/), agrees), { numRuns: 5000 });
  });

  it.each([
    ['$6,800,496,759.70', 6800496759.7],
    ['23,132,515', 23132515],
    ['7.75%', 7.75],
    ['<0.01%', 0.005],
    ['<.5', 0.25],
    ['0.1', 0.1],
    ['999999999999999', 999999999999999],
  ])('reads %j as %d', (text, value) => {
    expect(scannedPointAmount(text)).toBe(value);
  });

  it.each(['', '$', '%', '<', '<%', '.5', '5.', '1,23', '1234,567', ',123', '1,,234', '1,234,', '<1,000', '9999999999999999', '$-5', ' 5'])(
    'leaves %j to the expressions',
    (text) => {
      expect(scannedPointAmount(text)).toBeNaN();
    },
  );
});
