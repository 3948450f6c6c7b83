import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { ROOT, runCli } from '../support/run-cli.js';

/** Every command of the program with the words that name it: ['screen'], ['lists', 'import'], … */
function commands(command: Command, path: readonly string[] = []): { path: readonly string[]; command: Command }[] {
  return command.commands.flatMap((c) => [{ path: [...path, c.name()], command: c }, ...commands(c, [...path, c.name()])]);
}
const declared = commands(buildProgram('0.0.0', () => undefined));

describe('every command has its own help', () => {
  it('covers the commands the README lists', () => {
    expect(declared.map((d) => d.path.join(' '))).toEqual([
      'screen',
      'entities',
      'inspect',
      'lists',
      'lists import',
      'lists diff',
      'lists check',
      'data',
      'explain',
      'funds',
      'funds import',
      'funds holders',
      'funds list',
      'funds show',
      'funds remove',
    ]);
  });

  it.each(declared.map((d) => [d.path.join(' '), d] as const))(
    '%s --help: its usage and options, as declared, and one example',
    (_, { path, command }) => {
      const run = runCli([...path, '--help'], { env: { COLUMNS: '100' } });
      expect(run.exitCode).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout.startsWith(`Usage: exposure-screener ${path.join(' ')} `)).toBe(true);
      for (const option of command.options) expect(run.stdout).toContain(option.flags);
      expect(run.stdout).toMatch(new RegExp(`\\nExample \\(.+\\):\\n  \\$ exposure-screener ${path.join(' ')} `));
    },
  );

  it("lists import --help shows the import options, not the parent's help", () => {
    const run = runCli(['lists', 'import', '--help']);
    expect(run.stdout).toMatch(/^Usage: exposure-screener lists import \[options\] <format> <files\.\.\.>/);
    expect(run.stdout).toContain('--imported-on <date>');
    expect(run.stdout).not.toContain('Commands:');
  });
});

describe('--version', () => {
  it('prints the tool version, then the bundled list version and review date', () => {
    const pkg: { version: string } = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8'));
    const data: { version: string; reviewedAt: string } = JSON.parse(readFileSync(`${ROOT}data/entities.json`, 'utf8'));
    const run = runCli(['--version']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(`${pkg.version}\nlist ${data.version}, reviewed ${data.reviewedAt}\n`);
  });
});

describe('the README documents the CLI as it is', () => {
  it('carries the current `screen --help` (regenerate: node scripts/update-readme.mjs)', () => {
    const help = runCli(['screen', '--help'], { env: { COLUMNS: '100' } });
    expect(help.exitCode).toBe(0);
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    const block = /<!-- screen-help:start -->\n```text\n([\s\S]*?)```\n<!-- screen-help:end -->/.exec(readme)?.[1];
    expect(block).toBe(help.stdout);
  });

  it('carries the evaluation figures and the speed table that scripts/update-readme.mjs renders now', () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
    const r = spawnSync(process.execPath, [`${ROOT}scripts/update-readme.mjs`, '--check'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('shows on its first screen the two commands a new user needs, and the screen works as written', () => {
    const first = readFileSync(`${ROOT}README.md`, 'utf8').split('\n').slice(0, 20).join('\n');
    const sample = /^npm ci && npx exposure-screener screen (examples\/\S+\.csv)/m.exec(first)?.[1];
    expect(sample).toBe('examples/sample-holdings.csv');
    expect(first).toMatch(/^npm test/m);
    // The sample ships in the package ("files"), so the same command works after an install too.
    const pkg: { files: string[] } = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8'));
    expect(pkg.files).toContain('examples');
    const run = runCli(['screen', sample ?? '']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^3 flagged \(Dahua Technology, IFLYTEK, Hikvision\), 0 for review/m);
  });
});
