// `screen`: options in, { output, messages, exitCode } out. Wiring only: setup (screen-setup.ts), the
// files streamed into the pure screener, the outcome's checks and messages (screen-outcome.ts), a reporter.

import { resolve } from 'node:path';
import { datasetFor, fundDataFor, nameNormalizerFor } from '../dataset/bundled.js';
import { DatasetError, UsageError } from '../errors.js';
import { DEFAULT_THRESHOLDS } from '../exposure/policy.js';
import { streamHoldingsInputs } from '../ingest/stream.js';
import { buildMatchIndex } from '../match/build-index.js';
import type { RawHolding, ScreenResult } from '../model.js';
import { daysBetween } from '../normalize/dates.js';
import { checkWritable, holdingsFileSize } from '../io/files.js';
import { isNote } from '../io/messages.js';
import { loadReporter, showsInputHash, type Format, type RenderContext } from '../report/index.js';
import { createScreener, type FileScreen } from '../screen.js';
import type { ReportFile, RunEnvironment, RunResult } from './environment.js';
import { exitCodeFor } from './exit-codes.js';
import { parseColumnsOption, parseScreenOptions, recordedOptions } from './options.js';
import { csvBomWanted, parseOutputFormats, UTF8_BOM } from './outputs.js';
import { compileNote, type CompileMode } from './compile-tuning.js';
import { screenLibrary } from './screen-library.js';
import { applyIgnoreFile, checkScreened, outcomeMessages } from './screen-outcome.js';
import { DATA_AGE_WARNING_DAYS, loadConfig, loadFxTable, loadIgnoreFile, prepareLookThrough, screeningLists } from './screen-setup.js';

/** The read option of a run whose reports show no file's hash. */
const NO_HASH: { readonly hash: false } = { hash: false };

/** The files' size in bytes (holdingsFileSize), or null when one's is not known. */
function inputBytes(files: readonly string[]): number | null {
  let bytes = 0;
  for (const path of files) {
    const size = holdingsFileSize(path);
    if (size === null) return null;
    bytes += size;
  }
  return bytes;
}

/** Reads every file, screens them as one portfolio and renders the report. */
export async function runScreen(
  files: readonly string[],
  rawOptions: Readonly<Record<string, unknown>>,
  env: RunEnvironment,
): Promise<RunResult> {
  const configPath = typeof rawOptions['config'] === 'string' ? rawOptions['config'] : undefined;
  const { config } = await loadConfig(configPath, env.cwd);
  // The fund library's --library/--no-library (seam; run-funds.ts owns them).
  const { library: libraryOption, ...screenOptions } = rawOptions;
  const options = parseScreenOptions(screenOptions, config);
  const outputFiles = parseOutputFormats(options.outputFormat, options.output, env.cwd);
  // Every report's file is checked before the screen: a long run should not end in "cannot write".
  if (options.output !== undefined) checkWritable(resolve(env.cwd, options.output), '-o', options.output);
  for (const file of outputFiles) checkWritable(resolve(env.cwd, file.path), '--output-format', file.path);
  const messages: string[] = [];
  const loaded = await datasetFor(options.data);
  if (options.debug) messages.push(...loaded.warnings.map((w) => `data warning: ${w}`));
  const lists = await screeningLists(loaded.dataset, options.list, options.onlyLists, env.today);
  messages.push(...lists.messages);
  const dataset = lists.dataset;

  const age = daysBetween(dataset.reviewedAt, env.today);
  if (options.maxDataAge !== undefined && age > options.maxDataAge) {
    throw new DatasetError(
      loaded.path,
      [`the list was last reviewed on ${dataset.reviewedAt}, ${age} days ago, more than --max-data-age ${options.maxDataAge}`],
      'update exposure-screener for a newer list, or raise --max-data-age',
    );
  }
  if (age > DATA_AGE_WARNING_DAYS) {
    messages.push(
      `warning: the list was last reviewed on ${dataset.reviewedAt} (${age} days ago); update exposure-screener, or pass --max-data-age to make this an error`,
    );
  }

  const ignore = options.ignore ? await loadIgnoreFile(options.ignoreFile, env.cwd) : null;
  const fx = await loadFxTable(options, env.cwd);
  const columns = options.columns === undefined ? undefined : parseColumnsOption(options.columns);
  // V8's compiler is tuned for the input's size (the bin's, compile-tuning.ts) once the first file's reader
  // has loaded what it needs, and restored when the rows are read: Node's modules loaded while it is
  // tuned are compiled without their code cache.
  const { compiler } = env;
  let compiled: CompileMode | null = null;
  const beforeRows =
    compiler === undefined
      ? undefined
      : (): void => {
          if (compiled !== null) return;
          const bytes = inputBytes(files);
          compiled = compiler.tune(bytes);
          if (options.debug) messages.push(compileNote(compiled, bytes));
        };
  const readOptions = {
    ...(beforeRows === undefined ? {} : { beforeRows }),
    ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
    ...(columns === undefined ? {} : { columns }),
    ...(env.reader === undefined ? {} : { reader: env.reader }),
    // No report of the run shows the files' hashes: none is taken (node:crypto, ~2 ms to load, is not).
    ...([options.format, ...outputFiles.map((f) => f.format)].some(showsInputHash) ? {} : NO_HASH),
  };
  // Fund data names the curated entities; with --only-lists there are none to look through to.
  const lookingThrough = options.lookThrough && !options.onlyLists;
  if (options.requireLookThrough && !lookingThrough) {
    // Every fund would go unseen and the gate would pass on nothing: refuse rather than mislead.
    throw new UsageError(
      `--require-look-through cannot be met with ${options.onlyLists ? '--only-lists (which screens without look-through)' : '--no-look-through'}`,
      {
        hint: 'drop one of the two options',
      },
    );
  }
  const prepared = lookingThrough
    ? prepareLookThrough(await fundDataFor(loaded), options.funds, options.includeBeforeListing, { files, cwd: env.cwd })
    : undefined;
  // The fund library (seam): one more source of fund holdings beside --funds, when there is one.
  const library = prepared === undefined ? null : await screenLibrary(libraryOption, prepared.options.catalog);
  const lookThrough =
    prepared === undefined ? undefined : library === null ? prepared.options : { ...prepared.options, library: library.library };
  messages.push(...(prepared?.notes ?? []));
  const screener = createScreener(dataset, {
    // The bundled list's names by the build's table of their words: the index a screen would build, less
    // normalising every name of the list at every start.
    index: buildMatchIndex(dataset, await nameNormalizerFor(loaded)),
    importedEntityIds: lists.importedEntityIds,
    origins: lists.origins,
    today: env.today,
    ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
    thresholds: options.minScore === undefined ? DEFAULT_THRESHOLDS : { ...DEFAULT_THRESHOLDS, review: options.minScore },
    ...(lookThrough === undefined ? {} : { lookThrough }),
    ...(fx === undefined ? {} : { fx }),
  });
  // Files are streamed row by row into the screener: memory stays flat whatever their size.
  const seen = new Set<string>();
  for (const path of files) {
    const key = path === '-' ? '-' : resolve(env.cwd, path);
    if (seen.has(key)) throw new UsageError(`${path} is given twice; each file is screened once`, { hint: 'remove the repeated file' });
    seen.add(key);
  }
  for (const path of files) {
    // Each input the file holds: the file, or each sheet of a workbook with data ("book.xlsx[Holdings]").
    const open = new Map<string, { readonly screenFile: FileScreen; readonly rows: () => number }>();
    const tick = env.progress;
    for await (const meta of streamHoldingsInputs(path, readOptions, (name) => {
      const screenFile = screener.openFile(name);
      let rows = 0;
      open.set(name, { screenFile, rows: () => rows });
      if (tick === undefined) return screenFile;
      return {
        row: (r: RawHolding): void => {
          screenFile.row(r);
          if (++rows % 10_000 === 0) tick(name, rows, false);
        },
        skip: screenFile.skip,
        verdict: screenFile.verdict,
        repeat: (...args: Parameters<typeof screenFile.repeat>): void => {
          screenFile.repeat(...args);
          if (++rows % 10_000 === 0) tick(name, rows, false);
        },
      };
    })) {
      const input = open.get(meta.file);
      if (input === undefined) continue;
      tick?.(meta.file, input.rows(), true);
      input.screenFile.close({
        encoding: meta.encoding,
        asOfText: meta.asOfText,
        asOfLine: meta.asOfLine,
        sha256: meta.sha256,
        lineCount: meta.lineCount,
        headerLines: meta.headerLines,
        dateVotes: meta.dateVotes,
        ...(meta.sheet === undefined ? {} : { sheet: meta.sheet }),
      });
    }
  }
  if (compiled !== null) compiler?.restore();
  let result: ScreenResult = screener.finish();
  library?.close(); // the fund library (seam): finish() was its last reader
  checkScreened(result, options.strict);
  if (ignore !== null) {
    const applied = applyIgnoreFile(result, ignore, dataset, env.today);
    result = applied.result;
    messages.push(...applied.messages);
  }
  const policy = { failOn: options.failOn, scope: options.scope, maxExposure: options.maxExposure ?? null };
  messages.push(...outcomeMessages(result, prepared, policy, options.requireLookThrough));
  const ctx: RenderContext = {
    color: options.color && options.output === undefined,
    width: env.width,
    verbose: options.verbose,
    tool: env.tool,
    cwd: env.cwd,
    options: recordedOptions(options),
  };
  // One screen, each format rendered from it: a file gets no colour and is never cut to a terminal's width.
  const fileCtx: RenderContext = { ...ctx, color: false, width: Number.POSITIVE_INFINITY };
  const render = async (format: Format, context: RenderContext, path: string | null): Promise<string> => {
    const text = (await loadReporter(format, context.color))(result, context);
    return format === 'csv' && csvBomWanted(options.csvBom, path) ? `${UTF8_BOM}${text}` : text;
  };
  const output =
    options.quiet && options.format === 'table'
      ? `${(await import('../report/table.js')).summaryLine(result)}\n`
      : await render(options.format, options.output === undefined ? ctx : fileCtx, options.output ?? null);
  const reports: ReportFile[] = [];
  for (const file of outputFiles) {
    reports.push({ path: resolve(env.cwd, file.path), text: await render(file.format, fileCtx, file.path), flag: '--output-format' });
  }
  return {
    output,
    outputPath: options.output ?? null,
    files: reports,
    // -q: the summary and what is wrong, not the notes (warnings and errors always reach stderr).
    messages: options.quiet ? messages.filter((m) => !isNote(m)) : messages,
    exitCode: exitCodeFor(result, policy, { requireLookThrough: options.requireLookThrough }),
  };
}
