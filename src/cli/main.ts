// The only place that writes to stdout/stderr and sets the exit code.

import { readFileSync, writeFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { DatasetError, ScreenerError, UsageError } from '../errors.js';
import { EXIT } from './exit-codes.js';
import { sanitize } from '../report/format.js';
import { buildProgram, type Invocation } from './program.js';
import { ENCODINGS } from '../ingest/decode.js';
import type { RunResult } from './run.js';

const NAME = 'exposure-screener';

function readVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  return typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
function colorAllowed(requested: unknown): boolean {
  return requested !== false && process.stdout.isTTY === true && (process.env['NO_COLOR'] ?? '') === '' && process.env['TERM'] !== 'dumb';
}

/**
 * A progress line on stderr while a large file is read: only on a terminal, never in CI logs or
 * pipes, unless --progress asks for it.
 */
function progressFor(invocation: Invocation): { progress?: (file: string, rows: number, done: boolean) => void } {
  const asked = invocation.command === 'screen' && invocation.options['progress'] === true;
  const terminal = process.stderr.isTTY === true && (process.env['CI'] ?? '') === '';
  if (invocation.command !== 'screen' || !(asked || terminal)) return {};
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

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

async function execute(invocation: Invocation, version: string, debugRequested: boolean): Promise<RunResult> {
  // Loaded here, not at the top: --version and --help should not pay for zod, csv-parse and the reporters.
  const { runData, runEntities, runExplain, runInspect, runListsCheck, runListsDiff, runListsImport, runScreen } = await import('./run.js');
  const env = { today: today(), tool: { name: NAME, version }, width: process.stdout.columns ?? 100, cwd: process.cwd(), ...progressFor(invocation) };
  if (invocation.command === 'entities') {
    return runEntities({
      json: invocation.options['json'] === true,
      data: typeof invocation.options['data'] === 'string' ? invocation.options['data'] : undefined,
      color: colorAllowed(invocation.options['color']),
    });
  }
  if (invocation.command === 'explain') {
    const o = invocation.options;
    const minScore = typeof o['minScore'] === 'string' ? Number(o['minScore']) : undefined;
    if (minScore !== undefined && !(minScore >= 0 && minScore <= 1)) throw new UsageError('--min-score: must be a number from 0 to 1');
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
    return runInspect(invocation.file, { json: o['json'] === true, encoding, columns: typeof o['columns'] === 'string' ? o['columns'] : undefined });
  }
  if (invocation.command === 'lists-import') return runListsImport(invocation.format, invocation.files, invocation.options, env);
  if (invocation.command === 'lists-diff') return runListsDiff(invocation.before, invocation.after, invocation.options, env);
  if (invocation.command === 'lists-check') return runListsCheck(invocation.file, env);
  if (invocation.command === 'data') {
    return runData({ json: invocation.options['json'] === true, data: typeof invocation.options['data'] === 'string' ? invocation.options['data'] : undefined }, env);
  }
  return await runScreen(invocation.files, { ...invocation.options, color: colorAllowed(invocation.options['color']), debug: invocation.options['debug'] === true || debugRequested }, env);
}

async function main(argv: readonly string[]): Promise<void> {
  const debug = argv.includes('--debug');
  const version = readVersion();
  let invocation: Invocation | null = null;
  const program = buildProgram(version, (i) => {
    invocation = i;
  });
  try {
    program.parse([...argv]);
    if (invocation === null) {
      process.stdout.write(program.helpInformation());
      process.exitCode = EXIT.clean;
      return;
    }
    const result = await execute(invocation, version, debug);
    for (const message of result.messages) process.stderr.write(`${sanitize(message)}\n`);
    if (result.outputPath === null) process.stdout.write(result.output);
    else {
      try {
        writeFileSync(result.outputPath, result.output);
      } catch (error) {
        throw new UsageError(`cannot write ${result.outputPath}`, { hint: 'check that its folder exists and is writable', cause: error });
      }
    }
    process.exitCode = result.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.version') {
        process.stdout.write(`${version}\n`);
        process.exitCode = EXIT.clean;
      } else if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help') {
        process.stdout.write(helpFor(program, argv));
        process.exitCode = EXIT.clean;
      } else {
        process.stderr.write(`${NAME}: ${error.message.replace(/^error: /, '')} (run with --help for usage)\n`);
        process.exitCode = EXIT.error;
      }
      return;
    }
    if (error instanceof DatasetError && error.problems.length > 1) {
      // A list with several bad lines: one line each, so all are fixed in one go.
      process.stderr.write(`${NAME}: ${error.problems.length} problems in ${error.file}; ${error.hint ?? ''}\n`);
      for (const problem of error.problems.slice(0, 50)) process.stderr.write(`  ${sanitize(problem)}\n`);
      if (error.problems.length > 50) process.stderr.write(`  … ${error.problems.length - 50} more\n`);
      process.exitCode = EXIT.error;
      return;
    }
    if (error instanceof ScreenerError) {
      // Messages quote the user's files: no escape sequence from a file reaches the terminal.
      process.stderr.write(`${NAME}: ${sanitize(error.message)}${error.hint === null ? '' : `; ${error.hint}`}\n`);
      if (debug && error.stack !== undefined) process.stderr.write(`${error.stack}\n`);
      process.exitCode = EXIT.error;
      return;
    }
    process.stderr.write(`${NAME}: unexpected error, please report it with the command you ran\n`);
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT.error;
  }
}

/** The help of the subcommand named in argv, or of the program. */
function helpFor(program: ReturnType<typeof buildProgram>, argv: readonly string[]): string {
  const sub = program.commands.find((c) => argv.slice(2).includes(c.name()));
  return (sub ?? program).helpInformation();
}

await main(process.argv);
