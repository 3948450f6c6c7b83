// The lists API the CLI wires: merging, diff and the import formats (the readers are in read.ts).

export { diffLists, hasChanges, renderListDiff } from './diff.js';
export { IMPORT_FORMATS, isImportFormat } from './import.js';
export { mergeLists } from './merge.js';
export type { ListIssue } from './types.js';
