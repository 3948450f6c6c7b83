// The real files live in the project, each with its provenance: a clone of this repository alone runs
// every test, and a real file changed or added without its row in fixtures/real/README.md fails here.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REAL, ROOT } from '../support/run-cli.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** `| \`file\` | … | \`sha256\` |` rows of the provenance table. */
function provenanceRows(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of readFileSync(join(REAL, 'README.md'), 'utf8').split('\n')) {
    const row = /^\| `([^`]+)` \|.*\| `([0-9a-f]{64})` \|$/.exec(line);
    if (row?.[1] !== undefined && row[2] !== undefined) rows.set(row[1], row[2]);
  }
  return rows;
}

describe('fixtures/real', () => {
  const files = filesUnder(REAL)
    .map((path) => relative(REAL, path))
    .filter((file) => file !== 'README.md')
    .sort();
  const rows = provenanceRows();

  it('holds the real files, each with a provenance row, and no row without its file', () => {
    expect(files.length).toBeGreaterThanOrEqual(36);
    expect([...rows.keys()].sort()).toEqual(files);
  });

  it.each(files)('%s has the checksum its provenance row gives', (file) => {
    expect(
      createHash('sha256')
        .update(readFileSync(join(REAL, file)))
        .digest('hex'),
    ).toBe(rows.get(file));
  });
});

describe('fixtures/README.md', () => {
  const FIXTURES = join(ROOT, 'fixtures');
  const readmes = filesUnder(FIXTURES).filter((path) => path.endsWith('/README.md'));
  const index = readFileSync(join(FIXTURES, 'README.md'), 'utf8');

  /** Whether the README of the file's folder, or of a folder above it, names it by its name or its path from there. */
  function listed(path: string): boolean {
    for (let dir = dirname(path); dir.startsWith(FIXTURES); dir = dirname(dir)) {
      const readme = join(dir, 'README.md');
      if (!readmes.includes(readme)) continue;
      const text = readFileSync(readme, 'utf8');
      if (text.includes(`\`${basename(path)}\``) || text.includes(`\`${relative(dir, path)}\``)) return true;
    }
    return false;
  }

  it('indexes the README of every fixtures folder that has one', () => {
    const folders = readmes.map((path) => relative(FIXTURES, dirname(path))).filter((folder) => folder !== '' && !folder.includes('/'));
    expect(folders.length).toBeGreaterThanOrEqual(11);
    for (const folder of folders) expect(index, folder).toContain(`](${folder}/README.md)`);
  });

  it('gives every top-level fixtures folder a README', () => {
    const folders = readdirSync(FIXTURES).filter((name) => statSync(join(FIXTURES, name)).isDirectory());
    expect(folders.filter((folder) => !readmes.includes(join(FIXTURES, folder, 'README.md')))).toEqual([]);
  });

  it('has every fixture file named in the README of its folder or of one above it', () => {
    const files = filesUnder(FIXTURES).filter((path) => !path.endsWith('/README.md'));
    expect(files.length).toBeGreaterThanOrEqual(134);
    expect(files.filter((path) => !listed(path)).map((path) => relative(FIXTURES, path))).toEqual([]);
  });
});

describe('a clone of this repository alone', () => {
  // The reference material beside the project is not in a clone: nothing may depend on it.
  const SIBLING = ['..', 'shared'].join('/');
  const TREES = ['src', 'test', 'scripts', '.ci'];

  it('has no source, test, script or README that names the folder beside the project', () => {
    const offenders = [...TREES.flatMap((tree) => filesUnder(join(ROOT, tree))), join(ROOT, 'README.md')]
      .filter((path) => readFileSync(path, 'utf8').includes(SIBLING))
      .map((path) => relative(ROOT, path));
    expect(offenders).toEqual([]);
  });
});
