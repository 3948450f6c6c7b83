// The config file's schema (exposure-screener.config.json): loaded only when there is a config file,
// so a screen without one does not load zod.

import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { ENCODINGS } from '../ingest/decode.js';
import { FORMATS } from '../report/types.js';
import { outputFormatPath } from './outputs.js';

/** Options a config file may set: the screen options that are policy, not per-run. */
export const ConfigFileSchema = z.strictObject({
  $schema: z.string().optional(),
  format: z.enum(FORMATS).optional(),
  /** More reports of each run, as --output-format: ["sarif=screen.sarif", "junit=screen-junit.xml"]. */
  outputFormat: z.array(z.string().min(1)).optional(),
  csvBom: z.boolean().optional(),
  failOn: z.enum(['flagged', 'review', 'none']).optional(),
  scope: z.enum(['all', 'direct']).optional(),
  maxExposure: z.union([z.string(), z.number()]).optional(),
  baseCurrency: z.string().optional(),
  fx: z.string().optional(),
  fxFile: z.string().min(1).optional(),
  requireLookThrough: z.boolean().optional(),
  maxDataAge: z.number().int().positive().optional(),
  ignoreFile: z.string().min(1).optional(),
  minScore: z.number().min(0).max(1).optional(),
  encoding: z.enum(ENCODINGS).optional(),
  columns: z.string().optional(),
  data: z.string().min(1).optional(),
});

export type ConfigFile = z.infer<typeof ConfigFileSchema>;

/**
 * Validates a parsed config file; the error names the file. Paths in it (ignoreFile, data, outputFormat's) are the
 * config file's own: relative ones resolve against its folder, wherever the run starts.
 */
export function parseConfigFile(json: unknown, path: string): ConfigFile {
  const parsed = ConfigFileSchema.safeParse(json);
  if (parsed.success) {
    const folder = dirname(path);
    const { ignoreFile, data, outputFormat, fxFile } = parsed.data;
    // "sarif=screen.sarif" → "sarif=/config/folder/screen.sarif"; a malformed one stays as it is for options.ts to refuse.
    const resolved = outputFormat?.map((spec) => {
      const path = outputFormatPath(spec);
      return path === null ? spec : `${spec.slice(0, spec.length - path.length)}${resolve(folder, path)}`;
    });
    return {
      ...parsed.data,
      ...(resolved === undefined ? {} : { outputFormat: resolved }),
      ...(ignoreFile === undefined ? {} : { ignoreFile: resolve(folder, ignoreFile) }),
      ...(data === undefined ? {} : { data: resolve(folder, data) }),
      ...(fxFile === undefined ? {} : { fxFile: resolve(folder, fxFile) }),
    };
  }
  const issue = parsed.error.issues[0];
  throw new UsageError(`${path}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`, {
    hint: 'fix the config file or pass --config another one',
  });
}
