// Fund snapshots: what a real fund holdings file says the fund held of the list, computed with the
// same pipeline a screen uses, so that snapshots and screens never disagree. Pure: bytes in.

import { createHash } from 'node:crypto';
import type { Snapshot, SnapshotManifest } from './dataset/funds-schema.js';
import type { DatasetFile } from './dataset/schema.js';
import { readHoldingsBytes } from './ingest/read.js';
import { compositionFromScreen } from './look-through/expand.js';
import type { MatchIndex } from './match/build-index.js';
import type { RawHolding } from './model.js';
import { screen, type ScreenInput } from './screen.js';

export type ManifestEntry = SnapshotManifest['snapshots'][number];

/** Weights in derived files are percentages with two decimals: 0.01 % steps. */
const DERIVED_WEIGHT_PRECISION = 0.0001;

function portfolioXrayRows(file: string, bytes: Uint8Array): RawHolding[] {
  const json: unknown = JSON.parse(new TextDecoder('utf-8').decode(bytes));
  if (!Array.isArray(json)) throw new Error(`${file}: expected a JSON array`);
  const rows: RawHolding[] = [];
  json.forEach((item: unknown, i) => {
    if (typeof item !== 'object' || item === null) return;
    const name = 'name' in item && typeof item.name === 'string' ? item.name : '';
    const ticker = 'ticker' in item && typeof item.ticker === 'string' ? item.ticker : '';
    const weight = 'weight' in item && typeof item.weight === 'number' ? item.weight : null;
    // The weight (a percentage) stands in for the value: a share of the fund, summed per company below.
    const cells = { name, ticker, ...(weight === null ? {} : { value: String(weight) }) };
    rows.push({ file, line: i + 1, cells, raw: [ticker, name], context: null });
  });
  return rows;
}

/** Twelve decimals: far below any weight a fund reports, and free of float noise (0.0007000000000000001). */
function roundWeight(w: number): number {
  return Math.round(w * 1e12) / 1e12;
}

/** Builds one snapshot from a file's bytes. */
export function buildSnapshot(entry: ManifestEntry, bytes: Uint8Array, dataset: DatasetFile, index: MatchIndex): Snapshot {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let input: ScreenInput;
  if (entry.format === 'csv') {
    const read = readHoldingsBytes(entry.file, bytes);
    input = { file: entry.file, encoding: read.encoding, asOfText: read.asOfText, rows: read.rows, skipped: read.skipped };
  } else {
    input = { file: entry.file, encoding: 'utf-8', asOfText: null, rows: portfolioXrayRows(entry.file, bytes), skipped: [] };
  }
  const result = screen([input], dataset, { today: entry.date, asOf: entry.date, index });
  const composition = compositionFromScreen(result, {
    kind: 'holdings-file',
    date: entry.date,
    source: entry.file,
    sha256,
    derived: entry.derived,
    index: null,
    confidence: entry.dateConfidence,
  });
  const percentages = entry.format === 'portfolio-xray-json';
  const holdings: Snapshot['holdings'] = composition.constituents.map((c) => {
    const lineValues = c.lines.map((l) => l.value ?? 0);
    const summed = lineValues.reduce((a, b) => a + Math.round(b * 10_000), 0) / 10_000;
    return {
      entity: c.entityId,
      relation: c.relation,
      name: c.lines[0]?.name ?? c.entityName,
      security: c.security,
      value: percentages ? null : summed,
      weight: roundWeight(percentages ? Math.min(1, summed / 100) : (c.weight ?? 0)),
      weightPrecision: percentages ? DERIVED_WEIGHT_PRECISION : null,
      lines: c.lines.flatMap((l) => (l.line === null ? [] : [l.line])),
    };
  });
  return {
    fund: entry.fund,
    date: entry.date,
    dateConfidence: entry.dateConfidence,
    derived: entry.derived,
    file: entry.file,
    sha256,
    source: entry.source,
    totalValue: percentages ? null : result.summary.portfolioValue,
    rowsScreened: result.inputs[0]?.rows.screened ?? 0,
    holdings,
  };
}
