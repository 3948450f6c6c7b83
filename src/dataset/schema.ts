import { z } from 'zod';

/** ISO calendar date, YYYY-MM-DD. */
export const IsoDateSchema = z.iso.date();

/**
 * How sure we are of a fact. `unverified` facts never make a finding `flagged`
 * (see reference/entities.md): they can only raise a `review`.
 */
export const ConfidenceSchema = z.enum(['high', 'medium', 'low', 'unverified']);

/** Market identifier codes (ISO 10383) of the venues our securities trade on. */
export const ExchangeSchema = z.enum([
  'XSHE', // Shenzhen
  'XSHG', // Shanghai
  'XHKG', // Hong Kong
  'OTCM', // US over-the-counter
  'XLON', // London
  'XTKS', // Tokyo
  'XBKK', // Stock Exchange of Thailand (depositary receipts)
]);

/** A citation of where a fact comes from; referenced by id from every fact. */
export const SourceSchema = z.strictObject({
  title: z.string().min(1),
  url: z.url().optional(),
  /** `owner/repo` of a public repository the fact was read from. */
  repository: z.string().optional(),
  path: z.string().optional(),
  commit: z.string().optional(),
  /** Date the source was published or the data was read. */
  date: IsoDateSchema.optional(),
  /** Day someone last checked that the source says what the facts citing it say. */
  checked: IsoDateSchema.optional(),
  note: z.string().optional(),
});

const SourceIdsSchema = z.array(z.string().min(1)).min(1);

const NameTypeSchema = z.enum([
  'list', // the name as written on the list itself
  'legal', // registered legal name
  'short', // short or trading name
  'former', // a name the issuer no longer uses
  'current', // the name it uses now, after a rename
  'other-list', // the name another official list uses
  'vendor', // a spelling data vendors or fund issuers print
  'romanisation', // another romanisation of the same Chinese name
]);

export const NameSchema = z.strictObject({
  name: z.string().min(1),
  type: NameTypeSchema,
  lang: z.enum(['en', 'zh']).default('en'),
  confidence: ConfidenceSchema,
  /**
   * False for a true name that is an ordinary word once normalised ("Face++" becomes "face"): it is
   * shown in reports but never matched on its own.
   */
  matchable: z.boolean().default(true),
  /** For a former name: when the issuer used it, as far as its sources show. */
  usedFrom: IsoDateSchema.optional(),
  usedUntil: IsoDateSchema.optional(),
  sources: SourceIdsSchema,
  note: z.string().optional(),
});

export const SecuritySchema = z
  .strictObject({
    /** Absent for an identifier a list gives without its trading line (OFAC's bond and ADR ISINs). */
    exchange: ExchangeSchema.optional(),
    /** Exchange code exactly as the exchange prints it, leading zeros kept (002415, 0020). */
    code: z.string().min(1).optional(),
    isin: z.string().length(12).optional(),
    sedols: z.array(z.string().length(7)).default([]),
    cusip: z.string().length(9).optional(),
    description: z.string().optional(),
    listedFrom: IsoDateSchema.optional(),
    confidence: ConfidenceSchema,
    sources: SourceIdsSchema,
  })
  .refine(
    (s) =>
      (s.exchange === undefined) === (s.code === undefined) &&
      (s.exchange !== undefined || s.isin !== undefined || s.cusip !== undefined || s.sedols.length > 0),
    { message: 'a security has an exchange and its code, or an ISIN, CUSIP or SEDOL without them' },
  );

export const ListingSchema = z.strictObject({
  /** Which list: the 2019 action is `us-entity-list`. */
  list: z.enum([
    'us-entity-list',
    'ofac-ns-cmic',
    'ofac-sdn',
    'dod-1260h',
    'eo-13959', // E.O. 13959 (as amended by E.O. 13974) on the DoD's 2020 list of Communist Chinese military companies
    'fcc-covered-list',
    'ndaa-889',
    'eu-human-rights',
    'us-meu-list',
    'us-unverified-list',
    'us-denied-persons',
    'ofac-ssi',
    'ofac-ns-mbs',
    'ofac-fse',
    'ofac-capta',
    'ofac-ns-plc',
    'user',
  ]),
  /** The user's own name for a `user` list. */
  label: z.string().optional(),
  /** When the listing ended (the Consolidated Screening List's end_date). */
  ended: IsoDateSchema.optional(),
  date: IsoDateSchema,
  effective: IsoDateSchema.optional(),
  /** Federal Register or other citation, e.g. "84 FR 54002". */
  citation: z.string().optional(),
  /** Whether this listing is the one the product screens for (the 2019 Entity List action). */
  primary: z.boolean().default(false),
  note: z.string().optional(),
  sources: SourceIdsSchema,
});

const RelatedCompanySchema = z.strictObject({
  relation: z.enum(['subsidiary', 'parent', 'affiliate']),
  names: z.array(NameSchema).min(1),
  securities: z.array(SecuritySchema).default([]),
  /** The related company's own sanctions (XPCC on OFAC's SDN list): shown with it, never a flag of the listed entity. */
  listings: z.array(ListingSchema.omit({ primary: true })).default([]),
  note: z.string().optional(),
  sources: SourceIdsSchema,
});

const LookAlikeSchema = z.strictObject({
  names: z.array(z.string().min(1)).min(1),
  securities: z
    .array(
      z.strictObject({
        exchange: ExchangeSchema,
        code: z.string().min(1),
        isin: z.string().length(12).optional(),
        sedols: z.array(z.string().length(7)).default([]),
      }),
    )
    .default([]),
  /** Why it is not the listed entity. */
  reason: z.string().min(1),
  sources: SourceIdsSchema,
});

export const EntitySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  /** The name the list gives the entity. */
  listName: z.string().min(1),
  kind: z.enum(['company', 'government']),
  names: z.array(NameSchema).min(1),
  listings: z.array(ListingSchema).min(1),
  securities: z.array(SecuritySchema).default([]),
  related: z.array(RelatedCompanySchema).default([]),
  lookAlikes: z.array(LookAlikeSchema).default([]),
  note: z.string().optional(),
});

export const DatasetFileSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Dataset version, bumped on every change of content. */
  version: z.string().min(1),
  /** Day the whole list was last reviewed against its sources. */
  reviewedAt: IsoDateSchema,
  description: z.string().optional(),
  /**
   * False for imported and user lists: they carry no curated look-alikes, so a name that is not an
   * exact match can only raise a review.
   */
  curated: z.boolean().default(true),
  sources: z.record(z.string(), SourceSchema),
  entities: z.array(EntitySchema).min(1),
});

export type Confidence = z.infer<typeof ConfidenceSchema>;
export type Exchange = z.infer<typeof ExchangeSchema>;
export type Source = z.infer<typeof SourceSchema>;
export type EntityName = z.infer<typeof NameSchema>;
export type Security = z.infer<typeof SecuritySchema>;
export type Listing = z.infer<typeof ListingSchema>;
export type Entity = z.infer<typeof EntitySchema>;
export type DatasetFile = z.infer<typeof DatasetFileSchema>;
