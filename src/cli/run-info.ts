// `entities`, `data`, `explain`, `inspect`: what the list holds and how a file or a text is read.

import { datasetFor, fundDataFor } from '../dataset/bundled.js';
import { DEFAULT_THRESHOLDS } from '../exposure/policy.js';
import { streamHoldingsInputs, type StreamedFile } from '../ingest/stream.js';
import type { SegmentSink } from '../ingest/tables.js';
import { buildMatchIndex } from '../match/build-index.js';
import { explain } from '../match/explain.js';
import { renderDataStatus } from '../report/data-status.js';
import { inspectionJson, renderInspection, type Inspection } from '../report/inspect.js';
import { createRowNormalizer } from '../normalize/rows.js';
import type { RowWarning, SkippedRow } from '../model.js';
import { daysBetween, fileDateOf } from '../normalize/dates.js';
import type { EncodingName } from '../ingest/decode.js';
import { renderEntities } from '../report/entities.js';
import { renderExplanationJson, renderExplanationText } from '../report/explain.js';
import { EXIT } from './exit-codes.js';
import { parseColumnsOption } from './options.js';
import { DATA_AGE_WARNING_DAYS } from './screen-setup.js';
import { rowShare } from '../normalize/row-accounting.js';
import type { RunEnvironment, RunResult } from './environment.js';

/** Lists the curated entities. */
export async function runEntities(options: { json: boolean; data?: string | undefined; color: boolean }): Promise<RunResult> {
  const { dataset } = await datasetFor(options.data);
  return {
    output: renderEntities(dataset, { json: options.json, color: options.color }),
    outputPath: null,
    messages: [],
    exitCode: EXIT.clean,
  };
}

/** Version, review date, age, counts and sources of the list. */
export async function runData(options: { json: boolean; data?: string | undefined }, env: RunEnvironment): Promise<RunResult> {
  const loaded = await datasetFor(options.data);
  const age = daysBetween(loaded.dataset.reviewedAt, env.today);
  const { funds } = await fundDataFor(loaded);
  const fundData = { version: funds.version, reviewedAt: funds.reviewedAt, funds: funds.funds.length, indices: funds.indices.length };
  return {
    output: renderDataStatus(loaded.dataset, {
      path: loaded.path,
      ageDays: age,
      warnAfterDays: DATA_AGE_WARNING_DAYS,
      json: options.json,
      funds: fundData,
    }),
    outputPath: null,
    messages: [],
    exitCode: EXIT.clean,
  };
}

/** Explains how one text is judged. Exit 1 when it would be flagged, as for a screen. */
export async function runExplain(
  text: string,
  options: { json: boolean; data?: string | undefined; exchange?: string | undefined; minScore?: number | undefined },
): Promise<RunResult> {
  const { dataset } = await datasetFor(options.data);
  const thresholds = options.minScore === undefined ? DEFAULT_THRESHOLDS : { ...DEFAULT_THRESHOLDS, review: options.minScore };
  const explanation = explain(buildMatchIndex(dataset), text, {
    thresholds,
    ...(options.exchange === undefined ? {} : { exchange: options.exchange }),
  });
  return {
    output: options.json ? renderExplanationJson(explanation) : renderExplanationText(explanation),
    outputPath: null,
    messages: [],
    exitCode: explanation.verdict.status === 'flagged' ? EXIT.findings : EXIT.clean,
  };
}

/**
 * How a file is read: encoding, dialect, tables, columns, accounts, row accounting. Exit 0 when it can
 * be screened. Streamed like a screen, so a custodian's million-row listing inspects in flat memory.
 */
export async function runInspect(
  file: string,
  options: { json: boolean; encoding?: EncodingName | undefined; columns?: string | undefined },
): Promise<RunResult> {
  const columns = options.columns === undefined ? undefined : parseColumnsOption(options.columns);
  const readOptions = {
    ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
    ...(columns === undefined ? {} : { columns }),
  };
  // Each input the file holds (a workbook: each sheet with data), inspected as screen reads it.
  const open = new Map<string, ReturnType<typeof inspectionOf>>();
  const inspections: Inspection[] = [];
  for await (const read of streamHoldingsInputs(file, readOptions, (input) => {
    const inspecting = inspectionOf();
    open.set(input, inspecting);
    return inspecting.sink;
  })) {
    const inspecting = open.get(read.file);
    // Read without `hash: false`, every input has its hash.
    const { sha256 } = read;
    if (sha256 === undefined) throw new Error(`${read.file} was read without its hash`);
    if (inspecting !== undefined) inspections.push(inspecting.finish({ ...read, sha256 }));
  }
  // A sheet with no holdings table is set aside, not wrong; any other input with no rows is.
  const empty = inspections.filter((i) => i.screened === 0 && i.read.sheet?.holdingsTable !== false);
  const [single] = inspections;
  const json =
    single !== undefined && inspections.length === 1 ? inspectionJson(single) : { file, sheets: inspections.map(inspectionJson) };
  return {
    output: options.json ? `${JSON.stringify(json, null, 2)}\n` : inspections.map((i) => renderInspection(i)).join('\n'),
    outputPath: null,
    messages: empty.map((i) => `${i.read.file}: no holding rows under the header; screen would exit 2`),
    exitCode: empty.length > 0 ? EXIT.error : EXIT.clean,
  };
}

/** One input's inspection: the sink its rows go to, and the inspection once they are in. */
function inspectionOf(): { sink: SegmentSink; finish: (read: StreamedFile & { readonly sha256: string }) => Inspection } {
  const skipped: SkippedRow[] = [];
  const warnings: RowWarning[] = [];
  const holdingAccounts = new Set<string>();
  const currencies = new Map<string | null, number>();
  let screened = 0;
  let withValue = 0;
  let withWeight = 0;
  const rows = createRowNormalizer({
    holding: (holding) => {
      screened++;
      if (holding.value !== null) withValue++;
      if (holding.weight !== undefined && holding.weight !== null) withWeight++;
      if (holding.account !== null) holdingAccounts.add(holding.account);
      currencies.set(holding.currency, (currencies.get(holding.currency) ?? 0) + 1);
    },
    skip: (row) => skipped.push(row),
    warn: (warning) => warnings.push(warning),
  });
  const sink: SegmentSink = { row: rows.row, skip: (row) => skipped.push(row) };
  const finish = (read: StreamedFile & { readonly sha256: string }): Inspection => {
    const decimal = rows.finish();
    // The labels of holdings tables: a filter or summary table's label holds no positions, so is no account.
    const tableAccounts = read.tables
      .filter((t) => t.kind === 'holdings')
      .map((t) => t.context)
      .filter((a): a is string => a !== null);
    // The same owner as screen's: a date before 1990 or after today is not the file's date, one that
    // reads both ways is read as the file's other dates or its locale say, and a date column counts
    // only when its rows agree.
    const asOf = fileDateOf(read, decimal, new Date().toISOString().slice(0, 10), rows.dates());
    const dateTable = read.tables.find((t) => t.columns.date !== undefined);
    const dateHeader = dateTable === undefined ? null : (dateTable.headers[dateTable.columns.date ?? -1] ?? null);
    return {
      read,
      asOf: asOf.date,
      date: {
        rejected: asOf.rejected,
        ambiguous: asOf.ambiguous,
        order: asOf.order,
        why: asOf.why,
        orderDecided: asOf.orderDecided,
        column: asOf.column === null ? null : { ...asOf.column, header: dateHeader },
        conflict: asOf.conflict === null ? null : { header: dateHeader, dates: asOf.conflict },
      },
      numbers: rows.convention(),
      values: withValue > 0 ? 'given' : withWeight > 0 ? 'weights' : 'none',
      decimal,
      screened,
      share: rowShare(screened, skipped),
      // Most positions first; "not stated" last.
      currencies: [...currencies]
        .map(([currency, positions]) => ({ currency, positions }))
        .sort((a, b) => (a.currency === null ? 1 : 0) - (b.currency === null ? 1 : 0) || b.positions - a.positions),
      skipped: skipped.sort((a, b) => a.line - b.line),
      warnings,
      accounts: [...new Set([...tableAccounts, ...holdingAccounts])],
    };
  };
  return { sink, finish };
}
