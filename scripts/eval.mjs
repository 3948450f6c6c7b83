#!/usr/bin/env node
// npm run eval: precision and recall of `flagged` on fixtures/labelled/securities.csv (or a file given).
// scripts/update-readme.mjs renders the README's evaluation figures from evaluateLabelled().
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadDataset } from '../dist/dataset/load.js';
import { buildMatchIndex } from '../dist/match/build-index.js';
import { evaluate, parseLabelledCsv } from '../dist/evaluate.js';

export const LABELLED = fileURLToPath(new URL('../fixtures/labelled/securities.csv', import.meta.url));

/** The evaluation of the bundled list on a labelled file, with the negatives (labelled none) it raised. */
export function evaluateLabelled(file = LABELLED) {
  const result = evaluate(parseLabelledCsv(readFileSync(file, 'utf8')), buildMatchIndex(loadDataset().dataset));
  const negatives = result.outcomes.filter((o) => o.row.status === 'none');
  return { ...result, negatives: { labelled: negatives.length, raised: negatives.filter((o) => o.status !== 'none').length } };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2] ?? LABELLED;
  const result = evaluateLabelled(file);
  const pct = (x) => `${(x * 100).toFixed(1)} %`;
  console.log(`${result.rows} labelled rows (${file})`);
  console.log(
    `flagged: precision ${pct(result.flagged.precision)}, recall ${pct(result.flagged.recall)} (TP ${result.flagged.truePositives}, FP ${result.flagged.falsePositives}, FN ${result.flagged.falseNegatives})`,
  );
  console.log(`review:  ${result.review.predicted} rows predicted, ${result.review.expected} labelled, ${result.review.agreed} agree`);
  console.log(`none:    ${result.negatives.raised} of ${result.negatives.labelled} negatives raised`);
  for (const m of result.mistakes) {
    const c = m.row.cells;
    console.log(
      `  line ${m.row.line}: expected ${m.row.status} ${m.row.expected ?? ''}, got ${m.status} ${m.entity ?? ''} (${m.on ?? '-'} ${m.score?.toFixed(2) ?? ''}) :: ${[c.name, c.ticker, c.exchange, c.isin, c.sedol, c.cusip].filter(Boolean).join(' | ')}`,
    );
  }
  process.exitCode = result.flagged.precision === 1 && result.flagged.recall === 1 ? 0 : 1;
}
