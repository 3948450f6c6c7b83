// vitest globalSetup: one temporary folder for the whole run, handed to the tests (makeTempDir makes
// every test folder inside it). After the run, whatever is still in it was left behind by a test: the
// run fails, naming it, and the folder is removed either way.

import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { TEMP_PREFIX } from './temp-dir.js';

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}run-`));
  project.provide('tempRoot', dir);
  return () => {
    const left = readdirSync(dir);
    rmSync(dir, { recursive: true, force: true });
    if (left.length === 0) return;
    // A teardown's exception is only logged by vitest ("error during close"): the exit code says it.
    process.stderr.write(
      `tests left ${left.length} temporary folder(s) behind: ${left.join(', ')} (make them with makeTempDir from test/support/temp-dir.ts)\n`,
    );
    process.exitCode = 1;
  };
}
