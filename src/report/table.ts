// The human report: a table of findings and a summary, colour only when the context allows it.

import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { Finding, ScreenResult } from '../model.js';
import { AS_OF_SOURCE_TEXT, describeTarget, flaggedValueText, shareBaseText, valueText, findingReason, matchShort, SKIP_REASON_TEXT, STATUS_LABEL, acceptedGapsText, noMatchText, notLookedThroughText, warningText } from './finding-text.js';
import { formatMoney, formatWeight, sanitize } from './format.js';
import type { Reporter } from './types.js';

function holdingCell(f: Finding): string {
  const h = f.holding;
  const parts = [h.name, h.ticker === null ? null : `(${h.ticker})`].filter((p) => p !== null);
  return sanitize(parts.join(' ') || h.isin || h.sedol || h.cusip || '');
}

/** One line: counts, money, rows and the dates that applied. */
export function summaryLine(result: ScreenResult): string {
  const s = result.summary;
  const entities = s.byEntity.map((e) => e.name).join(', ');
  const rows = result.inputs.reduce(
    (acc, i) => ({ screened: acc.screened + i.rows.screened, skipped: acc.skipped + i.rows.skipped }),
    { screened: 0, skipped: 0 },
  );
  const split =
    s.indirect.findings > 0
      ? ` (direct ${valueText(s.direct.value, s.direct.unknownValue, s.direct.findings)}, through funds ${valueText(s.indirect.value, s.indirect.unknownValue, s.indirect.findings)})`
      : '';
  const money =
    s.counts.flagged > 0
      ? ` · flagged value ${flaggedValueText(s)} of ${formatMoney(s.portfolioValue)} (${formatWeight(s.flaggedWeight)}${shareBaseText(s)})${split}`
      : '';
  const ignored = s.counts.ignored > 0 ? `, ${s.counts.ignored} ignored` : '';
  const open = s.notLookedThrough.filter((u) => u.acceptedBy === null).length;
  const accepted = s.notLookedThrough.length - open;
  const unseen = s.notLookedThrough.length === 0 ? '' : ` · ${open} fund position(s) not looked through${accepted > 0 ? ` (+${accepted} accepted)` : ''}`;
  return (
    `${s.counts.flagged} flagged${entities === '' ? '' : ` (${entities})`}, ${s.counts.review} for review${ignored}${money}${unseen}` +
    ` · ${rows.screened} rows screened, ${rows.skipped} skipped in ${result.inputs.length} file(s)` +
    ` · as of ${result.asOf} (${AS_OF_SOURCE_TEXT[result.asOfSource]})` +
    ` · list ${result.dataset.version}, reviewed ${result.dataset.reviewedAt}`
  );
}

function statusCell(f: Finding, chalk: ChalkInstance): string {
  return f.status === 'flagged' ? chalk.red.bold(STATUS_LABEL.flagged) : f.status === 'review' ? chalk.yellow(STATUS_LABEL.review) : chalk.dim(STATUS_LABEL.ignored);
}

function sourceCell(f: Finding): string {
  return sanitize(`${f.holding.file}:${f.holding.line}${f.holding.account === null ? '' : ` [${f.holding.account}]`}`);
}

function tableStyle(color: boolean): { head: string[]; border: string[] } {
  return { head: color ? ['bold'] : [], border: color ? ['grey'] : [] };
}

export const renderTable: Reporter = (result, ctx) => {
  const chalk = new Chalk({ level: ctx.color ? 1 : 0 });
  const out: string[] = [];
  const direct = result.findings.filter((f) => f.kind === 'direct');
  const indirect = result.findings.filter((f) => f.kind === 'indirect');
  if (result.findings.length === 0) {
    const text = noMatchText(result.summary);
    out.push(result.summary.notLookedThrough.length === 0 ? chalk.green(text) : chalk.yellow(text));
  }
  if (direct.length > 0) {
    if (indirect.length > 0) out.push(chalk.bold('Held directly'));
    const table = new Table({ head: ['Status', 'Entity', 'Holding', 'Matched on', 'Value', 'Weight', 'Source'], style: tableStyle(ctx.color), wordWrap: true });
    for (const f of direct) {
      table.push([
        statusCell(f, chalk),
        sanitize(describeTarget(f.match)),
        holdingCell(f),
        sanitize(matchShort(f)),
        { hAlign: 'right', content: formatMoney(f.exposure.value) },
        { hAlign: 'right', content: formatWeight(f.exposure.weight) },
        sourceCell(f),
      ]);
    }
    out.push(table.toString());
  }
  if (indirect.length > 0) {
    out.push(chalk.bold('Held through funds'));
    const table = new Table({
      head: ['Status', 'Entity', 'Through', 'Share of fund', 'Basis', 'Exposure', 'Weight', 'Source'],
      style: tableStyle(ctx.color),
      wordWrap: true,
    });
    for (const f of indirect) {
      const via = f.via;
      table.push([
        statusCell(f, chalk),
        sanitize(describeTarget(f.match)),
        sanitize(via === undefined ? '' : via.chain.map((h) => h.ticker).join(' → ')),
        { hAlign: 'right', content: via === undefined || via.weight === null ? '—' : formatWeight(via.weight) },
        sanitize(via === undefined ? '' : `${via.basis.kind}${via.basis.date === null ? '' : ` ${via.basis.date}`}`),
        { hAlign: 'right', content: formatMoney(f.exposure.value) },
        { hAlign: 'right', content: formatWeight(f.exposure.weight) },
        sourceCell(f),
      ]);
    }
    out.push(table.toString());
  }
  const clean = result.summary.byFund.filter((b) => b.findings === 0);
  if (clean.length > 0) out.push(chalk.dim(`Looked through, holding none of the list: ${clean.map((b) => `${b.ticker} (line ${b.line})`).join(', ')}`));
  const gaps = result.summary.notLookedThrough.filter((u) => u.acceptedBy === null);
  const acceptedGaps = result.summary.notLookedThrough.filter((u) => u.acceptedBy !== null);
  if (gaps.length > 0) out.push(chalk.yellow(sanitize(notLookedThroughText(gaps, { withFile: result.inputs.length > 1 }))));
  if (acceptedGaps.length > 0) out.push(chalk.dim(sanitize(acceptedGapsText(acceptedGaps, { withFile: result.inputs.length > 1 }))));
  if (ctx.verbose) {
    for (const f of result.findings) out.push(`${sanitize(`${f.holding.file}:${f.holding.line}`)}: ${sanitize(findingReason(f))}`);
    for (const input of result.inputs) {
      for (const s of input.skipped) out.push(chalk.dim(sanitize(`${input.file}:${s.line}: skipped, ${SKIP_REASON_TEXT[s.reason]}${s.text === '' ? '' : `: ${s.text}`}`)));
    }
  }
  for (const input of result.inputs) {
    for (const w of input.warnings) {
      out.push(chalk.yellow(sanitize(`warning: ${input.file}:${w.line}: ${warningText(w)}`)));
    }
  }
  const line = summaryLine(result);
  out.push(result.summary.counts.flagged > 0 ? chalk.red(line) : line);
  return `${out.join('\n')}\n`;
};
