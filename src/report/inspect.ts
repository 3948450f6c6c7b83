// `exposure-screener inspect`: how a file was read, before any screening. The first thing to run
// when a file does not screen as expected.

import type { Concept, FileReading, RowWarning, SkipReason, SkippedRow } from '../model.js';
import { SKIP_REASON_TEXT, warningText } from './finding-text.js';
import { sanitize } from './format.js';

export interface Inspection {
  readonly read: FileReading;
  readonly asOf: string | null;
  readonly decimal: '.' | ',';
  readonly screened: number;
  readonly skipped: readonly SkippedRow[];
  readonly warnings: readonly RowWarning[];
  readonly accounts: readonly string[];
}

const LABEL: Readonly<Record<Concept, string>> = {
  name: 'name',
  ticker: 'symbol',
  isin: 'ISIN',
  cusip: 'CUSIP',
  sedol: 'SEDOL',
  exchange: 'exchange',
  quantity: 'quantity',
  value: 'value',
  weight: 'weight',
  assetClass: 'asset class',
  currency: 'currency',
  account: 'account',
};

function isConcept(key: string): key is Concept {
  return Object.hasOwn(LABEL, key);
}

/** The inspection as a plain object. */
export function inspectionJson(i: Inspection): Record<string, unknown> {
  return {
    file: i.read.file,
    encoding: i.read.encoding,
    sha256: i.read.sha256,
    delimiter: i.read.delimiter,
    decimal: i.decimal,
    asOf: i.asOf,
    asOfText: i.read.asOfText,
    preambleLines: i.read.preambleLines,
    titles: i.read.titles,
    tables: i.read.tables.map((t) => ({
      headerLine: t.headerLine,
      kind: t.kind,
      context: t.context,
      columns: Object.fromEntries(Object.entries(t.columns).map(([concept, index]) => [concept, t.headers[index] ?? null])),
    })),
    accounts: i.accounts,
    rows: { total: i.screened + i.skipped.length, screened: i.screened, skipped: i.skipped.length },
    skipped: i.skipped.map((s) => ({ line: s.line, reason: s.reason, text: s.text })),
    warnings: i.warnings.map((w) => ({ line: w.line, code: w.code, column: w.column, value: w.value })),
  };
}

/** The inspection as text: encoding, dialect, tables and their columns, accounts, row accounting. */
export function renderInspection(i: Inspection, limit = 15): string {
  const r = i.read;
  const out: string[] = [];
  const delimiter = r.delimiter === '\t' ? 'tab' : r.delimiter === ',' ? 'comma' : r.delimiter === ';' ? 'semicolon' : 'pipe';
  out.push(`File:       ${sanitize(r.file)}`);
  out.push(`Encoding:   ${r.encoding}; delimiter ${delimiter}; decimal separator "${i.decimal}"`);
  out.push(`As of:      ${i.asOf ?? 'not stated'}${r.asOfText === null ? '' : ` ("${sanitize(r.asOfText)}")`}`);
  out.push(
    `Preamble:   ${r.preambleLines} line(s)${r.titles.length === 0 ? '' : `: ${r.titles.map((t) => `"${sanitize(t)}"`).join(', ')}`}`,
  );
  for (const t of r.tables) {
    // In the file's column order, as a person reading the file sees them.
    const mapped = Object.entries(t.columns)
      .flatMap(([concept, index]) => (isConcept(concept) && index !== undefined ? [{ concept, index }] : []))
      .sort((a, b) => a.index - b.index)
      .map(({ concept, index }) => `${LABEL[concept]} ← "${sanitize(t.headers[index] ?? '')}"`)
      .join(', ');
    out.push(`Table:      header on line ${t.headerLine}, ${t.kind}${t.context === null ? '' : ` [${sanitize(t.context)}]`}`);
    out.push(`            ${mapped === '' ? '(no known columns)' : mapped}`);
  }
  if (i.accounts.length > 0) out.push(`Accounts:   ${i.accounts.map((a) => sanitize(a)).join(' | ')}`);
  out.push(`Rows:       ${i.screened + i.skipped.length} after the first header: ${i.screened} to screen, ${i.skipped.length} skipped`);
  const counts = new Map<SkipReason, number>();
  for (const s of i.skipped) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  for (const [reason, n] of counts) out.push(`            ${n} × ${SKIP_REASON_TEXT[reason]}`);
  // Blank lines are counted above; list the rows a person would want to check.
  const notable = i.skipped.filter((s) => s.reason !== 'blank');
  for (const s of notable.slice(0, limit)) out.push(`  line ${s.line}: ${s.reason}${s.text === '' ? '' : `: ${sanitize(s.text)}`}`);
  if (notable.length > limit) out.push(`  … ${notable.length - limit} more (--json lists all)`);
  for (const w of i.warnings.slice(0, limit)) out.push(`warning: line ${w.line}: ${sanitize(warningText(w))}`);
  return `${out.join('\n')}\n`;
}
