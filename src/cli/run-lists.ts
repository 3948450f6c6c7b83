// `lists import`, `lists diff`, `lists check`.

import { diffLists, hasChanges, IMPORT_FORMATS, isImportFormat, renderListDiff, type ListIssue } from '../lists/index.js';
import { importListFiles, loadListFile } from '../lists/read.js';
import { isIsoDate } from '../normalize/dates.js';
import { DatasetError, InputError, ScreenerError, UsageError } from '../errors.js';
import type { DatasetFile } from '../dataset/schema.js';
import { EXIT } from './exit-codes.js';
import { messageLines } from '../io/messages.js';
import type { RunEnvironment, RunResult } from './environment.js';

/** Runs a list reader, turning a file-system failure into the tool's one-line input error. */
export function readingList<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ScreenerError) throw error;
    if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
      const why = error.code === 'ENOENT' ? 'does not exist' : error.code === 'EISDIR' ? 'is a directory' : 'cannot be read';
      throw new InputError('UNREADABLE', path, null, `${path} ${why}`, { hint: 'check the path', cause: error });
    }
    throw error;
  }
}

export function listErrors(path: string, result: { readonly errors: readonly ListIssue[] }): DatasetError {
  return new DatasetError(
    path,
    result.errors.map((e) => `${e.file}${e.line === null ? '' : `:${e.line}`}: ${e.message}`),
  );
}

/** `lists import`: published files to a list for --list. */
export function runListsImport(
  format: string,
  files: readonly string[],
  o: Readonly<Record<string, unknown>>,
  env: RunEnvironment,
): RunResult {
  if (!isImportFormat(format))
    throw new UsageError(`lists import: unknown format "${format}"`, { hint: `formats: ${IMPORT_FORMATS.join(', ')}` });
  const output = typeof o['output'] === 'string' ? o['output'] : '';
  const strings = (key: string): string[] => (Array.isArray(o[key]) ? o[key].filter((v): v is string => typeof v === 'string') : []);
  const date = (key: string, flag: string): string | undefined => {
    const v = o[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || !isIsoDate(v)) throw new UsageError(`${flag}: must be a date written YYYY-MM-DD`);
    return v;
  };
  const sources = strings('source').map((s) => s.toUpperCase());
  const cslSources = sources.filter((s): s is 'EL' | 'CMIC' | 'SDN' => s === 'EL' || s === 'CMIC' || s === 'SDN');
  if (cslSources.length !== sources.length) throw new UsageError('--source: EL, CMIC or SDN');
  const listedOn = date('listedOn', '--listed-on');
  const result = readingList(files.join(', '), () =>
    importListFiles(format, files, {
      importedOn: date('importedOn', '--imported-on') ?? env.today,
      ...(strings('program').length > 0 ? { programs: strings('program') } : {}),
      ...(cslSources.length > 0 ? { sources: cslSources } : {}),
      ...(strings('country').length > 0 ? { countries: strings('country').map((c) => c.toUpperCase()) } : {}),
      ...(listedOn === undefined ? {} : { listedOnFallback: listedOn }),
    }),
  );
  if (!result.ok) throw listErrors(files.join(', '), result);
  const verbose = o['verbose'] === true;
  const lines = [
    `${result.dataset.entities.length} entities from ${files.length} file(s) written to ${output}`,
    ...result.skipped.map(
      (k) => `skipped ${k.count} record(s): ${k.reason}${k.examples.length === 0 ? '' : ` (e.g. ${k.examples.slice(0, 3).join('; ')})`}`,
    ),
    ...(verbose
      ? result.warnings.map((w) => `warning: ${w.file}${w.line === null ? '' : `:${w.line}`}: ${w.message}`)
      : result.warnings.length > 0
        ? [`${result.warnings.length} warning(s); -v lists them`]
        : []),
  ];
  return { output: `${JSON.stringify(result.dataset, null, 2)}\n`, outputPath: output, messages: lines, exitCode: EXIT.clean };
}

/** `lists diff`: exit 1 when the lists differ, like diff(1). */
export function runListsDiff(before: string, after: string, o: Readonly<Record<string, unknown>>, env: RunEnvironment): RunResult {
  const load = (path: string): DatasetFile => {
    const result = readingList(path, () => loadListFile(path, { importedOn: env.today }));
    if (!result.ok) throw listErrors(path, result);
    return result.dataset;
  };
  const diff = diffLists(load(before), load(after));
  return {
    output: o['json'] === true ? `${JSON.stringify(diff, null, 2)}\n` : renderListDiff(diff),
    outputPath: null,
    messages: [],
    exitCode: hasChanges(diff) ? EXIT.findings : EXIT.clean,
  };
}

/** `lists check`: a list's problems by line, or its counts. */
export function runListsCheck(file: string, env: RunEnvironment): RunResult {
  const result = readingList(file, () => loadListFile(file, { importedOn: env.today }));
  if (!result.ok) throw listErrors(file, result);
  const d = result.dataset;
  const lines = [
    `${file}: valid, ${d.entities.length} entities, ${d.entities.reduce((n, e) => n + e.names.length, 0)} names, ${d.entities.reduce((n, e) => n + e.securities.length, 0)} securities`,
    // Printed on stdout, and gathered like every warning list: 5,000 records with one fault are not 5,000 lines.
    ...messageLines(result.warnings.map((w) => `warning: ${w.file}${w.line === null ? '' : `:${w.line}`}: ${w.message}`)),
  ];
  return { output: `${lines.join('\n')}\n`, outputPath: null, messages: [], exitCode: EXIT.clean };
}
