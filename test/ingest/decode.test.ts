import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createUtf8Check, decodeBytes, looksBinary } from '../../src/ingest/decode.js';

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const bytes = (...parts: readonly (string | readonly number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : [...p])));
const utf8 = (text: string): number[] => [...Buffer.from(text, 'utf8')];
const utf16le = (text: string): number[] => [...Buffer.from(text, 'utf16le')];
const utf16be = (text: string): number[] => [...Buffer.from(text, 'utf16le').swap16()];

// GBK by hand (TextEncoder only writes UTF-8): 海康威视 and 大华股份.
const GBK_HIKVISION = [0xba, 0xa3, 0xbf, 0xb5, 0xcd, 0xfe, 0xca, 0xd3];
const GBK_DAHUA = [0xb4, 0xf3, 0xbb, 0xaa, 0xb9, 0xc9, 0xb7, 0xdd];

describe('decodeBytes, detected', () => {
  it('reads UTF-8 without a BOM', () => {
    expect(decodeBytes(bytes(utf8('Name,Value\n商汤－Ｗ,1\n')))).toEqual({
      text: 'Name,Value\n商汤－Ｗ,1\n',
      encoding: 'utf-8',
      hadBom: false,
    });
  });

  it('reads UTF-8 with a BOM and strips it', () => {
    expect(decodeBytes(bytes(UTF8_BOM, utf8('Ticker,Name\n')))).toEqual({ text: 'Ticker,Name\n', encoding: 'utf-8', hadBom: true });
  });

  it('reads UTF-16LE with a BOM', () => {
    expect(decodeBytes(bytes([0xff, 0xfe], utf16le('Symbol\tName\n002415\t海康威视\n')))).toEqual({
      text: 'Symbol\tName\n002415\t海康威视\n',
      encoding: 'utf-16le',
      hadBom: true,
    });
  });

  it('reads UTF-16BE with a BOM', () => {
    expect(decodeBytes(bytes([0xfe, 0xff], utf16be('Symbol,Name\n0020,商汤\n')))).toEqual({
      text: 'Symbol,Name\n0020,商汤\n',
      encoding: 'utf-16be',
      hadBom: true,
    });
  });

  it('reads GBK Chinese as GB18030', () => {
    const decoded = decodeBytes(bytes('Name,Ticker\n', GBK_HIKVISION, ',002415\n', GBK_DAHUA, ',002236\n'));
    expect(decoded).toEqual({ text: 'Name,Ticker\n海康威视,002415\n大华股份,002236\n', encoding: 'gb18030', hadBom: false });
  });

  it('reads windows-1252 accents (é = 0xE9, £ = 0xA3)', () => {
    const decoded = decodeBytes(bytes('Name,Value (', [0xa3], ')\nSoci', [0xe9], 't', [0xe9], ' G', [0xe9], 'n', [0xe9], 'rale,100\n'));
    expect(decoded).toEqual({ text: 'Name,Value (£)\nSociété Générale,100\n', encoding: 'windows-1252', hadBom: false });
  });

  it('reads windows-1252 smart quotes and the euro sign', () => {
    const decoded = decodeBytes(bytes([0x93], 'Nestl', [0xe9], [0x94], ',', [0x80], '5\n'));
    expect(decoded?.encoding).toBe('windows-1252');
    expect(decoded?.text).toBe('\u201cNestlé\u201d,€5\n');
  });

  it('strips a UTF-8 BOM even when the rest is not valid UTF-8 (an Excel re-save with a windows-1252 byte)', () => {
    // formats.md §1 rule 1: strip the BOM, then strict UTF-8, then windows-1252.
    const decoded = decodeBytes(bytes(UTF8_BOM, 'Ticker,Name\nGLE,Soci', [0xe9], 't', [0xe9], ' G', [0xe9], 'n', [0xe9], 'rale\n'));
    expect(decoded?.text.startsWith('Ticker,Name\n')).toBe(true);
    expect(decoded?.text).toContain('Société Générale');
  });

  it('reads an empty input as empty UTF-8', () => {
    expect(decodeBytes(new Uint8Array(0))).toEqual({ text: '', encoding: 'utf-8', hadBom: false });
  });
});

describe('decodeBytes, forced with --encoding', () => {
  it('decodes with the given encoding and strips its BOM', () => {
    expect(decodeBytes(bytes(UTF8_BOM, utf8('a,b\n')), 'utf-8')).toEqual({ text: 'a,b\n', encoding: 'utf-8', hadBom: true });
    expect(decodeBytes(bytes([0xff, 0xfe], utf16le('a,b\n')), 'utf-16le')).toEqual({ text: 'a,b\n', encoding: 'utf-16le', hadBom: true });
  });

  it('decodes UTF-16LE without a BOM when told to', () => {
    expect(decodeBytes(bytes(utf16le('Symbol,Name\n')), 'utf-16le')).toEqual({
      text: 'Symbol,Name\n',
      encoding: 'utf-16le',
      hadBom: false,
    });
  });

  it('reads GBK bytes as windows-1252 when the user says so (their choice wins over detection)', () => {
    expect(decodeBytes(bytes(GBK_HIKVISION), 'windows-1252')?.encoding).toBe('windows-1252');
  });

  it('returns null when the bytes are not valid in the forced encoding', () => {
    expect(decodeBytes(bytes('Soci', [0xe9], 't', [0xe9], '\n'), 'utf-8')).toBeNull();
    expect(decodeBytes(bytes([0x41, 0x00, 0x42]), 'utf-16le')).toBeNull();
    expect(decodeBytes(bytes([0xff, 0xff, 0xff]), 'gb18030')).toBeNull();
  });
});

describe('looksBinary', () => {
  it('says yes for NUL bytes in an 8-bit or UTF-8 file', () => {
    expect(looksBinary(bytes([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), 'windows-1252')).toBe(true);
    expect(looksBinary(bytes('Symbol,Name\nA', [0x00], ',B\n'), 'utf-8')).toBe(true);
  });

  it('says no for text', () => {
    expect(looksBinary(bytes(utf8('Symbol,Name\n002415,海康威视\n')), 'utf-8')).toBe(false);
    expect(looksBinary(bytes(GBK_HIKVISION), 'gb18030')).toBe(false);
  });

  it('says no for UTF-16, whose ASCII characters carry NUL bytes', () => {
    expect(looksBinary(bytes([0xff, 0xfe], utf16le('Symbol,Name\n')), 'utf-16le')).toBe(false);
    expect(looksBinary(bytes([0xfe, 0xff], utf16be('Symbol,Name\n')), 'utf-16be')).toBe(false);
  });
});

/** Whether a fatal streaming TextDecoder has failed by each chunk: what createUtf8Check stands in for. */
function decoderFailures(chunks: readonly Uint8Array[]): boolean[] {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let failed = false;
  return chunks.map((chunk, i) => {
    if (!failed) {
      try {
        decoder.decode(chunk, { stream: i < chunks.length - 1 });
      } catch {
        failed = true;
      }
    }
    return failed;
  });
}

function checkFailures(chunks: readonly Uint8Array[]): boolean[] {
  const check = createUtf8Check();
  let failed = false;
  return chunks.map((chunk, i) => (failed ||= !check(chunk, i === chunks.length - 1)));
}

// Bytes that make UTF-8 and its near misses: ASCII, continuations, every kind of lead, overlong and surrogate leads.
const utf8ish = fc.constantFrom(
  0x41,
  0x0a,
  0x80,
  0x8f,
  0x90,
  0x9f,
  0xa0,
  0xbf,
  0xc0,
  0xc2,
  0xdf,
  0xe0,
  0xe1,
  0xed,
  0xef,
  0xf0,
  0xf4,
  0xf5,
  0xff,
);
const text = fc.oneof(
  fc.array(utf8ish, { maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => [...Buffer.from(s, 'utf8')]),
);

describe('createUtf8Check', () => {
  it('fails on the same chunk as a fatal streaming TextDecoder, wherever the chunks split a sequence', () => {
    fc.assert(
      fc.property(text, fc.array(fc.nat(40), { maxLength: 5 }), (bytes, cuts) => {
        const at = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
        const chunks = [0, ...at].map((start, i) => Uint8Array.from(bytes.slice(start, at[i] ?? bytes.length)));
        expect(checkFailures(chunks)).toEqual(decoderFailures(chunks));
      }),
      { numRuns: 5000, seed: 18 },
    );
  });
});
