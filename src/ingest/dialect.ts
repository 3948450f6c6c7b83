// Which character separates fields. Exports use comma, semicolon (European Excel), tab (Excel's
// "Unicode text") or pipe; we count each outside quotes on the first lines and keep the most regular.

export type Delimiter = ',' | ';' | '\t' | '|';

const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];

/** For each ASCII code, its place in DELIMITERS; -1 for the rest. */
const DELIMITER_AT: Int8Array = (() => {
  const at = new Int8Array(128).fill(-1);
  DELIMITERS.forEach((d, i) => (at[d.charCodeAt(0)] = i));
  return at;
})();

/**
 * How many times each of DELIMITERS stands outside double-quoted stretches of one line, in one pass:
 * the quotes are the same whichever delimiter is counted. By UTF-16 unit, not for-of (an iterator
 * result and a string for every character, on cold code): the quote and every delimiter are one unit,
 * which no half of a surrogate pair equals.
 */
function countsOutsideQuotes(line: string): number[] {
  const counts = DELIMITERS.map(() => 0);
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x22) inQuotes = !inQuotes;
    else if (!inQuotes && c < DELIMITER_AT.length) {
      const at = DELIMITER_AT[c] ?? -1;
      if (at >= 0) counts[at] = (counts[at] ?? 0) + 1;
    }
  }
  return counts;
}

/**
 * Picks the delimiter whose per-line count is most often the same non-zero number, so that a
 * comma inside "1,234" in a semicolon file does not win. Ties go to the order of DELIMITERS.
 */
export function sniffDelimiter(text: string, sampleLines = 60): Delimiter {
  const lines = text
    .split('\n', sampleLines * 2)
    .filter((l) => l.trim() !== '')
    .slice(0, sampleLines);
  const counts = lines.map(countsOutsideQuotes);
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const [index, d] of DELIMITERS.entries()) {
    const modes = new Map<number, number>();
    for (const perLine of counts) {
      const n = perLine[index] ?? 0;
      if (n > 0) modes.set(n, (modes.get(n) ?? 0) + 1);
    }
    let score = 0;
    for (const [n, times] of modes) score = Math.max(score, times * Math.min(n, 4));
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/** Turns CRLF and lone CR into LF, so that line numbers count the way an editor counts them. */
export function normalizeLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
