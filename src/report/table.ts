// The human report: a table of findings and a summary, colour only when the context allows it.

import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { Finding, ScreenResult } from '../model.js';
import {
  inputsText,
  AS_OF_SOURCE_TEXT,
  describeTarget,
  flaggedValueText,
  shareBaseText,
  valueText,
  findingReason,
  matchShort,
  SKIP_REASON_TEXT,
  STATUS_LABEL,
  acceptedGapsText,
  noMatchText,
  notLookedThroughText,
  warningText,
  conversionText,
  currencyTotalText,
  severalCurrenciesText,
  findingValueText,
} from './finding-text.js';
import { valuesNotAddedUp } from '../exposure/policy.js';
import { fitColumns, formatMoney, formatWeight, sanitize, truncate, wrapText } from './format.js';
import type { RenderContext, Reporter } from './types.js';

function holdingCell(f: Finding): string {
  const h = f.holding;
  const parts = [h.name, h.ticker === null ? null : `(${h.ticker})`].filter((p) => p !== null);
  return sanitize(parts.join(' ') || h.isin || h.sedol || h.cusip || '');
}

/** One line: counts, money, rows and the dates that applied. */
export function summaryLine(result: ScreenResult): string {
  const s = result.summary;
  const entities = s.byEntity.map((e) => e.name).join(', ');
  const rows = result.inputs.reduce((acc, i) => ({ screened: acc.screened + i.rows.screened, skipped: acc.skipped + i.rows.skipped }), {
    screened: 0,
    skipped: 0,
  });
  const notAddedUp = valuesNotAddedUp(s);
  const split =
    s.indirect.findings > 0 && !notAddedUp
      ? ` (direct ${valueText(s.direct.value, s.direct.unknownValue, s.direct.findings)}, through funds ${valueText(s.indirect.value, s.indirect.unknownValue, s.indirect.findings)})`
      : '';
  const money =
    s.counts.flagged > 0
      ? notAddedUp
        ? ` · flagged value ${flaggedValueText(s)}`
        : ` · flagged value ${flaggedValueText(s)} of ${formatMoney(s.portfolioValue)} (${formatWeight(s.flaggedWeight)}${shareBaseText(s)})${split}`
      : '';
  const ignored = s.counts.ignored > 0 ? `, ${s.counts.ignored} ignored` : '';
  const open = s.notLookedThrough.filter((u) => u.acceptedBy === null).length;
  const accepted = s.notLookedThrough.length - open;
  const unseen =
    s.notLookedThrough.length === 0
      ? ''
      : ` · ${open} fund position(s) not looked through${accepted > 0 ? ` (+${accepted} accepted)` : ''}`;
  return (
    `${s.counts.flagged} flagged${entities === '' ? '' : ` (${entities})`}, ${s.counts.review} for review${ignored}${money}${unseen}` +
    ` · ${rows.screened} rows screened, ${rows.skipped} skipped in ${inputsText(result.inputs, (n) => `${n} file(s)`)}` +
    ` · as of ${result.asOf} (${AS_OF_SOURCE_TEXT[result.asOfSource]})` +
    ` · list ${result.dataset.version}, reviewed ${result.dataset.reviewedAt}`
  );
}

/** A style of the report: its text, coloured or not. */
type Style = (text: string) => string;

/** The styles the report is drawn in. */
interface Styles {
  readonly red: Style;
  readonly redBold: Style;
  readonly yellow: Style;
  readonly green: Style;
  readonly dim: Style;
  readonly bold: Style;
}

const asIs: Style = (text) => text;

/** No colour: every style gives its text as it is, as chalk's do at level 0. */
const UNCOLOURED: Styles = { red: asIs, redBold: asIs, yellow: asIs, green: asIs, dim: asIs, bold: asIs };

function chalkStyles(chalk: ChalkInstance): Styles {
  return { red: chalk.red, redBold: chalk.red.bold, yellow: chalk.yellow, green: chalk.green, dim: chalk.dim, bold: chalk.bold };
}

function statusCell(f: Finding, styles: Styles): Cell {
  const text = STATUS_LABEL[f.status];
  return { text, style: f.status === 'flagged' ? styles.redBold : f.status === 'review' ? styles.yellow : styles.dim };
}

function sourceCell(f: Finding): string {
  return sanitize(`${f.holding.file}:${f.holding.line}${f.holding.account === null ? '' : ` [${f.holding.account}]`}`);
}

function tableStyle(color: boolean): { head: string[]; border: string[] } {
  return { head: color ? ['bold'] : [], border: color ? ['grey'] : [] };
}

/** A cell's text, and the colour it is drawn in (applied after the text is cut to its column). */
type Cell = string | { readonly text: string; readonly style?: (text: string) => string; readonly right?: boolean };

/** A column: its heading, the narrowest it may get, and how much it matters when the terminal is narrow. */
interface Column {
  readonly head: string;
  readonly min: number;
  readonly priority: number;
  /** Numbers: right-aligned, and never cut (a cut number is a wrong number). */
  readonly right?: boolean;
  /** Cut from the start, keeping the end ("…/positions.csv:17"). */
  readonly keepEnd?: boolean;
}

/** Longest that a column grows to on a terminal, however long its cells (the JSON has the whole text); in a log, no limit. */
const MAX_COLUMN = 48;

/**
 * A table that fits `width` characters: columns shrink, low-priority ones are dropped, and long texts are
 * cut with an ellipsis rather than wrapped, so every row stays one line (the full text is in --format json).
 */
function fittedTable(
  columns: readonly Column[],
  rows: readonly (readonly Cell[])[],
  ctx: { readonly color: boolean; readonly width: number },
): string {
  const text = (c: Cell | undefined): string => (c === undefined ? '' : typeof c === 'string' ? c : c.text);
  const widths = fitColumns(
    columns.map((col, i) => ({
      natural: Math.min(
        Number.isFinite(ctx.width) ? MAX_COLUMN : Number.POSITIVE_INFINITY,
        Math.max(col.head.length, ...rows.map((r) => text(r[i]).length)),
      ),
      min:
        col.right === true
          ? Math.max(col.head.length, ...rows.map((r) => text(r[i]).length))
          : Math.min(col.min, Math.max(col.head.length, ...rows.map((r) => text(r[i]).length))),
      priority: col.priority,
    })),
    ctx.width,
  );
  const kept = columns.map((_, i) => i).filter((i) => widths[i] !== null);
  const head = kept.map((i) => truncate(columns[i]?.head ?? '', widths[i] ?? 1));
  const body = rows.map((row) =>
    kept.map((i): DrawnCell => {
      const cell = row[i];
      const whole = text(cell);
      const width = widths[i] ?? 1;
      const cut =
        columns[i]?.keepEnd === true && whole.length > width ? `…${whole.slice(whole.length - width + 1)}` : truncate(whole, width);
      return { content: typeof cell === 'object' && cell.style !== undefined ? cell.style(cut) : cut, right: columns[i]?.right === true };
    }),
  );
  const contentWidths = kept.map((i) => widths[i] ?? 1);
  return (ctx.color ? null : plainBoxTable(head, body, contentWidths)) ?? boxTable(head, body, contentWidths, ctx.color);
}

/** A cell as drawn: its text, cut to its column and styled, and whether it is aligned right. */
export interface DrawnCell {
  readonly content: string;
  readonly right: boolean;
}

/** The table drawn by cli-table3: cells one column apart, padded by a space each side, every row ruled off. */
export function boxTable(
  head: readonly string[],
  rows: readonly (readonly DrawnCell[])[],
  widths: readonly number[],
  color: boolean,
): string {
  const table = new Table({ head: [...head], colWidths: widths.map((w) => w + 2), style: tableStyle(color), wordWrap: false });
  for (const row of rows) table.push(row.map((c) => (c.right ? { hAlign: 'right' as const, content: c.content } : c.content)));
  return table.toString();
}

/** Printable ASCII and the ellipsis truncate() adds: one terminal column per UTF-16 unit for cli-table3 (string-width). */
const ONE_COLUMN_EACH = /^[\x20-\x7e…]*$/;

/**
 * What boxTable draws, drawn without cli-table3, for the usual uncoloured table: every cell one line of
 * printable ASCII no longer than its column, so that nothing is measured, cut or wrapped and the drawing
 * is borders and padding alone. Null for any other table (colour codes, wide or combining characters),
 * which boxTable draws. Why: cli-table3 runs cold once a report and took ~7 ms to draw the VWO file's 8
 * findings (test/report/table-drawing.test.ts holds the two equal).
 */
export function plainBoxTable(head: readonly string[], rows: readonly (readonly DrawnCell[])[], widths: readonly number[]): string | null {
  if (head.length === 0 || head.length !== widths.length) return null;
  const fits = (content: string, i: number): boolean => content.length <= (widths[i] ?? 0) && ONE_COLUMN_EACH.test(content);
  if (!head.every(fits) || !rows.every((row) => row.length === widths.length && row.every((c, i) => fits(c.content, i)))) return null;
  const rule = (left: string, mid: string, right: string): string => `${left}${widths.map((w) => '─'.repeat(w + 2)).join(mid)}${right}`;
  const line = (cells: readonly DrawnCell[]): string =>
    `│${cells.map((c, i) => ` ${c.right ? c.content.padStart(widths[i] ?? 0) : c.content.padEnd(widths[i] ?? 0)} `).join('│')}│`;
  const lines = [rule('┌', '┬', '┐'), line(head.map((content) => ({ content, right: false })))];
  for (const row of rows) lines.push(rule('├', '┼', '┤'), line(row));
  lines.push(rule('└', '┴', '┘'));
  return lines.join('\n');
}

/**
 * The table reporter, in colour by `chalk` (at level 1) where the context asks for colour. Null: the
 * reporter of uncoloured output only (loadReporter), which is what most runs draw (a CI log, a pipe, -o):
 * they then never load chalk, whose styles take ~0.7 ms to set up as it loads.
 */
export function tableReporter(chalk: ChalkInstance | null): Reporter {
  return (result, ctx) => {
    if (!ctx.color) return renderTable(result, ctx, UNCOLOURED);
    if (chalk === null) throw new Error('the table reporter was loaded without chalk: loadReporter("table", true) draws in colour');
    return renderTable(result, ctx, chalkStyles(chalk));
  };
}

function renderTable(result: ScreenResult, ctx: RenderContext, styles: Styles): string {
  const out: string[] = [];
  const wrap = (text: string): string => wrapText(text, ctx.width);
  const direct = result.findings.filter((f) => f.kind === 'direct');
  const indirect = result.findings.filter((f) => f.kind === 'indirect');
  if (result.findings.length === 0) {
    const text = wrap(noMatchText(result.summary));
    out.push(result.summary.notLookedThrough.length === 0 ? styles.green(text) : styles.yellow(text));
  }
  if (direct.length > 0) {
    if (indirect.length > 0) out.push(styles.bold('Held directly'));
    const columns: Column[] = [
      { head: 'Status', min: 7, priority: 9 },
      { head: 'Entity', min: 10, priority: 8 },
      { head: 'Holding', min: 12, priority: 7 },
      { head: 'Matched on', min: 10, priority: 4 },
      { head: 'Value', min: 8, priority: 6, right: true },
      { head: 'Weight', min: 7, priority: 3, right: true },
      { head: 'Source', min: 12, priority: 5, keepEnd: true },
    ];
    const rows = direct.map((f): Cell[] => [
      statusCell(f, styles),
      sanitize(describeTarget(f.match)),
      holdingCell(f),
      sanitize(matchShort(f)),
      findingValueText(f.exposure),
      formatWeight(f.exposure.weight),
      sourceCell(f),
    ]);
    out.push(fittedTable(columns, rows, ctx));
  }
  if (indirect.length > 0) {
    out.push(styles.bold('Held through funds'));
    const columns: Column[] = [
      { head: 'Status', min: 7, priority: 9 },
      { head: 'Entity', min: 10, priority: 8 },
      { head: 'Through', min: 7, priority: 7 },
      { head: 'Share', min: 7, priority: 3, right: true },
      { head: 'Basis', min: 8, priority: 2 },
      { head: 'Exposure', min: 8, priority: 6, right: true },
      { head: 'Weight', min: 7, priority: 1, right: true },
      { head: 'Source', min: 12, priority: 4, keepEnd: true },
    ];
    const rows = indirect.map((f): Cell[] => {
      const via = f.via;
      return [
        statusCell(f, styles),
        sanitize(describeTarget(f.match)),
        sanitize(via === undefined ? '' : via.chain.map((h) => h.ticker).join(' → ')),
        via === undefined || via.weight === null ? '—' : formatWeight(via.weight),
        sanitize(via === undefined ? '' : `${via.basis.kind}${via.basis.date === null ? '' : ` ${via.basis.date}`}`),
        findingValueText(f.exposure),
        formatWeight(f.exposure.weight),
        sourceCell(f),
      ];
    });
    out.push(fittedTable(columns, rows, ctx));
  }
  const clean = result.summary.byFund.filter((b) => b.findings === 0);
  if (clean.length > 0)
    out.push(styles.dim(wrap(`Looked through, holding none of the list: ${clean.map((b) => `${b.ticker} (line ${b.line})`).join(', ')}`)));
  const gaps = result.summary.notLookedThrough.filter((u) => u.acceptedBy === null);
  const acceptedGaps = result.summary.notLookedThrough.filter((u) => u.acceptedBy !== null);
  if (gaps.length > 0) out.push(styles.yellow(wrap(sanitize(notLookedThroughText(gaps, { withFile: result.inputs.length > 1 })))));
  if (acceptedGaps.length > 0) out.push(styles.dim(wrap(sanitize(acceptedGapsText(acceptedGaps, { withFile: result.inputs.length > 1 })))));
  if (ctx.verbose) {
    for (const f of result.findings) out.push(wrap(`${sanitize(`${f.holding.file}:${f.holding.line}`)}: ${sanitize(findingReason(f))}`));
    for (const input of result.inputs) {
      for (const s of input.skipped)
        out.push(
          styles.dim(
            wrap(sanitize(`${input.file}:${s.line}: skipped, ${SKIP_REASON_TEXT[s.reason]}${s.text === '' ? '' : `: ${s.text}`}`)),
          ),
        );
    }
  }
  for (const input of result.inputs) {
    for (const w of input.warnings) {
      out.push(styles.yellow(wrap(sanitize(`warning: ${input.file}:${w.line}: ${warningText(w)}`))));
    }
  }
  const currencies = result.summary.byCurrency;
  const conversion = result.summary.conversion;
  if (currencies !== undefined && valuesNotAddedUp(result.summary))
    out.push(styles.yellow(wrap(`warning: ${severalCurrenciesText(currencies, conversion)}`)));
  else if (conversion !== undefined) out.push(wrap(`note: ${conversionText(conversion)}`));
  for (const c of currencies ?? []) out.push(wrap(`  ${currencyTotalText(c)}`));
  const line = wrap(summaryLine(result));
  out.push(result.summary.counts.flagged > 0 ? styles.red(line) : line);
  return `${out.join('\n')}\n`;
}
