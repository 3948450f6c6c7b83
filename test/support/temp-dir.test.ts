import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ROOT } from './run-cli.js';
import { makeTempDir, removeTempDirs, TEMP_PREFIX } from './temp-dir.js';

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? testFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('temporary folders of the tests', () => {
  it('are made empty inside the folder of this run, named by our prefix, and removed', () => {
    const dir = makeTempDir('check');
    expect(dirname(dir)).toBe(inject('tempRoot'));
    expect(basename(dirname(dir))).toMatch(new RegExp(`^${TEMP_PREFIX}run-`));
    expect(basename(dir)).toMatch(new RegExp(`^${TEMP_PREFIX}check-`));
    expect(readdirSync(dir)).toEqual([]);
    removeTempDirs();
    expect(existsSync(dir)).toBe(false);
  });

  it('are made only through makeTempDir, so that none is left behind', () => {
    const own = new Set(['test/support/temp-dir.ts', 'test/support/temp-root.ts']);
    const offenders = testFiles(join(ROOT, 'test'))
      .map((f) => relative(ROOT, f))
      .filter((f) => !own.has(f) && /\bmkdtemp(Sync)?\(|\btmpdir\(\)/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
