// Runs scripts/gen-nport-dataset.mjs and returns its summary: what it planted where.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../support/run-cli.js';

export interface Generated {
  zip: string;
  tickers: string;
  reportDate: string;
  series: number;
  filings: number;
  holdings: number;
  planted: { seriesId: string; name: string; tickers: string[]; entities: string[]; isins: string[] }[];
  amendments: { seriesId: string; accession: string; dropped: string | null }[];
  unplanted: { seriesId: string; name: string; tickers: string[] }[];
}

export function generate(out: string, args: readonly string[]): Generated {
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'gen-nport-dataset.mjs'), '--out', out, ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`gen-nport-dataset failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}
