// The reporters, one per format, each loaded when its format is asked for: a run imports only the
// reporter it renders with (and the table's cli-table3 only for a table, its chalk only for a table in colour).

import type { Format, Reporter } from './types.js';

/** One reporter per format, loaded on demand; a format without one is a compile error. */
export const REPORTERS = {
  table: async () => {
    const [{ tableReporter }, { Chalk }] = await Promise.all([import('./table.js'), import('chalk')]);
    return tableReporter(new Chalk({ level: 1 }));
  },
  json: async () => (await import('./json.js')).renderJson,
  csv: async () => (await import('./csv.js')).renderCsv,
  markdown: async () => (await import('./markdown.js')).renderMarkdown,
  junit: async () => (await import('./junit.js')).renderJunit,
  sarif: async () => (await import('./sarif.js')).renderSarif,
  html: async () => (await import('./html.js')).renderHtml,
} as const satisfies Record<Format, () => Promise<Reporter>>;

/** Whether a format's report shows each input file's SHA-256: a run whose reports do not takes none. */
export function showsInputHash(format: Format): boolean {
  return format === 'json' || format === 'sarif' || format === 'html';
}

/**
 * The reporter of a format; `color` false: for output without colour only, which for a table loads no
 * chalk (src/report/table.ts tableReporter).
 */
export function loadReporter(format: Format, color = true): Promise<Reporter> {
  if (format === 'table' && !color) return import('./table.js').then((table) => table.tableReporter(null));
  return REPORTERS[format]();
}

/** Every reporter, loaded: for the package's API and tests, which render in every format. */
export async function loadReporters(): Promise<Readonly<Record<Format, Reporter>>> {
  const [table, json, csv, markdown, junit, sarif, html] = await Promise.all([
    REPORTERS.table(),
    REPORTERS.json(),
    REPORTERS.csv(),
    REPORTERS.markdown(),
    REPORTERS.junit(),
    REPORTERS.sarif(),
    REPORTERS.html(),
  ]);
  return { table, json, csv, markdown, junit, sarif, html };
}

export type { Format, RenderContext, Reporter } from './types.js';
export { FORMATS } from './types.js';
