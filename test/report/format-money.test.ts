import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/report/format.js';

const intl = (v: number): string => v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

// A small deterministic generator, so a failure names a value that can be replayed.
function* values(): Generator<number> {
  let seed = 20191009;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let i = 0; i < 20_000; i++) {
    const magnitude = 10 ** Math.floor(next() * 22 - 4);
    const v = next() * magnitude;
    yield next() < 0.3 ? -v : v;
  }
  // Halves and near-halves at the second decimal, where the two roundings could part.
  for (let k = -4000; k <= 4000; k++) yield k / 8;
  for (let k = 0; k < 2000; k++) yield k / 1000 + 0.005;
  yield* [0, -0, 0.004, -0.004, 0.005, -0.005, 999.995, 999_999.995, 1e20, 9.99e20, 1e21, -1e21, 1e300, Number.MAX_VALUE];
  yield* [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, Number.MIN_VALUE, -Number.MIN_VALUE];
}

describe('formatMoney writes what Intl writes, without starting Intl', () => {
  it('agrees with toLocaleString("en-US", two decimals) on every value tried', () => {
    const differ: string[] = [];
    for (const v of values()) if (formatMoney(v) !== intl(v)) differ.push(`${v}: ${formatMoney(v)} vs ${intl(v)}`);
    expect(differ.slice(0, 10)).toEqual([]);
  });

  it('writes unknown as a dash, never as 0.00', () => {
    expect(formatMoney(null)).toBe('—');
    expect(formatMoney(1234567.891)).toBe('1,234,567.89');
    expect([formatMoney(1.005), formatMoney(-2.675), formatMoney(999.995)]).toEqual(['1.01', '-2.68', '1,000.00']);
  });
});
