// Where the fund library lives when --library does not say: $EXPOSURE_SCREENER_HOME, else the
// platform's user data folder (XDG_DATA_HOME or ~/.local/share on Linux, ~/Library/Application Support
// on macOS, %APPDATA% on Windows). Pure: the environment is passed in.

import { posix, win32 } from 'node:path';

const APP_FOLDER = 'exposure-screener';
/** The library's database file inside its folder. */
export const LIBRARY_FILE_NAME = 'library.sqlite';

export function defaultLibraryDir(env: Readonly<Record<string, string | undefined>>, platform: string, home: string): string {
  const given = env['EXPOSURE_SCREENER_HOME'];
  if (given !== undefined && given !== '') return given;
  if (platform === 'win32') return win32.join(env['APPDATA'] ?? win32.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', APP_FOLDER);
  const xdg = env['XDG_DATA_HOME'];
  return posix.join(xdg !== undefined && xdg !== '' ? xdg : posix.join(home, '.local', 'share'), APP_FOLDER);
}
