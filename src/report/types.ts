import type { ScreenResult } from '../model.js';

export type Format = 'table' | 'json';

export const FORMATS: readonly Format[] = ['table', 'json'];

export interface RenderContext {
  readonly color: boolean;
  /** Terminal width in columns. */
  readonly width: number;
  readonly verbose: boolean;
  readonly tool: { readonly name: string; readonly version: string };
}

/** Every reporter: a result in, the whole output as one string out. */
export type Reporter = (result: ScreenResult, ctx: RenderContext) => string;
