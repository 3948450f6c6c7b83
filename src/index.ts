// The programmatic API: what the CLI does, as functions.

export {
  screen,
  createScreener,
  type ScreenInput,
  type ScreenOptions,
  type LookThroughOptions,
  type Screener,
  type FileScreen,
} from './screen.js';
export { loadDataset, loadFundData, BUNDLED_DATASET_PATH, BUNDLED_FUNDS_PATH, BUNDLED_SNAPSHOTS_PATH } from './dataset/load.js';
export { validateDataset, type ValidationResult } from './dataset/validate.js';
export { validateFundData } from './dataset/validate-funds.js';
export { DatasetFileSchema, type DatasetFile, type Entity } from './dataset/schema.js';
export { readHoldingsBytes, readHoldingsFile, type HoldingsFile, type ReadOptions } from './ingest/read.js';
export { streamHoldingsFile, type StreamedFile } from './ingest/stream.js';
export { buildMatchIndex, type MatchIndex } from './match/build-index.js';
export { createMatcher, type MatchOutcome } from './match/match-positions.js';
export { explain, type Explanation } from './match/explain.js';
export { buildFundCatalog, type FundCatalog } from './look-through/funds.js';
export { applyIgnoreRules, type IgnoreFile } from './exposure/ignore.js';
export { IgnoreFileSchema } from './exposure/ignore-schema.js';
export { DEFAULT_THRESHOLDS, DEFAULT_FAIL_POLICY, breachesPolicy, statusOf, type FailPolicy, type Thresholds } from './exposure/policy.js';
export { evaluate, parseLabelledCsv, type Evaluation } from './evaluate.js';
export { FORMATS, loadReporter, type Format, type RenderContext, type Reporter } from './report/index.js';
import { loadReporters } from './report/index.js';
/** Every reporter by format, loaded (the command line loads only the one it renders with). */
export const REPORTERS = await loadReporters();
export { JsonReportSchema, type JsonReport } from './report/json-schema.js';
export { ScreenerError, UsageError, InputError, DatasetError } from './errors.js';
export type * from './model.js';
