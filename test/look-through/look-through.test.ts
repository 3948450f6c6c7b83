import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runScreen, type RunEnvironment } from '../../src/cli/run.js';
import { loadDataset, loadFundData } from '../../src/dataset/load.js';
import { readHoldingsBytes } from '../../src/ingest/read.js';
import { screen } from '../../src/screen.js';
import { ROOT, REAL } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const VWO_FILE = `${REAL}formats/vanguard_etf_holdings_details_VWO_2020-09-30.csv`;
const PORTFOLIO = `${ROOT}fixtures/look-through/vwo-eem-emxc-and-a-stock.csv`;
const env: RunEnvironment = { today: '2026-11-26', tool: { name: 'exposure-screener', version: 'test' }, width: 120, cwd: ROOT };

interface Report {
  findings: {
    status: string;
    kind: string;
    entity: { id: string };
    source: { line: number };
    exposure: { value: number | null };
    via: {
      chain: { ticker: string }[];
      basis: { kind: string; date: string | null; sha256: string | null };
      weight: number | null;
      notes: string[];
    } | null;
    beforeListing: boolean;
  }[];
  summary: {
    direct: { value: number };
    indirect: { value: number; findings: number; unknownValue: number };
    byFund: { ticker: string; findings: number; bases: string[] }[];
  };
}

async function run(args: Record<string, unknown>, file = PORTFOLIO): Promise<Report> {
  const result = await runScreen([file], { format: 'json', ignore: false, ...args }, env);
  return JSON.parse(result.output);
}

const indirectOf = (r: Report, ticker: string) => r.findings.filter((f) => f.kind === 'indirect' && f.via?.chain[0]?.ticker === ticker);

describe("look-through with the fund's own holdings file (--funds VWO=…)", () => {
  let report: Report;
  beforeAll(async () => {
    report = await run({ funds: [`VWO=${VWO_FILE}`], asOf: '2020-09-30' });
  });
  const { dataset } = loadDataset();
  const vwo = screen([{ ...readHoldingsBytes('vwo', readFileSync(VWO_FILE)), file: 'vwo' }], dataset, { today: '2026-11-26' });
  const fundTotal = vwo.summary.portfolioValue ?? 0;

  it('sums every table of the fund file for its total value, reserves at face amount', () => {
    // Equity and fixed income at market value, short-term reserves (no market value column) at face amount.
    const reserves = 1_050_946_830.0 + 483_356_854.86 + 160_779_901.44;
    expect(fundTotal).toBeGreaterThan(84_000_000_000 + reserves);
    expect(fundTotal).toBeLessThan(87_000_000_000);
  });

  it('computes Hikvision, iFlytek and Dahua from market values over both share lines', () => {
    const byEntity = Object.fromEntries(indirectOf(report, 'VWO').map((f) => [f.entity.id, f]));
    // The lines of the file (reference/indices-and-funds.md §4): B450X03 + BD5CPQ2, and so on.
    expect(byEntity['hikvision']?.exposure.value).toBeCloseTo((100_000 * (31_271_687.03 + 17_786_826.71)) / fundTotal, 6);
    expect(byEntity['iflytek']?.exposure.value).toBeCloseTo((100_000 * 10_439_147.05) / fundTotal, 6);
    expect(byEntity['dahua']?.exposure.value).toBeCloseTo((100_000 * 8_530_261.54) / fundTotal, 6);
    for (const id of ['hikvision', 'iflytek', 'dahua', 'meiya-pico']) {
      expect(byEntity[id]?.status).toBe('flagged');
      expect(byEntity[id]?.via?.basis.kind).toBe('holdings-file');
      expect(byEntity[id]?.via?.basis.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('gives the EEM line an indirect Hikvision finding from MSCI membership, value unknown', () => {
    const hik = indirectOf(report, 'EEM').find((f) => f.entity.id === 'hikvision');
    expect(hik?.status).toBe('flagged');
    expect(hik?.via?.basis.kind).toBe('index-membership');
    expect(hik?.exposure.value).toBeNull();
  });

  it('looks through EMXC and finds nothing, and says so', () => {
    expect(indirectOf(report, 'EMXC')).toEqual([]);
    expect(report.summary.byFund.find((b) => b.ticker === 'EMXC')).toMatchObject({ findings: 0 });
  });

  it('keeps direct and indirect totals apart', () => {
    expect(report.summary.direct.value).toBe(0);
    expect(report.summary.indirect.unknownValue).toBeGreaterThan(0);
  });
});

describe('a fund holdings file of another date', () => {
  it('is carried to the as-of date like a snapshot: no Hikvision through the 2020 VWO file on 2022-06-30', async () => {
    const report = await run({ funds: [`VWO=${VWO_FILE}`], asOf: '2022-06-30' });
    const vwo = indirectOf(report, 'VWO');
    expect(vwo.map((f) => f.entity.id)).not.toContain('hikvision');
    expect(
      vwo
        .filter((f) => f.status === 'flagged')
        .map((f) => f.entity.id)
        .sort(),
    ).toEqual(['dahua', 'iflytek']);
    expect(vwo.every((f) => f.via?.basis.kind === 'holdings-file')).toBe(true);
    expect(vwo.find((f) => f.entity.id === 'dahua')?.via?.notes.join(' ')).toMatch(/638 days from the as-of date/);
  });
});

describe('look-through from shipped snapshots and index membership, dated', () => {
  it('shows no Hikvision through MSCI or FTSE funds on 2022-06-30, but iFlytek and Dahua', async () => {
    const report = await run({ asOf: '2022-06-30' });
    const flagged = report.findings.filter((f) => f.kind === 'indirect' && f.status === 'flagged');
    expect(flagged.map((f) => f.entity.id)).not.toContain('hikvision');
    for (const ticker of ['VWO', 'EEM']) {
      const ids = indirectOf(report, ticker)
        .filter((f) => f.status === 'flagged')
        .map((f) => f.entity.id);
      expect(ids, ticker).toEqual(expect.arrayContaining(['dahua', 'iflytek']));
    }
    expect(indirectOf(report, 'EEM').every((f) => f.via?.basis.date === '2022-06-30')).toBe(true);
  });

  it('still shows Hikvision through VWO on 2020-12-18 and not on 2020-12-21 (FTSE deletion)', async () => {
    const before = indirectOf(await run({ asOf: '2020-12-18' }), 'VWO').map((f) => f.entity.id);
    const after = indirectOf(await run({ asOf: '2020-12-21' }), 'VWO').map((f) => f.entity.id);
    expect(before).toContain('hikvision');
    expect(after).not.toContain('hikvision');
  });

  it('keeps Hikvision in EEM through 2021-01-05 and drops it on 2021-01-06 (MSCI deletion at the close)', async () => {
    expect(indirectOf(await run({ asOf: '2021-01-05' }), 'EEM').map((f) => f.entity.id)).toContain('hikvision');
    expect(indirectOf(await run({ asOf: '2021-01-06' }), 'EEM').map((f) => f.entity.id)).not.toContain('hikvision');
  });

  it('flags nothing before the 2019-10-09 listing unless asked, and marks such findings', async () => {
    const early = await run({ asOf: '2019-06-30' });
    expect(early.findings.length).toBeGreaterThan(0);
    expect(early.findings.filter((f) => f.status === 'flagged')).toEqual([]);
    expect(early.findings.every((f) => f.beforeListing)).toBe(true);
    const included = await run({ asOf: '2019-06-30', includeBeforeListing: true });
    expect(included.findings.some((f) => f.status === 'flagged' && f.beforeListing)).toBe(true);
  });

  it('does not look through with --no-look-through', async () => {
    expect((await run({ lookThrough: false, asOf: '2022-06-30' })).findings).toEqual([]);
  });
});

describe('funds inside funds', () => {
  it('multiplies the weights along the chain and stops at a fund that holds itself', async () => {
    const report = await run(
      { funds: [`FOF=${ROOT}fixtures/look-through/fund-of-funds-FOF.csv`], asOf: '2022-06-30' },
      `${ROOT}fixtures/look-through/holds-fof.csv`,
    );
    const dahua = report.findings.find((f) => f.entity.id === 'dahua');
    expect(dahua?.via?.chain.map((h) => h.ticker)).toEqual(['FOF', 'VWO']);
    // FOF is 60 % VWO (its file: 600,000 of 1,000,000); VWO's 2020-09-30 snapshot gives Dahua's share.
    const { dataset } = loadDataset();
    const snapshot = loadFundData(dataset).snapshots.snapshots.find((s) => s.fund === 'vwo' && s.date === '2020-09-30');
    const dahuaInVwo = snapshot?.holdings.find((h) => h.entity === 'dahua')?.weight ?? Number.NaN;
    expect(dahuaInVwo).toBeGreaterThan(0.00009);
    expect(dahua?.via?.weight).toBeCloseTo(0.6 * dahuaInVwo, 12);
    expect(dahua?.exposure.value).toBeCloseTo(10_000 * 0.6 * dahuaInVwo, 6);
  });
});

describe('--funds finds the fund a file belongs to', () => {
  it('from the preamble when the file is given without a ticker', async () => {
    const named = await run({ funds: [`VWO=${VWO_FILE}`], asOf: '2020-09-30' });
    const detected = await run({ funds: [VWO_FILE], asOf: '2020-09-30' });
    const basis = (r: Report) => indirectOf(r, 'VWO').map((f) => [f.entity.id, f.via?.basis.kind, f.exposure.value]);
    expect(basis(detected)).toEqual(basis(named));
    expect(indirectOf(detected, 'VWO').every((f) => f.via?.basis.kind === 'holdings-file')).toBe(true);
  });

  it('from the file names of a folder', async () => {
    const dir = makeTempDir('funds');
    copyFileSync(VWO_FILE, join(dir, 'VWO.csv'));
    const report = await run({ funds: [dir], asOf: '2020-09-30' });
    expect(indirectOf(report, 'VWO').map((f) => f.via?.basis.kind)).toContain('holdings-file');
  });

  it('refuses a file that names no fund, saying how to name it', async () => {
    await expect(run({ funds: [`${ROOT}fixtures/pension/nystrs-style-listing.csv`] })).rejects.toThrow(/does not say which fund/);
  });
});
