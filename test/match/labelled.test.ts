import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.js';
import { evaluate, parseLabelledCsv } from '../../src/evaluate.js';
import { buildMatchIndex } from '../../src/match/build-index.js';

const rows = parseLabelledCsv(readFileSync(new URL('../../fixtures/labelled/securities.csv', import.meta.url), 'utf8'));
const result = evaluate(rows, buildMatchIndex(loadDataset().dataset));

function describeRow(o: (typeof result.mistakes)[number]): string {
  const c = o.row.cells;
  return `line ${o.row.line} [${[c.name, c.ticker, c.exchange, c.isin, c.sedol].filter(Boolean).join(' | ')}]: expected ${o.row.status} ${o.row.expected ?? ''}, got ${o.status} ${o.entity ?? ''}`;
}

describe('the labelled evaluation set (fixtures/labelled/securities.csv)', () => {
  it('is large enough to mean something and covers every company', () => {
    expect(rows.length).toBeGreaterThanOrEqual(250);
    const expected = new Set(rows.map((r) => r.expected));
    for (const id of ['hikvision', 'dahua', 'iflytek', 'megvii', 'sensetime', 'meiya-pico', 'yitu', 'yixin'])
      expect(expected).toContain(id);
    expect(rows.filter((r) => r.status === 'none').length).toBeGreaterThanOrEqual(100);
  });

  it('flags with precision 1.0 and recall 1.0', () => {
    expect(result.flagged.falsePositives, result.mistakes.map(describeRow).join('\n')).toBe(0);
    expect(result.flagged.falseNegatives, result.mistakes.map(describeRow).join('\n')).toBe(0);
    expect(result.flagged.precision).toBe(1);
    expect(result.flagged.recall).toBe(1);
  });

  it('sends exactly the labelled rows to review, and never a look-alike or ordinary holding', () => {
    expect(result.mistakes.map(describeRow)).toEqual([]);
    const noneRows = result.outcomes.filter((o) => o.row.status === 'none');
    expect(noneRows.filter((o) => o.status !== 'none').map(describeRow)).toEqual([]);
  });
});
