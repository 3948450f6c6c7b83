// Index membership by construction: the shipped indices derived from their parts, a contradiction
// failing validation, and the funds that track a composite screened end to end with the built bin.

import { describe, expect, it } from 'vitest';
import { resolveIndices } from '../../src/dataset/construction.js';
import type { IndexDef } from '../../src/dataset/funds-schema.js';
import { loadDataset, loadFundData } from '../../src/dataset/load.js';
import { validateFundData } from '../../src/dataset/validate-funds.js';
import { buildFundCatalog, membershipAt } from '../../src/look-through/funds.js';
import { runCli } from '../support/run-cli.js';

const { dataset } = loadDataset();
const { funds, snapshots } = loadFundData(dataset);
const catalog = buildFundCatalog(funds, snapshots.snapshots);

function resolved(id: string) {
  const index = catalog.indices.get(id);
  if (index === undefined) throw new Error(`no index ${id}`);
  return index;
}

describe('index membership by construction', () => {
  it('the shipped composites derive from their parts without contradiction', () => {
    expect(resolveIndices(funds.indices).errors).toEqual([]);
  });

  it('a membership entered once for MSCI EM is true in every MSCI index that contains EM, with its dates', () => {
    for (const id of ['msci-em', 'msci-em-imi', 'msci-acwi', 'msci-acwi-ex-usa', 'msci-acwi-ex-usa-imi', 'msci-china', 'msci-china-a-inclusion']) {
      for (const entity of ['dahua', 'iflytek']) {
        const answer = membershipAt(resolved(id), entity, '2025-06-30');
        expect(answer.kind, `${entity} in ${id}`).toBe('member');
        if (answer.kind === 'member') expect(answer.membership.confidence, `${entity} in ${id}`).toBe('high');
        // Before MSCI's first A-share step no MSCI index held them.
        expect(membershipAt(resolved(id), entity, '2018-01-01').kind, `${entity} in ${id} in 2018`).not.toBe('member');
      }
      expect(membershipAt(resolved(id), 'hikvision', '2021-01-06').kind, `hikvision in ${id} after the deletion`).not.toBe('member');
    }
    const acwx = membershipAt(resolved('msci-acwi-ex-usa'), 'dahua', '2025-06-30');
    expect(acwx.kind === 'member' ? acwx.membership.construction?.part : null).toBe('msci-em');
  });

  it('MSCI China takes only the China A lines of EM; FTSE Global All Cap derives from its ex US part', () => {
    expect(resolved('msci-china').memberships.filter((m) => m.construction !== undefined).every((m) => /^XSH[EG] /.test(m.security ?? ''))).toBe(true);
    const gac = membershipAt(resolved('ftse-global-all-cap'), 'sensetime', '2025-12-01');
    expect(gac.kind === 'member' ? gac.membership.construction?.part : null).toBe('ftse-global-all-cap-ex-us');
  });

  it('fails validation when a derived index has its own dated records that contradict a part', () => {
    const broken = structuredClone(funds);
    const acwx = broken.indices.find((i) => i.id === 'msci-acwi-ex-usa');
    if (acwx === undefined) throw new Error('fixture');
    // ACWI ex USA contains EM, which held Dahua from 2018: a record ending Dahua in 2023 contradicts it.
    acwx.memberships.push({ entity: 'dahua', security: 'XSHE 002236', from: '2018-06-01', to: '2023-01-01', confidence: 'high', sources: ['msci-2020-12-30'] });
    const result = validateFundData(broken, snapshots, dataset);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.errors.join('\n')).toMatch(/"msci-acwi-ex-usa".*dahua was not a member on 2023-01-01.*"msci-em"/);
  });

  it('fails when an index equal to a part records a member the part lacks, or contains itself', () => {
    const parts: IndexDef[] = [
      { id: 'em', name: 'EM', family: 'MSCI', excludesAll: false, memberships: [], contains: [], sources: ['s'] },
      {
        id: 'a-inclusion',
        name: 'A Inclusion',
        family: 'MSCI',
        excludesAll: false,
        memberships: [{ entity: 'dahua', security: 'XSHE 002236', from: '2019-01-01', to: null, confidence: 'high', sources: ['s'] }],
        contains: [{ index: 'em', only: 'china-a', from: '2018-06-01', to: null, equal: true, basis: 'equal', sources: ['s'] }],
        sources: ['s'],
      },
      { id: 'loop', name: 'Loop', family: 'MSCI', excludesAll: false, memberships: [], contains: [{ index: 'loop', to: null, equal: false, basis: 'x', sources: ['s'] }], sources: ['s'] },
    ];
    const errors = resolveIndices(parts).errors.join('\n');
    expect(errors).toMatch(/"a-inclusion" equals its part "em".*dahua on 2019-01-01/);
    expect(errors).toMatch(/"loop" contains itself/);
  });
});

describe('funds that track a composite, screened with no holdings file', () => {
  const screen = (id: string, asOf: string, column: 'Ticker' | 'ISIN') => {
    const run = runCli(['screen', '-', '--as-of', asOf, '--format', 'json'], { input: `${column},Name,Market Value\n${id},Fund position,1000\n` });
    const report: unknown = JSON.parse(run.stdout);
    if (typeof report !== 'object' || report === null || !('findings' in report) || !Array.isArray(report.findings)) throw new Error(run.stderr);
    const findings: { entity: { id: string }; status: string; via: { basis: { kind: string; source: string; index: string } } }[] = report.findings;
    return { run, findings };
  };

  for (const [ticker, isin, index] of [
    ['MCHI', 'US46429B6719', 'msci-china'],
    ['ACWX', 'US4642882405', 'msci-acwi-ex-usa'],
    ['CNYA', 'US46434V5140', 'msci-china-a-inclusion'],
  ] as const) {
    it(`${ticker} (by ticker and by ISIN ${isin}) holds Dahua and iFlytek in 2025 through ${index}, derived from its construction; none in 2018`, () => {
      for (const [id, column] of [
        [ticker, 'Ticker'],
        [isin, 'ISIN'],
      ] as const) {
        const { run, findings } = screen(id, '2025-06-30', column);
        expect(run.exitCode).toBe(1);
        expect(findings.map((f) => f.entity.id).sort()).toEqual(['dahua', 'iflytek']);
        for (const f of findings) {
          expect(f.status).toBe('flagged');
          expect(f.via.basis).toMatchObject({ kind: 'index-membership', index });
          expect(f.via.basis.source).toMatch(/derived from the index's construction/);
        }
        const before = screen(id, '2018-01-01', column);
        expect(before.findings.filter((f) => ['dahua', 'hikvision'].includes(f.entity.id))).toEqual([]);
      }
    });
  }

  it('ACWI, with shipped snapshots, keeps the snapshot answer and says so, though its index holds Dahua by construction', () => {
    const { findings } = screen('ACWI', '2025-06-30', 'Ticker');
    expect(findings.map((f) => f.entity.id)).toEqual(['iflytek']);
    expect(findings[0]?.via.basis.kind).toBe('snapshot');
  });
});
