// The audit's corrections of data/entities.json and data/funds.json (issue 20), each a test that the
// data before it would have failed, and the rule that every fact cites a source checked on a day.

import { describe, expect, it } from 'vitest';
import { loadDataset, loadFundData } from '../../src/dataset/load.js';
import { buildMatchIndex } from '../../src/match/build-index.js';
import { explain } from '../../src/match/explain.js';
import { runCli } from '../support/run-cli.js';

const { dataset } = loadDataset();
const { funds } = loadFundData(dataset);
const index = buildMatchIndex(dataset);
const entity = (id: string) => {
  const e = dataset.entities.find((x) => x.id === id);
  if (e === undefined) throw new Error(`no entity ${id}`);
  return e;
};
const verdict = (text: string) => explain(index, text).verdict;

describe('corrections found by the audit', () => {
  it('XPCC is a related parent on OFAC SDN shown as review, never cleared as a look-alike', () => {
    for (const text of ['Xinjiang Production and Construction Corps', 'XPCC', '新疆生产建设兵团']) {
      expect(verdict(text), text).toMatchObject({ status: 'review', entityId: 'xj-xpcc-psb', lookAlike: null });
    }
    const run = runCli(['explain', 'Xinjiang Production and Construction Corps']);
    expect(run.stdout).toMatch(/Verdict: +REVIEW: xj-xpcc-psb/);
    expect(run.stdout).toMatch(/OFAC SDN, E\.O\. 13818 \(Global Magnitsky\), 2020-07-31, UID 29299/);
    // No look-alike line and no look-alike verdict (the note that says why may name the word).
    expect(run.stdout).not.toMatch(/^Look-alike:|known look-alike/m);
    // Its bureau stays flagged.
    expect(verdict('Xinjiang Production and Construction Corps Public Security Bureau').status).toBe('flagged');
  });

  it('SDIC Intelligence itself is on DoD 1260H in 2025-01-07 and 2026-06-08; Meiya Hongshu only in 2026', () => {
    const meiya = entity('meiya-pico');
    expect(meiya.listings.filter((l) => l.list === 'dod-1260h').map((l) => l.date)).toEqual(['2025-01-07', '2026-06-08']);
    const note = (name: string) => meiya.related.find((r) => r.names[0]?.name.startsWith(name))?.note ?? '';
    expect(note('Xiamen Meiya Zhongmin')).toMatch(/2025-01-07 and 2026-06-08/);
    expect(note('Beijing Meiya Hongshu')).toMatch(/2026-06-08 edition/);
    expect(note('Beijing Meiya Hongshu')).toMatch(/not in the 2025-01-07 edition/);
  });

  it("Hikvision's E.O. 13959 window: named 2020-06-24, barred from 2021-01-11, until E.O. 14032", () => {
    expect(entity('hikvision').listings.find((l) => l.list === 'eo-13959')).toMatchObject({ date: '2020-06-24', effective: '2021-01-11', ended: '2021-08-02' });
  });

  it("SenseTime's entry revised 2020-06-05 names the Beijing subsidiary, flagged by its names; SenseTime Group stays flagged", () => {
    expect(entity('sensetime').listings.find((l) => l.list === 'us-entity-list' && l.date === '2020-06-05')?.citation).toMatch(/85 FR 34503/);
    for (const text of ['Beijing Sensetime Technology Development Co., Ltd.', 'Beijing Shangtang Technology Development Co., Ltd.', 'Sense Time', 'SenseTime Group Inc.']) {
      expect(verdict(text), text).toMatchObject({ status: 'flagged', entityId: 'sensetime' });
    }
    // explain gives the reason: the listed issuer is the entry's parent, on lists of its own.
    const run = runCli(['explain', 'SenseTime Group Inc.', '--json']);
    const explained: unknown = JSON.parse(run.stdout);
    const note = typeof explained === 'object' && explained !== null && 'verdict' in explained && typeof explained.verdict === 'object' && explained.verdict !== null && 'note' in explained.verdict ? explained.verdict.note : null;
    expect(note).toMatch(/SenseTime Group Inc\., the listed issuer \(HKEX 0020\), is its parent and is flagged on its own NS-CMIC \(2021-12-10\) and DoD 1260H listings/);
  });

  it("iFlytek's former name is flagged, with the dates it was used", () => {
    const former = entity('iflytek').names.filter((n) => n.type === 'former');
    expect(former.map((n) => [n.name, n.usedFrom, n.usedUntil])).toEqual([
      ['Anhui USTC iFLYTEK Co., Ltd.', '2008-04-25', '2014-03-18'],
      ['安徽科大讯飞信息科技股份有限公司', '2008-04-25', '2014-03-18'],
    ]);
    expect(verdict('Anhui USTC iFLYTEK Co., Ltd.').status).toBe('flagged');
    expect(verdict('安徽科大讯飞信息科技股份有限公司').status).toBe('flagged');
  });

  it('aliases whose cited sources do not contain them are review only', () => {
    // "Yitu Technology" now cites press that uses it (its earlier sources did not contain it).
    expect(entity('yitu').names.find((n) => n.name === 'Yitu Technology')?.sources).toEqual(['ettoday-2021-12-17', 'hket-yitu-2021-08']);
    expect(verdict('上海依图网络科技有限公司').status).toBe('review');
    expect(entity('xj-psb').names.find((n) => n.name === 'XPSB')?.sources).toEqual(['treasury-sm1055-copy']);
    const megvii = entity('megvii').names.find((n) => n.name === 'Face++');
    expect(megvii?.sources).not.toContain('hk01-713388');
  });

  it("carries every name and alias of the 28 entries as the Consolidated Screening List gives them, the headings as list names", () => {
    // The 14 the audit found missing (the reference's entity-list-2019-text.md, S1).
    const missing: readonly [string, string][] = [
      ['xj-psb', "Xinjiang Uyghur Autonomous Region (XUAR) People's Government Public Security Bureau"],
      ['xj-xpcc-psb', 'Xinjiang Production and Construction Corps (XPCC) Public Security Bureau'],
      ['xj-psb-aksu', 'Aqsu District Public Security Bureau'],
      ['xj-psb-hami', 'Qumul Municipality Public Security'],
      ['xj-psb-karamay', 'Qaramay Municipality Public Security Bureau'],
      ['xj-psb-kizilsu', 'Kizilsu Autonomous Prefecture Public Security Bureau'],
      ['xj-psb-tumushuke', 'Tumushuke Municipal Public Security Bureau'],
      ['xj-psb-tumushuke', 'Tumxuk Municipal Public Security Bureau'],
      ['sensetime', 'Beijing Sensetime Technology Development Co., Ltd.'],
      ['sensetime', 'Beijing Shangtang Technology Development Co., Ltd.'],
      ['yixin', 'Yixin Technology'],
      ['yixin', 'Yuxin Technology'],
      ['yixin', 'Yuxin Science and Technology'],
      ['yixin', 'Ecguard'],
    ];
    for (const [id, name] of missing) {
      const n = entity(id).names.find((x) => x.name === name);
      expect(n?.sources, `${id}: ${name}`).toContain('csl-s1-2026-07-31');
    }
    for (const e of dataset.entities.filter((x) => x.kind === 'government')) {
      expect(e.names.find((n) => n.name === e.listName)?.sources, e.id).toContain('csl-s1-2026-07-31');
    }
  });

  it('short aliases other companies also use are a review, as are look-alikes that carry them; distinctive ones flag', () => {
    for (const text of ['Yuxin Technology', 'Yixin Technology', 'Yuxin Science and Technology', 'Shenzhen Yuxin Technology Co., Ltd.']) {
      expect(verdict(text), text).toMatchObject({ status: 'review', entityId: 'yixin' });
    }
    expect(verdict('Ecguard')).toMatchObject({ status: 'flagged', entityId: 'yixin' });
  });

  it("VWO's index windows: MSCI EM to 2013-01-10, a transition index, FTSE Emerging from 2013-06-28", () => {
    const vwo = funds.funds.find((f) => f.id === 'vwo');
    expect(vwo?.tracks.slice(0, 3).map((t) => [t.index, t.from ?? null, t.to])).toEqual([
      ['msci-em', null, '2013-01-10'],
      ['ftse-emerging-transition', '2013-01-10', '2013-06-28'],
      ['ftse-emerging', '2013-06-28', '2015-11-02'],
    ]);
  });

  it('ASHR after 2021 is a review for Hikvision (barred to a US fund), still flagged for Dahua and iFlytek', () => {
    const run = runCli(['screen', '-', '--as-of', '2024-06-30', '--format', 'json'], { input: 'Ticker,Name,Market Value\nASHR,Xtrackers Harvest CSI 300,1000\n' });
    const report: unknown = JSON.parse(run.stdout);
    if (typeof report !== 'object' || report === null || !('findings' in report) || !Array.isArray(report.findings)) throw new Error(run.stderr);
    const findings: { entity: { id: string }; status: string }[] = report.findings;
    expect(Object.fromEntries(findings.map((f) => [f.entity.id, f.status]))).toEqual({ dahua: 'flagged', iflytek: 'flagged', hikvision: 'review' });
  });
});

describe('every fact is sourced, and every source says when it was checked', () => {
  it('in data/entities.json and data/funds.json', () => {
    for (const [file, sources] of [
      ['entities', dataset.sources],
      ['funds', funds.sources],
    ] as const) {
      for (const [id, s] of Object.entries(sources)) expect(s.checked, `${file} source ${id}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    // Facts cite defined sources: the validators refuse an unknown one (rules.sourcesExist, validateFundData).
    const defined = new Set(Object.keys(funds.sources));
    const cited = [
      ...funds.indices.flatMap((i) => [...i.sources, ...i.memberships.flatMap((m) => m.sources), ...i.contains.flatMap((c) => c.sources)]),
      ...funds.funds.flatMap((f) => [...f.sources, ...f.tracks.flatMap((t) => t.sources), ...(f.restrictions ?? []).flatMap((r) => r.sources)]),
    ];
    expect(cited.filter((id) => !defined.has(id))).toEqual([]);
    expect(dataset.entities.flatMap((e) => [...e.names, ...e.listings, ...e.securities, ...e.related, ...e.lookAlikes]).every((f) => f.sources.length > 0)).toBe(true);
  });

  it('`exposure-screener data` shows the list version and review date', () => {
    const run = runCli(['data']);
    expect(run.stdout).toContain(`Version:     ${dataset.version}`);
    expect(run.stdout).toContain(`Reviewed:    ${dataset.reviewedAt}`);
  });
});
