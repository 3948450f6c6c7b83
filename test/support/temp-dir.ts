// Temporary folders for tests, all made inside one folder per `vitest run` and all removed.
//
// test/support/temp-root.ts (vitest globalSetup) makes that run folder and, after the run, fails it when
// a test left anything in it; test/support/temp-cleanup.ts (setupFiles) removes every folder made here
// after each test file. A test calls `makeTempDir` wherever it needs one: at the top of a file, in a
// describe or in a test.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';

/** Every folder this project's tests make in the system's temp folder starts with this. */
export const TEMP_PREFIX = 'exposure-screener-test-';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder of this `vitest run` (made by the globalSetup), in which every test folder is made. */
    tempRoot: string;
  }
}

const made = new Set<string>();

function root(): string {
  // Without the globalSetup (a test file run by another config), folders go straight into the temp folder.
  const provided = inject('tempRoot');
  if (typeof provided !== 'string' || provided === '') return tmpdir();
  mkdirSync(provided, { recursive: true });
  return provided;
}

/** A new empty folder, removed after the test file that made it. */
export function makeTempDir(label: string): string {
  const dir = mkdtempSync(join(root(), `${TEMP_PREFIX}${label}-`));
  made.add(dir);
  return dir;
}

/** Removes every folder `makeTempDir` made in this test file (called by test/support/temp-cleanup.ts). */
export function removeTempDirs(): void {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
  made.clear();
}
