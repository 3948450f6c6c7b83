// The reporters, one per format, each loaded when its format is asked for: a run imports only the
// reporter it renders with (and the table's chalk and cli-table3 only for a table).

import type { Format, Reporter } from './types.js';

/** One reporter per format, loaded on demand; a format without one is a compile error. */
export const REPORTERS = {
  table: async () => (await import('./table.js')).renderTable,
  json: async () => (await import('./json.js')).renderJson,
  csv: async () => (await import('./csv.js')).renderCsv,
  markdown: async () => (await import('./markdown.js')).renderMarkdown,
  junit: async () => (await import('./junit.js')).renderJunit,
  sarif: async () => (await import('./sarif.js')).renderSarif,
  html: async () => (await import('./html.js')).renderHtml,
} as const satisfies Record<Format, () => Promise<Reporter>>;

/** The reporter of a format. */
export function loadReporter(format: Format): Promise<Reporter> {
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
