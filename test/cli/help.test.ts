import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/run-cli.js';

describe('the README documents the CLI as it is', () => {
  it('carries the current `screen --help` (regenerate: node scripts/update-readme-help.mjs)', () => {
    const help = runCli(['screen', '--help'], { env: { COLUMNS: '100' } });
    expect(help.exitCode).toBe(0);
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    const block = /<!-- screen-help:start -->\n```text\n([\s\S]*?)```\n<!-- screen-help:end -->/.exec(readme)?.[1];
    expect(block).toBe(help.stdout);
  });

  it('shows on its first screen the two commands a new user needs', () => {
    const first = readFileSync(`${ROOT}README.md`, 'utf8').split('\n').slice(0, 20).join('\n');
    expect(first).toMatch(/npm ci && npx exposure-screener screen fixtures\/pension\/nystrs-style-listing\.csv/);
    expect(first).toMatch(/^npm test/m);
  });
});
