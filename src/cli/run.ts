// Commands as functions: options in, { output, messages, exitCode } out. Testable in-process; main.ts
// does the writing and imports each command's module lazily, so this only gathers what tests call.

export type { RunEnvironment } from './environment.js';
export { runScreen } from './run-screen.js';
