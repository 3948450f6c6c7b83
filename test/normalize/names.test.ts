import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readHoldingsBytes } from '../../src/ingest/read.js';
import { asciiName, foldName, foldText, normalizeFolded, normalizeName } from '../../src/normalize/names.js';
import { ROOT } from '../support/run-cli.js';

const key = (text: string): string => normalizeName(text).key;
const compact = (text: string): string => normalizeName(text).compact;

describe('normalizeName on spellings from real holdings files and the list', () => {
  it('drops the MSCI Stock Connect marker (HK-C) and the share class A', () => {
    expect(normalizeName('HANGZHOU HIKVIS A (HK-C)').tokens).toEqual(['hangzhou', 'hikvis']);
  });

  it("gives Vanguard's and iShares' Dahua the same key", () => {
    expect(key('Zhejiang Dahua Technology Co. Ltd. Class A')).toBe('zhejiang dahua technology');
    expect(key('ZHEJIANG DAHUA TECHNOLOGY LTD A')).toBe('zhejiang dahua technology');
    expect(key('Zhejiang Dahua Technology Co., Ltd.')).toBe('zhejiang dahua technology');
  });

  it("gives iShares', Vanguard's and the legal spelling of iFlytek one key", () => {
    expect(key('IFLYTEK LTD A')).toBe('iflytek');
    expect(key('Iflytek Co. Ltd. Class A')).toBe('iflytek');
    expect(key('iFLYTEK Co., Ltd.')).toBe('iflytek');
    expect(key('IFLYTEK')).toBe('iflytek');
  });

  it('reads the HKEX short name SENSETIME-W and Vanguard\'s "Class B" line as SenseTime', () => {
    expect(key('SENSETIME-W')).toBe('sensetime');
    expect(key('SenseTime Group Inc. Class B')).toBe('sensetime');
    expect(compact('Sense Time')).toBe('sensetime');
  });

  it('folds the full-width HKEX short name 商汤－Ｗ to the same key as 商汤集团股份有限公司', () => {
    expect(key('商汤－Ｗ')).toBe('商汤');
    expect(key('商汤集团股份有限公司')).toBe('商汤');
  });

  it('drops 股份有限公司 from the Chinese legal name of Hikvision', () => {
    expect(key('杭州海康威视数字技术股份有限公司')).toBe('杭州海康威视数字技术');
  });

  it('lets the vendor spelling "Hik-Vision" meet "Hikvision" in the compact form', () => {
    const vendor = normalizeName('Hangzhou Hik-Vision Digital Technology Co Ltd');
    const legal = normalizeName('Hangzhou Hikvision Digital Technology Co., Ltd.');
    expect(vendor.compact).toBe('hangzhouhikvisiondigitaltechnology');
    expect(vendor.compact).toBe(legal.compact);
    expect(vendor.key).not.toBe(legal.key);
  });

  it('expands the Bloomberg abbreviation TECH and drops the -A class in HANGZHOU HIKVISION DIGITAL TECH-A', () => {
    expect(key('HANGZHOU HIKVISION DIGITAL TECH-A')).toBe('hangzhou hikvision digital technology');
    expect(key('HANGZHOU HIKVISION DIGITAL TECH-A')).toBe(key('Hangzhou Hikvision Digital Technology Co., Ltd.'));
  });

  it('reads iShares\' 34-character cut "HANGZHOU HIKVISION DIGITAL TECHNOL" as the full name (TECHNOL = technology)', () => {
    expect(key('HANGZHOU HIKVISION DIGITAL TECHNOL')).toBe(key('Hangzhou Hikvision Digital Technology Co. Ltd.'));
  });

  it('reads & as "and"', () => {
    expect(key('Johnson & Johnson')).toBe('johnson and johnson');
    expect(key('JOHNSON AND JOHNSON')).toBe('johnson and johnson');
  });
});

describe('normalizeName keeps look-alikes apart', () => {
  it('Yixin Group Ltd. is not Yixin Science and Technology Co. Ltd.', () => {
    expect(key('Yixin Group Ltd.')).not.toBe(key('Yixin Science and Technology Co. Ltd.'));
    expect(compact('Yixin Group Ltd.')).not.toBe(compact('Yixin Science and Technology Co. Ltd.'));
    expect(key('Yixin Science and Technology Co. Ltd.')).toBe('yixin science and technology');
  });

  it('Cangzhou Dahua Co. Ltd. Class A is not Zhejiang Dahua Technology Co., Ltd.', () => {
    expect(key('Cangzhou Dahua Co. Ltd. Class A')).toBe('cangzhou dahua');
    expect(key('Cangzhou Dahua Co. Ltd. Class A')).not.toBe(key('Zhejiang Dahua Technology Co., Ltd.'));
    expect(compact('Cangzhou Dahua Co. Ltd. Class A')).not.toBe(compact('Zhejiang Dahua Technology Co., Ltd.'));
  });

  it('HIKMA PHARMACEUTICALS PLC is not Hikvision, and no word of it is "hikvision"', () => {
    const hikma = normalizeName('HIKMA PHARMACEUTICALS PLC');
    expect(hikma.key).toBe('hikma pharmaceutical');
    expect(hikma.key).not.toBe(key('Hikvision'));
    expect(hikma.tokens).not.toContain('hikvision');
    expect(hikma.compact.startsWith('hikvision')).toBe(false);
  });

  it('Hefei Meiya Optoelectronic is not Xiamen Meiya Pico', () => {
    expect(key('Hefei Meiya Optoelectronic Technology Inc. Class A')).not.toBe(key('Xiamen Meiya Pico Information Co. Ltd.'));
  });
});

describe('normalizeName edge cases', () => {
  it('never strips the first word: "A" and "Group" alone stay names', () => {
    expect(key('A')).toBe('a');
    expect(key('Group')).toBe('group');
  });

  it('returns an empty key for text with no letters or digits', () => {
    expect(normalizeName('').key).toBe('');
    expect(normalizeName(' -- ').tokens).toEqual([]);
  });

  it('splits Han from Latin where the scripts meet', () => {
    expect(normalizeName('国投智能Xiamen').tokens).toEqual(['国投智能', 'xiamen']);
  });

  it('is idempotent on its own key', () => {
    const samples = [
      'HANGZHOU HIKVIS A (HK-C)',
      '商汤－Ｗ',
      'Hangzhou Hik-Vision Digital Technology Co Ltd',
      'Société Générale SA',
      'Grp Hldgs & Co',
    ];
    for (const s of samples) expect(key(key(s))).toBe(key(s));
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        expect(key(key(s))).toBe(key(s));
      }),
      { numRuns: 500 },
    );
    const word = fc.constantFrom(
      'Co.',
      'Ltd',
      'A',
      'Class',
      'B',
      'Group',
      'Grp',
      '&',
      '(HK-C)',
      'TECH',
      'Hik',
      '-Vision',
      '公司',
      '股份有限公司',
      '海康',
      '-W',
      'Ｗ',
      'Inc.',
      'Holding',
      'İ',
      'ß',
      'ﬁ',
      'é',
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }), fc.constantFrom(' ', '', '-'), (words, sep) => {
        const s = words.join(sep);
        expect(key(key(s))).toBe(key(s));
      }),
      { numRuns: 500 },
    );
  });
});

describe('foldText', () => {
  it('removes diacritics, folds full-width forms and case', () => {
    expect(foldText('Société Générale')).toBe('societe generale');
    expect(foldText('ＳＥＮＳＥＴＩＭＥ－Ｗ')).toBe('sensetime-w');
  });
});

// ASCII names (nearly all) are split by one pass over their characters; any other goes the general way
// (splitWords, the Han tails). An em dash in front is a separator that keeps a name out of the ASCII
// path and changes none of its words, so the two ways must give the same words.
describe('normalizeName of an ASCII name is what the general path gives', () => {
  const general = (text: string): ReturnType<typeof normalizeName> => normalizeName(`\u2014${text}`);

  it('on every ASCII name of the real files', () => {
    const real = join(ROOT, 'fixtures', 'real');
    const files = readdirSync(real, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(csv|xml)$/.test(f));
    const names = new Set(files.flatMap((f) => readHoldingsBytes(f, readFileSync(join(real, f))).rows.map((row) => row.cells.name ?? '')));
    const ascii = [...names].filter((n) => [...n].every((ch) => ch.charCodeAt(0) < 0x80));
    expect(ascii.length).toBeGreaterThan(8000);
    for (const name of ascii) expect(normalizeName(name), name).toEqual(general(name));
  });

  it('on any ASCII text, and the same text twice running gives the same words', () => {
    const word = fc.constantFrom('Co.', 'Ltd', 'A', 'Class', 'Grp', '&', '(HK-C)', 'TECH', 'Hldgs', '-W', 'Inc.', 'Holding', ' ', ',');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary-ascii', maxLength: 40 }),
          fc.array(word, { maxLength: 8 }).map((w) => w.join(' ')),
        ),
        (s) => {
          expect(normalizeName(s)).toEqual(general(s));
          expect(normalizeName(s)).toEqual(normalizeName(s));
        },
      ),
      { numRuns: 3000, seed: 18 },
    );
  });
});

describe('foldName, the fold normalizeName kept', () => {
  it('is foldText of the name just normalised, and of any other name', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 40 }), (name, other) => {
        normalizeName(name);
        expect(foldName(name)).toBe(foldText(name));
        if (other !== name) expect(foldName(other)).toBe(foldText(other));
      }),
      { numRuns: 3000, seed: 18 },
    );
    for (const name of ['HANGZHOU HIKVISION DIGITAL TECHNOL', 'Ｈｉｋｖｉｓｉｏｎ', 'İstanbul', '海康威视 股份有限公司', 'Face++']) {
      normalizeName(name);
      expect(foldName(name)).toBe(foldText(name));
    }
  });
});

// normalizeName reads an ASCII name by asciiName; the general path (normalizeFolded of foldText) is the
// reference it must equal.
describe('the ASCII path of normalizeName', () => {
  const asciiText = fc.oneof(
    fc.string({ unit: fc.constantFrom(...'aAbHkKcC-&() \t\n\r\v\f.,x1(HK-C)'.split('')), maxLength: 30 }),
    fc.string({ unit: 'binary-ascii', maxLength: 40 }),
    fc
      .tuple(
        fc.string({ unit: 'grapheme-ascii', maxLength: 20 }),
        fc.constantFrom('(HK-C)', ' (sz-c) ', '( SH - C )\t', '(hk c)', '&', ')', ' ) '),
      )
      .map(([a, b]) => a + b),
  );

  it('gives what the general path gives, on any ASCII text', () => {
    fc.assert(
      fc.property(asciiText, (text) => {
        expect(asciiName(foldText(text))).toEqual(normalizeFolded(foldText(text)));
        expect(normalizeName(text)).toEqual(normalizeFolded(foldText(text)));
      }),
      { numRuns: 5000, seed: 18 },
    );
  });

  it('gives what the general path gives, on every name of the real files', () => {
    const real = join(ROOT, 'fixtures', 'real');
    const files = readdirSync(real, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(csv|xml)$/.test(f));
    const names = new Set(files.flatMap((f) => readHoldingsBytes(f, readFileSync(join(real, f))).rows.map((row) => row.cells.name ?? '')));
    expect(names.size).toBeGreaterThan(8000);
    const differing = [...names].filter((name) => JSON.stringify(normalizeName(name)) !== JSON.stringify(normalizeFolded(foldText(name))));
    expect(differing).toEqual([]);
  });
});
