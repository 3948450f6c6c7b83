#!/usr/bin/env node
// npm run eval: precision and recall of `flagged` on fixtures/labelled/securities.csv (or a file given).
import { readFileSync } from 'node:fs';
import { loadDataset } from '../dist/dataset/load.js';
import { buildMatchIndex } from '../dist/match/build-index.js';
import { evaluate, parseLabelledCsv } from '../dist/evaluate.js';

const file = process.argv[2] ?? new URL('../fixtures/labelled/securities.csv', import.meta.url).pathname;
const rows = parseLabelledCsv(readFileSync(file, 'utf8'));
const result = evaluate(rows, buildMatchIndex(loadDataset().dataset));
const pct = (x) => `${(x * 100).toFixed(1)} %`;
console.log(`${result.rows} labelled rows (${file})`);
console.log(`flagged: precision ${pct(result.flagged.precision)}, recall ${pct(result.flagged.recall)} (TP ${result.flagged.truePositives}, FP ${result.flagged.falsePositives}, FN ${result.flagged.falseNegatives})`);
console.log(`review:  ${result.review.predicted} rows predicted, ${result.review.expected} labelled, ${result.review.agreed} agree`);
for (const m of result.mistakes) {
  const c = m.row.cells;
  console.log(`  line ${m.row.line}: expected ${m.row.status} ${m.row.expected ?? ''}, got ${m.status} ${m.entity ?? ''} (${m.on ?? '-'} ${m.score?.toFixed(2) ?? ''}) :: ${[c.name, c.ticker, c.exchange, c.isin, c.sedol, c.cusip].filter(Boolean).join(' | ')}`);
}
process.exitCode = result.flagged.precision === 1 && result.flagged.recall === 1 ? 0 : 1;
