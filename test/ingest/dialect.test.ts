import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeLineEndings, sniffDelimiter } from '../../src/ingest/dialect.js';

describe('sniffDelimiter', () => {
  it('picks comma for a US export with commas inside quoted amounts', () => {
    const text = [
      '"Symbol","Description","Quantity","Market Value"',
      '"AMD","ADVANCED MICRO DEVIC","0.133","$71.71"',
      '"MSFT","MICROSOFT CORP","4","$1,033.40"',
    ].join('\n');
    expect(sniffDelimiter(text)).toBe(',');
  });

  it('picks semicolon for a European export with decimal commas inside quotes', () => {
    const text = [
      'Product;Symbol/ISIN;Amount;Closing;Local value;;Value in EUR',
      'AMAZON.COM INC;US0231351067;65;"313,00";USD;"20345,00";"18.531,21"',
      'MICROSOFT CORP;US5949181045;15;"271,86";USD;"4077,90";"3232,70"',
    ].join('\n');
    expect(sniffDelimiter(text)).toBe(';');
  });

  it('picks semicolon when the decimal commas are not quoted', () => {
    const text = ['Name;ISIN;Quantity;Value', 'ROCHE HOLDING AG;CH0012032048;16;1259,84', 'NOVARTIS AG;CH0012005267;4;231,36'].join('\n');
    expect(sniffDelimiter(text)).toBe(';');
  });

  it('picks tab for Excel "Unicode text"', () => {
    const text = 'Symbol\tDescription\tQuantity\tMarket Value\nAAPL\tAPPLE INC, CLASS\t10\t1,234.56\n';
    expect(sniffDelimiter(text)).toBe('\t');
  });

  it('picks pipe', () => {
    expect(sniffDelimiter('Ticker|Name|Weight\n002415|HIKVISION, A|0.05\n002236|DAHUA|0.01\n')).toBe('|');
  });

  it('is not misled by a preamble of one-cell title lines', () => {
    const text = [
      'iShares MSCI World ETF',
      'Fund Holdings as of,"Nov 04, 2020"',
      '',
      'Ticker;Name;Market Value',
      'AAPL;APPLE INC;1',
      'MSFT;MICROSOFT;2',
      'AMZN;AMAZON;3',
    ].join('\n');
    expect(sniffDelimiter(text)).toBe(';');
  });

  it('falls back to comma for a single column or empty text', () => {
    expect(sniffDelimiter('')).toBe(',');
    expect(sniffDelimiter('Name\nAPPLE\n')).toBe(',');
  });
});

describe('normalizeLineEndings', () => {
  it('turns CRLF and lone CR into LF and leaves LF alone', () => {
    expect(normalizeLineEndings('a\r\nb\rc\nd')).toBe('a\nb\nc\nd');
    expect(normalizeLineEndings('\r\n\r\n')).toBe('\n\n');
    expect(normalizeLineEndings('no newline')).toBe('no newline');
  });

  it('does not merge a CR LF pair split across a blank line', () => {
    expect(normalizeLineEndings('a\r\r\nb')).toBe('a\n\nb');
  });
});

// The sniffer counts the four delimiters in one pass over each line; counted one delimiter at a time
// by code point (as it was), every text gives the same choice.
describe('sniffDelimiter, against counting each delimiter on its own', () => {
  const delimiters = [',', ';', '\t', '|'] as const;
  const countOutsideQuotes = (line: string, ch: string): number => {
    let inQuotes = false;
    let count = 0;
    for (const c of line) {
      if (c === '"') inQuotes = !inQuotes;
      else if (!inQuotes && c === ch) count++;
    }
    return count;
  };
  const reference = (text: string): string => {
    const lines = text
      .split('\n', 120)
      .filter((l) => l.trim() !== '')
      .slice(0, 60);
    let best = ',';
    let bestScore = 0;
    for (const d of delimiters) {
      const modes = new Map<number, number>();
      for (const line of lines) {
        const n = countOutsideQuotes(line, d);
        if (n > 0) modes.set(n, (modes.get(n) ?? 0) + 1);
      }
      let score = 0;
      for (const [n, times] of modes) score = Math.max(score, times * Math.min(n, 4));
      if (score > bestScore) {
        best = d;
        bestScore = score;
      }
    }
    return best;
  };
  it('picks what the reference picks', () => {
    const piece = fc.constantFrom('a', '9', ',', ';', '\t', '|', '"', ' ', '\n', '😀', '海', '\u00a0');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 400 }), (pieces) => {
        const text = pieces.join('');
        expect(sniffDelimiter(text)).toBe(reference(text));
      }),
      { numRuns: 5_000 },
    );
  });
});
