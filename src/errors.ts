/**
 * Errors the tool expects and can explain in one line. The CLI maps every one of them
 * to exit code 2; anything else is a bug and is printed with its stack.
 */
export class ScreenerError extends Error {
  readonly code: string;
  /** What the user can do about it. */
  readonly hint: string | null;

  constructor(code: string, message: string, options?: { hint?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options?.hint ?? null;
  }
}

/** Wrong arguments or options. */
export class UsageError extends ScreenerError {
  constructor(message: string, options?: { hint?: string; cause?: unknown }) {
    super('USAGE', message, options);
  }
}

/** A holdings file that cannot be read or screened. */
export class InputError extends ScreenerError {
  readonly file: string;
  readonly line: number | null;

  constructor(code: string, file: string, line: number | null, message: string, options?: { hint?: string; cause?: unknown }) {
    super(code, message, options);
    this.file = file;
    this.line = line;
  }
}

/** The curated list (or a user-supplied list) is invalid. */
export class DatasetError extends ScreenerError {
  readonly file: string;
  readonly problems: readonly string[];

  constructor(file: string, problems: readonly string[], hint = 'fix the data file or report the problem') {
    super('DATASET_INVALID', `${problems.length} problem(s) in ${file}: ${problems[0] ?? ''}`, { hint });
    this.file = file;
    this.problems = problems;
  }
}
