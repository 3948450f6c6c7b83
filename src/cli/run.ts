// Commands as functions: options in, { output, messages, exitCode } out. Testable in-process;
// main.ts does the writing.

import { loadDataset } from '../dataset/load.js';
import type { DatasetFile } from '../dataset/schema.js';
import { InputError } from '../errors.js';
import { readHoldingsFile } from '../ingest/read.js';
import { DEFAULT_THRESHOLDS } from '../exposure/policy.js';
import { REPORTERS, type RenderContext } from '../report/index.js';
import { renderEntities } from '../report/entities.js';
import { renderExplanationJson, renderExplanationText } from '../report/explain.js';
import { buildMatchIndex } from '../match/build-index.js';
import { explain } from '../match/explain.js';
import { screen, type ScreenInput } from '../screen.js';
import { EXIT, exitCodeFor, type ExitCode } from './exit-codes.js';
import { parseColumnsOption, type ScreenCliOptions } from './options.js';

export interface RunEnvironment {
  /** Today as YYYY-MM-DD, injected for reproducible output. */
  readonly today: string;
  readonly tool: RenderContext['tool'];
  readonly width: number;
}

export interface RunResult {
  readonly output: string;
  /** Where the output goes; null for stdout. */
  readonly outputPath: string | null;
  /** Lines for stderr: warnings that are not part of the report. */
  readonly messages: readonly string[];
  readonly exitCode: ExitCode;
}

/** Reads every file, screens them as one portfolio and renders the report. */
export function runScreen(files: readonly string[], options: ScreenCliOptions, env: RunEnvironment): RunResult {
  const { dataset, warnings } = loadDataset(options.data);
  const columns = options.columns === undefined ? undefined : parseColumnsOption(options.columns);
  const inputs: ScreenInput[] = files.map((file) => {
    const read = readHoldingsFile(file, {
      ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
      ...(columns === undefined ? {} : { columns }),
    });
    return { file: read.file, encoding: read.encoding, asOfText: read.asOfText, rows: read.rows, skipped: read.skipped };
  });
  const result = screen(inputs, dataset, {
    today: env.today,
    ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
    thresholds: options.minScore === undefined ? DEFAULT_THRESHOLDS : { ...DEFAULT_THRESHOLDS, review: options.minScore },
  });
  for (const input of result.inputs) {
    if (input.rows.screened === 0) {
      throw new InputError('NO_ROWS', input.file, null, `${input.file}: no holding rows were found under the header (${input.rows.skipped} rows skipped)`, {
        hint: 'run with --verbose to see why each row was skipped',
      });
    }
  }
  const ctx: RenderContext = { color: options.color && options.output === undefined, width: env.width, verbose: options.verbose, tool: env.tool };
  const messages = options.debug ? warnings.map((w) => `data warning: ${w}`) : [];
  return {
    output: REPORTERS[options.format](result, ctx),
    outputPath: options.output ?? null,
    messages,
    exitCode: exitCodeFor(result, options.failOn),
  };
}

/** Lists the curated entities. */
export function runEntities(options: { json: boolean; data?: string | undefined; color: boolean }): RunResult {
  const { dataset }: { dataset: DatasetFile } = loadDataset(options.data);
  return {
    output: renderEntities(dataset, { json: options.json, color: options.color }),
    outputPath: null,
    messages: [],
    exitCode: EXIT.clean,
  };
}

/** Explains how one text is judged. Exit 1 when it would be flagged, as for a screen. */
export function runExplain(text: string, options: { json: boolean; data?: string | undefined; exchange?: string | undefined; minScore?: number | undefined }): RunResult {
  const { dataset } = loadDataset(options.data);
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
