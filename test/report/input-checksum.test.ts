import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/run-cli.js';

const SAMPLE = join(ROOT, 'examples', 'sample-holdings.csv');

describe('each input carries the SHA-256 of the bytes screened, so a report can be reproduced', () => {
  it('is the checksum of the file as given, in the JSON report', () => {
    const run = runCli(['screen', SAMPLE, '--format', 'json']);
    const report: unknown = JSON.parse(run.stdout);
    const expected = createHash('sha256').update(readFileSync(SAMPLE)).digest('hex');
    expect(report).toMatchObject({ inputs: [{ file: SAMPLE, sha256: expected }] });
  });

  it('hashes what came through standard input too', () => {
    const bytes = readFileSync(SAMPLE, 'utf8');
    const run = runCli(['screen', '-', '--format', 'json'], { input: bytes });
    const report: unknown = JSON.parse(run.stdout);
    const expected = createHash('sha256').update(bytes).digest('hex');
    expect(report).toMatchObject({ inputs: [{ file: '<stdin>', sha256: expected }] });
  });
});
