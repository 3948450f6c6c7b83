// The fund library a screen consults (--library DIR, --no-library, or the default folder). Apart from
// run-funds.ts so that the funds queries do not load the screen's look-through modules.

import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { ScreenerError, UsageError } from '../errors.js';
import { defaultLibraryDir, LIBRARY_FILE_NAME } from '../library/paths.js';
import type { FundCatalog } from '../look-through/funds.js';
import type { FundLibrary } from '../look-through/library.js';

/** The library folder: --library DIR, else $EXPOSURE_SCREENER_HOME or the user data folder. */
export function libraryDir(option: unknown): string {
  if (typeof option === 'string' && option !== '') return resolve(option);
  return defaultLibraryDir(process.env, process.platform, homeFolder());
}

/**
 * The user's home folder as os.homedir() says: outside Windows that is $HOME whenever it is set (libuv
 * reads it first), so a screen loads node:os (~0.3 ms at every start, for this alone) only without one.
 */
export function homeFolder(): string {
  const home = process.platform === 'win32' ? undefined : process.env['HOME'];
  return home ?? homedir();
}

/**
 * The library's database module, loaded only when a library is used: better-sqlite3 is an optional,
 * native dependency, so a screen without a library neither loads nor needs it.
 */
export async function loadLibraryStore(): Promise<typeof import('../library/store.js')> {
  try {
    return await import('../library/store.js');
  } catch (error) {
    throw new ScreenerError(
      'LIBRARY_UNAVAILABLE',
      'the fund library needs the better-sqlite3 module, which is not installed (an optional dependency)',
      {
        hint: 'npm install better-sqlite3@12, or screen with --no-library',
        cause: error,
      },
    );
  }
}

/** The store and what a screen reads through it (the funds commands need only the store). */
async function loadLibraryModules(): Promise<{
  store: typeof import('../library/store.js');
  source: typeof import('../library/source.js');
}> {
  const store = await loadLibraryStore();
  return { store, source: await import('../library/source.js') };
}

/**
 * The library a screen consults: --library DIR (which must hold one), the default folder when it holds
 * one, nothing with --no-library or when the default folder has none.
 */
export async function screenLibrary(
  option: unknown,
  catalog: FundCatalog,
): Promise<{ library: FundLibrary; dir: string; close: () => void } | null> {
  if (option === false) return null;
  const dir = libraryDir(option);
  const file = join(dir, LIBRARY_FILE_NAME);
  if (!existsSync(file)) {
    if (typeof option === 'string') {
      throw new UsageError(`--library ${option}: no fund library there`, {
        hint: `build one: exposure-screener funds import FILES --library ${option}`,
      });
    }
    return null;
  }
  const { store, source } = await loadLibraryModules();
  const db = store.openLibrary(file, { create: false });
  return { library: source.createLibrarySource(db, catalog), dir, close: () => db.close() };
}
