// Where a screen's reports go: --output-format FORMAT=FILE (repeatable) beside stdout's --format, and
// whether a CSV carries a UTF-8 BOM. Pure: main.ts reads the paths to refuse an input as a target before
// anything is read, run-screen.ts renders each format once from the one screen.

import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { outputFileTakenText, outputFormatSpecText } from '../report/finding-text.js';
import { FORMATS, type Format } from '../report/types.js';

/** One more report of the run: a format written to a file. */
export interface OutputFile {
  readonly format: Format;
  readonly path: string;
}

/** The byte order mark Excel needs to open a CSV as UTF-8 rather than the system's code page. */
export const UTF8_BOM = '\uFEFF';

/** The path of "FORMAT=FILE", or null when it is not of that shape: for main.ts, before validation. */
export function outputFormatPath(spec: string): string | null {
  const eq = spec.indexOf('=');
  return eq <= 0 || eq === spec.length - 1 ? null : spec.slice(eq + 1);
}

/** "sarif=scan.sarif" → { format: 'sarif', path: 'scan.sarif' }; anything else is a usage error naming the flag. */
function parseOutputFormat(spec: string): OutputFile {
  const path = outputFormatPath(spec);
  const name = spec
    .slice(0, Math.max(spec.indexOf('='), 0))
    .trim()
    .toLowerCase();
  const format = FORMATS.find((f) => f === name);
  if (path === null || format === undefined) {
    const { message, hint } = outputFormatSpecText(spec, FORMATS);
    throw new UsageError(message, { hint });
  }
  return { format, path };
}

/**
 * Every --output-format, checked: one file per path, and none of them the -o file (two reports
 * would race for one file).
 */
export function parseOutputFormats(specs: readonly string[], output: string | undefined, cwd: string): OutputFile[] {
  const files = specs.map(parseOutputFormat);
  const seen = new Map<string, string>();
  if (output !== undefined) seen.set(resolve(cwd, output), `-o ${output}`);
  for (const file of files) {
    const key = resolve(cwd, file.path);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      const { message, hint } = outputFileTakenText(`${file.format}=${file.path}`, earlier);
      throw new UsageError(message, { hint });
    }
    seen.set(key, `--output-format ${file.format}=${file.path}`);
  }
  return files;
}

/**
 * Whether a CSV report starts with a UTF-8 BOM: as --csv-bom / --no-csv-bom say; without either, when it
 * is written to a file named *.csv (opened by a double click in Excel), never on stdout (a pipe's reader
 * would see the BOM as part of the first header).
 */
export function csvBomWanted(asked: boolean | undefined, path: string | null): boolean {
  return asked ?? (path !== null && /\.csv$/i.test(path));
}
