import type { ScreenResult } from '../model.js';

/** Every output format, in the order --help lists them. */
export const FORMATS = ['table', 'json', 'csv', 'markdown', 'junit', 'sarif', 'html'] as const;

export type Format = (typeof FORMATS)[number];

export interface RenderContext {
  readonly color: boolean;
  /** Terminal width in columns. */
  readonly width: number;
  readonly verbose: boolean;
  readonly tool: { readonly name: string; readonly version: string };
  /** The folder the run started in (absolute), which relative paths in a report are relative to; absent when unknown. */
  readonly cwd?: string;
  /** The options the screen ran with, as flag and value ("" for a switch), for a report that records how to reproduce it. */
  readonly options?: readonly (readonly [flag: string, value: string])[];
}

/** Every reporter: a result in, the whole output as one string out. */
export type Reporter = (result: ScreenResult, ctx: RenderContext) => string;
