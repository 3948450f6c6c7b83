import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const DIR = 'fixtures/currency/';

function json(file: string): { summary: Record<string, unknown>; inputs: { portfolioValue: number | null }[] } {
  const run = runCli(['screen', `${DIR}${file}`, '--format', 'json']);
  return JSON.parse(run.stdout) as { summary: Record<string, unknown>; inputs: { portfolioValue: number | null }[] };
}

describe('values in several currencies (built bin)', () => {
  it('are never summed as one: every single-number total is unknown, each currency has its own', () => {
    const report = json('mixed-usd-hkd.csv');
    expect(report.summary).toMatchObject({ portfolioValue: null, grossPortfolioValue: null, flaggedValue: null, flaggedWeight: null });
    expect(report.summary['byCurrency']).toEqual([
      { currency: 'HKD', portfolioValue: 54000, flaggedValue: 16000 },
      { currency: 'USD', portfolioValue: 1900, flaggedValue: 0 },
    ]);
    expect(report.inputs[0]?.portfolioValue).toBeNull();
  });

  it('warn in the table and list each currency, never a total of zero', () => {
    const run = runCli(['screen', `${DIR}mixed-usd-hkd.csv`]);
    expect(run.stdout).toContain('values are in 2 currencies (HKD, USD) and were not added up');
    expect(run.stdout).toContain('HKD: portfolio value 54,000.00, flagged value 16,000.00');
    expect(run.stdout).toContain('USD: portfolio value 1,900.00, flagged value 0.00');
    const md = runCli(['screen', `${DIR}mixed-usd-hkd.csv`, '--format', 'markdown']).stdout;
    expect(md).toContain('- HKD: portfolio value 54,000.00, flagged value 16,000.00');
  });

  it('fail --max-exposure closed', () => {
    const run = runCli(['screen', `${DIR}mixed-usd-hkd.csv`, '--max-exposure', '1000000', '--fail-on', 'none']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('failing closed');
  });

  it('in one currency, from a Currency column or the value header, are totalled as before', () => {
    expect(json('ibkr-activity-currency-column.csv').summary).toMatchObject({ portfolioValue: 4000 });
    expect(json('ibkr-activity-currency-column.csv').summary['byCurrency']).toBeUndefined();
    const german = json('german-kurswert-in-eur.csv');
    expect(german.summary).toMatchObject({ portfolioValue: 7750.1, flaggedValue: 3950.1 });
    expect(german.summary['byCurrency']).toBeUndefined();
  });

  it("inspect says each file's currency and where it came from", () => {
    expect(runCli(['inspect', `${DIR}german-kurswert-in-eur.csv`]).stdout).toContain(
      'currency EUR, from the value header "Kurswert in EUR"',
    );
    expect(runCli(['inspect', `${DIR}mixed-usd-hkd.csv`]).stdout).toContain('currency row by row, from the column "Currency"');
  });
});
