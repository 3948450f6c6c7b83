// Domain types shared by every stage after ingestion. Types only: no runtime code.

/** The JSON contract's words for what a finding asks of the reader. */
export type Status = 'flagged' | 'review' | 'ignored';
/** Held directly, or through a fund. */
export type Kind = 'direct' | 'indirect';
/** Which part of a holding decided the match. */
export type MatchOn = 'isin' | 'sedol' | 'cusip' | 'ticker' | 'name';

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
  | 'account';

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
}

/** Why a row was not screened. Words for each live in report/finding-text.ts. */
export type SkipReason =
  | 'blank'
  | 'total'
  | 'cash'
  | 'derivative'
  | 'section-label'
  | 'not-holdings'
  | 'trailer'
  | 'no-security'
  | 'undecodable';

export interface SkippedRow {
  readonly file: string;
  readonly line: number;
  readonly reason: SkipReason;
  /** The row's first non-empty text, for a person to recognise it. */
  readonly text: string;
  /** Value carried by a skipped cash row; counted in the portfolio value. */
  readonly value: number | null;
}

/** A warning about one row that was still screened (bad check digit, unreadable amount…). */
export interface RowWarning {
  readonly file: string;
  readonly line: number;
  readonly code: 'BAD_CHECK_DIGIT' | 'UNREADABLE_AMOUNT';
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
  /** Market value in the file's currency; null when absent or unreadable (never 0 for unknown). */
  readonly value: number | null;
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
}

export interface Finding {
  readonly status: Status;
  readonly kind: Kind;
  readonly holding: Holding;
  readonly match: Match;
  readonly exposure: { readonly value: number | null; readonly weight: number | null };
  /** Set when status is `ignored`. */
  readonly ignoredBy: IgnoreRuleRef | null;
}

export interface InputSummary {
  readonly file: string;
  readonly encoding: string;
  readonly asOf: string | null;
  readonly rows: { readonly total: number; readonly screened: number; readonly skipped: number };
  readonly skipped: readonly SkippedRow[];
  readonly warnings: readonly RowWarning[];
  readonly portfolioValue: number | null;
}

export interface EntityTotal {
  readonly id: string;
  readonly name: string;
  readonly value: number;
  readonly findings: number;
}

export interface ScreenSummary {
  readonly portfolioValue: number | null;
  readonly flaggedValue: number;
  readonly flaggedWeight: number | null;
  readonly reviewValue: number;
  readonly counts: Readonly<Record<Status, number>>;
  readonly byEntity: readonly EntityTotal[];
}

export interface ScreenResult {
  readonly asOf: string;
  readonly asOfSource: 'option' | 'file' | 'today';
  readonly dataset: { readonly version: string; readonly reviewedAt: string; readonly entities: number };
  readonly inputs: readonly InputSummary[];
  readonly findings: readonly Finding[];
  readonly summary: ScreenSummary;
  /** Present when an ignore file was applied. */
  readonly ignore?: IgnoreSummary;
}
