// The JUnit report validates with xmllint against test/schemas/junit-ci.xsd, the schema written from what
// Jenkins, GitLab and the GitHub test-report actions document that they read (sources in the XSD). The
// report comes from the built bin, for one fixture per kind of test case. Without xmllint (Debian's
// libxml2-utils) the test is skipped with a message on a workstation and fails in CI (.ci/run installs it).

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const XSD = join(ROOT, 'test/schemas/junit-ci.xsd');
const HAVE_XMLLINT = spawnSync('xmllint', ['--version'], { encoding: 'utf8' }).error === undefined;
const IN_CI = (process.env['CI'] ?? '') !== '';

/** xmllint's verdict on a document: exit code 0 and "validates", or its complaints. */
function validate(xml: string): { ok: boolean; output: string } {
  const file = join(makeTempDir('junit-xsd'), 'report.xml');
  writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/** One fixture per kind of test case the reporter writes. */
const CASES: readonly (readonly [string, readonly string[]])[] = [
  ['flagged positions (failures)', ['examples/sample-holdings.csv']],
  ['a clean file (only the rows-screened case)', ['fixtures/holdings/crlf-line-endings.csv']],
  ['findings for review (skipped)', ['fixtures/look-through/vwo-eem-emxc-and-a-stock.csv']],
  ['skipped rows and a fund not looked through', ['fixtures/holdings/totals-cash-and-disclaimer-trailer.csv']],
  ['funds not looked through', ['fixtures/real/formats/fidelity_portfolio_positions_2023.csv']],
  [
    'several files, review, flagged and a fund not looked through',
    ['fixtures/brokerage/schwab-style-positions.csv', 'fixtures/pension/nystrs-style-listing.csv'],
  ],
  ['a name with bidi controls', ['fixtures/trust/bidi-controls-in-name.csv']],
];

describe('JUnit output against the CI readers’ schema (xmllint)', () => {
  it('has xmllint to validate with (in CI it must; elsewhere the checks below are skipped without it)', (ctx) => {
    if (!HAVE_XMLLINT && !IN_CI) ctx.skip('xmllint is not installed (apt-get install libxml2-utils): the JUnit schema checks are skipped');
    expect(HAVE_XMLLINT, 'xmllint is missing in CI: .ci/run installs libxml2-utils').toBe(true);
  });

  it.for(CASES)('validates for %s', ([, files], ctx) => {
    if (!HAVE_XMLLINT) ctx.skip('xmllint is not installed (apt-get install libxml2-utils)');
    const run = runCli(['screen', ...files, '--format', 'junit', '--fail-on', 'none']);
    expect(run.exitCode, run.stderr).toBe(0);
    const verdict = validate(run.stdout);
    expect(verdict.output).toMatch(/validates/);
    expect(verdict.ok, verdict.output).toBe(true);
  });

  it('rejects what the readers do not accept: `skipped` on <testsuites>, a repeated test name', (ctx) => {
    if (!HAVE_XMLLINT) ctx.skip('xmllint is not installed (apt-get install libxml2-utils)');
    const suite = (cases: string): string => `<testsuite name="a.csv" tests="2" failures="0" errors="0">${cases}</testsuite>`;
    const ok = '<testcase classname="a.csv" name="one" time="0"/><testcase classname="a.csv" name="two" time="0"/>';
    expect(validate(`<testsuites tests="2">${suite(ok)}</testsuites>`).ok).toBe(true);
    expect(validate(`<testsuites tests="2" skipped="0">${suite(ok)}</testsuites>`).output).toMatch(/skipped/);
    const repeated = '<testcase classname="a.csv" name="one" time="0"/><testcase classname="a.csv" name="one" time="0"/>';
    expect(validate(`<testsuites tests="2">${suite(repeated)}</testsuites>`).ok).toBe(false);
  });
});
