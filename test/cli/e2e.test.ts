import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, REAL } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

interface JsonReport {
  schemaVersion: number;
  tool: { name: string; version: string };
  dataset: { version: string; reviewedAt: string };
  asOf: string;
  inputs: {
    file: string;
    rows: { total: number; screened: number; skipped: number };
    lines: { total: number; header: number; screened: number; skipped: number } | null;
    skipped: { line: number; reason: string }[];
  }[];
  findings: {
    status: string;
    kind: string;
    entity: { id: string; name: string };
    source: { file: string; line: number };
    holding: { name: string | null; ticker: string | null; isin: string | null; quantity: number | null; value: number | null };
    match: { on: string; score: number; matched: string; reason: string };
    exposure: { value: number | null; weight: number | null };
  }[];
  summary: {
    portfolioValue: number | null;
    flaggedValue: number;
    flaggedWeight: number | null;
    byEntity: { id: string; value: number; findings: number }[];
  };
}

function screenJson(...args: string[]): { report: JsonReport; exitCode: number | null; stderr: string } {
  const run = runCli(['screen', ...args, '--format', 'json']);
  const report: JsonReport = JSON.parse(run.stdout);
  return { report, exitCode: run.exitCode, stderr: run.stderr };
}

describe('exposure-screener screen (built bin)', () => {
  it('flags Hikvision by name, Dahua by ISIN and iFlytek by exchange code in the pension sample, exit 1', () => {
    const { report, exitCode, stderr } = screenJson('fixtures/pension/nystrs-style-listing.csv');
    expect(exitCode).toBe(1);
    expect(stderr).toBe('');
    expect(report.schemaVersion).toBe(1);
    expect(report.tool.name).toBe('exposure-screener');
    expect(report.asOf).toBe('2019-12-31');
    const byEntity = Object.fromEntries(report.findings.map((f) => [f.entity.id, f]));
    expect(Object.keys(byEntity).sort()).toEqual(['dahua', 'hikvision', 'iflytek']);
    expect(byEntity['hikvision']).toMatchObject({
      status: 'flagged',
      kind: 'direct',
      source: { line: 10 },
      match: { on: 'name', score: 1 },
      holding: { quantity: 26000, value: 151060 },
    });
    expect(byEntity['dahua']?.match).toMatchObject({ on: 'isin', matched: 'CNE100000BJ4' });
    expect(byEntity['iflytek']?.match).toMatchObject({ on: 'ticker', matched: 'XSHE 002230' });
    for (const f of report.findings) expect(f.match.reason.length).toBeGreaterThan(20);
  });

  it('never flags the look-alikes Hikma (HIK LN) and Yixin Group (2858 HK)', () => {
    const { report } = screenJson('fixtures/pension/nystrs-style-listing.csv');
    const names = report.findings.map((f) => f.holding.name ?? '');
    expect(names.some((n) => /hikma|yixin/i.test(n))).toBe(false);
  });

  it('accounts for every row and sums the portfolio without the total row', () => {
    const { report } = screenJson('fixtures/pension/nystrs-style-listing.csv');
    const input = report.inputs[0];
    // 3 title lines and a blank before the header, 11 positions, the total row: every line in one bucket.
    expect(input?.rows).toEqual({ total: 16, screened: 11, skipped: 5 });
    expect(input?.lines).toEqual({ total: 17, header: 1, screened: 11, skipped: 5 });
    expect(input?.skipped.map((s) => [s.line, s.reason])).toEqual([
      [1, 'preamble'],
      [2, 'preamble'],
      [3, 'preamble'],
      [4, 'blank'],
      [17, 'total'],
    ]);
    expect(report.summary.portfolioValue).toBe(315539810);
    expect(report.summary.flaggedValue).toBe(151060 + 968750 + 594000);
    expect(report.summary.flaggedWeight).toBeCloseTo((151060 + 968750 + 594000) / 315539810, 12);
  });

  it('prints a table and a summary line by default', () => {
    const run = runCli(['screen', 'fixtures/pension/nystrs-style-listing.csv']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/FLAGGED/);
    expect(run.stdout).toMatch(/HANGZHOU HIKVISION DIGITAL TECH-A/);
    expect(run.stdout).toMatch(/3 flagged \(Dahua Technology, IFLYTEK, Hikvision\)/);
    // NO_COLOR is set: no escape bytes.
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('exits 0 on a clean file', () => {
    const run = runCli(['screen', 'fixtures/real/formats/schwab_positions_multi_account_2023.csv']);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^0 flagged/m);
  });

  it('exits 2 with one line naming a missing file', () => {
    const run = runCli(['screen', 'no/such/file.csv']);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/no\/such\/file\.csv does not exist/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on a file with no recognisable header, naming what it saw', () => {
    const run = runCli(['screen', '-'], { input: 'hello,world\n1,2\n' });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/no header row/);
    expect(run.stderr).toMatch(/--columns/);
  });

  it('exits 2 on an unknown option or format', () => {
    expect(runCli(['screen', 'x.csv', '--format', 'yaml']).exitCode).toBe(2);
    expect(runCli(['screen', 'x.csv', '--bogus']).exitCode).toBe(2);
    expect(runCli(['screen', 'fixtures/pension/nystrs-style-listing.csv', '--as-of', '2020-13-01']).stderr).toMatch(
      /--as-of: must be a date/,
    );
  });

  it('prints its version and help with exit 0', () => {
    const version = runCli(['--version']);
    expect(version.exitCode).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\nlist \S+, reviewed \d{4}-\d{2}-\d{2}\n$/);
    const help = runCli(['screen', '--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/--format/);
  });
});

describe('exposure-screener entities', () => {
  it('lists the 28 entries as JSON', () => {
    const run = runCli(['entities', '--json']);
    expect(run.exitCode).toBe(0);
    const json: { entities: { id: string }[] } = JSON.parse(run.stdout);
    expect(json.entities).toHaveLength(28);
    expect(json.entities.map((e) => e.id)).toContain('meiya-pico');
  });
});

describe('exposure-screener inspect', () => {
  it('shows the three Vanguard tables, their columns and the accounting without screening', () => {
    const run = runCli(['inspect', 'fixtures/real/formats/vanguard_etf_holdings_details_VWO_2020-09-30.csv', '--json']);
    expect(run.exitCode).toBe(0);
    const json: {
      asOf: string;
      tables: { headerLine: number; kind: string; context: string | null; columns: Record<string, string> }[];
      rows: { total: number; screened: number; skipped: number };
    } = JSON.parse(run.stdout);
    expect(json.asOf).toBe('2020-09-30');
    expect(json.tables.map((t) => [t.headerLine, t.kind, t.context])).toEqual([
      [8, 'holdings', 'Equity'],
      [5024, 'holdings', 'Fixed income'],
      [5033, 'holdings', 'Short-term reserves'],
    ]);
    expect(json.tables[0]?.columns).toMatchObject({ name: 'HOLDINGS', ticker: 'TICKER', sedol: 'SEDOL', value: 'MARKET VALUE*' });
    expect(json.rows.total).toBe(json.rows.screened + json.rows.skipped);
  });

  it('names the accounts of a multi-account Schwab export', () => {
    const run = runCli(['inspect', 'fixtures/real/formats/schwab_positions_all_accounts_2020.csv']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/Accounts:\s+Brokerage XXXX-1234 \| Intelligent XXXX-4321/);
  });
});

describe('exposure-screener screen --strict', () => {
  it('exits 2 naming the line of a row that could not be screened', () => {
    const run = runCli(['screen', '-', '--strict'], { input: 'Name,Ticker,Market Value\nALPHA CORP,ALP,100\n,,50\n' });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/<stdin>:3: --strict: 1 row\(s\) could not be screened \(no-security/);
  });

  it('accepts totals, cash and trailers, which are the structure of an export', () => {
    const run = runCli(['screen', 'fixtures/real/formats/schwab_positions_all_accounts_2020.csv', '--strict']);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
  });
});

describe('exposure-screener lists', () => {
  it('imports the OFAC fixture, flags Hikvision by ISIN through it with program and date, and diffs two versions', () => {
    const dir = makeTempDir('lists');
    const out = join(dir, 'ns-cmic.json');
    const files = ['cons_prim.csv', 'cons_alt.csv', 'cons_add.csv'].map((f) => `fixtures/lists/ofac-ns-cmic-v1/${f}`);
    const imported = runCli(['lists', 'import', 'ofac-consolidated', ...files, '--imported-on', '2026-11-26', '-o', out]);
    expect(imported.exitCode).toBe(0);
    expect(imported.stderr).toMatch(/4 entities from 3 file\(s\) written/);

    const portfolio = join(dir, 'portfolio.csv');
    writeFileSync(
      portfolio,
      'Security Name,ISIN,Market Value\nSOME HOLDING,CNE100000PM8,"1,000,000.00"\nAPPLE INC,US0378331005,"2,000,000.00"\n',
    );
    const run = runCli(['screen', portfolio, '--list', out, '--only-lists', '--format', 'json']);
    expect(run.exitCode).toBe(1);
    const report: {
      findings: {
        status: string;
        entity: { id: string; listings: { list: string; date: string; note: string | null }[] };
        match: { on: string };
      }[];
    } = JSON.parse(run.stdout);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ status: 'flagged', entity: { id: 'ofac-30946' }, match: { on: 'isin' } });
    expect(report.findings[0]?.entity.listings[0]).toMatchObject({ list: 'ofac-ns-cmic', date: '2021-06-03' });
    expect(report.findings[0]?.entity.listings[0]?.note).toMatch(/CMIC-EO13959/);

    const diff = runCli(['lists', 'diff', 'fixtures/lists/imported/ofac-ns-cmic-v1.json', 'fixtures/lists/imported/ofac-ns-cmic-v2.json']);
    expect(diff.exitCode).toBe(1);
    expect(diff.stdout).toMatch(/\+ ofac-33893\s+YITU LIMITED/);
    expect(diff.stdout).toMatch(/- ofac-30936\s+CHINA ELECTRONICS TECHNOLOGY GROUP CORPORATION/);
  });

  it('rejects a bad user list with one line per problem, exit 2', () => {
    const run = runCli(['lists', 'check', 'fixtures/lists/user/invalid.csv']);
    expect(run.exitCode).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/problems in fixtures\/lists\/user\/invalid\.csv/);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines.slice(1)) expect(line).toMatch(/invalid\.csv:\d+: /);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('XML statements', () => {
  it('reads a SEC 13F information table: every infoTable is a row', () => {
    const path = 'fixtures/real/formats/sec_13f_information_table_real.xml';
    const run = runCli(['screen', path, '--format', 'json', '--no-look-through', '--fail-on', 'none']);
    expect(run.exitCode).toBe(0);
    const report: { inputs: { rows: { screened: number; skipped: number } }[] } = JSON.parse(run.stdout);
    const elements = (readFileSync(`${REAL}formats/sec_13f_information_table_real.xml`, 'utf8').match(/<infoTable>/g) ?? []).length;
    expect(report.inputs[0]?.rows.screened).toBe(elements);
  });

  it('dates an N-PORT filing by its reporting period', () => {
    const run = runCli(['screen', 'fixtures/real/formats/sec_nport_p_real_dupree.xml', '-q']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/55 rows screened.*as of 2022-12-31 \(from the file\)/);
  });
});

describe('a pension listing dated before the 2019-10-09 listing (CalSTRS held 4.3 million Hikvision shares in June 2018)', () => {
  const file = 'fixtures/pension/calstrs-style-listing-2018.csv';

  it('sends the holdings to review, marked before listing, and exits 0', () => {
    const run = runCli(['screen', file, '--format', 'json']);
    expect(run.exitCode).toBe(0);
    const report: {
      asOf: string;
      findings: { status: string; entity: { id: string }; beforeListing: boolean; holding: { quantity: number } }[];
    } = JSON.parse(run.stdout);
    expect(report.asOf).toBe('2018-06-30');
    expect(report.findings.map((f) => [f.entity.id, f.status, f.beforeListing])).toEqual([
      ['dahua', 'review', true],
      ['hikvision', 'review', true],
    ]);
    expect(report.findings.find((f) => f.entity.id === 'hikvision')?.holding.quantity).toBe(4_300_000);
  });

  it('flags them with --include-before-listing', () => {
    const run = runCli(['screen', file, '--include-before-listing', '-q']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^2 flagged \(Hikvision, Dahua Technology\)/);
  });
});
