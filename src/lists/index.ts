// The lists API the CLI wires: importers, the --list reader, merging, diff, and the imported-list verdict rule.

export { importCsl, type CslOptions, type CslSourceCode } from './csl.js';
export { diffLists, hasChanges, renderListDiff, type EntityChange, type ListDiff } from './diff.js';
export { IMPORT_FORMATS, importListInputs, isImportFormat, parseListFile, type ImportFormat, type ImportListOptions } from './import.js';
export { mergeLists, type ExtraList, type MergeResult } from './merge.js';
export { importOfacConsolidated, type OfacFiles, type OfacOptions } from './ofac-consolidated.js';
export type { ImportOptions, ListInput, ListIssue, ListResult, SkipCount } from './types.js';
export { parseUserCsv, USER_CSV_COLUMNS } from './user-csv.js';
