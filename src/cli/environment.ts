// What every command function takes and returns.

import type { CompileMode } from './compile-tuning.js';
import type { ExitCode } from './exit-codes.js';
import type { RenderContext } from '../report/types.js';
import { UsageError } from '../errors.js';
import { readSideText, type SideFileKind } from '../io/files.js';
import { parseJsonText, repeatedKey } from '../io/json.js';

export interface RunEnvironment {
  /** Today as YYYY-MM-DD, injected for reproducible output. */
  readonly today: string;
  readonly tool: RenderContext['tool'];
  readonly width: number;
  /** Directory where the ignore and config files are looked for. */
  readonly cwd: string;
  /** Called as rows are read, for a progress line; main decides whether to show one. */
  readonly progress?: (file: string, rows: number, done: boolean) => void;
  /** csv-parse for every CSV file, rather than the byte reader where it can: the readers' equivalence test. */
  readonly reader?: 'csv-parse';
  /**
   * V8's compiler, tuned by the bin for a screen's input (compile-tuning.ts): `tune` once before the rows,
   * with the input's size in bytes (null when unknown), says how; `restore` after them. Tests and library
   * callers leave their process as it is.
   */
  readonly compiler?: { tune(inputBytes: number | null): CompileMode; restore(): void };
}

/** A report to write to a file, and the flag that named the file (for its error messages). */
export interface ReportFile {
  readonly path: string;
  readonly text: string;
  readonly flag: string;
}

export interface RunResult {
  readonly output: string;
  /** Where the output goes; null for stdout. */
  readonly outputPath: string | null;
  /** More reports of the same run, each to its file (--output-format); written by main.ts before stdout. */
  readonly files?: readonly ReportFile[];
  /** Lines for stderr: warnings that are not part of the report. */
  readonly messages: readonly string[];
  readonly exitCode: ExitCode;
}

/**
 * Reads and parses a JSON file the options name, within the size limit of its kind; a bad one is a
 * usage error naming it, in words that quote nothing of the file.
 */
export function readJson(path: string, what: string, kind: SideFileKind): unknown {
  const text = readSideText(path, kind);
  const parsed = parseJsonText(text);
  if (parsed.ok) {
    const repeated = repeatedKey(text);
    if (repeated !== null) {
      throw new UsageError(`${what} ${path}:${repeated.line}: "${repeated.key.slice(0, 40)}" is given twice in one object`, {
        hint: 'keep one of them; JSON would silently keep the last',
      });
    }
    return parsed.value;
  }
  throw new UsageError(`${what} ${path}${parsed.line === null ? '' : `:${parsed.line}`} is not valid JSON: ${parsed.what}`, {
    hint: 'fix the file, or check that this is the file you meant',
  });
}
