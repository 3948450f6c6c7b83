// Whether output is coloured: the one place that reads --no-color, NO_COLOR, FORCE_COLOR, TERM and the
// terminal. Pure: main.ts passes the environment and whether stdout is a terminal.
//
// In order: --no-color (a per-run argument) turns colour off; NO_COLOR set to anything but "" turns it
// off (https://no-color.org); FORCE_COLOR turns it on even without a terminal or with TERM=dumb
// (https://force-color.org), read as chalk's supports-color reads it: "", "1", "2", "3" or "true" on,
// "0" or "false" off, any other value ignored; else colour only on a terminal that is not TERM=dumb.
// NO_COLOR wins over FORCE_COLOR: asking for no colour is the safer of two contradicting wishes.

/** What FORCE_COLOR asks: colour on, off, or nothing (absent or unreadable). */
function forcedColor(value: string | undefined): boolean | null {
  if (value === undefined) return null;
  if (value === '' || value === 'true') return true;
  if (value === 'false') return false;
  if (!/^\d+$/.test(value)) return null;
  const level = Math.min(Number(value), 3);
  return level > 0;
}

/** Whether to colour stdout, given --color / --no-color (false when --no-color), the environment and the terminal. */
export function colorAllowed(requested: unknown, env: Readonly<Record<string, string | undefined>>, stdoutIsTTY: boolean): boolean {
  if (requested === false) return false;
  if ((env['NO_COLOR'] ?? '') !== '') return false;
  const forced = forcedColor(env['FORCE_COLOR']);
  if (forced !== null) return forced;
  return stdoutIsTTY && env['TERM'] !== 'dumb';
}
