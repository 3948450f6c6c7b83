// Domain types shared by every stage after ingestion. Types only: no runtime code.

/** The JSON contract's words for what a finding asks of the reader. */
export type Status = 'flagged' | 'review' | 'ignored';
/** Held directly, or through a fund. */
export type Kind = 'direct' | 'indirect';
/** Which part of a holding decided the match; `fund` for a company found inside a fund position. */
export type MatchOn = 'isin' | 'sedol' | 'cusip' | 'ticker' | 'name' | 'fund';

/** Canonical column concepts a holdings file can carry. */
export type Concept =
  | 'name'
  | 'ticker'
  | 'isin'
  | 'cusip'
  | 'sedol'
  | 'exchange'
  | 'quantity'
  | 'value'
  | 'weight'
  | 'assetClass'
  | 'currency'
  | 'account'
  /** A date on every row (CSI's 日期Date, IBKR's ReportDate, ARK's date): the file's date when the rows agree. */
  | 'date';

/** What a header row says its table holds. */
export type TableKind = 'holdings' | 'transactions' | 'other';

/** One table of a file: its header, what it holds, and which column is which concept. */
export interface TableInfo {
  readonly headerLine: number;
  readonly kind: TableKind;
  readonly headers: readonly string[];
  readonly columns: Readonly<Partial<Record<Concept, number>>>;
  /** Section or account label in force when the table starts. */
  readonly context: string | null;
  /** Why each column was mapped: the header name it was read as ("kurswert", "成分券代码"), or "--columns". */
  readonly why?: Readonly<Partial<Record<Concept, string>>>;
  /** The ticker column is named as exchange codes ("证券代码", "Stock Code"): a bare number there is a code. */
  readonly tickerIsCode?: boolean;
  /** The line a header split over two lines continues on (units or English names under Chinese ones). */
  readonly continuedOn?: number;
  /** The currency the value column's header states ("Market Value (USD)", "Kurswert in EUR"); absent when none. */
  readonly valueCurrency?: string;
  /** An XML statement's row element ("IBKR Flex OpenPosition"): its attributes or child elements are the headers. */
  readonly element?: string;
}

/** What reading a file learnt about it, its rows aside: what `inspect` and reports show. */
/** Why a file, or the rest of it, is read by csv-parse rather than in the byte buffer. */
export type ReaderReason = 'asked' | 'encoding' | 'undecodable' | 'multiline-quote';

/** Which reader read a file: the byte reader up to `csvParseFrom` (null: to its end), csv-parse from there. */
export interface ReaderChoice {
  readonly kind: 'bytes' | 'csv-parse';
  /** Why csv-parse read the file or its rest; null when the byte reader read it all. */
  readonly reason: ReaderReason | null;
  /** The line csv-parse took over at (1 when it read the whole file); null when it read nothing. */
  readonly csvParseFrom: number | null;
}

/** A sheet of a workbook read as an input of its own, named `book.xlsx[Sheet]` (ingest/xlsx.ts). */
export interface SheetInput {
  /** The workbook's file. */
  readonly workbook: string;
  readonly sheet: string;
  readonly kind: 'xlsx' | 'spreadsheetml';
  /** False for a sheet with no holdings table (a cover sheet, disclaimers): its lines are set aside, said, and searched. */
  readonly holdingsTable: boolean;
}

export interface FileReading {
  readonly file: string;
  readonly encoding: string;
  readonly delimiter: string;
  /** SHA-256 of the file's bytes, so a report can say exactly which file it used. */
  readonly sha256: string;
  /** Which reader read a CSV file (null for XML; absent for the in-memory reader). */
  readonly reader?: ReaderChoice | null;
  /** The workbook and sheet, when the input is a sheet of a workbook. */
  readonly sheet?: SheetInput;
  readonly tables: readonly TableInfo[];
  /** Text of the first preamble or section line that states an as-of date. */
  readonly asOfText: string | null;
  /** The line it is on. */
  readonly asOfLine: number | null;
  /** Lines before the first header: titles and key/value metadata, not rows. */
  readonly preambleLines: number;
  /** One-cell title lines of the preamble ("FTSE Emerging Markets ETF (VWO)"), which can name the fund. */
  readonly titles: readonly string[];
  /** Physical lines taken by header rows. */
  readonly headerLines: number;
  /** Physical lines of the file; null for XML, whose rows are elements. */
  readonly lineCount: number | null;
}

/** One data row as read from a file: text cells keyed by concept, nothing interpreted yet. */
export interface RawHolding {
  readonly file: string;
  /** 1-based physical line where the row starts. */
  readonly line: number;
  readonly cells: Readonly<Partial<Record<Concept, string>>>;
  /** Every non-empty cell of the row, in order: used to recognise total and trailer rows. */
  readonly raw: readonly string[];
  /** Account or section label in force when the row was read (Schwab account rows, Vanguard sections). */
  readonly context: string | null;
  /** Physical lines the row spans (a name with a quoted line break spans two); 1 when absent. */
  readonly lines?: number;
  /** Some bytes of the row did not decode in the file's encoding: screened, and reported by line. */
  readonly undecodable?: boolean;
  /** Its ticker column is named as exchange codes ("证券代码", "Stock Code"). */
  readonly tickerIsCode?: boolean;
  /** The currency its table's value header states ("Market Value (USD)"); a currency cell says it row by row. */
  readonly valueCurrency?: string;
}

/** Why a row was not screened. Words for each live in report/finding-text.ts. */
export type SkipReason =
  | 'preamble'
  | 'blank'
  | 'total'
  | 'cash'
  | 'derivative'
  | 'section-label'
  | 'not-holdings'
  | 'trailer'
  | 'no-security'
  | 'undecodable'
  | 'no-holdings-sheet';

export interface SkippedRow {
  readonly file: string;
  readonly line: number;
  readonly reason: SkipReason;
  /** The row's first non-empty text, for a person to recognise it. */
  readonly text: string;
  /** Value carried by a skipped cash row; counted in the portfolio value. */
  readonly value: number | null;
  /** The ISO 4217 currency of `value`, when the row or its table states one. */
  readonly currency?: string | null;
  /** Physical lines it covers from `line` on (consecutive blank lines are one entry); 1 when absent. */
  readonly lines?: number;
  /** Its non-empty cells, while it travels from ingestion to the screener, which looks for listed identifiers and names in them. Not reported. */
  readonly cells?: readonly string[];
}

/** A warning about one row that was still screened (bad check digit, unreadable amount…). */
export interface RowWarning {
  readonly file: string;
  readonly line: number;
  readonly code: 'BAD_CHECK_DIGIT' | 'UNREADABLE_AMOUNT' | 'IMPLAUSIBLE_AMOUNT' | 'UNDECODABLE_BYTES';
  readonly column: Concept;
  readonly value: string;
}

/** A position after normalisation: identifiers validated, amounts parsed. */
export interface Holding {
  readonly file: string;
  readonly line: number;
  readonly account: string | null;
  readonly name: string | null;
  readonly ticker: string | null;
  readonly exchange: string | null;
  readonly isin: string | null;
  readonly cusip: string | null;
  readonly sedol: string | null;
  readonly quantity: number | null;
  /** Market value in `currency`; null when absent or unreadable (never 0 for unknown). */
  readonly value: number | null;
  /** The ISO 4217 code of the value's currency (a currency column, or the value header); null when not stated. */
  readonly currency: string | null;
  /** The file's type or asset class for the position, as written ("ETF", "Mutual Fund", "Equity"); null when none. */
  readonly assetClass: string | null;
  /** Its share of the file as the file states it (a weight column), 0..1; absent or null when not given. */
  readonly weight?: number | null;
  /** The ticker came from a column named as exchange codes: a bare number is a code of the venue its shape says. */
  readonly tickerIsCode?: boolean;
}

/** What a finding is about: the listed entity, or a company related to it. */
export interface MatchTarget {
  readonly entityId: string;
  readonly entityName: string;
  /** `self` for the entity's own names and securities; otherwise its relation to the entity. */
  readonly relation: 'self' | 'subsidiary' | 'parent' | 'affiliate';
  /** Name of the related company when relation is not `self`. */
  readonly relatedName: string | null;
}

/** How a name matched: exactly, cut short, contained (Chinese), or by its distinctive words. */
export interface NameEvidence {
  readonly method: 'exact' | 'truncated' | 'contains' | 'tokens';
  /** For `tokens`: the list's words found in the holding's name, with their similarity (1 equal, 0.9 typo or cut). */
  readonly words: readonly { readonly list: string; readonly holding: string; readonly similarity: number }[];
}

/** The evidence for a match, as data. */
export interface Match {
  readonly target: MatchTarget;
  readonly on: MatchOn;
  /** 0..1; identifiers and exact names score 1. */
  readonly score: number;
  /** The identifier, ticker notation or alias of the list that matched. */
  readonly matched: string;
  /** The holding's own text that matched. */
  readonly input: string;
  /** Whether the fact that matched is unverified (can only raise a review). */
  readonly unverified: boolean;
  /** Set when `on` is `name`. */
  readonly nameEvidence: NameEvidence | null;
}

/** The ignore-file rule that turned a finding into `ignored`. */
export interface IgnoreRuleRef {
  /** Position of the rule in the ignore file, from 0. */
  readonly index: number;
  readonly entity: string;
  readonly reason: string;
  readonly expires: string;
  readonly owner: string | null;
}

/** What the ignore file did in a screen. */
export interface IgnoreSummary {
  /** Path of the ignore file. */
  readonly file: string;
  readonly rules: number;
  /** Findings the rules turned into `ignored`. */
  readonly applied: number;
  /** Rules past their expiry date: they no longer apply. */
  readonly expired: readonly IgnoreRuleRef[];
  /** Rules in force that matched no finding. */
  readonly unused: readonly IgnoreRuleRef[];
  /** What the `notLookedThrough` rules did: positions accepted, and rules expired or unused. */
  readonly gaps: {
    readonly rules: number;
    readonly applied: number;
    readonly expired: readonly GapRuleRef[];
    readonly unused: readonly GapRuleRef[];
  };
}

/** One fund on the way from the portfolio to a listed company. */
export interface FundHop {
  readonly fundId: string;
  readonly ticker: string;
  readonly name: string;
  /** Where the position sits: the portfolio line for the first hop, the fund file's line after. */
  readonly file: string | null;
  readonly line: number | null;
  /** The hop's share of the fund that holds it (for funds inside funds); null for the first hop. */
  readonly weight: number | null;
}

/** What the indirect exposure was computed from. */
export interface LookThroughBasis {
  readonly kind: 'holdings-file' | 'snapshot' | 'index-membership';
  /** Date of the holdings file or snapshot, or the as-of date for membership. */
  readonly date: string | null;
  /** File (with its SHA-256) or index the basis comes from. */
  readonly source: string;
  readonly sha256: string | null;
  /** True when the file is a third party's derivation, not the issuer's own. */
  readonly derived: boolean;
  /** For index membership: the index and the membership's confidence. */
  readonly index: string | null;
  readonly confidence: 'high' | 'medium' | 'low' | 'unverified';
}

/** A caveat on an indirect finding, as data; report/finding-text.ts words it. */
export type LookThroughNote =
  | { readonly code: 'MISSING_VALUES' }
  | { readonly code: 'INDEX_UNKNOWN'; readonly asOf: string; readonly date: string }
  | { readonly code: 'WEAK_MEMBERSHIP'; readonly index: string; readonly asOf: string; readonly confidence: string }
  | { readonly code: 'DISTANT_HOLDINGS'; readonly date: string; readonly days: number }
  | { readonly code: 'ROUNDED_WEIGHT'; readonly precision: number }
  | { readonly code: 'DERIVED_SOURCE' }
  | {
      readonly code: 'INDEX_MEMBER';
      readonly index: string;
      readonly asOf: string;
      readonly from: string;
      readonly to: string | null;
      readonly confidence: string;
    }
  | { readonly code: 'NEEDS_FUND_FILE' }
  | { readonly code: 'FUND_OF_FUNDS'; readonly holder: string; readonly held: string; readonly weight: number; readonly date: string }
  | { readonly code: 'BEFORE_LISTING'; readonly asOf: string; readonly listed: string };

/** How an indirect finding reaches the company: the chain of funds, the basis, the constituent lines. */
export interface LookThrough {
  readonly chain: readonly FundHop[];
  readonly basis: LookThroughBasis;
  /** The company's lines in the fund: name, security and value in the fund, and the file line. */
  readonly constituents: readonly {
    readonly name: string;
    readonly security: string;
    readonly value: number | null;
    readonly line: number | null;
  }[];
  /** The company's share of the first fund (all hops multiplied); null when unknown. */
  readonly weight: number | null;
  /** Caveats a reader must see (rounded weight, holdings far from the as-of date, before listing). */
  readonly notes: readonly LookThroughNote[];
}

export interface Finding {
  readonly status: Status;
  readonly kind: Kind;
  readonly holding: Holding;
  readonly match: Match;
  readonly exposure: {
    readonly value: number | null;
    readonly weight: number | null;
    /**
     * Present when the screen's values are not all in one currency: the exposure in the currency the
     * position states (or the base currency, taken for one that states none); `value` above is then in
     * the base currency, or null when the values are not added up.
     */
    readonly local?: { readonly currency: string | null; readonly value: number | null };
  };
  /** Set when status is `ignored`. */
  readonly ignoredBy: IgnoreRuleRef | null;
  /** Set when kind is `indirect`. */
  readonly via?: LookThrough;
  /** True when the as-of date precedes the entity's listing (2019-10-09). */
  readonly beforeListing?: boolean;
  /**
   * Set when the match was found in a row that was not read as a position (a note, a label, a line
   * before the header, a table that is not holdings): why that row was set aside. Its value is unknown.
   */
  readonly outsideTable?: SkipReason;
  /** True when every listing of the entity had ended by the as-of date: for review, not flagged. */
  readonly listingEnded?: boolean;
  /** The lists the entity is on: its listings' programs (us-entity-list, ofac-ns-cmic…) and the list files it came from. */
  readonly lists?: readonly string[];
  /** The entity's listings: which list, since when, under what citation and program. */
  readonly listings?: readonly ListingRef[];
}

export interface ListingRef {
  readonly list: string;
  readonly date: string;
  readonly effective: string | null;
  readonly citation: string | null;
  /** The program and other particulars the list gives (OFAC program tag, licence policy). */
  readonly note: string | null;
  readonly primary: boolean;
  /** When the listing ended; null while it is in force. */
  readonly ended: string | null;
}

/** A date a file gives, and the first line that gives it. */
export interface DatedLine {
  readonly date: string;
  readonly line: number;
}

export interface InputSummary {
  readonly file: string;
  readonly encoding: string;
  /** SHA-256 of the file's bytes as read (hex), so a report can be reproduced; null when they were not hashed. */
  readonly sha256: string | null;
  /** The file's own as-of date, and the line it was read from. */
  readonly asOf: string | null;
  readonly asOfLine: number | null;
  /** A date the file states that was not believed (before 1990, after today): ignored, and said. */
  readonly asOfRejected: string | null;
  /** A date the file states that reads both ways ("05/06/2021") with nothing in the file to say which: not used, and said. */
  readonly asOfAmbiguous: string | null;
  /** The rows' date column gives several dates: none is the file's date, and the report says which and where. */
  readonly asOfConflict?: readonly DatedLine[];
  /** Whether the file gives its positions' values: `weights` when it gives only their shares, `none` when neither. */
  readonly values: 'given' | 'weights' | 'none';
  readonly rows: { readonly total: number; readonly screened: number; readonly skipped: number };
  /**
   * Every physical line of the file in one bucket: header, screened or skipped, adding up to total.
   * Null for XML statements, whose rows are elements, not lines.
   */
  readonly lines: { readonly total: number; readonly header: number; readonly screened: number; readonly skipped: number } | null;
  readonly skipped: readonly SkippedRow[];
  readonly warnings: readonly RowWarning[];
  readonly portfolioValue: number | null;
  /** The workbook and sheet, when the input is a sheet of a workbook (`file` is then `book.xlsx[Sheet]`). */
  readonly sheet?: SheetInput;
}

export interface EntityTotal {
  readonly id: string;
  readonly name: string;
  /** Flagged value; null when any of its findings has no value (then knownValue is a lower bound). */
  readonly value: number | null;
  readonly knownValue: number;
  /** Flagged findings of this entity whose value is unknown. */
  readonly unknownValue: number;
  readonly findings: number;
}

/** Flagged exposure of one kind: held directly, or through funds. */
export interface KindTotal {
  readonly findings: number;
  /** Sum of the known values. */
  readonly value: number;
  readonly weight: number | null;
  /** Flagged findings whose value is unknown (index membership only, or a weight the source rounds to 0). */
  readonly unknownValue: number;
}

/** A fund position that was looked through, with what it holds of the list. */
export interface FundTotal {
  readonly fundId: string;
  readonly ticker: string;
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly positionValue: number | null;
  /** Flagged exposure through this position (known values only). */
  readonly flaggedValue: number;
  readonly findings: number;
  /** The bases used: holdings-file, snapshot, index-membership. */
  readonly bases: readonly string[];
  readonly entities: readonly string[];
}

/**
 * A position that looks like a fund, by its name or its asset class, but has no composition here:
 * what it holds was not screened. The report says so rather than let "nothing found" stand for it.
 */
export interface UnscreenedFund {
  readonly file: string;
  readonly line: number;
  readonly account: string | null;
  readonly name: string | null;
  readonly ticker: string | null;
  readonly isin: string | null;
  readonly positionValue: number | null;
  /** What says it is a fund: a word of its name ("ETF", "FDS") or its asset class ("Mutual Fund"). */
  readonly evidence: string;
  /** The ignore-file rule that accepts this gap (a bond fund, say), so --require-look-through passes; null when none does. */
  readonly acceptedBy: GapRuleRef | null;
}

/**
 * An ignore-file rule that accepts a fund position not looked through (`notLookedThrough` in the ignore
 * file): an entity rule's reference with the fund in place of the entity; `index` counts in that array.
 */
export interface GapRuleRef extends Omit<IgnoreRuleRef, 'entity'> {
  /** Ticker, ISIN or name of the fund position, as the rule gives it. */
  readonly fund: string;
}

export interface ScreenSummary {
  readonly portfolioValue: number | null;
  /** Longs plus the absolute value of shorts, cash included: the base every share is taken on. */
  readonly grossPortfolioValue: number | null;
  /** Gross flagged value; null when a flagged finding has no value (unknown is never zero). */
  readonly flaggedValue: number | null;
  readonly flaggedWeight: number | null;
  /** Sum of the flagged values that are known: a lower bound when flaggedUnknown > 0. */
  readonly flaggedValueKnown: number;
  /** Flagged findings whose value is unknown. */
  readonly flaggedUnknown: number;
  /** Known flagged value of long positions, and of short positions (negative). */
  readonly flaggedLong: number;
  readonly flaggedShort: number;
  readonly reviewValue: number;
  readonly counts: Readonly<Record<Status, number>>;
  readonly byEntity: readonly EntityTotal[];
  readonly direct: KindTotal;
  readonly indirect: KindTotal;
  /** Every fund position looked through, including those that hold nothing of the list. */
  readonly byFund: readonly FundTotal[];
  /** Positions that look like funds with no composition here, so not looked through. */
  readonly notLookedThrough: readonly UnscreenedFund[];
  /**
   * Present when values are in several currencies, or in one that is not the base currency: each
   * currency's own totals. Every single-number total above is then unknown, unless `conversion` has a
   * rate for each currency (then they are in the base currency).
   */
  readonly byCurrency?: readonly CurrencyTotal[];
  /** Present with --base-currency: the base, the rates used, and what could not be converted. */
  readonly conversion?: CurrencyConversion;
}

/** One rate: units of the base currency per unit of `currency` (EUR=1.08 with base USD). */
export interface FxRate {
  readonly currency: string;
  readonly rate: number;
  /** The date the rate is of, and where it comes from, when the rates file says. */
  readonly asOf: string | null;
  readonly source: string | null;
}

/** How values were converted into the base currency (--base-currency, --fx, --fx-file). */
export interface CurrencyConversion {
  readonly base: string;
  /** The rates used: one per currency present other than the base. */
  readonly rates: readonly FxRate[];
  /** Currencies present with no rate: the values are then not added up. */
  readonly missing: readonly string[];
  /** Some values stated no currency and were taken to be in the base currency. */
  readonly notStatedTakenAsBase: boolean;
}

/** One currency's totals, when a screen's values are in several and are not added up. */
export interface CurrencyTotal {
  /** ISO 4217 code; null for values whose currency no file states. */
  readonly currency: string | null;
  readonly portfolioValue: number;
  /** Gross flagged value of the findings in this currency whose value is known. */
  readonly flaggedValue: number;
}

export interface ScreenResult {
  /** The date screened at: --as-of, else the files' own date (the latest, when they differ), else today. */
  readonly asOf: string;
  /** `files`: each file was screened at its own date, and the dates differ. */
  readonly asOfSource: 'option' | 'file' | 'files' | 'today';
  readonly dataset: { readonly version: string; readonly reviewedAt: string; readonly entities: number };
  readonly inputs: readonly InputSummary[];
  readonly findings: readonly Finding[];
  readonly summary: ScreenSummary;
  /** Present when an ignore file was applied. */
  readonly ignore?: IgnoreSummary;
}
