import { renderJson } from './json.js';
import { renderTable } from './table.js';
import type { Format, Reporter } from './types.js';

/** One reporter per format; a format without one is a compile error. */
export const REPORTERS = {
  table: renderTable,
  json: renderJson,
} as const satisfies Record<Format, Reporter>;

export type { Format, RenderContext, Reporter } from './types.js';
export { FORMATS } from './types.js';
