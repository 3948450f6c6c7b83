// The JSON report's contract (schemaVersion 1) as a zod schema: json.ts builds its object against
// z.infer of this schema, and data/report.schema.json is generated from it (drift-tested).

import { z } from 'zod';
import type { Concept, MatchOn, RowWarning, SkipReason, Status } from '../model.js';

// Each list is checked against the model in both directions: `satisfies` rejects a value the model
// does not have, and json.ts, which assigns model values to these enums, rejects a missing one.
const STATUSES = ['flagged', 'review', 'ignored'] as const satisfies readonly Status[];
const MATCH_ON = ['isin', 'sedol', 'cusip', 'ticker', 'name', 'fund'] as const satisfies readonly MatchOn[];
const SKIP_REASONS = [
  'preamble',
  'blank',
  'total',
  'cash',
  'derivative',
  'section-label',
  'not-holdings',
  'trailer',
  'no-security',
  'undecodable',
  'no-holdings-sheet',
] as const satisfies readonly SkipReason[];
const WARNING_CODES = [
  'BAD_CHECK_DIGIT',
  'UNREADABLE_AMOUNT',
  'IMPLAUSIBLE_AMOUNT',
  'UNDECODABLE_BYTES',
] as const satisfies readonly RowWarning['code'][];
const CONCEPTS = [
  'name',
  'ticker',
  'isin',
  'cusip',
  'sedol',
  'exchange',
  'quantity',
  'value',
  'weight',
  'assetClass',
  'currency',
  'account',
  'date',
] as const satisfies readonly Concept[];

const IsoDate = z.iso.date();
const Line = z.int().positive().describe('1-based physical line in the holdings file');
const Count = z.int().nonnegative();
/** An amount in the file's currency; null when absent or unreadable, never 0 for unknown. */
const Amount = z.number().nullable();
/** A fraction of the portfolio (0.01 = 1 %); null when a value or the portfolio value is unknown. */
const Weight = z.number().nullable().describe('fraction of the portfolio value (0.01 = 1 %); null when unknown');

const SkippedRowSchema = z.strictObject({
  line: Line,
  reason: z.enum(SKIP_REASONS),
  description: z.string().describe('the reason in words'),
  text: z.string().describe("the row's first non-empty text"),
  lines: Count.describe('physical lines it covers from `line` on (a run of blank lines is one entry)'),
});

const RowWarningSchema = z.strictObject({
  line: Line,
  code: z.enum(WARNING_CODES),
  column: z.enum(CONCEPTS),
  value: z.string(),
});

const InputSchema = z.strictObject({
  file: z.string().describe('the path as given on the command line, or <stdin>'),
  encoding: z.string(),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable()
    .describe('SHA-256 of the file as read, to reproduce the report; null when not hashed'),
  asOf: IsoDate.nullable().describe('the date the file states, if any'),
  asOfLine: Line.nullable().describe("the line that states it (for a date from the rows' date column, the first row with it)"),
  asOfRejected: IsoDate.nullable().describe('a date the file states that was not believed (before 1990 or after today), ignored'),
  asOfAmbiguous: z
    .string()
    .nullable()
    .describe('a date the file states that reads both ways (05/06/2021) with nothing in the file to say which, not used'),
  asOfConflict: z
    .array(z.strictObject({ date: IsoDate, line: Line }))
    .optional()
    .describe("present when the rows' date column gives several dates: each date and the first line with it; none is the file's date"),
  values: z
    .enum(['given', 'weights', 'none'])
    .describe('whether the file gives its positions values; weights: only their shares (an index constituent list); none: neither'),
  rows: z
    .strictObject({ total: Count, screened: Count, skipped: Count })
    .describe('every record of the file (preamble, header rows aside): total = screened + skipped'),
  lines: z
    .strictObject({ total: Count, header: Count, screened: Count, skipped: Count })
    .nullable()
    .describe('every physical line of the file in one bucket: total = header + screened + skipped; null for XML, whose rows are elements'),
  portfolioValue: Amount.describe('sum of position values in this file, cash included, totals never'),
  skipped: z.array(SkippedRowSchema),
  warnings: z.array(RowWarningSchema),
  sheet: z
    .strictObject({
      workbook: z.string().describe('the workbook file as given'),
      name: z.string().describe("the sheet's name; `file` is then workbook[name]"),
      kind: z.enum(['xlsx', 'spreadsheetml']),
      holdingsTable: z
        .boolean()
        .describe(
          "false for a sheet with no holdings table (a cover sheet, disclaimers): its lines are skipped as no-holdings-sheet, and still searched for the list's names",
        ),
    })
    .optional()
    .describe('present when the input is a sheet of a workbook: each sheet with data is an input of its own'),
});

const IgnoreRuleRefSchema = z.strictObject({
  index: z.int().nonnegative().describe('position of the rule in the ignore file, from 0'),
  entity: z.string(),
  reason: z.string(),
  expires: z.string(),
  owner: z.string().nullable(),
});

const GapRuleRefSchema = z.strictObject({
  index: z.int().nonnegative().describe("position of the rule in the ignore file's notLookedThrough array, from 0"),
  fund: z.string().describe('ticker, ISIN or name of the fund position'),
  reason: z.string(),
  expires: z.string(),
  owner: z.string().nullable(),
});

const IgnoreSummarySchema = z
  .strictObject({
    file: z.string().describe('path of the ignore file'),
    rules: Count,
    applied: Count.describe('findings the rules turned into `ignored`'),
    expired: z.array(IgnoreRuleRefSchema).describe('rules past their expiry date, which no longer apply'),
    unused: z.array(IgnoreRuleRefSchema).describe('rules in force that matched no finding'),
    notLookedThrough: z
      .strictObject({
        rules: Count,
        applied: Count.describe('fund positions the rules accept as not looked through'),
        expired: z.array(GapRuleRefSchema),
        unused: z.array(GapRuleRefSchema),
      })
      .describe('what the notLookedThrough rules did'),
  })
  .describe('what the ignore file did; null when no ignore file was applied');

const ConfidenceEnum = z.enum(['high', 'medium', 'low', 'unverified']);

const FundHopSchema = z.strictObject({
  fund: z.string().describe('fund id in data/funds.json'),
  ticker: z.string(),
  name: z.string(),
  file: z.string().nullable(),
  line: Line.nullable(),
  weight: z.number().nullable().describe("this hop's share of the fund that holds it (funds inside funds); null for the first"),
});

const LookThroughSchema = z
  .strictObject({
    chain: z.array(FundHopSchema).describe('the funds from the portfolio position to the company, outermost first'),
    basis: z.strictObject({
      kind: z.enum(['holdings-file', 'snapshot', 'index-membership']),
      date: IsoDate.nullable(),
      source: z.string().describe('the holdings file or snapshot file, or the index'),
      sha256: z.string().nullable(),
      derived: z.boolean().describe("true when the file is a third party's derivation of the issuer's data"),
      index: z.string().nullable(),
      confidence: ConfidenceEnum,
    }),
    constituents: z
      .array(z.strictObject({ name: z.string(), security: z.string(), value: Amount, line: Line.nullable() }))
      .describe("the company's lines in the fund"),
    weight: z.number().nullable().describe("the company's share of the first fund; null when unknown"),
    notes: z.array(z.string()).describe('caveats a reader must see'),
  })
  .describe('how an indirect finding reaches the company; null for direct findings');

const FindingSchema = z.strictObject({
  status: z.enum(STATUSES),
  kind: z.enum(['direct', 'indirect']),
  entity: z.strictObject({
    id: z.string(),
    name: z.string(),
    lists: z
      .array(z.string())
      .describe('the lists the entity is on: programs (us-entity-list, ofac-ns-cmic…) and the list files it came from'),
    listings: z
      .array(
        z.strictObject({
          list: z.string(),
          date: IsoDate,
          effective: IsoDate.nullable(),
          citation: z.string().nullable(),
          note: z.string().nullable().describe('the program and other particulars the list gives'),
          primary: z.boolean(),
          ended: IsoDate.nullable().describe('when the listing ended; null while in force'),
        }),
      )
      .describe("the entity's listings, the defining one first"),
  }),
  related: z
    .strictObject({ relation: z.enum(['subsidiary', 'parent', 'affiliate']), name: z.string().nullable() })
    .nullable()
    .describe('set when the holding is a company related to the entity rather than the entity itself'),
  source: z.strictObject({ file: z.string(), line: Line, account: z.string().nullable() }),
  holding: z.strictObject({
    name: z.string().nullable(),
    ticker: z.string().nullable(),
    exchange: z.string().nullable(),
    isin: z.string().nullable(),
    cusip: z.string().nullable(),
    sedol: z.string().nullable(),
    quantity: z.number().nullable(),
    value: Amount,
  }),
  match: z.strictObject({
    on: z.enum(MATCH_ON),
    score: z.number().min(0).max(1),
    matched: z.string().describe('the identifier, exchange code or name of the list that matched'),
    input: z.string().describe("the holding's own text that matched"),
    unverified: z.boolean().describe('true when the fact that matched is low-confidence or unverified: review only'),
    reason: z.string().describe('one sentence saying why the holding matched'),
    words: z
      .array(z.strictObject({ list: z.string(), holding: z.string(), similarity: z.number() }))
      .nullable()
      .describe("for a name scored by its words: the list's words found in the holding's name"),
  }),
  exposure: z.strictObject({
    value: Amount,
    weight: Weight,
    local: z
      .strictObject({
        currency: z.string().nullable().describe('ISO 4217 code; null when the position states none'),
        value: Amount,
      })
      .optional()
      .describe(
        "present when the screen's values are not all in one currency: the exposure in the position's own currency; `value` is then in the base currency, or null when not added up",
      ),
  }),
  ignoredBy: IgnoreRuleRefSchema.nullable().describe('the ignore-file rule that made the finding `ignored`'),
  via: LookThroughSchema.nullable(),
  beforeListing: z.boolean().describe("true when the as-of date precedes the entity's listing"),
  listingEnded: z.boolean().describe('true when every listing of the entity had ended by the as-of date (review, not flagged)'),
});

const KindTotalSchema = z.strictObject({
  findings: Count,
  value: z.number().describe('sum of the known values'),
  weight: Weight,
  unknownValue: Count.describe('flagged findings whose value is unknown'),
});

const SummarySchema = z.strictObject({
  portfolioValue: Amount.describe('sum of position values of all files, cash included, totals never'),
  grossPortfolioValue: Amount.describe('longs plus the absolute value of shorts, cash included: the base every weight is taken on'),
  flaggedValue: z.number().nullable().describe('gross flagged value; null when a flagged finding has no value (unknown is never zero)'),
  flaggedWeight: Weight,
  flaggedValueKnown: z.number().describe('sum of the flagged values that are known: a lower bound when flaggedUnknown > 0'),
  flaggedUnknown: Count.describe('flagged findings whose value is unknown'),
  flaggedLong: z.number().describe('known flagged value of long positions'),
  flaggedShort: z.number().describe('known flagged value of short positions (negative)'),
  reviewValue: z.number(),
  byCurrency: z
    .array(
      z.strictObject({
        currency: z.string().nullable().describe('ISO 4217 code; null for values whose currency no file states'),
        portfolioValue: z.number(),
        flaggedValue: z.number().describe('gross flagged value of the findings in this currency whose value is known'),
      }),
    )
    .optional()
    .describe(
      'present when values are in several currencies, or in one that is not the base currency: each currency on its own. Every single-number total is then null, unless conversion has a rate for each currency',
    ),
  conversion: z
    .strictObject({
      base: z.string().describe('--base-currency: every single-number total is in it when missing is empty'),
      rates: z
        .array(
          z.strictObject({
            currency: z.string(),
            rate: z.number().positive().describe('units of the base currency per unit of currency'),
            asOf: z.string().nullable().describe('the date of the rate, when the rates file gives it'),
            source: z.string().nullable().describe('where the rate comes from, when the rates file gives it'),
          }),
        )
        .describe('the rates used, one per currency present other than the base'),
      missing: z.array(z.string()).describe('currencies present with no rate: the values are then not added up'),
      notStatedTakenAsBase: z.boolean().describe('values that stated no currency were taken to be in the base currency'),
    })
    .optional()
    .describe('present with --base-currency: how values were converted'),
  counts: z.strictObject({ flagged: Count, review: Count, ignored: Count }),
  byEntity: z
    .array(
      z.strictObject({
        id: z.string(),
        name: z.string(),
        value: z.number().nullable().describe('null when any of its findings has no value'),
        knownValue: z.number(),
        unknownValue: Count,
        findings: Count,
      }),
    )
    .describe('flagged value per entity, largest first'),
  direct: KindTotalSchema.describe('flagged exposure held directly'),
  indirect: KindTotalSchema.describe('flagged exposure held through funds'),
  byFund: z
    .array(
      z.strictObject({
        fund: z.string(),
        ticker: z.string(),
        name: z.string(),
        file: z.string(),
        line: Line,
        positionValue: Amount,
        flaggedValue: z.number(),
        findings: Count,
        bases: z.array(z.string()),
        entities: z.array(z.string()),
      }),
    )
    .describe('every fund position looked through, including those that hold nothing of the list'),
  notLookedThrough: z
    .array(
      z.strictObject({
        file: z.string(),
        line: Line,
        account: z.string().nullable(),
        name: z.string().nullable(),
        ticker: z.string().nullable(),
        isin: z.string().nullable(),
        positionValue: Amount,
        evidence: z.string().describe('what says it is a fund: a word of its name, or its asset class'),
        acceptedBy: GapRuleRefSchema.nullable().describe('the ignore-file rule that accepts this gap; null when none does'),
      }),
    )
    .describe('positions that look like funds but have no holdings data here: what they hold was not screened'),
});

/** The whole JSON report, schemaVersion 1. Later versions may add fields, never remove or rename these. */
export const JsonReportSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    tool: z.strictObject({ name: z.string(), version: z.string() }),
    dataset: z.strictObject({ version: z.string(), reviewedAt: IsoDate, entities: Count }),
    asOf: IsoDate.describe('the date screened at'),
    asOfSource: z
      .enum(['option', 'file', 'files', 'today'])
      .describe(
        "where asOf came from: --as-of, the file, the latest of the files' differing dates (each file screened at its own), or today",
      ),
    inputs: z.array(InputSchema),
    findings: z.array(FindingSchema),
    summary: SummarySchema,
    ignore: IgnoreSummarySchema.nullable(),
  })
  .meta({
    title: 'exposure-screener JSON report',
    description:
      'Output of `exposure-screener screen --format json`: holdings screened against the organisations added to the US Entity List on 2019-10-09 (84 FR 54002).',
  });

export type JsonReport = z.infer<typeof JsonReportSchema>;
export type JsonFinding = JsonReport['findings'][number];
export type JsonInput = JsonReport['inputs'][number];
export type JsonIgnoreRule = z.infer<typeof IgnoreRuleRefSchema>;

/** The JSON Schema (draft 2020-12) of the report, as committed in data/report.schema.json. */
export function reportJsonSchemaText(): string {
  return `${JSON.stringify(z.toJSONSchema(JsonReportSchema, { target: 'draft-2020-12', io: 'output' }), null, 2)}\n`;
}
