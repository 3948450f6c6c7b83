// The fund library a screen consults (--library DIR, --no-library, or the default folder). Apart from
// run-funds.ts so that the funds queries do not load the screen's look-through modules.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { createLibrarySource } from '../library/source.js';
import { LIBRARY_FILE_NAME, openLibrary } from '../library/store.js';
import type { FundCatalog } from '../look-through/funds.js';
import type { FundLibrary } from '../look-through/library.js';
import { libraryDir } from './run-funds.js';

/**
 * The library a screen consults: --library DIR (which must hold one), the default folder when it holds
 * one, nothing with --no-library or when the default folder has none.
 */
export function screenLibrary(option: unknown, catalog: FundCatalog): { library: FundLibrary; dir: string; close: () => void } | null {
  if (option === false) return null;
  const dir = libraryDir(option);
  const file = join(dir, LIBRARY_FILE_NAME);
  if (!existsSync(file)) {
    if (typeof option === 'string') {
      throw new UsageError(`--library ${option}: no fund library there`, { hint: `build one: exposure-screener funds import FILES --library ${option}` });
    }
    return null;
  }
  const db = openLibrary(file, { create: false });
  return { library: createLibrarySource(db, catalog), dir, close: () => db.close() };
}

