// Commands as functions: options in, { output, messages, exitCode } out. Testable in-process;
// main.ts does the writing. One module per group of commands; this one gathers them.

export type { RunEnvironment, RunResult } from './environment.js';
export { runScreen } from './run-screen.js';
export { runListsCheck, runListsDiff, runListsImport } from './run-lists.js';
export { runData, runEntities, runExplain, runInspect } from './run-info.js';
// run-funds.ts is not gathered here: it loads better-sqlite3 (optional, native), which a screen must not need.
