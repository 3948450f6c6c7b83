import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/exposure-screener.js', import.meta.url));
/** The real holdings files, copied into the project with their provenance (fixtures/real/README.md). */
export const REAL = fileURLToPath(new URL('../../fixtures/real/', import.meta.url));

export interface CliRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number | null;
}

/** Runs the built bin as CI would: no colour, minimal environment, project root as cwd. */
export function runCli(args: readonly string[], options: { input?: string; cwd?: string; env?: Record<string, string> } = {}): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', ...options.env },
    input: options.input,
    encoding: 'utf8',
  });
  return { stdout: result.stdout, stderr: result.stderr, exitCode: result.status };
}
