// The findings table is drawn without cli-table3 when it is uncoloured one-line ASCII (plainBoxTable):
// these hold that drawing equal to cli-table3's (boxTable) on generated tables and on the real ones the
// sample and the VWO file give, and hold that any other table is left to cli-table3.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boxTable, plainBoxTable, tableReporter, type DrawnCell } from '../../src/report/table.js';
import { loadReporter, REPORTERS } from '../../src/report/index.js';
import { readFileSync } from 'node:fs';
import { CTX, SAMPLE_CSV, screenCsv } from './support.js';

const VWO = 'fixtures/real/formats/vanguard_etf_holdings_details_VWO_2020-09-30.csv';
const renderTable = tableReporter(null);

/** A table of printable ASCII (and the ellipsis), each cell no longer than its column. */
const plainTable = fc.array(fc.integer({ min: 1, max: 14 }), { minLength: 1, maxLength: 8 }).chain((widths) => {
  const cellOf = (w: number): fc.Arbitrary<string> =>
    fc.string({ unit: fc.constantFrom(...' abcXYZ019.,:%()[]-_/…|~'.split('')), maxLength: w });
  const row = fc.tuple(...widths.map((w) => fc.record({ content: cellOf(w), right: fc.boolean() })));
  return fc.record({
    widths: fc.constant(widths),
    head: fc.tuple(...widths.map(cellOf)),
    rows: fc.array(row, { maxLength: 6 }),
  });
});

describe('plainBoxTable', () => {
  it('draws what cli-table3 draws for uncoloured one-line ASCII tables', () => {
    fc.assert(
      fc.property(plainTable, ({ widths, head, rows }) => {
        const plain = plainBoxTable(head, rows, widths);
        expect(plain).not.toBeNull();
        expect(plain).toBe(boxTable(head, rows, widths, false));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves to cli-table3 the tables it does not draw as they are: wide, combining or coloured text, cells longer than their column', () => {
    const cell = (content: string): DrawnCell => ({ content, right: false });
    for (const content of ['株式会社', 'Cafe\u0301', '\u001b[31mred\u001b[39m', 'Zoë', 'two\nlines', 'longer than six']) {
      expect(plainBoxTable(['Name'], [[cell(content)]], [6]), content).toBeNull();
      expect(plainBoxTable([content], [], [6]), content).toBeNull();
    }
    expect(plainBoxTable([], [], [])).toBeNull();
    expect(plainBoxTable(['a', 'b'], [[cell('x')]], [3, 3])).toBeNull();
  });

  it('draws the real reports as cli-table3 does, at any width', () => {
    const results = [screenCsv(SAMPLE_CSV), screenCsv(readFileSync(VWO, 'utf8'), VWO)];
    for (const result of results) {
      expect(result.findings.length).toBeGreaterThan(0);
      for (const width of [Number.POSITIVE_INFINITY, 200, 120, 80, 60, 40]) {
        const lines = renderTable(result, { ...CTX, color: false, width }).split('\n');
        const table = lines.filter((l) => /^[┌├└│]/.test(l));
        expect(table.length).toBe(3 + 2 * result.findings.length);
        // The cells back from the drawing (the numbers' columns aligned right), drawn again by cli-table3.
        const widths = (table[0] ?? '')
          .slice(1, -1)
          .split('┬')
          .map((rule) => rule.length - 2);
        const [head = [], ...rows] = table
          .filter((l) => l.startsWith('│'))
          .map((l) =>
            l
              .slice(1, -1)
              .split('│')
              .map((cell) => cell.slice(1, -1)),
          );
        const right = head.map((h) => /^(?:Value|Weight)\b/.test(h));
        const drawn = rows.map((row) => row.map((c, i): DrawnCell => ({ content: c.trim(), right: right[i] === true })));
        expect(table.join('\n')).toBe(
          boxTable(
            head.map((h) => h.trim()),
            drawn,
            widths,
            false,
          ),
        );
      }
    }
  });
});

// A run that draws no colour loads the table reporter without chalk (loadReporter(format, false)).
describe('the table reporter without chalk', () => {
  // eslint-disable-next-line no-control-regex -- the SGR sequences chalk and cli-table3 colour with
  const SGR = /\u001b\[[0-9;]*m/g;
  const results = [screenCsv(SAMPLE_CSV), screenCsv(readFileSync(VWO, 'utf8'), VWO)];

  it('draws what the reporter with chalk draws without colour', async () => {
    const [plain, full] = await Promise.all([loadReporter('table', false), REPORTERS.table()]);
    for (const result of results)
      for (const width of [Number.POSITIVE_INFINITY, 120, 60])
        for (const verbose of [false, true]) {
          const ctx = { ...CTX, color: false, width, verbose };
          expect(plain(result, ctx)).toBe(full(result, ctx));
        }
  });

  it('is the one in colour with the colour taken out, and refuses to draw in colour itself', async () => {
    const [plain, full] = await Promise.all([loadReporter('table', false), loadReporter('table', true)]);
    for (const result of results) {
      const coloured = full(result, { ...CTX, color: true });
      expect(coloured).toMatch(SGR);
      expect(coloured.replace(SGR, '')).toBe(plain(result, { ...CTX, color: false }));
      expect(() => plain(result, { ...CTX, color: true })).toThrow(/without chalk/);
    }
  });
});
