// The memos that let a million-row screen work out each distinct name and ticker once, in bounded memory.

import { describe, expect, it } from 'vitest';
import { memoize, memoize2, remember } from '../src/memo.js';

describe('memoize', () => {
  it('works a key out once, null results included', () => {
    const calls: string[] = [];
    const lookUp = memoize((key: string) => {
      calls.push(key);
      return key === 'none' ? null : key.length;
    });
    expect([lookUp('abc'), lookUp('abc'), lookUp('none'), lookUp('none')]).toEqual([3, 3, null, null]);
    expect(calls).toEqual(['abc', 'none']);
  });

  it('forgets everything once it holds its limit, so memory does not grow with distinct keys', () => {
    const calls: string[] = [];
    const lookUp = memoize((key: string) => calls.push(key), 3);
    for (const key of ['a', 'b', 'c', 'a', 'd', 'a']) lookUp(key);
    // a, b, c fill it; a is remembered; d finds it full and starts afresh; a is worked out again.
    expect(calls).toEqual(['a', 'b', 'c', 'd', 'a']);
  });
});

describe('memoize2', () => {
  it('keys on both texts', () => {
    const calls: string[] = [];
    const lookUp = memoize2((exchange: string, ticker: string) => {
      calls.push(`${exchange}|${ticker}`);
      return `${ticker}@${exchange}`;
    });
    expect([lookUp('XSHE', '002415'), lookUp('', '002415'), lookUp('XSHE', '002415')]).toEqual(['002415@XSHE', '002415@', '002415@XSHE']);
    expect(calls).toEqual(['XSHE|002415', '|002415']);
  });

  it('forgets everything once it holds its limit, counting entries across the first keys', () => {
    const calls: string[] = [];
    const lookUp = memoize2((a: string, b: string) => calls.push(a + b), 2);
    for (const [a, b] of [
      ['x', '1'],
      ['y', '1'],
      ['x', '1'],
      ['y', '2'],
      ['x', '1'],
    ] as const)
      lookUp(a, b);
    expect(calls).toEqual(['x1', 'y1', 'y2', 'x1']);
  });
});

describe('remember', () => {
  it('gives back what it puts in, and empties a memo that holds its limit first', () => {
    const memo = new Map<string, number>();
    expect([remember(memo, 'a', 1, 2), remember(memo, 'b', 2, 2)]).toEqual([1, 2]);
    expect([...memo.keys()]).toEqual(['a', 'b']);
    expect(remember(memo, 'c', 3, 2)).toBe(3);
    expect([...memo.entries()]).toEqual([['c', 3]]);
  });
});
