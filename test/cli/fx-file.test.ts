import { describe, expect, it } from 'vitest';
import { parseFxFile } from '../../src/cli/fx-file.js';
import { UsageError } from '../../src/errors.js';

function refusal(text: string): string {
  try {
    parseFxFile(text, 'rates.csv', 'USD');
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  return 'accepted';
}

describe('the --fx-file rates file', () => {
  it('is CSV: a source with a comma is one quoted field, kept whole', () => {
    const rates = parseFxFile(
      'currency,rate,as_of,source\nEUR,1.08,2026-11-30,"ECB euro foreign exchange reference rates, 16:00 CET"\nHKD,0.128\n',
      'rates.csv',
      'USD',
    );
    expect(rates).toEqual([
      { currency: 'EUR', rate: 1.08, asOf: '2026-11-30', source: 'ECB euro foreign exchange reference rates, 16:00 CET' },
      { currency: 'HKD', rate: 0.128, asOf: null, source: null },
    ]);
  });

  it('takes CRLF, blank lines and # notes, and names the physical line of a bad rate', () => {
    const text = '# rates of 2026-11-30\r\n\r\ncurrency,rate,as_of,source\r\nEUR,1.08,,"ECB, reference"\r\n\r\nHKD,x\r\n';
    expect(refusal(text)).toBe('rates.csv:6: rate must be a number written with a decimal point (1.08)');
  });

  it('refuses an unquoted comma in a source as a cell too many, not as a source cut short', () => {
    expect(refusal('currency,rate,as_of,source\nEUR,1.08,2026-11-30,ECB, 16:00 CET\n')).toBe('rates.csv:2: 5 cells under a header of 4');
  });

  it('refuses a quote left open, naming the file', () => {
    expect(refusal('currency,rate,as_of,source\nEUR,1.08,2026-11-30,"ECB\n')).toMatch(/^rates\.csv(?::\d+)?: not CSV/);
  });

  it('names the earlier line of a currency given twice, counting lines of a quoted source over two', () => {
    expect(refusal('currency,rate,as_of,source\nEUR,1.08,,"ECB\nreference"\nEUR,1.09\n')).toBe('rates.csv:4: EUR is given twice (line 2)');
  });
});
