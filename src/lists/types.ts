// Types shared by the list importers. Types only.

import type { DatasetFile } from '../dataset/schema.js';

/** One input file as the importers see it: its text, already decoded, and the hash of its bytes. */
export interface ListInput {
  /** The path or name the user gave, used in messages and in the source it becomes. */
  readonly file: string;
  readonly text: string;
  /** SHA-256 of the file's bytes, hex. */
  readonly sha256: string;
}

/** A problem with one line of an input file (line null: the file as a whole). */
export interface ListIssue {
  readonly file: string;
  readonly line: number | null;
  readonly message: string;
}

/** Records an importer read but did not turn into entities, by reason. */
export interface SkipCount {
  readonly reason: string;
  readonly count: number;
  /** Up to five names, for a person to recognise them. */
  readonly examples: readonly string[];
}

/** What every importer returns: a list that passed validateDataset, or every error found. */
export type ListResult =
  | {
      readonly ok: true;
      readonly dataset: DatasetFile;
      readonly warnings: readonly ListIssue[];
      readonly skipped: readonly SkipCount[];
    }
  | { readonly ok: false; readonly errors: readonly ListIssue[]; readonly warnings: readonly ListIssue[] };

/** Options every importer takes. */
export interface ImportOptions {
  /** Day of the import (YYYY-MM-DD), injected so output is reproducible; becomes `reviewedAt`. */
  readonly importedOn: string;
}
