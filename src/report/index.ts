import { renderCsv } from './csv.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderTable } from './table.js';
import type { Format, Reporter } from './types.js';

/** One reporter per format; a format without one is a compile error. */
export const REPORTERS = {
  table: renderTable,
  json: renderJson,
  csv: renderCsv,
  markdown: renderMarkdown,
  junit: renderJunit,
  sarif: renderSarif,
} as const satisfies Record<Format, Reporter>;

export type { Format, RenderContext, Reporter } from './types.js';
export { FORMATS } from './types.js';
