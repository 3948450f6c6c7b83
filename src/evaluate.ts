// Precision and recall of the matcher on a labelled set (fixtures/labelled/securities.csv).
import { parse } from 'csv-parse/sync';

import { DEFAULT_THRESHOLDS, statusOf, type Thresholds } from './exposure/policy.js';
import type { MatchIndex } from './match/build-index.js';
import { createMatcher } from './match/match-positions.js';
import type { Concept, RawHolding } from './model.js';
import { normalizeRows } from './normalize/rows.js';

export type LabelledStatus = 'flagged' | 'review' | 'none';

export interface LabelledRow {
  readonly line: number;
  readonly cells: Readonly<Partial<Record<Concept, string>>>;
  readonly expected: string | null;
  readonly status: LabelledStatus;
  readonly note: string;
}

export interface RowOutcome {
  readonly row: LabelledRow;
  readonly status: LabelledStatus;
  readonly entity: string | null;
  readonly on: string | null;
  readonly score: number | null;
  readonly correct: boolean;
}

export interface Evaluation {
  readonly rows: number;
  readonly flagged: {
    readonly truePositives: number;
    readonly falsePositives: number;
    readonly falseNegatives: number;
    readonly precision: number;
    readonly recall: number;
  };
  readonly review: { readonly predicted: number; readonly expected: number; readonly agreed: number };
  readonly mistakes: readonly RowOutcome[];
  readonly outcomes: readonly RowOutcome[];
}

/** Screens every labelled row on its own and compares with its label. Pure. */
export function evaluate(rows: readonly LabelledRow[], index: MatchIndex, thresholds: Thresholds = DEFAULT_THRESHOLDS): Evaluation {
  const match = createMatcher(index, thresholds.review);
  const outcomes: RowOutcome[] = rows.map((row) => {
    const raw: RawHolding = {
      file: 'labelled',
      line: row.line,
      cells: row.cells,
      raw: Object.values(row.cells).filter((v) => v !== undefined),
      context: null,
    };
    const holding = normalizeRows([raw]).holdings[0];
    const outcome = holding === undefined ? { kind: 'none' as const } : match(holding);
    const decided = outcome.kind === 'match' ? statusOf(outcome.match, thresholds) : null;
    const status: LabelledStatus = decided === 'flagged' || decided === 'review' ? decided : 'none';
    const entity = outcome.kind === 'match' && status !== 'none' ? outcome.match.target.entityId : null;
    const correct = status === row.status && (status === 'none' || entity === row.expected);
    return {
      row,
      status,
      entity,
      on: outcome.kind === 'match' ? outcome.match.on : null,
      score: outcome.kind === 'match' ? outcome.match.score : null,
      correct,
    };
  });
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const o of outcomes) {
    const predictedFlag = o.status === 'flagged';
    const expectedFlag = o.row.status === 'flagged';
    if (predictedFlag && expectedFlag && o.entity === o.row.expected) tp++;
    else {
      if (predictedFlag) fp++;
      if (expectedFlag) fn++;
    }
  }
  const review = {
    predicted: outcomes.filter((o) => o.status === 'review').length,
    expected: outcomes.filter((o) => o.row.status === 'review').length,
    agreed: outcomes.filter((o) => o.status === 'review' && o.row.status === 'review' && o.entity === o.row.expected).length,
  };
  return {
    rows: rows.length,
    flagged: {
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
      precision: tp + fp === 0 ? 1 : tp / (tp + fp),
      recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    },
    review,
    mistakes: outcomes.filter((o) => !o.correct),
    outcomes,
  };
}

const LABELLED_HEADER = ['name', 'ticker', 'exchange', 'isin', 'sedol', 'cusip', 'expected', 'status', 'source', 'note'] as const;

/** Parses the labelled set's CSV (header: name,ticker,exchange,isin,sedol,cusip,expected,status,source,note). */
export function parseLabelledCsv(text: string): LabelledRow[] {
  const records: unknown = parse(text, { relax_column_count: false, skip_empty_lines: true, info: true });
  if (!Array.isArray(records)) return [];
  const out: LabelledRow[] = [];
  records.forEach((item: unknown, i) => {
    if (typeof item !== 'object' || item === null || !('record' in item) || !('info' in item)) return;
    const record: unknown = item.record;
    const info: unknown = item.info;
    if (!Array.isArray(record) || typeof info !== 'object' || info === null || !('lines' in info) || typeof info.lines !== 'number') return;
    const cells = record.map(String);
    if (i === 0) {
      if (cells.join(',') !== LABELLED_HEADER.join(',')) throw new Error(`labelled set: header must be ${LABELLED_HEADER.join(',')}`);
      return;
    }
    const get = (k: (typeof LABELLED_HEADER)[number]): string => cells[LABELLED_HEADER.indexOf(k)]?.trim() ?? '';
    const status = get('status');
    if (status !== 'flagged' && status !== 'review' && status !== 'none')
      throw new Error(`labelled set line ${info.lines}: status "${status}"`);
    const holding: Partial<Record<Concept, string>> = {};
    for (const k of ['name', 'ticker', 'exchange', 'isin', 'sedol', 'cusip'] as const) {
      const v = get(k);
      if (v !== '') holding[k] = v;
    }
    out.push({ line: info.lines, cells: holding, expected: get('expected') === '' ? null : get('expected'), status, note: get('note') });
  });
  return out;
}
