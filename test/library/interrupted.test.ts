// An import killed halfway (SIGKILL: no handler runs, nothing is cleaned up) leaves the library as it
// was: it opens, and list and holders answer exactly as before. The import is one SQLite transaction;
// its journal is left behind by the kill, and the next open rolls it back.

import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../support/run-cli.js';
import { generate } from './generate.js';
import { makeTempDir } from '../support/temp-dir.js';

let work = '';
let library = '';

function cli(args: readonly string[]): ReturnType<typeof runCli> {
  return runCli([...args, '--library', library], { env: { EXPOSURE_SCREENER_HOME: library } });
}

beforeAll(() => {
  work = makeTempDir('library-kill');
  library = join(work, 'library');
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('an import killed halfway', () => {
  it('leaves a library that opens and answers as before', async () => {
    const small = generate(join(work, 'small'), ['--series', '12', '--holdings-per-series', '20', '--planted', '4', '--amended', '1']);
    expect(cli(['funds', 'import', small.zip, small.tickers]).exitCode).toBe(0);
    const listBefore = cli(['funds', 'list', '--json']).stdout;
    const holdersBefore = cli(['funds', 'holders', 'dahua', '--json']).stdout;
    expect(JSON.parse(holdersBefore).holders.length).toBeGreaterThan(0);

    // Another quarter, large enough that its holdings table takes a while to read.
    const big = generate(join(work, 'big'), [
      '--series',
      '150',
      '--holdings-per-series',
      '300',
      '--quarter',
      '2025q1',
      '--planted',
      '10',
      '--seed',
      '7',
    ]);
    const child = spawn(process.execPath, [BIN, 'funds', 'import', big.zip, '--library', library, '--progress'], {
      env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' },
    });
    let stderr = '';
    let killedAt: number | null = null;
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderr += text;
      // Kill on the first progress line from inside the holdings table: rows read, not all of them.
      const rows = [...stderr.matchAll(/FUND_REPORTED_HOLDING ([\d,]+) rows/g)].map((m) => Number((m[1] ?? '').replaceAll(',', '')));
      const midway = rows.find((n) => n > 0 && n < big.holdings);
      if (killedAt === null && midway !== undefined) {
        killedAt = midway;
        child.kill('SIGKILL');
      }
    });
    const { signal } = await exited;
    expect(signal).toBe('SIGKILL');
    expect(killedAt).not.toBeNull();
    // The kill left the transaction's journal behind.
    expect(existsSync(join(library, 'library.sqlite-journal'))).toBe(true);

    expect(cli(['funds', 'list', '--json']).stdout).toBe(listBefore);
    expect(cli(['funds', 'holders', 'dahua', '--json']).stdout).toBe(holdersBefore);

    // And the same import, run to the end, then goes in whole.
    const again = cli(['funds', 'import', big.zip, '--json']);
    expect(again.exitCode).toBe(0);
    expect(JSON.parse(again.stdout).imports[0]).toMatchObject({ filings: big.filings, holdings: big.holdings });
  }, 60_000);
});
