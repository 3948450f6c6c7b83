import { z } from 'zod';
import { ConfidenceSchema, ExchangeSchema, IsoDateSchema, SourceSchema } from './schema.js';

const SourceIdsSchema = z.array(z.string().min(1)).min(1);
const IdSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);

/**
 * A listed entity's time in an index. `to` is the first day it was no longer a member (MSCI deleted
 * Hikvision "as of the close of 2021-01-05": `to` is 2021-01-06); null while it still is, as far as known.
 */
export const MembershipSchema = z.strictObject({
  entity: IdSchema,
  /** The security, as "XSHE 002415". */
  security: z
    .string()
    .regex(/^[A-Z]{4} \S+$/)
    .optional(),
  from: IsoDateSchema,
  to: IsoDateSchema.nullable(),
  /** `unverified` intervals (a believed start date, say) give review, never flagged. */
  confidence: ConfidenceSchema,
  note: z.string().optional(),
  sources: SourceIdsSchema,
});

/**
 * How an index contains another by its construction (MSCI ACWI = World + EM, so ACWI ⊇ EM): every
 * dated membership of the part is a membership of this index, within the window. `only: 'china-a'`
 * takes the part's Shanghai and Shenzhen lines alone (MSCI China ⊇ the A shares of EM); `equal`
 * says this index is exactly that selection of the part in the window (China A Inclusion = the A
 * shares of EM), so a membership of its own that the part lacks is a contradiction.
 */
export const IndexPartSchema = z.strictObject({
  index: IdSchema,
  only: z.enum(['china-a']).optional(),
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.nullable().default(null),
  equal: z.boolean().default(false),
  /** The construction in words, as a reader sees it beside a finding derived from it. */
  basis: z.string().min(1),
  sources: SourceIdsSchema,
});

export const IndexSchema = z.strictObject({
  id: IdSchema,
  name: z.string().min(1),
  family: z.enum(['MSCI', 'FTSE', 'S&P', 'CSI', 'CRSP', 'Other']),
  /** True when the index by its rules cannot hold any listed entity (EM ex China). */
  excludesAll: z.boolean().default(false),
  memberships: z.array(MembershipSchema).default([]),
  /** Indices this one contains by construction; their memberships are derived into it (see dataset/construction.ts). */
  contains: z.array(IndexPartSchema).default([]),
  note: z.string().optional(),
  sources: SourceIdsSchema,
});

export const FundSchema = z.strictObject({
  id: IdSchema,
  ticker: z.string().min(1),
  /** The official name. */
  name: z.string().min(1),
  /** Other names as brokerages and statements print them. */
  names: z.array(z.string().min(1)).default([]),
  cusip: z.string().length(9).optional(),
  isin: z.string().length(12).optional(),
  /** Another share class of the same portfolio (VEIEX is VWO's), whose tracking and snapshots apply. */
  shareClassOf: IdSchema.optional(),
  tracks: z
    .array(
      z.strictObject({
        index: IdSchema,
        from: IsoDateSchema.optional(),
        to: IsoDateSchema.nullable().default(null),
        sources: SourceIdsSchema,
      }),
    )
    .default([]),
  /** Funds this fund holds (a target-date fund holds Total International Stock Index). */
  holdsFunds: z
    .array(
      z.strictObject({
        fund: IdSchema,
        /** Fraction of this fund's assets, 0..1. */
        weight: z.number().min(0).max(1),
        date: IsoDateSchema,
        sources: SourceIdsSchema,
      }),
    )
    .default([]),
  /**
   * Companies a US fund was barred from holding from a date (E.O. 13959 and 14032 for a domestic
   * index such as CSI 300 that kept them): index membership alone then says only `review`, with the
   * reason in the basis, until a holdings file says what the fund held.
   */
  restrictions: z
    .array(
      z.strictObject({
        entity: IdSchema,
        from: IsoDateSchema,
        reason: z.string().min(1),
        sources: SourceIdsSchema,
      }),
    )
    .optional(),
  note: z.string().optional(),
  sources: SourceIdsSchema,
});

const SnapshotHoldingSchema = z.strictObject({
  entity: IdSchema,
  /** `self` for the listed entity; a related company (EZVIZ) carries its relation. */
  relation: z.enum(['self', 'subsidiary', 'parent', 'affiliate']).default('self'),
  name: z.string().min(1),
  /** Exchange and code, "XSHE 002415". */
  security: z.string().min(1),
  exchange: ExchangeSchema.optional(),
  /** Market value of every line of this entity in the fund, when the source gives values. */
  value: z.number().nullable(),
  /** Fraction of the fund, 0..1, computed from market values when there are any. */
  weight: z.number().min(0).max(1),
  /** The rounding of `weight` when the source gives only rounded percentages (0.0001 for 0.01 %). */
  weightPrecision: z.number().positive().nullable().default(null),
  /** Source lines that made this holding. */
  lines: z.array(z.number().int().positive()).default([]),
});

export const SnapshotSchema = z.strictObject({
  fund: IdSchema,
  date: IsoDateSchema,
  /** How sure the date is: inferred dates (from a commit) are `medium`. */
  dateConfidence: ConfidenceSchema,
  /** Whether the source is the issuer's own file or a third party's derivation of it. */
  derived: z.boolean(),
  /** Path of the file it was computed from, relative to the project root (fixtures/real/...). */
  file: z.string().min(1),
  /** SHA-256 of that file's bytes. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Where the file comes from: the public repository, path and commit it was copied from. */
  source: SourceSchema,
  totalValue: z.number().nullable(),
  /** Rows of the file that were screened: a snapshot of 0 holdings means the fund held none of the list. */
  rowsScreened: z.number().int().nonnegative(),
  holdings: z.array(SnapshotHoldingSchema),
});

/** Which real files become snapshots, and what the files do not say themselves. */
export const SnapshotManifestSchema = z.strictObject({
  $schema: z.string().optional(),
  snapshots: z.array(
    z.strictObject({
      fund: IdSchema,
      file: z.string().min(1),
      format: z.enum(['csv', 'portfolio-xray-json']),
      /** The as-of date; when the file states none, inferred (dateConfidence medium). */
      date: IsoDateSchema,
      dateConfidence: ConfidenceSchema,
      derived: z.boolean(),
      source: SourceSchema,
    }),
  ),
});

export const FundsFileSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.string().min(1),
  reviewedAt: IsoDateSchema,
  description: z.string().optional(),
  sources: z.record(z.string(), SourceSchema),
  indices: z.array(IndexSchema),
  funds: z.array(FundSchema),
});

export const SnapshotsFileSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Generated by scripts/gen-fund-snapshots.mjs from fixtures/real; a test checks it has not drifted. */
  generatedFrom: z.string(),
  snapshots: z.array(SnapshotSchema),
});

export type Membership = z.infer<typeof MembershipSchema>;
export type IndexDef = z.infer<typeof IndexSchema>;
export type IndexPart = z.infer<typeof IndexPartSchema>;
export type Fund = z.infer<typeof FundSchema>;
export type Snapshot = z.infer<typeof SnapshotSchema>;
export type FundsFile = z.infer<typeof FundsFileSchema>;
export type SnapshotsFile = z.infer<typeof SnapshotsFileSchema>;
export type SnapshotManifest = z.infer<typeof SnapshotManifestSchema>;
