// Remembering what a run has already worked out for a text (a name, a ticker), within a fixed budget.

/**
 * Entries a memo holds before it starts again from empty. Real files repeat a few thousand to a few
 * tens of thousands of names; a file where every row is new would otherwise grow the memo with the file.
 */
const MEMO_LIMIT = 100_000;

/** A memo's value: anything but undefined, which means "not yet worked out". */
type Memoizable = NonNullable<unknown> | null;

/** `compute` remembered by key. When `limit` entries are held they are all forgotten: memory stays bounded. */
export function memoize<V extends Memoizable>(compute: (key: string) => V, limit = MEMO_LIMIT): (key: string) => V {
  const memo = new Map<string, V>();
  return (key) => {
    const known = memo.get(key);
    return known !== undefined ? known : remember(memo, key, compute(key), limit);
  };
}

/**
 * Puts `value` in `memo` under `key` and gives it back; a memo that holds `limit` entries is emptied
 * first. memoize's budget, for a memo that lives in a structure of its own (the matcher's word memos
 * on its vocabulary): a file of ever new words must not grow it with the file.
 */
export function remember<V>(memo: Map<string, V>, key: string, value: V, limit = MEMO_LIMIT): V {
  if (memo.size >= limit) memo.clear();
  memo.set(key, value);
  return value;
}

/**
 * `compute` remembered by a pair of keys, without building a joined key string per call (the ticker
 * and the exchange column of every row of a million-row file).
 */
export function memoize2<V extends Memoizable>(
  compute: (first: string, second: string) => V,
  limit = MEMO_LIMIT,
): (first: string, second: string) => V {
  const memo = new Map<string, Map<string, V>>();
  let size = 0;
  return (first, second) => {
    let inner = memo.get(first);
    const known = inner?.get(second);
    if (known !== undefined) return known;
    const value = compute(first, second);
    if (size >= limit) {
      memo.clear();
      size = 0;
      inner = undefined;
    }
    if (inner === undefined) {
      inner = new Map();
      memo.set(first, inner);
    }
    inner.set(second, value);
    size++;
    return value;
  };
}
