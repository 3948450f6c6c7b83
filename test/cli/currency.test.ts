import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const DIR = 'fixtures/currency/';

interface Report {
  summary: Record<string, unknown>;
  inputs: { portfolioValue: number | null; asOf: string | null; asOfLine: number | null }[];
}

function json(file: string): Report {
  const run = runCli(['screen', `${DIR}${file}`, '--format', 'json']);
  return JSON.parse(run.stdout) as Report;
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

  it('fail --max-exposure closed, in one line saying why', () => {
    const run = runCli(['screen', `${DIR}mixed-usd-hkd.csv`, '--max-exposure', '1000000', '--fail-on', 'none']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      "--max-exposure: the values are in 2 currencies (HKD, USD), so they are not converted into one and the limit cannot be checked; failing closed (give --base-currency and --fx rates, or screen each currency's files apart)",
    ]);
  });

  it('read in HTML as not added up, never as "no value given": findings, entity chart, its description and dashed box', () => {
    const html = runCli(['screen', `${DIR}mixed-usd-hkd.csv`, '--format', 'html']).stdout;
    expect(html).not.toContain('no value given');
    expect(html).not.toContain('positions without a value');
    const desc = /<desc id="entity-chart-desc">([^<]*)<\/desc>/.exec(html)?.[1] ?? '';
    expect(desc).toContain('Sense Time: in several currencies, not added up');
    expect(desc).toContain(
      'a dashed box marked &quot;not added up&quot; stands for findings whose values are in several currencies, not added up',
    );
    const bar = /<g class="entity-bar" data-entity="sensetime"[^>]*>(.*?)<\/g>/s.exec(html)?.[1] ?? '';
    expect(bar).toContain('class="bar-unknown-label" text-anchor="middle">not added up</text>');
    expect(bar).toContain('in several currencies, not added up · share unknown');
    expect(bar).not.toMatch(/class="bar-(?:direct|indirect)"/);
    // The finding keeps its own currency's value: known, only not added to the others.
    expect(html).toMatch(/<td class="num">16,000\.00 HKD<\/td>/);
  });

  it('in one currency, from a Currency column or the value header, are totalled as before', () => {
    expect(json('ibkr-activity-currency-column.csv').summary).toMatchObject({ portfolioValue: 4000 });
    expect(json('ibkr-activity-currency-column.csv').summary['byCurrency']).toBeUndefined();
    const german = json('comdirect-wert-in-eur-beside-waehrung.csv');
    expect(german.summary).toMatchObject({ portfolioValue: 7750.1, flaggedValue: 3950.1 });
    expect(german.summary['byCurrency']).toBeUndefined();
    // Its Datum column gives 21.12.2020 on every row.
    expect(german.inputs[0]).toMatchObject({ asOf: '2020-12-21', asOfLine: 3 });
  });

  it("in DEGIRO's German portfolio are read from Wert in EUR, never from the local currency-and-amount pair", () => {
    const report = json('degiro-german-portfolio.csv');
    expect(report.summary).toMatchObject({ portfolioValue: 9500.55, flaggedValue: 3950.1 });
    expect(report.summary['byCurrency']).toBeUndefined();
    expect(runCli(['inspect', `${DIR}degiro-german-portfolio.csv`]).stdout).toContain('value ← "Wert in EUR"');
  });

  it('in a Wealthsimple holdings report, CAD and USD, have a total each; Book Value (CAD) is not the value', () => {
    const report = json('wealthsimple-cad-usd.csv');
    expect(report.summary).toMatchObject({ portfolioValue: null, flaggedValue: null });
    expect(report.summary['byCurrency']).toEqual([
      { currency: 'CAD', portfolioValue: 3520, flaggedValue: 0 },
      { currency: 'USD', portfolioValue: 1350, flaggedValue: 400 },
    ]);
    // Its one-line footer, "As of 2026-05-11 10:11 GMT-04:00", is the report's download stamp.
    expect(report.inputs[0]).toMatchObject({ asOf: '2026-05-11', asOfLine: 6 });
  });

  it('in a real IBKR Flex statement (EUR and USD lines), are not added up until rates are given', () => {
    const file = 'fixtures/real/formats/ibkr_flex_portfolio_eur_usd_2026-01-28.csv';
    const plain = JSON.parse(runCli(['screen', file, '--format', 'json']).stdout) as { summary: Record<string, unknown> };
    expect(plain.summary).toMatchObject({ portfolioValue: null });
    expect(plain.summary['byCurrency']).toEqual([
      { currency: 'EUR', portfolioValue: 59580, flaggedValue: 0 },
      { currency: 'USD', portfolioValue: 210960, flaggedValue: 0 },
    ]);
    const run = runCli(['screen', file, '--format', 'json', '--base-currency', 'EUR', '--fx', 'USD=0.83654']);
    const converted = JSON.parse(run.stdout) as { summary: Record<string, unknown> };
    // 59,580 EUR + 210,960 USD × 0.83654 = 236,056.48 EUR, IBKR's own base-currency total.
    expect(converted.summary).toMatchObject({ portfolioValue: 236056.48 });
  });

  it("inspect says each file's currency and where it came from", () => {
    expect(runCli(['inspect', `${DIR}comdirect-wert-in-eur-beside-waehrung.csv`]).stdout).toContain(
      'currency EUR, from the value header "Wert in EUR"',
    );
    expect(runCli(['inspect', `${DIR}mixed-usd-hkd.csv`]).stdout).toContain('currency row by row, from the column "CurrencyPrimary"');
  });
});

describe('--base-currency, --fx and --fx-file (built bin)', () => {
  const mixed = `${DIR}mixed-usd-hkd.csv`;
  it('convert every value with --fx: totals known in the base, rates named', () => {
    const run = runCli(['screen', mixed, '--format', 'json', '--base-currency', 'USD', '--fx', 'HKD=0.128']);
    const report = JSON.parse(run.stdout) as { summary: Record<string, unknown> };
    expect(report.summary).toMatchObject({ portfolioValue: 8812, flaggedValue: 2048 });
    expect(report.summary['conversion']).toMatchObject({ base: 'USD', missing: [], rates: [{ currency: 'HKD', rate: 0.128 }] });
  });
  it('read rates from --fx-file with their date and source', () => {
    const run = runCli(['screen', mixed, '--base-currency', 'USD', '--fx-file', `${DIR}rates-usd.csv`]);
    expect(run.stdout).toContain('1 HKD = 0.128 USD (2026-11-30, HKMA, closing rate)');
    expect(run.stdout).toContain('flagged value 2,048.00 of 8,812.00');
  });
  it('check --max-exposure on converted values', () => {
    const args = ['screen', mixed, '--base-currency', 'USD', '--fx', 'HKD=0.128', '--max-exposure'];
    expect(runCli([...args, '3000']).exitCode).toBe(0);
    expect(runCli([...args, '2000']).exitCode).toBe(1);
  });
  it('fail closed on a currency with no rate, naming it', () => {
    const run = runCli(['screen', mixed, '--base-currency', 'USD', '--fx', 'EUR=1.08', '--max-exposure', '100']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('no rate to USD for HKD');
  });
  it('fail --max-exposure closed on one currency that is not the base and has no rate, in one line', () => {
    const run = runCli(['screen', `${DIR}comdirect-wert-in-eur-beside-waehrung.csv`, '--base-currency', 'USD', '--max-exposure', '100']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      '--max-exposure: the values are in EUR, and there is no rate to USD for EUR, so they are not converted into one and the limit cannot be checked; failing closed (give --fx EUR=RATE)',
    ]);
    expect(run.stdout).toContain('3,950.10 EUR');
    expect(run.stdout).toContain('values are in EUR, not in the base currency USD, and were not added up');
    // One currency is not "several": the totals say which, and that it has no rate.
    expect(run.stdout).toContain(
      'flagged value not converted (the values are in EUR, with no rate to the base currency USD; see the totals by currency)',
    );
    const html = runCli(['screen', `${DIR}comdirect-wert-in-eur-beside-waehrung.csv`, '--base-currency', 'USD', '--format', 'html']).stdout;
    expect(html).not.toContain('several currencies');
    expect(html).toContain('Hikvision: in EUR, not converted to USD');
    expect(html).toContain('text-anchor="middle">not converted</text>');
  });
  it('are taken from the config file: baseCurrency, fx and fxFile (its path relative to the config file)', () => {
    const dir = makeTempDir('currency-config');
    writeFileSync(join(dir, 'rates.csv'), 'currency,rate,as_of,source\nHKD,0.128,2026-11-30,HKMA\n');
    const config = (name: string, body: Record<string, unknown>): string => {
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify(body));
      return path;
    };
    const summaryOf = (path: string): Record<string, unknown> => {
      const run = runCli(['screen', resolve(mixed), '--config', path, '--format', 'json'], { cwd: dir });
      return (JSON.parse(run.stdout) as { summary: Record<string, unknown> }).summary;
    };
    const fx = summaryOf(config('fx.json', { baseCurrency: 'USD', fx: 'HKD=0.128' }));
    expect(fx).toMatchObject({ portfolioValue: 8812, conversion: { base: 'USD', rates: [{ currency: 'HKD', rate: 0.128 }] } });
    const file = summaryOf(config('file.json', { baseCurrency: 'USD', fxFile: 'rates.csv' }));
    expect(file).toMatchObject({
      portfolioValue: 8812,
      conversion: { rates: [{ currency: 'HKD', rate: 0.128, asOf: '2026-11-30', source: 'HKMA' }] },
    });
    // An option given on the command line wins over the config file's.
    const run = runCli([
      'screen',
      resolve(mixed),
      '--config',
      config('over.json', { baseCurrency: 'USD', fx: 'HKD=0.128' }),
      '--fx',
      'HKD=0.2',
      '--format',
      'json',
    ]);
    expect((JSON.parse(run.stdout) as { summary: Record<string, unknown> }).summary).toMatchObject({ portfolioValue: 12700 });
    const bad = runCli(['screen', resolve(mixed), '--config', config('bad.json', { baseCurrency: 'USD', fx: 'HKD=x' })]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
  it('refuse a bad --fx in one line, exit 2', () => {
    const run = runCli(['screen', mixed, '--base-currency', 'USD', '--fx', 'HKD=x']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('--fx: "HKD=x" is not CUR=RATE');
  });
  it('do not take values with no stated currency to be USD, unless --base-currency says so', () => {
    const plain = json('not-stated-beside-usd.csv');
    expect(plain.summary).toMatchObject({ portfolioValue: null, flaggedValue: null });
    const run = runCli(['screen', `${DIR}not-stated-beside-usd.csv`, '--format', 'json', '--base-currency', 'USD']);
    const based = JSON.parse(run.stdout) as { summary: Record<string, unknown> };
    expect(based.summary).toMatchObject({ portfolioValue: 5850.1, flaggedValue: 3950.1 });
    expect(based.summary['conversion']).toMatchObject({ notStatedTakenAsBase: true });
  });
  it('never print a summed total of mixed values in csv, junit or sarif', () => {
    const csv = runCli(['screen', mixed, '--format', 'csv']).stdout;
    expect(csv).toContain('16000,HKD');
    const junit = runCli(['screen', mixed, '--format', 'junit']).stdout;
    expect(junit).toContain('byCurrency.HKD.portfolioValue');
    const sarif = runCli(['screen', mixed, '--format', 'sarif']).stdout;
    expect(sarif).toContain('"byCurrency"');
  });
});
