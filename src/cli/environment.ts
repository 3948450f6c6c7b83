// What every command function takes and returns.

import type { ExitCode } from './exit-codes.js';
import type { RenderContext } from '../report/types.js';
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';

export interface RunEnvironment {
  /** Today as YYYY-MM-DD, injected for reproducible output. */
  readonly today: string;
  readonly tool: RenderContext['tool'];
  readonly width: number;
  /** Directory where the ignore and config files are looked for. */
  readonly cwd: string;
  /** Called as rows are read, for a progress line; main decides whether to show one. */
  readonly progress?: (file: string, rows: number, done: boolean) => void;
}

export interface RunResult {
  readonly output: string;
  /** Where the output goes; null for stdout. */
  readonly outputPath: string | null;
  /** Lines for stderr: warnings that are not part of the report. */
  readonly messages: readonly string[];
  readonly exitCode: ExitCode;
}

/** Reads and parses a JSON file the options name; a bad one is a usage error naming it. */
export function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${what} ${path} cannot be read`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${what} ${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

