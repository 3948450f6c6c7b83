// What reaches stderr: one line per message, short, and repeated warnings gathered into one line.
// Every message list the CLI prints goes through `messageLines`. Pure.

/** Longest message line: enough for a path, a line number and a sentence, never a file's contents. */
export const MAX_MESSAGE_LENGTH = 400;

/** Messages of one shape shown before the rest are counted. */
const SHOWN_PER_SHAPE = 2;

/**
 * One line: line breaks and other control characters become spaces, and a message longer than
 * MAX_MESSAGE_LENGTH is cut with "…", so a file's content can only ever appear as a short excerpt.
 */
export function oneLine(text: string, max = MAX_MESSAGE_LENGTH): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
  const chars = Array.from(flat);
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * Whether a message is a note: information a quiet run (-q) leaves out. Warnings (unknown values among
 * them), errors and the reasons for an exit code are not notes and are always shown.
 */
export function isNote(message: string): boolean {
  return message.startsWith('note: ');
}

/**
 * The shape of a message: its words with what varies between repeats of it (quoted text, what is in
 * brackets or parentheses, numbers and dates) taken out. "rule ignore[3] (iflytek) matched nothing"
 * and "rule ignore[4] (dahua) matched nothing" have one shape.
 */
export function messageShape(text: string): string {
  return text.replace(/"[^"]*"|'[^']*'|\[[^\]]*\]|\([^)]*\)|\d[\d,.:/-]*/g, '…');
}

/**
 * Messages as lines for stderr, in their order: the first SHOWN_PER_SHAPE of each shape as they
 * are, and for a shape repeated more often one line "… and N more like this" after them.
 */
export function messageLines(messages: readonly string[], shown = SHOWN_PER_SHAPE): string[] {
  const counts = new Map<string, number>();
  for (const message of messages) {
    const shape = messageShape(message);
    counts.set(shape, (counts.get(shape) ?? 0) + 1);
  }
  const seen = new Map<string, number>();
  const lines: string[] = [];
  for (const message of messages) {
    const shape = messageShape(message);
    const n = (seen.get(shape) ?? 0) + 1;
    seen.set(shape, n);
    const total = counts.get(shape) ?? 0;
    if (n <= shown) lines.push(oneLine(message));
    if (n === shown && total > shown) {
      const prefix = /^(?:warning|note): /.exec(message)?.[0] ?? '';
      lines.push(`${prefix}… and ${(total - shown).toLocaleString('en-US')} more like this`);
    }
  }
  return lines;
}

/**
 * A csv-parse error code in our words. csv-parse's own messages quote its options and internals
 * ("Invalid Closing Quote: got \"x\" at line 3 instead of delimiter, record delimiter, trimable
 * character (if activated) or comment"); the user needs what is wrong in the file.
 */
export function csvProblemText(code: string): string {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field opens here and is never closed';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quote inside a quoted field is not doubled ("")';
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'text follows the closing quote of a field';
    case 'CSV_MAX_RECORD_SIZE':
      return 'a row is longer than 16 MB';
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
      return 'a row has a different number of cells from the header';
    default:
      return 'the file cannot be read as CSV here';
  }
}
