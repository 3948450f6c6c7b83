// Option validation: commander hands over strings, a config file may add defaults, zod turns both into
// validated options or a UsageError naming the flag.

import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { ENCODINGS } from '../ingest/decode.js';
import { CONCEPTS } from '../ingest/columns.js';
import { UsageError } from '../errors.js';
import { parseMaxExposure } from '../exposure/policy.js';
import type { Concept } from '../model.js';
import { isIsoDate } from '../normalize/dates.js';
import { FORMATS } from '../report/index.js';

const ConceptSchema = z.enum(CONCEPTS);

/** Splits on commas outside double quotes, so a header with a comma can be quoted: value="Value, USD". */
function splitOutsideQuotes(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** "--columns name=Description,value=Mkt Val" → { name: 'Description', value: 'Mkt Val' }; a concept named twice is a usage error. */
export function parseColumnsOption(text: string): Partial<Record<Concept, string>> {
  const result: Partial<Record<Concept, string>> = {};
  for (const part of splitOutsideQuotes(text)) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? '' : part.slice(0, eq).trim();
    const header =
      eq < 0
        ? ''
        : part
            .slice(eq + 1)
            .trim()
            .replace(/^"(.*)"$/, '$1');
    const concept = ConceptSchema.safeParse(key);
    if (!concept.success || header === '') {
      throw new UsageError(`--columns: "${part}" is not concept=header`, { hint: `concepts: ${CONCEPTS.join(', ')}` });
    }
    const earlier = result[concept.data];
    if (earlier !== undefined) {
      throw new UsageError(`--columns: ${concept.data} is named twice ("${earlier}" and "${header}")`, { hint: 'name each concept once' });
    }
    result[concept.data] = header;
  }
  return result;
}

/** Options a config file may set: the screen options that are policy, not per-run. */
export const ConfigFileSchema = z.strictObject({
  $schema: z.string().optional(),
  format: z.enum(FORMATS).optional(),
  failOn: z.enum(['flagged', 'review', 'none']).optional(),
  scope: z.enum(['all', 'direct']).optional(),
  maxExposure: z.union([z.string(), z.number()]).optional(),
  requireLookThrough: z.boolean().optional(),
  maxDataAge: z.number().int().positive().optional(),
  ignoreFile: z.string().min(1).optional(),
  minScore: z.number().min(0).max(1).optional(),
  encoding: z.enum(ENCODINGS).optional(),
  columns: z.string().optional(),
  data: z.string().min(1).optional(),
});

export type ConfigFile = z.infer<typeof ConfigFileSchema>;

export const ScreenOptionsSchema = z.strictObject({
  format: z.enum(FORMATS).default('table'),
  output: z.string().min(1).optional(),
  asOf: z.string().refine(isIsoDate, { message: 'must be a date written YYYY-MM-DD' }).optional(),
  encoding: z.enum(ENCODINGS).optional(),
  columns: z.string().optional(),
  data: z.string().min(1).optional(),
  minScore: z.coerce.number().min(0).max(1).optional(),
  failOn: z.enum(['flagged', 'review', 'none']).default('flagged'),
  scope: z.enum(['all', 'direct']).default('all'),
  maxExposure: z
    .union([z.string(), z.number()])
    .transform((v, ctx) => {
      const parsed = parseMaxExposure(String(v));
      if (parsed === null) {
        ctx.addIssue({ code: 'custom', message: 'must be an amount (25000) or a share of the portfolio (0.5%)' });
        return z.NEVER;
      }
      return parsed;
    })
    .optional(),
  requireLookThrough: z.boolean().default(false),
  maxDataAge: z.coerce.number().int().positive().optional(),
  ignoreFile: z.string().min(1).optional(),
  ignore: z.boolean().default(true),
  funds: z.array(z.string().min(1)).default([]),
  list: z.array(z.string().min(1)).default([]),
  onlyLists: z.boolean().default(false),
  lookThrough: z.boolean().default(true),
  includeBeforeListing: z.boolean().default(false),
  strict: z.boolean().default(false),
  progress: z.boolean().default(false),
  config: z.string().min(1).optional(),
  color: z.boolean().default(true),
  verbose: z.boolean().default(false),
  quiet: z.boolean().default(false),
  debug: z.boolean().default(false),
});

export type ScreenCliOptions = z.infer<typeof ScreenOptionsSchema>;

const OPTION_FLAGS: Readonly<Record<string, string>> = {
  format: '--format',
  output: '--output',
  asOf: '--as-of',
  encoding: '--encoding',
  columns: '--columns',
  data: '--data',
  minScore: '--min-score',
  failOn: '--fail-on',
  scope: '--scope',
  maxExposure: '--max-exposure',
  maxDataAge: '--max-data-age',
  ignoreFile: '--ignore-file',
  config: '--config',
  funds: '--funds',
  list: '--list',
};

function firstIssue(error: z.ZodError, prefix: string): UsageError {
  const issue = error.issues[0];
  const key = String(issue?.path[0] ?? '');
  return new UsageError(`${prefix}${OPTION_FLAGS[key] ?? key}: ${issue?.message ?? 'invalid value'}`);
}

/** Validates raw commander options over config-file defaults; flags win. */
export function parseScreenOptions(raw: Readonly<Record<string, unknown>>, config: ConfigFile = {}): ScreenCliOptions {
  const given = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
  const { $schema: _ignored, ...defaults } = config;
  const parsed = ScreenOptionsSchema.safeParse({ ...defaults, ...given });
  if (!parsed.success) throw firstIssue(parsed.error, '');
  refuseRepeats('--list', parsed.data.list, (path) => resolve(path));
  // --funds VWO=a.csv --funds vwo=b.csv: which file is meant? (A folder or a bare file is keyed by its path.)
  refuseRepeats('--funds', parsed.data.funds, (spec) => {
    const key = /^([A-Za-z0-9.]{1,12})=(.+)$/.exec(spec)?.[1];
    return key === undefined ? `path:${resolve(spec)}` : `key:${key.toUpperCase()}`;
  });
  return parsed.data;
}

/** A repeatable option given the same thing twice (by `key`) is a usage error, not a silent last-wins. */
function refuseRepeats(flag: string, values: readonly string[], key: (value: string) => string): void {
  const seen = new Map<string, string>();
  for (const value of values) {
    const k = key(value);
    const earlier = seen.get(k);
    if (earlier !== undefined)
      throw new UsageError(`${flag} ${value}: already given (${flag} ${earlier})`, {
        hint: `give each ${flag === '--funds' ? 'fund' : 'file'} once`,
      });
    seen.set(k, value);
  }
}

/**
 * Validates a parsed config file; the error names the file. Paths in it (ignoreFile, data) are the
 * config file's own: relative ones resolve against its folder, wherever the run starts.
 */
export function parseConfigFile(json: unknown, path: string): ConfigFile {
  const parsed = ConfigFileSchema.safeParse(json);
  if (parsed.success) {
    const folder = dirname(path);
    const { ignoreFile, data } = parsed.data;
    return {
      ...parsed.data,
      ...(ignoreFile === undefined ? {} : { ignoreFile: resolve(folder, ignoreFile) }),
      ...(data === undefined ? {} : { data: resolve(folder, data) }),
    };
  }
  const issue = parsed.error.issues[0];
  throw new UsageError(`${path}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`, {
    hint: 'fix the config file or pass --config another one',
  });
}
