// The real fund files in fixtures/real, screened as portfolios: exactly the hits their
// README lists (checked there by hand), none of the look-alikes, by identifier and by name alone.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.js';
import { buildMatchIndex } from '../../src/match/build-index.js';
import { readHoldingsBytes } from '../../src/ingest/read.js';
import type { RawHolding } from '../../src/model.js';
import { screen } from '../../src/screen.js';
import { ROOT } from '../support/run-cli.js';

const { dataset } = loadDataset();
const index = buildMatchIndex(dataset);

interface Case {
  readonly file: string;
  /** Flagged findings as "entity:line". */
  readonly flagged: readonly string[];
  readonly rows: number;
}

const CASES: readonly Case[] = [
  { file: 'fixtures/real/JanAbe-etf-visualizer__IEMG_holdings.csv', rows: 2509, flagged: ['dahua', 'hikvision', 'iflytek'] },
  { file: 'fixtures/real/ctanny-geopandas__EEM_holdings__2d5004b.csv', rows: 1250, flagged: ['dahua', 'iflytek'] },
  { file: 'fixtures/real/ctanny-geopandas__EEM_holdings__179c51b.csv', rows: 1244, flagged: ['dahua', 'iflytek'] },
  { file: 'fixtures/real/ctanny-geopandas__EEM_holdings__ecbd88c.csv', rows: 1238, flagged: ['dahua', 'iflytek'] },
  { file: 'fixtures/real/ViktorLor-Stockanalysis__EEM_holdings.csv', rows: 1243, flagged: ['dahua', 'iflytek'] },
  { file: 'fixtures/real/aijinnah-trading_strategy_search__ACWI_holdings.csv', rows: 2333, flagged: ['iflytek'] },
  { file: 'fixtures/real/ctanny-geopandas__ACWI_holdings__2d5004b.csv', rows: 2380, flagged: [] },
  {
    file: 'fixtures/real/formats/vanguard_etf_holdings_details_VWO_2020-09-30.csv',
    rows: 5045,
    flagged: ['dahua', 'dahua', 'hikvision', 'hikvision', 'iflytek', 'iflytek', 'meiya-pico', 'meiya-pico'],
  },
  { file: 'fixtures/real/formats/ishares_holdings_URTH_2020-11-04.csv', rows: 1270, flagged: [] },
];

const LOOK_ALIKES = /hikma|hikari|yixin group|yixintang|cangzhou dahua|hefei meiya|meiyan/i;

function screenFile(file: string, strip: (row: RawHolding) => RawHolding = (r) => r) {
  const read = readHoldingsBytes(file, readFileSync(`${ROOT}${file}`));
  return screen([{ ...read, rows: read.rows.map(strip) }], dataset, {
    today: '2026-11-26',
    index,
  });
}

describe.each(CASES)('$file', ({ file, flagged, rows }) => {
  const result = screenFile(file);
  const input = result.inputs[0];

  it('accounts for every record, and for every physical line in one bucket', () => {
    expect(input?.rows.total).toBe(rows);
    expect((input?.rows.screened ?? 0) + (input?.rows.skipped ?? 0)).toBe(rows);
    const text = readFileSync(`${ROOT}${file}`, 'latin1');
    const physical = text.split(/\r\n|\r|\n/).length - (/(?:\r\n|\r|\n)$/.test(text) ? 1 : 0);
    const lines = input?.lines;
    expect(lines?.total).toBe(physical);
    expect((lines?.header ?? 0) + (lines?.screened ?? 0) + (lines?.skipped ?? 0)).toBe(physical);
  });

  it('flags exactly the listed hits, and nothing for review', () => {
    expect(
      result.findings
        .filter((f) => f.status === 'flagged')
        .map((f) => f.match.target.entityId)
        .sort(),
    ).toEqual([...flagged].sort());
    expect(result.findings.filter((f) => f.status === 'review')).toEqual([]);
  });

  it('flags no look-alike', () => {
    expect(result.findings.map((f) => f.holding.name ?? '').filter((n) => LOOK_ALIKES.test(n))).toEqual([]);
  });

  it('finds the same hits by name alone, with identifiers and tickers removed', () => {
    const namesOnly = screenFile(file, (r) => ({ ...r, cells: { name: r.cells.name, value: r.cells.value } }));
    expect(
      namesOnly.findings
        .filter((f) => f.status === 'flagged')
        .map((f) => f.match.target.entityId)
        .sort(),
    ).toEqual([...flagged].sort());
    expect(namesOnly.findings.filter((f) => f.status === 'review')).toEqual([]);
  });
});

describe('the VWO file of 2020-09-30', () => {
  const result = screenFile('fixtures/real/formats/vanguard_etf_holdings_details_VWO_2020-09-30.csv');
  it('matches both SEDOL lines of each issuer and sums them per entity', () => {
    const hik = result.findings.filter((f) => f.match.target.entityId === 'hikvision');
    expect(hik.map((f) => f.match.matched).sort()).toEqual(['B450X03', 'BD5CPQ2']);
    const total = result.summary.byEntity.find((e) => e.id === 'hikvision');
    expect(total?.value).toBeCloseTo(31_271_687.03 + 17_786_826.71, 2);
    expect(total?.findings).toBe(2);
  });
  it('takes the as-of date from the section title', () => {
    expect(result.asOf).toBe('2020-09-30');
    expect(result.asOfSource).toBe('file');
  });
});
