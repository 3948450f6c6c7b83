// Option validation: commander hands over strings, zod turns them into RunOptions or a UsageError.

import { z } from 'zod';
import { ENCODINGS } from '../ingest/decode.js';
import { CONCEPTS } from '../ingest/columns.js';
import { UsageError } from '../errors.js';
import type { Concept } from '../model.js';
import { isIsoDate } from '../normalize/dates.js';
import { FORMATS } from '../report/index.js';

const ConceptSchema = z.enum(CONCEPTS);

/** "--columns name=Description,value=Mkt Val" → { name: 'Description', value: 'Mkt Val' }. */
export function parseColumnsOption(text: string): Partial<Record<Concept, string>> {
  const result: Partial<Record<Concept, string>> = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? '' : part.slice(0, eq).trim();
    const header = eq < 0 ? '' : part.slice(eq + 1).trim();
    const concept = ConceptSchema.safeParse(key);
    if (!concept.success || header === '') {
      throw new UsageError(`--columns: "${part}" is not concept=header`, { hint: `concepts: ${CONCEPTS.join(', ')}` });
    }
    result[concept.data] = header;
  }
  return result;
}

export const ScreenOptionsSchema = z.strictObject({
  format: z.enum(FORMATS).default('table'),
  output: z.string().min(1).optional(),
  asOf: z
    .string()
    .refine(isIsoDate, { message: 'must be a date written YYYY-MM-DD' })
    .optional(),
  encoding: z.enum(ENCODINGS).optional(),
  columns: z.string().optional(),
  data: z.string().min(1).optional(),
  minScore: z.coerce.number().min(0).max(1).optional(),
  failOn: z.enum(['flagged', 'review', 'none']).default('flagged'),
  color: z.boolean().default(true),
  verbose: z.boolean().default(false),
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
};

/** Validates raw commander options; the first problem becomes one UsageError line. */
export function parseScreenOptions(raw: unknown): ScreenCliOptions {
  const parsed = ScreenOptionsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = String(issue?.path[0] ?? '');
  throw new UsageError(`${OPTION_FLAGS[key] ?? key}: ${issue?.message ?? 'invalid value'}`);
}
