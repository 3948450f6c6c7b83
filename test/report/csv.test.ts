import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvCell, neutralizeFormula, quoteCsvField, renderCsv } from '../../src/report/csv.js';
import { CTX, SAMPLE_CSV, screenCsv, withFindings, ignored, findingOf } from './support.js';

/** A strict RFC 4180 reader (CRLF records, quoted fields with doubled quotes), to read our output back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
        if (![',', '\r', undefined].includes(text[i])) throw new Error(`text after closing quote at ${i}`);
      } else {
        field += c;
        i++;
      }
    } else if (c === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else if (c === '\r' || c === '\n') {
      throw new Error(`bare CR or LF at ${i}`);
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) throw new Error('unclosed quote');
  if (field !== '' || row.length > 0) throw new Error('last record does not end in CRLF');
  return rows;
}

/** Rows as objects keyed by column. */
function records(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  expect(header).toEqual([...CSV_COLUMNS]);
  return rows.map((r) => {
    expect(r).toHaveLength(CSV_COLUMNS.length);
    return Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, r[i] ?? '']));
  });
}

const HOSTILE_CSV = `Name,ISIN,Ticker,Quantity,Market Value
"=HYPERLINK(""http://example.com/x"",""click"")",CNE100000BJ4,,10,-12.5
+SUM(1;2),CNE100000PM8,,5,100
-2+3,,002230 CH,1,50
@cmd|' /C calc'!A0,CNE100000BJ4,,1,25
"Pipe | comma, and ""quotes""",CNE100000BJ4,,1,1
APPLE INC,US0378331005,AAPL,1,1000
`;

describe('csv reporter', () => {
  it('writes the header then one row per finding, every line ending in CRLF', () => {
    const result = screenCsv(SAMPLE_CSV);
    const out = renderCsv(result, CTX);
    expect(out.startsWith(`${CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
    expect(out.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const rows = records(out);
    expect(rows).toHaveLength(result.findings.length);
    expect(rows.map((r) => r['entity_id'])).toEqual(result.findings.map((f) => f.match.target.entityId));
    const dahua = rows.find((r) => r['entity_id'] === 'dahua');
    expect(dahua).toMatchObject({
      status: 'flagged',
      kind: 'direct',
      file: 'holdings/sample.csv',
      line: '4',
      isin: 'CNE100000BJ4',
      quantity: '310000',
      value: '968750',
      matched_on: 'isin',
      matched: 'CNE100000BJ4',
      score: '1',
      ignored_reason: '',
    });
    expect(Number(dahua?.['weight'])).toBeCloseTo(968750 / 1909810, 12);
    const review = rows.find((r) => r['status'] === 'review');
    expect(review?.['related']).toBe('Hangzhou EZVIZ Network Co., Ltd. (subsidiary)');
  });

  it('writes only the header when there is nothing to report', () => {
    const result = screenCsv('Name,ISIN,Market Value\nAPPLE INC,US0378331005,1000\n');
    expect(result.findings).toEqual([]);
    expect(renderCsv(result, CTX)).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });

  it('neutralises names starting with =, +, - and @, and keeps a negative value a number', () => {
    const out = renderCsv(screenCsv(HOSTILE_CSV, 'holdings/hostile.csv'), CTX);
    const byLine = new Map(records(out).map((r) => [r['line'], r]));
    expect(byLine.get('2')?.['holding_name']).toBe(`'=HYPERLINK("http://example.com/x","click")`);
    expect(byLine.get('3')?.['holding_name']).toBe("'+SUM(1;2)");
    expect(byLine.get('4')?.['holding_name']).toBe("'-2+3");
    expect(byLine.get('5')?.['holding_name']).toBe(`'@cmd|' /C calc'!A0`);
    // Numeric columns are plain numbers, never prefixed: -12.5 stays a number a spreadsheet can sum.
    expect(byLine.get('2')?.['value']).toBe('-12.5');
    expect(Number(byLine.get('2')?.['weight'])).toBeLessThan(0);
    expect(out).toContain(',-12.5,');
    // The raw text: the formula cell is quoted because of its quotes and commas, quotes doubled.
    expect(out).toContain(`"'=HYPERLINK(""http://example.com/x"",""click"")"`);
    // No cell a spreadsheet would evaluate: every text cell starting with a formula character is prefixed.
    for (const row of parseCsv(out).slice(1)) {
      CSV_COLUMNS.forEach((c, i) => {
        if (['quantity', 'value', 'weight', 'score', 'line'].includes(c)) return;
        expect(row[i] ?? '', c).not.toMatch(/^[=+\-@\t\r]/);
      });
    }
  });

  it('quotes fields holding commas and quotes, and reads back to the same text', () => {
    const out = renderCsv(screenCsv(HOSTILE_CSV, 'holdings/hostile.csv'), CTX);
    expect(out).toContain('"Pipe | comma, and ""quotes"""');
    const row = records(out).find((r) => r['line'] === '6');
    expect(row?.['holding_name']).toBe('Pipe | comma, and "quotes"');
  });

  it('carries the ignore rule of an ignored finding', () => {
    const result = screenCsv(SAMPLE_CSV);
    const dahua = findingOf(result, 'dahua');
    const out = renderCsv(
      withFindings(result, [ignored(dahua, { reason: 'sold on 2020-01-02, awaiting settlement', expires: '2020-03-31' })]),
      CTX,
    );
    expect(records(out)[0]).toMatchObject({
      status: 'ignored',
      ignored_reason: 'sold on 2020-01-02, awaiting settlement',
      ignored_expires: '2020-03-31',
    });
  });

  describe('cells', () => {
    it('prefixes text starting with =, +, -, @, tab or CR with a single quote, leading spaces looked through', () => {
      for (const text of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', '  =1']) expect(neutralizeFormula(text)).toBe(`'${text}`);
      for (const text of ['1-1', 'a=b', 'HIKVISION', '', "'quoted"]) expect(neutralizeFormula(text)).toBe(text);
    });

    it('quotes per RFC 4180', () => {
      expect(quoteCsvField('plain')).toBe('plain');
      expect(quoteCsvField('a,b')).toBe('"a,b"');
      expect(quoteCsvField('say "hi"')).toBe('"say ""hi"""');
      expect(quoteCsvField('a\r\nb')).toBe('"a\r\nb"');
      expect(quoteCsvField('a\nb')).toBe('"a\nb"');
    });

    it('writes numbers plain, null and non-finite numbers empty, and text sanitised then neutralised', () => {
      expect(csvCell(-12.5)).toBe('-12.5');
      expect(csvCell(0.00048)).toBe('0.00048');
      expect(csvCell(null)).toBe('');
      expect(csvCell(Number.NaN)).toBe('');
      expect(csvCell('-12.5')).toBe("'-12.5");
      expect(csvCell('\t=cmd()')).toBe("' =cmd()");
      expect(csvCell('two\r\nlines')).toBe('two  lines');
    });
  });
});
