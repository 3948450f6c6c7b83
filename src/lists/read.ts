// The only module of lists that touches the file system: reads list files, then calls the pure
// importers. Errors of the file system (ENOENT…) are thrown for the CLI to word.

import { createHash } from 'node:crypto';
import { decodeBytes } from '../ingest/decode.js';
import { readSideFile, type SideFileKind } from '../io/files.js';
import { importListInputs, parseListFile, type ImportFormat, type ImportListOptions } from './import.js';
import type { ImportOptions, ListInput, ListResult } from './types.js';

/** Decodes bytes already in memory (BOM, strict UTF-8, else windows-1252) and hashes them. Pure. */
function listInputFromBytes(file: string, bytes: Uint8Array): ListInput {
  const decoded = decodeBytes(bytes);
  const text = (decoded?.text ?? '').replace(/^\uFEFF/, '');
  return { file, text, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Reads one list file (a --list file, or an official file to import), within its kind's size limit. */
export function readListInput(path: string, kind: SideFileKind = 'list'): ListInput {
  return listInputFromBytes(path, readSideFile(path, kind));
}

/** `lists import <format> <files…>`: reads the files and converts them. */
export function importListFiles(format: ImportFormat, paths: readonly string[], options: ImportListOptions): ListResult {
  return importListInputs(
    format,
    paths.map((path) => readListInput(path, 'import')),
    options,
  );
}

/** `--list <file>` and `lists diff <old> <new>`: reads a list in our JSON schema or the user CSV. */
export function loadListFile(path: string, options: ImportOptions): ListResult {
  return parseListFile(readListInput(path), options);
}
