// Dispatch for `lists import <format> <files…>` and `--list <file>`. Pure: takes decoded inputs.

import { validateDataset } from '../dataset/validate.js';
import { importCsl, type CslOptions, type CslSourceCode } from './csl.js';
import { classifyOfacFile, importOfacConsolidated, type OfacFileRole, type OfacFiles } from './ofac-consolidated.js';
import type { ImportOptions, ListInput, ListIssue, ListResult } from './types.js';
import { parseUserCsv } from './user-csv.js';
import { parseJsonText } from '../io/json.js';

/** Formats `lists import` reads. */
export const IMPORT_FORMATS = ['ofac-consolidated', 'ofac-sdn', 'csl'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportListOptions extends ImportOptions {
  /** OFAC: program tags to keep. */
  readonly programs?: readonly string[];
  /** CSL: sub-lists to keep (default EL and CMIC). */
  readonly sources?: readonly CslSourceCode[];
  /** CSL: ISO country codes to keep. */
  readonly countries?: readonly string[];
  /** Listing date for records that state none; default importedOn. */
  readonly listedOnFallback?: string;
}

/** Whether a text names an import format. */
export function isImportFormat(text: string): text is ImportFormat {
  return IMPORT_FORMATS.some((f) => f === text);
}

function fail(file: string, message: string): ListResult {
  return { ok: false, errors: [{ file, line: null, message }], warnings: [] };
}

/** Sorts OFAC files into their roles (by name, else by column count); errors name the file. */
export function assignOfacFiles(inputs: readonly ListInput[]): { ok: true; files: OfacFiles } | { ok: false; errors: ListIssue[] } {
  const byRole = new Map<OfacFileRole, ListInput>();
  const errors: ListIssue[] = [];
  for (const input of inputs) {
    const role = classifyOfacFile(input);
    if (role === null)
      errors.push({
        file: input.file,
        line: null,
        message: 'not an OFAC CSV file (expected 12 columns for the primary file, 5 for alternate names, 6 for addresses, 2 for comments)',
      });
    else if (byRole.has(role))
      errors.push({ file: input.file, line: null, message: `a second ${role} file (the first is ${byRole.get(role)?.file ?? ''})` });
    else byRole.set(role, input);
  }
  const prim = byRole.get('prim');
  if (prim === undefined && errors.length === 0)
    errors.push({ file: inputs[0]?.file ?? '', line: null, message: 'no primary file (cons_prim.csv or sdn.csv) among the files given' });
  if (errors.length > 0 || prim === undefined) return { ok: false, errors };
  const alt = byRole.get('alt');
  const add = byRole.get('add');
  const comments = byRole.get('comments');
  return {
    ok: true,
    files: {
      prim,
      ...(alt === undefined ? {} : { alt }),
      ...(add === undefined ? {} : { add }),
      ...(comments === undefined ? {} : { comments }),
    },
  };
}

/** Converts official files, as downloaded, into one list in our data schema. */
export function importListInputs(format: ImportFormat, inputs: readonly ListInput[], options: ImportListOptions): ListResult {
  if (inputs.length === 0) return fail('', 'no file given');
  const common = {
    importedOn: options.importedOn,
    ...(options.listedOnFallback === undefined ? {} : { listedOnFallback: options.listedOnFallback }),
  };
  if (format === 'csl') {
    const [input, ...more] = inputs;
    if (input === undefined) return fail('', 'no file given');
    if (more.length > 0) return fail(more[0]?.file ?? '', 'the Consolidated Screening List is one file; give only consolidated.csv');
    const cslOptions: CslOptions = {
      ...common,
      ...(options.sources === undefined ? {} : { sources: options.sources }),
      ...(options.countries === undefined ? {} : { countries: options.countries }),
    };
    return importCsl(input, cslOptions);
  }
  const assigned = assignOfacFiles(inputs);
  if (!assigned.ok) return { ok: false, errors: assigned.errors, warnings: [] };
  return importOfacConsolidated(assigned.files, {
    ...common,
    kind: format === 'ofac-sdn' ? 'sdn' : 'consolidated',
    ...(options.programs === undefined ? {} : { programs: options.programs }),
  });
}

/** Reads a `--list` file: our data schema as JSON, or the simple user CSV. */
export function parseListFile(input: ListInput, options: ImportOptions): ListResult {
  if (/^\s*\{/.test(input.text)) {
    // io/json.ts says what is wrong in our words and at a line, as for the other side files: V8's message
    // gives a character offset and quotes the file.
    const json = parseJsonText(input.text);
    if (!json.ok)
      return { ok: false, errors: [{ file: input.file, line: json.line, message: `not valid JSON: ${json.what}` }], warnings: [] };
    const result = validateDataset(json.value);
    if (!result.ok) return { ok: false, errors: result.errors.map((message) => ({ file: input.file, line: null, message })), warnings: [] };
    return {
      ok: true,
      dataset: result.dataset,
      warnings: result.warnings.map((message) => ({ file: input.file, line: null, message })),
      skipped: [],
    };
  }
  return parseUserCsv(input, options);
}
