// The terminal table fits the terminal: no line longer than COLUMNS, and in a log (no COLUMNS, no
// terminal) nothing is cut.

import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const FILES = [
  'fixtures/look-through/vwo-eem-emxc-and-a-stock.csv',
  'fixtures/pension/nystrs-style-listing.csv',
  'fixtures/real/formats/fidelity_portfolio_positions_2023.csv',
];

describe('the table at a terminal width', () => {
  it.each([80, 120, 200])('has no line longer than %i columns, with every finding still on its own row', (columns) => {
    const run = runCli(['screen', ...FILES, '--verbose'], { env: { COLUMNS: String(columns) } });
    expect(run.exitCode).toBe(1);
    const lines = run.stdout.replace(/\n$/, '').split('\n');
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(columns);
    // 3 direct and 7 fund findings: one table row each, whatever the width.
    expect(lines.filter((l) => /^│ (FLAGGED|REVIEW)/.test(l))).toHaveLength(10);
  });

  it('cuts nothing when the output is a pipe and COLUMNS is not set', () => {
    const run = runCli(['screen', 'fixtures/pension/nystrs-style-listing.csv']);
    expect(run.stdout).toMatch(/HANGZHOU HIKVISION DIGITAL TECH-A/);
    expect(run.stdout).not.toMatch(/…/);
  });
});
