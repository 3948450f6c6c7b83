import { setFlagsFromString } from 'node:v8';

// How hard V8's optimising compiler (TurboFan) works on a screen's code, decided by the size of its input.
//
// Measured on the 2-core machines this runs on (the bench's VWO file, 5,000 rows, 552 KB): TurboFan spent
// ~400 ms compiling on V8's background threads during a 250 ms screen, most of it inlining callees into
// the per-row functions (normalizeRow alone took 36 ms). V8 runs up to four such jobs at once, so on two
// cores they took CPU from the main thread while it ran the rows unoptimised. Compiled without inlining
// (and without peeling loops), the jobs take under half that, the optimised code arrives sooner, and the
// screen takes 15-18 % less time; 30,000 generated rows (2.5 MB) 9 % less. Around 100,000 rows (8.4 MB)
// both were about as fast, and from 200,000 rows the screen runs long enough to repay the inlining (5 %
// faster with it; a million rows: 7 %): the bound of 8 MiB lies between those measures. A few dozen rows
// never get hot. Both keep V8's defaults. The flags are set once the first file's reader is set up, and
// V8's own are back once the rows are read: a Node module loaded while they are set is compiled without
// its code cache (node:crypto took 4.4 ms to load so, 1.5 ms under V8's own). Only speed depends on it:
// the same code runs, compiled otherwise. Other flags (escape analysis, OSR, GC threads, tier-up budget) measured
// no further gain. Where CPU is scarcer the gain is larger: the VWO screen on one core took 382 ms with
// the defaults and 294 ms lean; on two cores with another process busy, 289 and 241 ms.
//
// What lean leaves (2026-12-07, VWO screen, 2 cores): TurboFan still compiles ~80 functions in ~90 ms of
// CPU, and Node gives V8 four worker threads for it and for the garbage collector. The main thread waited
// 13-35 ms a screen for a core (/proc/self/task/*/schedstat); with `node --v8-pool-size=1` it waited under
// 1 ms and the screen took 182 ms against 204 (npm run bench shows it as a reference row). That option
// cannot be set from inside. Measured and left out: the workers at nice 10-19 (os.setPriority on their
// thread ids): 8-12 ms faster on a quiet machine, but beside two busy processes 948 ms against 364 at
// nice 19, as the main thread waits for a starved worker; V8's own limits set here (a compile queue of one,
// one marking worker, no parallel scavenge): 3-11 ms slower; --no-parallel-marking or
// --no-parallel-compaction set at run time crashed V8; an earlier or later tier-up (ticks, budget per
// bytecode size, invocations after an IC change, largest function optimised): slower or equal.

/** How V8 compiles this run: with its defaults, or without TurboFan's inlining and loop peeling. */
export type CompileMode = 'default' | 'lean';

/** Inputs of this size, in bytes, are screened with the lean compile (from, inclusive; below, exclusive). */
export const LEAN_INPUT_BYTES: { readonly from: number; readonly below: number } = { from: 256 * 1024, below: 8 * 1024 * 1024 };

/** The TurboFan passes the lean compile turns off (V8 flags, as `--no-<name>`). */
const LEAN_OFF = ['turbo-inlining', 'turbo-loop-peeling'];

/** V8's flags for each mode: `default` turns back on what `lean` turns off, so the flags' hash is V8's own again. */
export const COMPILE_FLAGS: Readonly<Record<CompileMode, string>> = {
  default: LEAN_OFF.map((flag) => `--${flag}`).join(' '),
  lean: LEAN_OFF.map((flag) => `--no-${flag}`).join(' '),
};

/**
 * The V8 the lean compile was measured on (Node 20's, 11.3). Another V8 tiers up otherwise (Node 22's
 * has Maglev on) and may not know the flags (it would print an error for each): it keeps its defaults
 * until the bench has measured it.
 */
const MEASURED_V8 = /^11\./;

/**
 * The mode for a screen of `inputBytes` bytes (null when a size is unknown: stdin, which may be any size)
 * under the V8 of version `v8` (process.versions.v8). A small input keeps the defaults also because
 * node:v8 costs ~1.6 ms to load, and Node's own modules loaded after a flag change are compiled afresh
 * (their code cache records the flags).
 */
export function compileModeFor(inputBytes: number | null, v8: string): CompileMode {
  if (!MEASURED_V8.test(v8) || inputBytes === null) return 'default';
  return inputBytes >= LEAN_INPUT_BYTES.from && inputBytes < LEAN_INPUT_BYTES.below ? 'lean' : 'default';
}

/** The --debug line that says how V8 compiles the screen, and why. */
export function compileNote(mode: CompileMode, inputBytes: number | null): string {
  const input = inputBytes === null ? 'input of unknown size' : `${inputBytes.toLocaleString('en-US')} bytes of input`;
  return mode === 'lean'
    ? `debug: V8 optimises this screen without inlining (${COMPILE_FLAGS.lean}), for ${input}`
    : `debug: V8 optimises this screen with its defaults, for ${input}`;
}

/** The mode V8's flags are in: the process starts with V8's defaults. */
let current: CompileMode = 'default';

/**
 * Puts V8's flags in the mode (the edge: a process-wide setting, made by the command line's bin only).
 * V8 reads these flags as each function is optimised, so setting them before the rows are read is in
 * time. The start-up bundle's code cache was checked against the flags when the bundle was loaded,
 * before this; build-bundle's training restores the defaults before it writes the cache.
 */
export function useCompileMode(mode: CompileMode): void {
  if (mode === current) return;
  // The start-up bundle requires node:v8 only here, as this first reads its export (build-bundle.mjs).
  setFlagsFromString(COMPILE_FLAGS[mode]);
  current = mode;
}
