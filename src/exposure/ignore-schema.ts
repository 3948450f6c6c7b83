// The ignore file's schema: loaded only when there is an ignore file, so a screen without one does not
// load zod. The rules themselves are applied by ignore.ts.

import { z } from 'zod';
import { isIsoDate } from '../normalize/dates.js';

const DateSchema = z.string().refine(isIsoDate, { message: 'must be a date written YYYY-MM-DD' });

export const IgnoreRuleSchema = z.strictObject({
  /** Entity id from data/entities.json (`exposure-screener entities`). */
  entity: z.string().min(1),
  reason: z.string().trim().min(1, { message: 'a reason is required' }),
  expires: DateSchema,
  owner: z.string().min(1).optional(),
  /** Narrow the rule to one holdings file (path as given, or its file name). */
  file: z.string().min(1).optional(),
  account: z.string().min(1).optional(),
  ticker: z.string().min(1).optional(),
  isin: z.string().length(12).optional(),
  kind: z.enum(['direct', 'indirect']).optional(),
});

/**
 * Accepts a fund position that could not be looked through (a bond fund, a fund whose holdings the
 * team has checked by hand), so that --require-look-through passes: with a reason and an expiry, like
 * every exception.
 */
export const GapRuleSchema = z.strictObject({
  /** The position's ticker, ISIN or name as the report prints it. */
  fund: z.string().trim().min(1),
  reason: z.string().trim().min(1, { message: 'a reason is required' }),
  expires: DateSchema,
  owner: z.string().min(1).optional(),
  file: z.string().min(1).optional(),
  account: z.string().min(1).optional(),
});

export const IgnoreFileSchema = z.strictObject({
  $schema: z.string().optional(),
  ignore: z.array(IgnoreRuleSchema).default([]),
  notLookedThrough: z.array(GapRuleSchema).default([]),
});

export type IgnoreRule = z.infer<typeof IgnoreRuleSchema>;
export type GapRule = z.infer<typeof GapRuleSchema>;
export type IgnoreFile = z.infer<typeof IgnoreFileSchema>;
