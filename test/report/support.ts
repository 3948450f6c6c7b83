// Builds ScreenResults in-process for the reporter tests: the real pipeline on small inline CSV, and
// variants of its findings (review, ignored, odd names) for what a CSV row cannot produce by itself.

import { loadDataset } from '../../src/dataset/load.js';
import { summarize } from '../../src/exposure/aggregate.js';
import { readHoldingsBytes } from '../../src/ingest/read.js';
import type { Finding, IgnoreRuleRef, ScreenResult } from '../../src/model.js';
import type { RenderContext } from '../../src/report/types.js';
import { screen } from '../../src/screen.js';

export const CTX: RenderContext = {
  color: false,
  width: 120,
  verbose: false,
  tool: { name: 'exposure-screener', version: '0.0.0-test' },
};

const { dataset } = loadDataset();

/** Three flagged (Hikvision by name, Dahua by ISIN, iFlytek by exchange code), one related company for review. */
export const SAMPLE_CSV = `Holdings as of December 31, 2019
Security Name,Ticker,ISIN,Quantity,Market Value
HANGZHOU HIKVISION DIGITAL TECH-A,,,26000,151060
ZHEJIANG DAHUA TECHNOLOGY CO LTD-A,,CNE100000BJ4,310000,968750
IFLYTEK CO LTD-A,002230 CH,,120000,594000
"Hangzhou EZVIZ Network Co., Ltd.",,,100,5000
APPLE INC,AAPL,US0378331005,1000,190000
Cash,,,,1000
Total,,,,1909810
`;

/** Screens inline CSV files as one portfolio, today fixed. */
export function screenFiles(files: readonly { readonly file: string; readonly text: string }[]): ScreenResult {
  const inputs = files.map(({ file, text }) => {
    const read = readHoldingsBytes(file, new TextEncoder().encode(text));
    return { file: read.file, encoding: read.encoding, asOfText: read.asOfText, rows: read.rows, skipped: read.skipped };
  });
  return screen(inputs, dataset, { today: '2024-05-01' });
}

/** Screens one inline CSV file. */
export function screenCsv(text: string, file = 'holdings/sample.csv'): ScreenResult {
  return screenFiles([{ file, text }]);
}

/** The result with its findings replaced, and the summary recomputed to match. */
export function withFindings(result: ScreenResult, findings: readonly Finding[]): ScreenResult {
  return { ...result, findings, summary: summarize(findings, result.summary.portfolioValue) };
}

/** A finding turned `ignored` by an ignore rule. */
export function ignored(f: Finding, rule: Partial<IgnoreRuleRef> = {}): Finding {
  return {
    ...f,
    status: 'ignored',
    ignoredBy: {
      index: 0,
      entity: f.match.target.entityId,
      reason: 'held in a passive index fund; engagement letter sent',
      expires: '2020-06-30',
      owner: 'investment committee',
      ...rule,
    },
  };
}

/** A finding whose holding carries another name (and whose match quotes it, as a name match would). */
export function renamed(f: Finding, name: string): Finding {
  return { ...f, holding: { ...f.holding, name }, match: { ...f.match, input: name } };
}

/** The finding for an entity; fails the test when there is none. */
export function findingOf(result: ScreenResult, entityId: string): Finding {
  const f = result.findings.find((x) => x.match.target.entityId === entityId && x.match.target.relation === 'self');
  if (f === undefined) throw new Error(`no finding for ${entityId}`);
  return f;
}
