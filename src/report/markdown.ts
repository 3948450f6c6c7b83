// Markdown for pull-request comments and board papers: a summary, the findings, totals per entity
// and what was set aside. GitHub-flavoured tables; text from input files is escaped in every cell.

import type { Finding, ScreenResult, SkipReason } from '../model.js';
import { valuesNotAddedUp } from '../exposure/policy.js';
import {
  inputsText,
  flaggedValueText,
  shareBaseText,
  valueText,
  acceptedGapsText,
  AS_OF_SOURCE_TEXT,
  describeTarget,
  expiredGapRuleText,
  expiredRuleText,
  ignoredText,
  matchShort,
  noMatchText,
  notLookedThroughText,
  noteText,
  SKIP_REASON_TEXT,
  STATUS_LABEL,
  unusedGapRuleText,
  unusedRuleText,
  warningText,
  conversionText,
  currencyTotalText,
  severalCurrenciesText,
  findingValueText,
  notAddedUpOf,
} from './finding-text.js';
import { formatMoney, formatWeight, sanitize } from './format.js';
import type { Reporter } from './types.js';
import { compareText } from '../order.js';

/**
 * Text safe inside a table cell: control characters and escape sequences gone (newlines become
 * spaces), and the characters that would end a cell or start inline markup or HTML backslash-escaped.
 */
export function markdownCell(text: string): string {
  return sanitize(text).replace(/[\\`*_[\]<>|~]/g, '\\$&');
}

function table(head: readonly string[], align: readonly ('left' | 'right')[], rows: readonly (readonly string[])[]): string {
  const rule = align.map((a) => (a === 'right' ? '---:' : '---'));
  return [head, rule, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

function plural(n: number, one: string, many: string = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function holdingText(f: Finding): string {
  const h = f.holding;
  const parts = [h.name, h.ticker === null ? null : `(${h.ticker})`].filter((p) => p !== null);
  return parts.join(' ') || h.isin || h.sedol || h.cusip || '';
}

function sourceText(f: Finding): string {
  return `${f.holding.file}:${f.holding.line}${f.holding.account === null ? '' : ` [${f.holding.account}]`}`;
}

function summaryParagraph(result: ScreenResult): string {
  const s = result.summary;
  const rows = result.inputs.reduce((acc, i) => ({ screened: acc.screened + i.rows.screened, skipped: acc.skipped + i.rows.skipped }), {
    screened: 0,
    skipped: 0,
  });
  const entities = s.byEntity.map((e) => markdownCell(e.name)).join(', ');
  const sentences = [
    `**${s.counts.flagged} flagged**${entities === '' ? '' : ` (${entities})`}, ${s.counts.review} for review, ${s.counts.ignored} ignored.`,
    s.portfolioValue === null
      ? `Flagged value ${flaggedValueText(s)}; the portfolio value is unknown.`
      : `Flagged value ${flaggedValueText(s)} of a portfolio of ${formatMoney(s.portfolioValue)} (${formatWeight(s.flaggedWeight)}${shareBaseText(s)}).`,
    s.counts.review > 0 ? `Value for review ${formatMoney(s.reviewValue)}.` : null,
    `${plural(rows.screened, 'row')} screened and ${rows.skipped} skipped in ${inputsText(result.inputs, (n) => plural(n, 'file'))}.`,
    `As of ${result.asOf} (${AS_OF_SOURCE_TEXT[result.asOfSource]}); list version ${markdownCell(result.dataset.version)}, reviewed ${result.dataset.reviewedAt}.`,
  ];
  const paragraph = sentences.filter((t) => t !== null).join(' ');
  const currencies = s.byCurrency;
  const conversion = s.conversion;
  const head =
    currencies !== undefined && valuesNotAddedUp(s)
      ? `**Warning:** ${severalCurrenciesText(currencies, conversion)}.`
      : conversion === undefined
        ? null
        : `Currency: ${conversionText(conversion)}.`;
  if (head === null) return paragraph;
  return [paragraph, '', head, ...(currencies === undefined ? [] : ['', ...currencies.map((c) => `- ${currencyTotalText(c)}`)])].join('\n');
}

function findingsTable(findings: readonly Finding[]): string {
  const rows = findings.map((f) => [
    f.status === 'flagged' ? `**${STATUS_LABEL.flagged}**` : STATUS_LABEL[f.status],
    markdownCell(describeTarget(f.match)),
    markdownCell(holdingText(f)),
    markdownCell(matchShort(f)),
    findingValueText(f.exposure),
    formatWeight(f.exposure.weight),
    markdownCell(sourceText(f)),
  ]);
  return table(
    ['Status', 'Entity', 'Holding', 'Matched on', 'Value', 'Weight', 'Source file:line'],
    ['left', 'left', 'left', 'left', 'right', 'right', 'left'],
    rows,
  );
}

function indirectTable(findings: readonly Finding[]): string {
  const rows = findings.map((f) => {
    const via = f.via;
    return [
      f.status === 'flagged' ? `**${STATUS_LABEL.flagged}**` : STATUS_LABEL[f.status],
      markdownCell(describeTarget(f.match)),
      markdownCell(via === undefined ? '' : via.chain.map((h) => h.ticker).join(' → ')),
      via === undefined || via.weight === null ? '—' : formatWeight(via.weight),
      markdownCell(via === undefined ? '' : `${via.basis.kind}${via.basis.date === null ? '' : ` ${via.basis.date}`}`),
      findingValueText(f.exposure),
      formatWeight(f.exposure.weight),
      markdownCell(sourceText(f)),
    ];
  });
  return table(
    ['Status', 'Entity', 'Through', 'Share of fund', 'Basis', 'Exposure', 'Weight', 'Source file:line'],
    ['left', 'left', 'left', 'right', 'left', 'right', 'right', 'left'],
    rows,
  );
}

function entityTable(result: ScreenResult): string {
  const base = result.summary.grossPortfolioValue;
  const rows = result.summary.byEntity.map((e) => [
    markdownCell(e.name),
    String(e.findings),
    valueText(e.knownValue, e.unknownValue, e.findings, notAddedUpOf(result.summary)),
    formatWeight(e.value === null || base === null || base === 0 ? null : e.value / base),
  ]);
  return table(['Entity', 'Flagged holdings', 'Value', 'Weight'], ['left', 'right', 'right', 'right'], rows);
}

function skippedTable(result: ScreenResult): string | null {
  const rows: string[][] = [];
  for (const input of result.inputs) {
    const counts = new Map<SkipReason, number>();
    for (const s of input.skipped) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
    for (const [reason, n] of [...counts.entries()].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))) {
      rows.push([markdownCell(input.file), markdownCell(SKIP_REASON_TEXT[reason]), String(n)]);
    }
  }
  return rows.length === 0 ? null : table(['File', 'Reason', 'Rows'], ['left', 'left', 'right'], rows);
}

function notes(result: ScreenResult): string[] {
  const lines: string[] = [];
  for (const f of result.findings) {
    if (f.ignoredBy !== null) lines.push(`- ${markdownCell(sourceText(f))}: ${markdownCell(ignoredText(f.ignoredBy))}`);
  }
  if (result.ignore !== undefined) {
    const file = markdownCell(result.ignore.file);
    for (const rule of result.ignore.expired) lines.push(`- ${file}: ${markdownCell(expiredRuleText(rule))}`);
    for (const rule of result.ignore.unused) lines.push(`- ${file}: ${markdownCell(unusedRuleText(rule))}`);
    for (const rule of result.ignore.gaps.expired) lines.push(`- ${file}: ${markdownCell(expiredGapRuleText(rule))}`);
    for (const rule of result.ignore.gaps.unused) lines.push(`- ${file}: ${markdownCell(unusedGapRuleText(rule))}`);
  }
  for (const input of result.inputs) {
    for (const w of input.warnings) lines.push(`- ${markdownCell(`${input.file}:${w.line}`)}: ${markdownCell(warningText(w))}`);
  }
  return lines;
}

/** The whole report as one Markdown document. */
export const renderMarkdown: Reporter = (result) => {
  const out: string[] = ['# Entity List exposure screen', summaryParagraph(result), '## Findings'];
  const direct = result.findings.filter((f) => f.kind === 'direct');
  const indirect = result.findings.filter((f) => f.kind === 'indirect');
  if (result.findings.length === 0) out.push(markdownCell(noMatchText(result.summary)));
  if (direct.length > 0) {
    if (indirect.length > 0) out.push('### Held directly');
    out.push(findingsTable(direct));
  }
  if (indirect.length > 0) {
    out.push('### Held through funds', indirectTable(indirect));
    const caveats = [...new Set(indirect.flatMap((f) => (f.via?.notes ?? []).map(noteText)))];
    if (caveats.length > 0) out.push(caveats.map((c) => `- ${markdownCell(c)}`).join('\n'));
  }
  const clean = result.summary.byFund.filter((b) => b.findings === 0);
  if (clean.length > 0) out.push(`Looked through, holding none of the list: ${clean.map((b) => markdownCell(b.ticker)).join(', ')}.`);
  const gaps = result.summary.notLookedThrough.filter((u) => u.acceptedBy === null);
  const acceptedGaps = result.summary.notLookedThrough.filter((u) => u.acceptedBy !== null);
  if (gaps.length > 0) out.push(markdownCell(notLookedThroughText(gaps, { withFile: result.inputs.length > 1, shown: 20 })));
  if (acceptedGaps.length > 0) out.push(markdownCell(acceptedGapsText(acceptedGaps, { withFile: result.inputs.length > 1 })));
  if (result.summary.byEntity.length > 0) out.push('## Flagged value by entity', entityTable(result));
  const skipped = skippedTable(result);
  out.push('## Skipped rows', skipped ?? 'No row was skipped.');
  const noteLines = notes(result);
  if (noteLines.length > 0) out.push('## Notes', noteLines.join('\n'));
  return `${out.join('\n\n')}\n`;
};
