// The only place that writes to stdout/stderr and sets the exit code.

import { fstatSync } from 'node:fs';
import { DatasetError, InputError, ScreenerError, UsageError } from '../errors.js';
import { EXIT } from './exit-codes.js';
import { sanitize } from '../report/format.js';
import type { Invocation } from './program.js';
import { plainScreenLine } from './screen-line.js';
import { isBareVersion, readVersion, versionText } from './version.js';
import { ENCODINGS } from '../ingest/decode.js';
import type { RunResult } from './environment.js';
import { errorCode, fileError, refuseOutputAmong, writeReport } from '../io/files.js';
import { csvProblemText, messageLines, oneLine } from '../io/messages.js';
import { colorAllowed } from './color.js';
import { outputFormatPath } from './outputs.js';

const NAME = 'exposure-screener';

/**
 * Whether standard output (1) or error (2) is a terminal. Only a character device can be one: a pipe or a
 * file (a CI log, a redirect) is told by fstat, without creating process.stdout or process.stderr, which
 * for a pipe loads Node's net module (about 1 ms of a start-up that writes its report to -o).
 */
function isTerminal(fd: 1 | 2): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return (fd === 1 ? standardOutput() : process.stderr).isTTY === true;
}

/**
 * A progress line on stderr while a large file is read: only on a terminal, never in CI logs or
 * pipes, nor with -q, unless --progress asks for it.
 */
function progressFor(invocation: Invocation): { progress?: (file: string, rows: number, done: boolean) => void } {
  const asked = invocation.command === 'screen' && invocation.options['progress'] === true;
  const quiet = invocation.command === 'screen' && invocation.options['quiet'] === true;
  const terminal = isTerminal(2) && (process.env['CI'] ?? '') === '';
  if (invocation.command !== 'screen' || !(asked || (terminal && !quiet))) return {};
  const started = Date.now();
  let last = 0;
  return {
    progress: (file, rows, done) => {
      const now = Date.now();
      if (!done && now - last < 250) return;
      last = now;
      const rate = Math.round(rows / Math.max((now - started) / 1000, 0.001));
      const line = `${file}: ${rows.toLocaleString('en-US')} rows, ${rate.toLocaleString('en-US')} rows/s`;
      process.stderr.write(terminal ? `\r${line}${done ? '\n' : ''}` : done ? `${line}\n` : '');
    },
  };
}

/**
 * How wide the table may be: COLUMNS when set (as shells and CI set it), else the terminal's width; a pipe
 * or file without COLUMNS has no width, so nothing in a log is cut.
 */
function outputWidth(): number {
  const columns = Number(process.env['COLUMNS']);
  if (Number.isInteger(columns) && columns > 0) return columns;
  return isTerminal(1) ? (standardOutput().columns ?? 80) : Number.POSITIVE_INFINITY;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

async function execute(invocation: Invocation, version: string, debugRequested: boolean): Promise<RunResult> {
  // Each command's module is loaded here, not at the top, and only its own: --version and --help pay for
  // none of them, a screen not for the lists' readers, a funds query not for the screen.
  if (isFunds(invocation)) return executeFunds(invocation);
  const env = { today: today(), tool: { name: NAME, version }, width: outputWidth(), cwd: process.cwd(), ...progressFor(invocation) };
  if (invocation.command === 'entities') {
    const { runEntities } = await import('./run-info.js');
    return runEntities({
      json: invocation.options['json'] === true,
      data: typeof invocation.options['data'] === 'string' ? invocation.options['data'] : undefined,
      color: colorAllowed(invocation.options['color'], process.env, isTerminal(1)),
    });
  }
  if (invocation.command === 'explain') {
    const o = invocation.options;
    const minScore = typeof o['minScore'] === 'string' ? Number(o['minScore']) : undefined;
    if (minScore !== undefined && !(minScore >= 0 && minScore <= 1)) throw new UsageError('--min-score: must be a number from 0 to 1');
    const { runExplain } = await import('./run-info.js');
    return runExplain(invocation.text, {
      json: o['json'] === true,
      data: typeof o['data'] === 'string' ? o['data'] : undefined,
      exchange: typeof o['exchange'] === 'string' ? o['exchange'] : undefined,
      minScore,
    });
  }
  if (invocation.command === 'inspect') {
    const o = invocation.options;
    const encoding = ENCODINGS.find((e) => e === o['encoding']);
    const { runInspect } = await import('./run-info.js');
    return runInspect(invocation.file, {
      json: o['json'] === true,
      encoding,
      columns: typeof o['columns'] === 'string' ? o['columns'] : undefined,
    });
  }
  if (invocation.command === 'lists-import' || invocation.command === 'lists-diff' || invocation.command === 'lists-check') {
    const { runListsCheck, runListsDiff, runListsImport } = await import('./run-lists.js');
    if (invocation.command === 'lists-import') return runListsImport(invocation.format, invocation.files, invocation.options, env);
    if (invocation.command === 'lists-diff') return runListsDiff(invocation.before, invocation.after, invocation.options, env);
    return runListsCheck(invocation.file, env);
  }
  if (invocation.command === 'data') {
    const { runData } = await import('./run-info.js');
    return runData(
      {
        json: invocation.options['json'] === true,
        data: typeof invocation.options['data'] === 'string' ? invocation.options['data'] : undefined,
      },
      env,
    );
  }
  const [{ runScreen }, { compileModeFor, useCompileMode }] = await Promise.all([import('./run-screen.js'), import('./compile-tuning.js')]);
  return await runScreen(
    invocation.files,
    {
      ...invocation.options,
      color: colorAllowed(invocation.options['color'], process.env, isTerminal(1)),
      debug: invocation.options['debug'] === true || debugRequested,
    },
    {
      ...env,
      compiler: {
        tune: (bytes) => {
          const mode = compileModeFor(bytes, process.versions.v8);
          useCompileMode(mode);
          return mode;
        },
        restore: () => useCompileMode('default'),
      },
    },
  );
}

type FundsInvocation = Extract<Invocation, { readonly command: `funds-${string}` }>;

function isFunds(invocation: Invocation): invocation is FundsInvocation {
  return invocation.command.startsWith('funds-');
}

/** The funds commands (src/cli/run-funds.ts); an import shows rows and bytes on a terminal, or with --progress. */
async function executeFunds(invocation: FundsInvocation): Promise<RunResult> {
  // Only the funds module: a query should not pay for the screen's reporters and readers.
  // run-funds.ts loads better-sqlite3, an optional native dependency: say so if it is missing.
  await import('./screen-library.js').then((m) => m.loadLibraryStore());
  const { runFundsHolders, runFundsImport, runFundsList, runFundsRemove, runFundsShow } = await import('./run-funds.js');
  const env = { today: today(), tool: { name: NAME, version: readVersion() }, width: outputWidth(), cwd: process.cwd() };
  switch (invocation.command) {
    case 'funds-import': {
      const terminal = isTerminal(2) && (process.env['CI'] ?? '') === '';
      const show = terminal || invocation.options['progress'] === true;
      const progress = (line: string, done: boolean): void => {
        if (terminal) process.stderr.write(done ? '\r\x1b[K' : `\r\x1b[K${line.slice(0, (process.stderr.columns ?? 100) - 1)}`);
        else if (!done) process.stderr.write(`${line}\n`);
      };
      return runFundsImport(invocation.files, invocation.options, env, show ? progress : undefined);
    }
    case 'funds-holders':
      return runFundsHolders(invocation.entity, invocation.options, env);
    case 'funds-list':
      return runFundsList(invocation.options);
    case 'funds-show':
      return runFundsShow(invocation.fund, invocation.options);
    case 'funds-remove':
      return runFundsRemove(invocation.target, invocation.options);
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const debug = argv.includes('--debug');
  const version = readVersion();
  // `--version` alone is answered before commander is loaded (the bin answers it before this module is).
  if (isBareVersion(argv)) {
    standardOutput().write(versionText(version));
    process.exitCode = EXIT.clean;
    return;
  }
  try {
    // A plain screen line is read without loading commander (screen-line.ts); commander reads any other.
    const invocation = plainScreenLine(argv) ?? (await commanderInvocation(argv, version));
    if (invocation === null) return;
    refuseOutputAmong(outputOf(invocation), inputsOf(invocation));
    for (const path of outputFormatPaths(invocation)) refuseOutputAmong(path, inputsOf(invocation), '--output-format');
    const result = await execute(invocation, version, debug);
    for (const line of messageLines(result.messages)) process.stderr.write(`${sanitize(line)}\n`);
    for (const file of result.files ?? []) writeReport(file.path, file.text, file.flag);
    if (result.outputPath === null) await writeStdout(result.output);
    else writeReport(result.outputPath, result.output);
    process.exitCode = result.exitCode;
  } catch (error) {
    reportError(error, debug);
  }
}

/** What commander reads from the line; null when that is all there is to do (help, --version, a usage error). */
async function commanderInvocation(argv: readonly string[], version: string): Promise<Invocation | null> {
  const [{ CommanderError }, { buildProgram }] = await Promise.all([import('commander'), import('./program.js')]);
  let invocation: Invocation | null = null;
  const shown: string[] = [];
  const program = buildProgram(
    version,
    (i) => {
      invocation = i;
    },
    (text) => shown.push(text),
  );
  try {
    program.parse([...argv]);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.code === 'commander.version') {
      standardOutput().write(versionText(version));
      process.exitCode = EXIT.clean;
    } else if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help') {
      standardOutput().write(shown.join(''));
      process.exitCode = EXIT.clean;
    } else {
      process.stderr.write(`${NAME}: ${error.message.replace(/^error: /, '')} (run with --help for usage)\n`);
      process.exitCode = EXIT.error;
    }
    return null;
  }
  if (invocation === null) {
    standardOutput().write(program.helpInformation());
    process.exitCode = EXIT.clean;
  }
  return invocation;
}

/** Where the report of an invocation goes; null for stdout. */
function outputOf(invocation: Invocation): string | null {
  const output = invocation.command === 'screen' || invocation.command === 'lists-import' ? invocation.options['output'] : undefined;
  return typeof output === 'string' ? output : null;
}

/** The files --output-format names (FORMAT=FILE; a malformed one is refused later, with the others). */
function outputFormatPaths(invocation: Invocation): string[] {
  const specs = invocation.command === 'screen' ? invocation.options['outputFormat'] : undefined;
  return (Array.isArray(specs) ? specs : []).flatMap((spec) => {
    const path = typeof spec === 'string' ? outputFormatPath(spec) : null;
    return path === null ? [] : [path];
  });
}

/** Every path an invocation names as something to read (-o may not be one of them). */
function inputsOf(invocation: Invocation): string[] {
  const o = invocation.options;
  const strings = (v: unknown): string[] =>
    typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  const files = invocation.command === 'screen' || invocation.command === 'lists-import' ? invocation.files : [];
  const funds = strings(o['funds']).map((spec) => /^[A-Za-z0-9.]{1,12}=(.+)$/.exec(spec)?.[1] ?? spec);
  return [...files, ...strings(o['data']), ...strings(o['list']), ...strings(o['ignoreFile']), ...strings(o['config']), ...funds].filter(
    (p) => p !== '-',
  );
}

/** The one line (and with --debug the stack) for an error, and exit 2: exit 1 means "flagged" only. */
function reportError(error: unknown, debug: boolean): void {
  process.exitCode = EXIT.error;
  if (error instanceof DatasetError && error.problems.length > 1) {
    // A list with several bad lines: one line each, so all are fixed in one go.
    process.stderr.write(`${NAME}: ${error.problems.length} problems in ${oneLine(sanitize(error.file))}; ${error.hint ?? ''}\n`);
    for (const problem of error.problems.slice(0, 50)) process.stderr.write(`  ${oneLine(sanitize(problem))}\n`);
    if (error.problems.length > 50) process.stderr.write(`  … ${error.problems.length - 50} more\n`);
    return;
  }
  const known = error instanceof ScreenerError ? error : fileSystemError(error);
  if (known !== null) {
    // Messages quote the user's files: no escape sequence from a file reaches the terminal, and no
    // more of a file than a short excerpt.
    process.stderr.write(`${NAME}: ${oneLine(sanitize(messageOf(known)))}${known.hint === null ? '' : `; ${known.hint}`}\n`);
    if (debug && known.stack !== undefined) process.stderr.write(`${known.stack}\n`);
    return;
  }
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.stderr.write(
    `${NAME}: unexpected error (${oneLine(sanitize(what), 160)}); please report it with the command you ran${debug ? '' : ', and run it again with --debug for the details'}\n`,
  );
  if (debug) process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
}

/** A Node file-system error that escaped the readers (it names its path) as our one-line error. */
function fileSystemError(error: unknown): ScreenerError | null {
  if (errorCode(error) === '' || !(error instanceof Error) || !('path' in error) || typeof error.path !== 'string') return null;
  return fileError(error.path, error, 'syscall' in error && (error.syscall === 'write' || error.syscall === 'rename'));
}

/** An error's message, with csv-parse's wording replaced by ours (the file and line stay). */
function messageOf(error: ScreenerError): string {
  const cause = error.cause;
  if (error instanceof InputError && error.code === 'CSV_SYNTAX' && cause instanceof Error && errorCode(cause).startsWith('CSV_')) {
    return `${error.file}${error.line === null ? '' : `:${error.line}`}: ${csvProblemText(errorCode(cause))}`;
  }
  return error.message;
}

/** A failed write to stdout: the report is incomplete, whatever the exit code would have been. */
function stdoutError(error: unknown): ScreenerError {
  return fileError(
    'standard output',
    error,
    true,
    errorCode(error) === 'EPIPE' ? 'the report was cut short' : 'the report is incomplete; write it with -o to a disk with room',
  );
}

let stdoutWatched = false;

/**
 * process.stdout, watched from its first use: EPIPE after the report was handed over (the reader went
 * away) is said once, exit 2. Not made before: a screen that writes its report to -o never creates the
 * stream, which for a pipe loads Node's net module.
 */
function standardOutput(): NodeJS.WriteStream {
  if (!stdoutWatched) {
    stdoutWatched = true;
    process.stdout.on('error', (error) => {
      reportError(stdoutError(error), false);
      process.exit(EXIT.error);
    });
  }
  return process.stdout;
}

/** Writes the report to stdout; a closed pipe or a full disk is exit 2 with one line, not a crash. */
function writeStdout(text: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const fail = (error: unknown): void => reject(stdoutError(error));
    const stdout = standardOutput();
    stdout.once('error', fail);
    try {
      stdout.write(text, (error) => {
        stdout.off('error', fail);
        if (error === null || error === undefined) resolvePromise();
        else fail(error);
      });
    } catch (error) {
      fail(error);
    }
  });
}

// A failure outside the promise chain (a stream's 'error' event) is still one line and exit 2.
process.on('uncaughtException', (error) => {
  reportError(error, process.argv.includes('--debug'));
  process.exit(EXIT.error);
});

// Not a top-level await: the start-up bundle (scripts/build-bundle.mjs) is a CommonJS script, which has none.
// What main does not catch itself (loading commander) is still one line and exit 2.
main(process.argv).catch((error: unknown) => reportError(error, process.argv.includes('--debug')));
