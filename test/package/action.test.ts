// action.yml: the metadata GitHub requires of a composite action, and its command line, run as the runner
// runs it (bash, the inputs in the step's env, GITHUB_ACTION_PATH = the action's folder, cwd = the workspace).

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

interface Step {
  name?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  runs: { using: string; steps: Step[] };
}
const action: Action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));

/** Runs the step as the runner would, `${{ inputs.x }}` in its env replaced by the given inputs or the defaults. */
function runStep(step: Step, given: Record<string, string>, cwd: string) {
  const value = (name: string): string => given[name] ?? action.inputs[name]?.default ?? '';
  const stepEnv = Object.fromEntries(
    Object.entries(step.env ?? {}).map(([k, v]) => [k, v.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => value(name))]),
  );
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  const r = spawnSync('bash', ['-e', '-c', step.run ?? ''], {
    cwd,
    env: { ...base, NO_COLOR: '1', GITHUB_ACTION_PATH: ROOT, ...stepEnv },
    encoding: 'utf8',
  });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status };
}

describe('action.yml', () => {
  it('has the keys GitHub requires of a composite action, every step with a shell', () => {
    expect(typeof action.name).toBe('string');
    expect(typeof action.description).toBe('string');
    expect(action.runs.using).toBe('composite');
    expect(action.runs.steps.length).toBeGreaterThan(0);
    for (const step of action.runs.steps) {
      if (step.run !== undefined) expect(step.shell).toBe('bash');
      else expect(step.uses).toBeTypeOf('string');
    }
    expect(Object.keys(action.inputs)).toEqual(['files', 'format', 'fail-on', 'output', 'reports']);
    for (const input of Object.values(action.inputs)) expect(input.description).toBeTypeOf('string');
    expect(action.inputs['files']?.required).toBe(true);
  });

  const screen = action.runs.steps.find((s) => s.name === 'Screen');

  it('screens the files it is given, globs expanded, and fails the step on a flagged position', () => {
    expect(screen).toBeDefined();
    const run = runStep(screen ?? {}, { files: 'fixtures/pension/nystrs-*.csv\n fixtures/brokerage/*.csv', format: 'json' }, ROOT);
    expect(run.exitCode, run.stderr).toBe(1);
    const report: { inputs: { file: string }[]; findings: { status: string }[] } = JSON.parse(run.stdout);
    expect(report.inputs.map((i) => i.file).sort()).toEqual([
      'fixtures/brokerage/schwab-style-positions.csv',
      'fixtures/pension/nystrs-style-listing.csv',
    ]);
    expect(report.findings.some((f) => f.status === 'flagged')).toBe(true);
  });

  it('writes the report to output and passes with fail-on none', () => {
    const dir = makeTempDir('action');
    const out = join(dir, 'screen.sarif');
    const run = runStep(
      screen ?? {},
      { files: `${ROOT}examples/sample-holdings.csv`, format: 'sarif', 'fail-on': 'none', output: out },
      dir,
    );
    expect(run.exitCode, run.stderr).toBe(0);
    const sarif: { version: string; runs: { results: unknown[] }[] } = JSON.parse(readFileSync(out, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]?.results.length).toBe(3);
  });

  it('writes more reports from the same screen with reports, the log keeping the format', () => {
    const dir = makeTempDir('action');
    const run = runStep(
      screen ?? {},
      {
        files: `${ROOT}examples/sample-holdings.csv`,
        format: 'table',
        reports: 'sarif=screen.sarif\n junit=screen-junit.xml csv=findings.csv',
      },
      dir,
    );
    expect(run.exitCode, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/3 flagged/);
    const sarif: { runs: { results: unknown[] }[] } = JSON.parse(readFileSync(join(dir, 'screen.sarif'), 'utf8'));
    expect(sarif.runs[0]?.results.length).toBe(3);
    expect(readFileSync(join(dir, 'screen-junit.xml'), 'utf8')).toMatch(/<testsuites name="exposure-screener" tests="4" failures="3"/);
    expect(readFileSync(join(dir, 'findings.csv'), 'utf8').startsWith('\uFEFFstatus,')).toBe(true);
  });

  it('fails the step in one line, exit 2, when a report cannot be written', () => {
    const dir = makeTempDir('action');
    const run = runStep(screen ?? {}, { files: `${ROOT}examples/sample-holdings.csv`, reports: 'sarif=no-such-folder/screen.sarif' }, dir);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^exposure-screener: cannot write no-such-folder\/screen\.sarif: its folder does not exist/m);
  });
});
