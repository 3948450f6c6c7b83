#!/usr/bin/env node
// Part of `npm run build`, after tsc: validates the bundled data (data/entities.json, funds.json,
// fund-snapshots.json) through the zod schemas and rules, and writes what they validate to, with each
// file's SHA-256, to dist/data/bundled.json. A run uses it while the files still hash the same, so it
// neither loads zod nor validates the data at start-up (src/dataset/bundled.ts). A data file that does
// not validate fails the build. test/data/bundled-artifact.test.ts checks the built file is current.
// Then the files' stamps (dist/data/bundled-stamps.json): their sizes and times as they were hashed, by
// which a run knows them unchanged without hashing them.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { BUNDLED_ARTIFACT_PATH, BUNDLED_STAMPS_PATH, bundledStampsText } from '../dist/dataset/bundled.js';
import { bundledArtifactText } from '../dist/dataset/load.js';

/** Writes `text` to `path` whole or not at all. */
function replaceFile(path, text) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

try {
  const text = bundledArtifactText();
  mkdirSync(dirname(BUNDLED_ARTIFACT_PATH), { recursive: true });
  replaceFile(BUNDLED_ARTIFACT_PATH, text);
  replaceFile(BUNDLED_STAMPS_PATH, bundledStampsText(JSON.parse(text).sources));
} catch (error) {
  const problems = Array.isArray(error?.problems) ? error.problems : [];
  console.error(`build-data: the bundled data does not validate: ${error?.message ?? error}`);
  for (const p of problems.slice(0, 50)) console.error(`  ${p}`);
  process.exit(1);
}
