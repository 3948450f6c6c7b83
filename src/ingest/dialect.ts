// Which character separates fields. Exports use comma, semicolon (European Excel), tab (Excel's
// "Unicode text") or pipe; we count each outside quotes on the first lines and keep the most regular.

export type Delimiter = ',' | ';' | '\t' | '|';

const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];

/** Counts a character outside double-quoted stretches of one line. */
function countOutsideQuotes(line: string, ch: string): number {
  // By UTF-16 unit, not for-of (an iterator result and a string for every character, on cold code): the
  // quote and every delimiter are one unit, which no half of a surrogate pair equals.
  const quote = 0x22;
  const wanted = ch.charCodeAt(0);
  let inQuotes = false;
  let count = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === quote) inQuotes = !inQuotes;
    else if (!inQuotes && c === wanted) count++;
  }
  return count;
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
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const modes = new Map<number, number>();
    for (const line of lines) {
      const n = countOutsideQuotes(line, d);
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
