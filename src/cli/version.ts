// What --version prints, read without commander or the list's schema: `--version` loads next to nothing.

import { readFileSync } from 'node:fs';

/** The tool's version, from its package.json. */
export function readVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  return typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

/**
 * What --version prints: the tool's version, then the bundled list's version and review date. The list is
 * read as plain JSON, not validated (that needs zod): --version stays fast.
 */
export function versionText(version: string): string {
  let list = 'list: data/entities.json could not be read';
  try {
    const data: unknown = JSON.parse(readFileSync(new URL('../../data/entities.json', import.meta.url), 'utf8'));
    if (typeof data === 'object' && data !== null && 'version' in data && 'reviewedAt' in data)
      list = `list ${String(data.version)}, reviewed ${String(data.reviewedAt)}`;
  } catch {
    // the line above says so
  }
  return `${version}\n${list}\n`;
}

/** Whether the command line is `--version` (or `-V`) and nothing else: answered before anything else is loaded. */
export function isBareVersion(argv: readonly string[]): boolean {
  return argv.length === 3 && (argv[2] === '--version' || argv[2] === '-V');
}
