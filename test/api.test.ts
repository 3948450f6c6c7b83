import { describe, expect, it } from 'vitest';

describe('the package entry (what `import "exposure-screener"` gives)', () => {
  it('screens holdings in-process with the bundled list', async () => {
    const api = await import('exposure-screener');
    const { dataset } = api.loadDataset();
    const read = api.readHoldingsBytes(
      'portfolio.csv',
      new TextEncoder().encode('Name,ISIN,Market Value\nSOME HOLDING,CNE100000BJ4,100\nAPPLE INC,US0378331005,900\n'),
    );
    const result = api.screen([read], dataset, { today: '2026-11-26' });
    expect(result.findings.map((f) => [f.status, f.match.target.entityId])).toEqual([['flagged', 'dahua']]);
    expect(result.summary.flaggedWeight).toBeCloseTo(0.1, 12);
    expect(
      api.JsonReportSchema.safeParse(
        JSON.parse(
          api.REPORTERS.json(result, { color: false, width: 80, verbose: false, tool: { name: 'exposure-screener', version: 'test' } }),
        ),
      ).success,
    ).toBe(true);
  });
});
