#!/usr/bin/env node
// Regenerates data/fund-snapshots.json from the real files named in data/fund-snapshots.manifest.json.
// Run after `npm run build`: node scripts/gen-fund-snapshots.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderSnapshotsFile } from '../dist/snapshot-file.js';
import { loadDataset } from '../dist/dataset/load.js';

const root = fileURLToPath(new URL('..', import.meta.url));
// Paths in the manifest are relative to the project root (fixtures/real/...).
const out = renderSnapshotsFile(
  (file) => readFileSync(`${root}${file}`),
  JSON.parse(readFileSync(`${root}data/fund-snapshots.manifest.json`, 'utf8')),
  loadDataset().dataset,
);
writeFileSync(`${root}data/fund-snapshots.json`, out);
console.log(`wrote data/fund-snapshots.json`);
