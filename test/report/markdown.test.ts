import { describe, expect, it } from 'vitest';
import { markdownCell, renderMarkdown } from '../../src/report/markdown.js';
import { CTX, SAMPLE_CSV, findingOf, ignored, renamed, screenCsv, screenFiles, withFindings } from './support.js';

/** Cells of a table row, splitting on pipes that are not backslash-escaped. */
function cells(row: string): string[] {
  return row
    .split(/(?<!\\)\|/)
    .slice(1, -1)
    .map((c) => c.trim());
}

/** The table that follows a heading, as rows of cells (header and rule included). */
function tableAfter(md: string, heading: string): string[][] {
  const lines = md.split('\n');
  const start = lines.indexOf(heading);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('#')) break;
    if (line.startsWith('|')) rows.push(cells(line));
  }
  return rows;
}

describe('markdown reporter', () => {
  const result = screenCsv(SAMPLE_CSV);

  it('opens with a heading and a summary of counts, value, weight, dates and list version', () => {
    const md = renderMarkdown(result, CTX);
    const [heading, , summary] = md.split('\n');
    expect(heading).toBe('# Entity List exposure screen');
    expect(summary).toContain('**3 flagged** (Dahua Technology, IFLYTEK, Hikvision), 1 for review, 0 ignored.');
    expect(summary).toContain('Flagged value 1,713,810.00 of a portfolio of 1,909,810.00 (89.74 %).');
    expect(summary).toContain('As of 2019-12-31 (from the file)');
    expect(summary).toContain(`list version ${result.dataset.version}, reviewed ${result.dataset.reviewedAt}`);
  });

  it('tables the findings with status, entity, holding, match, value, weight and source', () => {
    const rows = tableAfter(renderMarkdown(result, CTX), '## Findings');
    expect(rows[0]).toEqual(['Status', 'Entity', 'Holding', 'Matched on', 'Value', 'Weight', 'Source file:line']);
    expect(rows[1]).toEqual(['---', '---', '---', '---', '---:', '---:', '---']);
    expect(rows).toHaveLength(2 + result.findings.length);
    expect(rows[2]).toEqual([
      '**FLAGGED**',
      'Dahua Technology',
      'ZHEJIANG DAHUA TECHNOLOGY CO LTD-A',
      'ISIN CNE100000BJ4',
      '968,750.00',
      '50.72 %',
      'holdings/sample.csv:4',
    ]);
  });

  it('totals the flagged value per entity', () => {
    const rows = tableAfter(renderMarkdown(result, CTX), '## Flagged value by entity');
    expect(rows.slice(2)).toEqual([
      ['Dahua Technology', '1', '968,750.00', '50.72 %'],
      ['IFLYTEK', '1', '594,000.00', '31.10 %'],
      ['Hikvision', '1', '151,060.00', '7.91 %'],
    ]);
  });

  it('counts skipped rows per reason per file', () => {
    const two = screenFiles([
      { file: 'a.csv', text: 'Name,ISIN,Market Value\nZHEJIANG DAHUA TECHNOLOGY CO LTD-A,CNE100000BJ4,50\nCash,,10\nTotal,,60\n' },
      { file: 'b.csv', text: 'Name,ISIN,Market Value\nAPPLE INC,US0378331005,1000\nSubtotal,,1000\nTotal,,1000\n' },
    ]);
    const rows = tableAfter(renderMarkdown(two, CTX), '## Skipped rows');
    expect(rows.slice(2)).toEqual([
      ['a.csv', 'cash or money-market row (its value counts in the portfolio total)', '1'],
      ['a.csv', 'total or subtotal row', '1'],
      ['b.csv', 'total or subtotal row', '2'],
    ]);
  });

  it('escapes pipes and markup and keeps a name with a newline on its row', () => {
    const dahua = findingOf(result, 'dahua');
    const md = renderMarkdown(withFindings(result, [renamed(dahua, 'A | B\nC <img src=x> *bold* [link](x) `code`')]), CTX);
    const rows = tableAfter(md, '## Findings');
    expect(rows).toHaveLength(3);
    expect(rows[2]).toHaveLength(7);
    expect(rows[2]?.[2]).toBe('A \\| B C \\<img src=x\\> \\*bold\\* \\[link\\](x) \\`code\\`');
    expect(markdownCell('a|b')).toBe('a\\|b');
    expect(markdownCell('x\r\ny\\z')).toBe('x  y\\\\z');
  });

  it('notes the ignore rule of ignored findings and says when nothing matched', () => {
    const dahua = findingOf(result, 'dahua');
    const rule = { index: 1, entity: 'megvii', reason: 'pre-IPO stake', expires: '2019-01-31', owner: null };
    const md = renderMarkdown(
      {
        ...withFindings(result, [ignored(dahua)]),
        ignore: {
          file: '.exposure-ignore.json',
          rules: 3,
          applied: 1,
          expired: [rule],
          unused: [{ ...rule, index: 2 }],
          gaps: {
            rules: 1,
            applied: 0,
            expired: [],
            unused: [{ index: 0, fund: 'BND', reason: 'bond fund', expires: '2030-01-01', owner: null }],
          },
        },
      },
      CTX,
    );
    expect(md).toContain('## Notes');
    expect(md).toContain(
      '- holdings/sample.csv:4: ignored by rule ignore\\[0\\] (dahua) of the ignore file: held in a passive index fund; engagement letter sent (expires 2020-06-30, owner investment committee)',
    );
    expect(md).toContain(
      '- .exposure-ignore.json: rule ignore\\[1\\] (megvii) expired on 2019-01-31 and no longer applies (pre-IPO stake)',
    );
    expect(md).toContain('- .exposure-ignore.json: rule ignore\\[2\\] (megvii) matched nothing; remove it if it is no longer needed');
    expect(md).toContain(
      '- .exposure-ignore.json: rule notLookedThrough\\[0\\] (BND) matched no fund position that was not looked through; remove it if it is no longer needed',
    );
    const clean = renderMarkdown(screenCsv('Name,ISIN,Market Value\nAPPLE INC,US0378331005,1000\n'), CTX);
    expect(clean).toContain('No holding matches a listed entity, directly or through the funds looked through.');
    expect(clean).toContain('No row was skipped.');
    expect(clean).not.toContain('## Flagged value by entity');
  });
});
