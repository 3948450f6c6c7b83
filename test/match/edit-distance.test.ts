// The one-typo question (max 1) is answered by a one-pass check; it must agree with the distance table
// (max 2 runs the table) on every pair, near ones above all.

import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/match/score.js';

function nearPairs(count: number): [string, string][] {
  let seed = 19;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const letters = 'abc';
  const pairs: [string, string][] = [];
  for (let p = 0; p < count; p++) {
    let a = '';
    for (let i = 0, n = 1 + next(7); i < n; i++) a += letters[next(letters.length)];
    // b: a with zero to two random edits, so that distances 0, 1 and 2 all occur often.
    let b = a;
    for (let e = next(3); e > 0; e--) {
      const at = next(b.length + 1);
      const op = next(4);
      const c = letters[next(letters.length)] ?? 'a';
      if (op === 0) b = b.slice(0, at) + c + b.slice(at);
      else if (op === 1) b = b.slice(0, at) + b.slice(at + 1);
      else if (op === 2) b = b.slice(0, at) + c + b.slice(at + 1);
      else b = b.slice(0, at) + (b[at + 1] ?? '') + (b[at] ?? '') + b.slice(at + 2);
    }
    pairs.push([a, b]);
  }
  return pairs;
}

describe('editDistance with max 1', () => {
  it('agrees with the full table on 20,000 near pairs', () => {
    for (const [a, b] of nearPairs(20_000)) expect([a, b, editDistance(a, b, 1)]).toEqual([a, b, Math.min(editDistance(a, b, 2), 2)]);
  });

  it('counts a substitution, an insertion, a deletion and a swap of neighbours as one typo, and two of them as more', () => {
    expect(editDistance('hikvision', 'hikvision', 1)).toBe(0);
    expect(editDistance('hikvision', 'hikvisoin', 1)).toBe(1);
    expect(editDistance('hikvision', 'hikvisions', 1)).toBe(1);
    expect(editDistance('hikvision', 'hikvison', 1)).toBe(1);
    expect(editDistance('hikvision', 'hikbision', 1)).toBe(1);
    expect(editDistance('hikvision', 'hkivisoin', 1)).toBe(2);
    expect(editDistance('sensetime', 'sensetimes!', 1)).toBe(2);
  });
});
