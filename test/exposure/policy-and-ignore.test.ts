// The CI gate: --fail-on, --scope, --max-exposure, the ignore file and the config file, through the
// same run function the CLI calls (files in a temporary working directory).

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScreen, type RunEnvironment } from '../../src/cli/run.js';
import { UsageError } from '../../src/errors.js';
import { breachesPolicy, parseMaxExposure } from '../../src/exposure/policy.js';
import { REAL, ROOT } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const PENSION = `${ROOT}fixtures/pension/nystrs-style-listing.csv`;
const LOOK_THROUGH = `${ROOT}fixtures/look-through/vwo-eem-emxc-and-a-stock.csv`;

function workdir(files: Record<string, unknown> = {}): RunEnvironment {
  const cwd = makeTempDir('policy');
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(cwd, name), typeof content === 'string' ? content : JSON.stringify(content));
  return { today: '2026-11-26', tool: { name: 'exposure-screener', version: 'test' }, width: 120, cwd };
}

interface Report {
  findings: { status: string; entity: { id: string }; ignoredBy: { index: number; reason: string } | null }[];
  ignore: { rules: number; applied: number; expired: { index: number }[]; unused: { index: number }[] } | null;
}

async function screenJson(file: string, options: Record<string, unknown>, env: RunEnvironment) {
  const result = await runScreen([file], { format: 'json', ...options }, env);
  const report: Report = JSON.parse(result.output);
  return { report, exitCode: result.exitCode, messages: result.messages };
}

describe('--fail-on, --scope and --max-exposure', () => {
  it('fails on flagged by default, never with none, and on review when asked', async () => {
    const env = workdir();
    expect((await screenJson(PENSION, {}, env)).exitCode).toBe(1);
    expect((await screenJson(PENSION, { failOn: 'none' }, env)).exitCode).toBe(0);
    // As of 2019-06-30 (before the listing) every finding is a review: only --fail-on review fails.
    expect((await screenJson(PENSION, { asOf: '2019-06-30' }, env)).exitCode).toBe(0);
    expect((await screenJson(PENSION, { asOf: '2019-06-30', failOn: 'review' }, env)).exitCode).toBe(1);
  });

  it('--scope direct ignores exposure held through funds', async () => {
    const env = workdir();
    expect((await screenJson(LOOK_THROUGH, { asOf: '2022-06-30' }, env)).exitCode).toBe(1);
    expect((await screenJson(LOOK_THROUGH, { asOf: '2022-06-30', scope: 'direct' }, env)).exitCode).toBe(0);
  });

  it('--max-exposure fails only above the amount or share', async () => {
    const env = workdir();
    // Flagged: 1,713,810 of 315,539,810 (0.543 %).
    expect((await screenJson(PENSION, { maxExposure: '2000000' }, env)).exitCode).toBe(0);
    expect((await screenJson(PENSION, { maxExposure: '1000000' }, env)).exitCode).toBe(1);
    expect((await screenJson(PENSION, { maxExposure: '1%' }, env)).exitCode).toBe(0);
    expect((await screenJson(PENSION, { maxExposure: '0.5%' }, env)).exitCode).toBe(1);
    await expect(screenJson(PENSION, { maxExposure: 'lots' }, env)).rejects.toThrow(UsageError);
  });

  it('--require-look-through fails on a fund position it could not look through, and says which', async () => {
    const fidelity = `${REAL}formats/fidelity_portfolio_positions_2023.csv`;
    const env = workdir({ 'strict.json': { requireLookThrough: true } });
    expect((await screenJson(fidelity, {}, env)).exitCode).toBe(0);
    const required = await screenJson(fidelity, { requireLookThrough: true }, env);
    expect(required.exitCode).toBe(1);
    expect(required.messages).toEqual([
      expect.stringMatching(/^--require-look-through: Not looked through: VTI \(.*fidelity_portfolio_positions_2023\.csv:6, 51,705\.44\)/),
    ]);
    // From the config file too; and portfolios whose funds are all known pass (VT by its index).
    expect((await screenJson(fidelity, { config: join(env.cwd, 'strict.json') }, env)).exitCode).toBe(1);
    expect((await screenJson(LOOK_THROUGH, { requireLookThrough: true, failOn: 'none' }, env)).exitCode).toBe(0);
    expect(
      (await screenJson(`${REAL}formats/ibkr_flex_query_statement.xml`, { requireLookThrough: true, failOn: 'none' }, env)).exitCode,
    ).toBe(0);
    // --no-require-look-through (commander's false) wins over the config file.
    expect((await screenJson(fidelity, { config: join(env.cwd, 'strict.json'), requireLookThrough: false }, env)).exitCode).toBe(0);
  });

  it('an ignore-file notLookedThrough rule accepts a fund gap, with reason and expiry, so the gate passes', async () => {
    const fidelity = `${REAL}formats/fidelity_portfolio_positions_2023.csv`;
    const rules = (expires: string) => ({
      ignore: [],
      notLookedThrough: [
        { fund: 'BND', reason: 'bond index fund: holds no shares', expires, owner: 'investment committee' },
        {
          fund: 'VANGUARD INDEX FDS VANGUARD TOTAL STK MKT ETF',
          reason: 'US total market: no China A-shares',
          expires,
          account: 'Brokeragelink - His 401K',
        },
        { fund: 'VXUS', reason: 'not held any more', expires },
      ],
    });
    const env = workdir({ 'current.json': rules('2027-06-30'), 'stale.json': rules('2026-01-31') });
    const run = async (ignoreFile: string) => {
      const result = await runScreen([fidelity], { format: 'json', requireLookThrough: true, ignoreFile: join(env.cwd, ignoreFile) }, env);
      const report = JSON.parse(result.output);
      return { exitCode: result.exitCode, messages: result.messages, gaps: report.summary.notLookedThrough, ignore: report.ignore };
    };
    const current = await run('current.json');
    // VTI is held in two accounts: the rule names one, so the other VTI line stays open and fails the gate.
    expect(
      current.gaps.map((g: { ticker: string; account: string; acceptedBy: { index: number } | null }) => [
        g.ticker,
        g.account,
        g.acceptedBy?.index ?? null,
      ]),
    ).toEqual([
      ['VTI', 'His HSA', null],
      ['BND', 'Brokeragelink - His 401K', 0],
      ['VTI', 'Brokeragelink - His 401K', 1],
    ]);
    expect(current.exitCode).toBe(1);
    expect(current.messages).toContain(
      `note: ${join(env.cwd, 'current.json')}: rule notLookedThrough[2] (VXUS) matched no fund position that was not looked through; remove it if it is no longer needed`,
    );
    expect(current.messages.find((m) => m.startsWith('--require-look-through'))).toMatch(/Not looked through: VTI \(.*:6, 51,705\.44\)\. /);
    expect(current.ignore.notLookedThrough).toMatchObject({ rules: 3, applied: 2, expired: [], unused: [{ index: 2 }] });
    // Expired rules accept nothing and say so.
    const stale = await run('stale.json');
    expect(stale.gaps.every((g: { acceptedBy: unknown }) => g.acceptedBy === null)).toBe(true);
    expect(stale.messages).toContain(
      `warning: ${join(env.cwd, 'stale.json')}: rule notLookedThrough[0] (BND) expired on 2026-01-31 and no longer accepts the gap (bond index fund: holds no shares)`,
    );
    // A rule without a reason is refused, like any malformed rule.
    const bad = workdir({ 'bad.json': { notLookedThrough: [{ fund: 'BND', reason: ' ', expires: '2027-01-01' }] } });
    await expect(runScreen([fidelity], { format: 'json', ignoreFile: join(bad.cwd, 'bad.json') }, bad)).rejects.toThrow(
      /notLookedThrough\[0\]\.reason: a reason is required/,
    );
  });

  it('--require-look-through refuses to run where it could only pass: look-through off, or --only-lists', async () => {
    const ibkr = `${REAL}formats/fidelity_portfolio_positions_2023.csv`;
    const env = workdir({ 'list.csv': 'name,aliases,isin,ticker,exchange,list,listed_on,source\nSOME CO,,,,,user,2024-01-01,test\n' });
    await expect(screenJson(ibkr, { requireLookThrough: true, lookThrough: false }, env)).rejects.toThrow(
      /cannot be met with --no-look-through/,
    );
    await expect(screenJson(ibkr, { requireLookThrough: true, onlyLists: true, list: [join(env.cwd, 'list.csv')] }, env)).rejects.toThrow(
      /cannot be met with --only-lists/,
    );
  });

  it('fails closed when a counted finding has no known value', () => {
    const finding = { status: 'flagged' as const, kind: 'indirect' as const, exposure: { value: null } };
    expect(breachesPolicy([finding], 1_000_000, { failOn: 'flagged', scope: 'all', maxExposure: parseMaxExposure('1%') })).toBe(true);
    expect(parseMaxExposure('$25,000')).toEqual({ kind: 'value', value: 25_000 });
    expect(parseMaxExposure('0.25 %')).toEqual({ kind: 'weight', value: 0.0025 });
  });
});

describe('the ignore file', () => {
  const rule = (extra: Record<string, unknown>) => ({
    entity: 'iflytek',
    reason: 'board decision 2026-10-01: divest by Q1',
    expires: '2027-03-31',
    ...extra,
  });

  it('turns the covered finding into ignored, names the rule, and stops failing on it alone', async () => {
    const env = workdir({ '.exposure-ignore.json': { ignore: [rule({ owner: 'ops' })] } });
    const { report } = await screenJson(PENSION, {}, env);
    const iflytek = report.findings.find((f) => f.entity.id === 'iflytek');
    expect(iflytek).toMatchObject({ status: 'ignored', ignoredBy: { index: 0, reason: 'board decision 2026-10-01: divest by Q1' } });
    expect(
      report.findings
        .filter((f) => f.status === 'flagged')
        .map((f) => f.entity.id)
        .sort(),
    ).toEqual(['dahua', 'hikvision']);
    expect(report.ignore).toMatchObject({ rules: 1, applied: 1, expired: [], unused: [] });
  });

  it('exits 0 when every finding is ignored', async () => {
    const env = workdir({
      'rules.json': { ignore: ['iflytek', 'dahua', 'hikvision'].map((entity) => rule({ entity })) },
    });
    expect((await screenJson(PENSION, { ignoreFile: join(env.cwd, 'rules.json') }, env)).exitCode).toBe(0);
  });

  it('does not apply an expired rule, and says so', async () => {
    const env = workdir({ '.exposure-ignore.json': { ignore: [rule({ expires: '2026-11-25' })] } });
    const { report, messages, exitCode } = await screenJson(PENSION, {}, env);
    expect(report.findings.find((f) => f.entity.id === 'iflytek')?.status).toBe('flagged');
    expect(report.ignore?.expired.map((r) => r.index)).toEqual([0]);
    expect(messages.join('\n')).toMatch(/rule ignore\[0\] \(iflytek\) expired on 2026-11-25 and no longer applies/);
    expect(exitCode).toBe(1);
  });

  it('applies a rule on its expiry day', async () => {
    const env = workdir({ '.exposure-ignore.json': { ignore: [rule({ expires: '2026-11-26' })] } });
    expect((await screenJson(PENSION, {}, env)).report.findings.find((f) => f.entity.id === 'iflytek')?.status).toBe('ignored');
  });

  it('lists rules that matched nothing as unused', async () => {
    const env = workdir({ '.exposure-ignore.json': { ignore: [rule({ entity: 'megvii' })] } });
    const { report, messages } = await screenJson(PENSION, {}, env);
    expect(report.ignore?.unused.map((r) => r.index)).toEqual([0]);
    expect(messages.join('\n')).toMatch(/rule ignore\[0\] \(megvii\) matched nothing/);
  });

  it('never hides a holding outside the scope it names', async () => {
    const env = workdir({
      '.exposure-ignore.json': {
        ignore: [
          rule({ ticker: 'SOMETHING ELSE' }),
          rule({ entity: 'dahua', file: 'another-file.csv' }),
          rule({ entity: 'hikvision', kind: 'indirect' }),
        ],
      },
    });
    const { report } = await screenJson(PENSION, {}, env);
    expect(report.findings.every((f) => f.status === 'flagged')).toBe(true);
    expect(report.ignore?.unused.map((r) => r.index)).toEqual([0, 1, 2]);
  });

  it('applies a rule scoped to the ticker and the file it names', async () => {
    const env = workdir({
      '.exposure-ignore.json': { ignore: [rule({ ticker: '002230 CH', file: 'nystrs-style-listing.csv', kind: 'direct' })] },
    });
    expect((await screenJson(PENSION, {}, env)).report.findings.find((f) => f.entity.id === 'iflytek')?.status).toBe('ignored');
  });

  it('fails closed (exit 2) on a rule without a reason or with a malformed date', async () => {
    const noReason = workdir({ '.exposure-ignore.json': { ignore: [{ entity: 'iflytek', expires: '2027-03-31' }] } });
    await expect(screenJson(PENSION, {}, noReason)).rejects.toThrow(/ignore\[0\]\.reason/);
    const badDate = workdir({ '.exposure-ignore.json': { ignore: [rule({ expires: '2027-02-30' })] } });
    await expect(screenJson(PENSION, {}, badDate)).rejects.toThrow(/ignore\[0\]\.expires: must be a date/);
    const notJson = workdir({ '.exposure-ignore.json': '{ ignore: [' });
    await expect(screenJson(PENSION, {}, notJson)).rejects.toThrow(/is not valid JSON/);
  });

  it('applies no ignore file with --no-ignore', async () => {
    const env = workdir({ '.exposure-ignore.json': { ignore: [rule({})] } });
    const { report } = await screenJson(PENSION, { ignore: false }, env);
    expect(report.ignore).toBeNull();
    expect(report.findings.every((f) => f.status === 'flagged')).toBe(true);
  });
});

describe('the config file', () => {
  it('supplies defaults that flags override', async () => {
    const env = workdir({ 'exposure-screener.config.json': { format: 'csv', failOn: 'none' } });
    const fromConfig = await runScreen([PENSION], {}, env);
    expect(fromConfig.exitCode).toBe(0);
    expect(fromConfig.output.split('\n')[0]).toMatch(/^status,kind,entity_id/);
    const flagged = await runScreen([PENSION], { failOn: 'flagged', format: 'json' }, env);
    expect(flagged.exitCode).toBe(1);
    expect(() => JSON.parse(flagged.output)).not.toThrow();
  });

  it('rejects an unknown key with the file named', async () => {
    const env = workdir({ 'exposure-screener.config.json': { failsOn: 'none' } });
    await expect(runScreen([PENSION], {}, env)).rejects.toThrow(/exposure-screener\.config\.json/);
  });
});

describe('data age', () => {
  it('warns past 180 days and fails past --max-data-age', async () => {
    const env = { ...workdir(), today: '2027-07-01' };
    const { messages } = await screenJson(PENSION, {}, env);
    expect(messages.join('\n')).toMatch(/last reviewed on 2026-12-03 \(210 days ago\)/);
    await expect(screenJson(PENSION, { maxDataAge: '200' }, env)).rejects.toThrow(/--max-data-age 200/);
    expect((await screenJson(PENSION, { maxDataAge: '365' }, env)).exitCode).toBe(1);
  });
});
