import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.js';
import { readHoldingsBytes } from '../../src/ingest/read.js';
import { buildMatchIndex, codeStem } from '../../src/match/build-index.js';
import { canonicalCode, parseTicker, type Venue } from '../../src/normalize/tickers.js';
import { ROOT } from '../support/run-cli.js';

// The matcher builds a ticker's venue keys only when the list has a code of its stem. That skips no
// code the list has: every key's code has its stem in codeStems, and every venue's canonical form of a
// code has the code's stem, so a ticker whose stem is absent has a key on no venue.
const VENUES: readonly Venue[] = ['XSHE', 'XSHG', 'XHKG', 'OTCM', 'XLON', 'XTKS', 'XBKK', 'OTHER'];

describe('the stems of the list codes', () => {
  const index = buildMatchIndex(loadDataset().dataset);

  it('hold the stem of every code the list keys, the look-alikes too', () => {
    const keys = [...index.code.keys(), ...index.lookAlikeCode.keys()];
    expect(keys.length).toBeGreaterThan(10);
    for (const key of keys) expect(index.codeStems.has(codeStem(key.slice(key.indexOf(':') + 1))), key).toBe(true);
  });

  it("a code's canonical form on any venue has the code's stem", () => {
    const real = join(ROOT, 'fixtures', 'real');
    const files = readdirSync(real, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(csv|xml)$/.test(f));
    const codes = files.flatMap((f) =>
      readHoldingsBytes(f, readFileSync(join(real, f))).rows.map((row) => parseTicker(row.cells.ticker ?? '')?.code ?? ''),
    );
    expect(codes.length).toBeGreaterThan(10_000);
    const sameStem = (code: string): string[] =>
      VENUES.flatMap((venue) => {
        const canonical = canonicalCode(venue, code);
        return canonical === null || codeStem(canonical) === codeStem(code) ? [] : [`${venue} ${code} → ${canonical}`];
      });
    for (const code of [...codes, '0', '0000', '00000', '000000', '0020', '20', 'brk.b', '0.5', '00A']) expect(sameStem(code)).toEqual([]);
    fc.assert(
      fc.property(
        fc.oneof(fc.stringMatching(/^0{0,4}\d{0,8}$/), fc.stringMatching(/^[A-Za-z0-9.]{1,13}$/), fc.string({ maxLength: 8 })),
        (code) => {
          expect(sameStem(code)).toEqual([]);
        },
      ),
      { numRuns: 5000, seed: 18 },
    );
  });
});
