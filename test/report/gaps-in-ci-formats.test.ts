// A fund not looked through must reach the CI formats too: a code-scanning warning where the
// position sits (suppressed when the ignore file accepts the gap), and a skipped JUnit test case.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScreen, type RunEnvironment } from '../../src/cli/run.js';
import { REAL } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const FIDELITY = `${REAL}formats/fidelity_portfolio_positions_2023.csv`;

function workdir(files: Record<string, unknown> = {}): RunEnvironment {
  const cwd = makeTempDir('gaps');
  for (const [name, content] of Object.entries(files)) writeFileSync(join(cwd, name), JSON.stringify(content));
  return { today: '2026-11-26', tool: { name: 'exposure-screener', version: 'test' }, width: 120, cwd };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { region: { startLine: number } } }[];
  partialFingerprints: Record<string, string>;
  suppressions?: { justification: string }[];
  properties: Record<string, unknown>;
}

async function sarif(env: RunEnvironment, ignoreFile?: string) {
  const options = {
    format: 'sarif',
    failOn: 'none',
    ...(ignoreFile === undefined ? { ignore: false } : { ignoreFile: join(env.cwd, ignoreFile) }),
  };
  const log = JSON.parse((await runScreen([FIDELITY], options, env)).output);
  const run = log.runs[0];
  return { rules: run.tool.driver.rules.map((r: { id: string }) => r.id), results: run.results as SarifResult[] };
}

describe('funds not looked through in SARIF and JUnit', () => {
  it('SARIF: one warning per position, at its line, with a stable fingerprint per account and fund', async () => {
    const { rules, results } = await sarif(workdir());
    expect(
      results.map((r) => [
        r.ruleId,
        rules[r.ruleIndex],
        r.level,
        r.locations[0]?.physicalLocation.region.startLine,
        r.properties['ticker'],
      ]),
    ).toEqual([
      ['FUND_NOT_LOOKED_THROUGH', 'FUND_NOT_LOOKED_THROUGH', 'warning', 6, 'VTI'],
      ['FUND_NOT_LOOKED_THROUGH', 'FUND_NOT_LOOKED_THROUGH', 'warning', 9, 'BND'],
      ['FUND_NOT_LOOKED_THROUGH', 'FUND_NOT_LOOKED_THROUGH', 'warning', 10, 'VTI'],
    ]);
    expect(results[0]?.message.text).toBe(
      'VTI looks like a fund ("FDS" in its name) but was not looked through: what it holds was not screened',
    );
    // The two VTI lines sit in different accounts: different fingerprints.
    const prints = results.map((r) => Object.values(r.partialFingerprints)[0]);
    expect(new Set(prints).size).toBe(3);
  });

  it('SARIF: a gap the ignore file accepts is suppressed with its reason', async () => {
    const env = workdir({
      '.exposure-ignore.json': { notLookedThrough: [{ fund: 'BND', reason: 'bond index fund: holds no shares', expires: '2027-06-30' }] },
    });
    const { results } = await sarif(env, '.exposure-ignore.json');
    const bnd = results.find((r) => r.properties['ticker'] === 'BND');
    expect(bnd?.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'bond index fund: holds no shares' }]);
    expect(results.filter((r) => r.suppressions === undefined).map((r) => r.properties['ticker'])).toEqual(['VTI', 'VTI']);
  });

  it('JUnit: a skipped test case per open gap, a passing one for an accepted gap, counted in the totals', async () => {
    const env = workdir({
      '.exposure-ignore.json': { notLookedThrough: [{ fund: 'BND', reason: 'bond index fund: holds no shares', expires: '2027-06-30' }] },
    });
    const xml = (await runScreen([FIDELITY], { format: 'junit', failOn: 'none', ignoreFile: join(env.cwd, '.exposure-ignore.json') }, env))
      .output;
    expect(xml).toMatch(/<testsuites name="exposure-screener" tests="4" failures="0" errors="0" time="0">/);
    expect(xml).toMatch(
      /<testsuite name="[^"]*" tests="4" failures="0" errors="0" skipped="2" time="0" file="[^"]*fidelity_portfolio_positions_2023\.csv">/,
    );
    expect(xml).toMatch(
      /<testcase classname="[^"]*fidelity_portfolio_positions_2023\.csv" name="Fund not looked through: VTI \(line 6\)" time="0">\n\s+<skipped message="VTI looks like a fund/,
    );
    expect(xml).toMatch(
      /name="Fund not looked through: BND \(line 9\)" time="0">\n\s+<system-out>Not looked through, accepted by the ignore file: BND/,
    );
  });
});
