// A board paper: one self-contained HTML page (inline CSS and SVG, no script, nothing loaded from the
// network, a Content-Security-Policy that forbids it) that prints on A4 and Letter. The headline verdict
// first, then the pictures, then every line of evidence, and what was not screened.

import { inputProblems, screenVerdict, valuesNotAddedUp } from '../exposure/policy.js';
import type { Finding, ScreenResult } from '../model.js';
import {
  acceptedGapsText,
  basisText,
  conversionText,
  coverageText,
  currencyTotalText,
  dateNotes,
  describeTarget,
  EMPTY_TEXT,
  expiredGapRuleText,
  expiredRuleText,
  FINDING_CODE_INFO,
  findingReason,
  flaggedValueText,
  formatListingText,
  gapText,
  ignoredText,
  matchShort,
  inputsText,
  NOT_COVERED_TEXT,
  producedByText,
  REPRODUCE_TEXT,
  reportMetaText,
  severalCurrenciesText,
  SKIP_REASON_TEXT,
  STATUS_LABEL,
  unusedGapRuleText,
  unusedRuleText,
  valueText,
  findingValueText,
  notAddedUpOf,
  VERDICT_LABEL,
  verdictText,
  warningText,
} from './finding-text.js';
import { formatCount, formatMoney, formatWeight, htmlText } from './format.js';
import { entityBars, entityChart, timelineChart, timelineRows } from './html-charts.js';
import type { Reporter } from './types.js';

const TITLE = 'Entity List exposure screen';

const STYLE = `
:root { --ink: #1a1a1a; --muted: #555; --rule: #bbb; --flag: #8b1e1e; --review: #7a5200; --clean: #1d5e2a; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); margin: 0 auto; max-width: 1000px; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid var(--rule); padding-bottom: 3px; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 15px; margin: 18px 0 6px; break-after: avoid; }
p { margin: 6px 0; }
.meta, .note { color: var(--muted); font-size: 12px; }
.verdict { border: 3px solid var(--ink); padding: 10px 14px; margin: 14px 0; break-inside: avoid; }
.verdict h2 { border: 0; margin: 0 0 6px; font-size: 20px; }
.verdict-flagged { border-color: var(--flag); border-style: double; border-width: 6px; }
.verdict-review { border-color: var(--review); border-style: dashed; }
.verdict-clean { border-color: var(--clean); border-style: solid; }
.verdict-word { text-transform: uppercase; letter-spacing: 0.04em; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 12.5px; }
caption { text-align: left; font-weight: 600; padding: 4px 0; caption-side: top; }
th, td { border: 1px solid var(--rule); padding: 3px 6px; vertical-align: top; text-align: left; unicode-bidi: isolate; overflow-wrap: break-word; }
td[class^="status-"], td.date { white-space: nowrap; }
td.evidence { overflow-wrap: anywhere; min-width: 16em; }
thead th { background: #eee; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; overflow-wrap: normal; }
td.hash, code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 11.5px; overflow-wrap: anywhere; }
.status-flagged { font-weight: 700; color: var(--flag); }
.status-review { font-weight: 600; color: var(--review); }
.status-ignored { color: var(--muted); }
figure { margin: 8px 0 14px; break-inside: avoid; }
figcaption { font-size: 12px; color: var(--muted); }
svg.chart { display: block; max-width: 100%; height: auto; font-size: 12px; }
svg .row-name { font-size: 11.5px; }
svg .bar-name, svg .row-name { font-weight: 600; fill: var(--ink); }
svg .bar-label, svg .tick-label, svg .legend text, svg .bar-unknown-label, svg .as-of-label { fill: var(--ink); }
svg .bar-direct { fill: var(--flag); stroke: var(--ink); stroke-width: 0.5; }
svg .bar-indirect { stroke: var(--flag); stroke-width: 1; }
svg .hatch-ground { fill: #f6dede; }
svg .hatch-line { stroke: var(--flag); stroke-width: 2.5; }
svg .bar-unknown { fill: none; stroke: var(--ink); stroke-width: 1.2; stroke-dasharray: 4 3; }
svg .axis, svg .tick { stroke: var(--muted); stroke-width: 1; }
svg .tick { stroke-dasharray: 1 3; }
svg .row-line { stroke: #ddd; stroke-width: 1; }
svg .mark-primary { fill: var(--flag); stroke: var(--ink); stroke-width: 1; }
svg .mark-other { fill: #fff; stroke: var(--ink); stroke-width: 1.5; }
svg .mark-ended { fill-opacity: 0.3; stroke-dasharray: 2 1; }
svg .as-of-line { stroke: var(--ink); stroke-width: 2; stroke-dasharray: 6 3; }
svg .as-of-label { font-weight: 600; }
footer { margin-top: 28px; border-top: 1px solid var(--rule); padding-top: 6px; }
@media print, (max-width: 820px) {
  td.evidence { min-width: 0; }
  td.hash { overflow-wrap: anywhere; }
}
@page { margin: 14mm 12mm 16mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { margin-top: 16px; }
  table { font-size: 8.5pt; }
  th, td { padding: 2px 4px; }
  thead { display: table-header-group; }
  tfoot { display: table-footer-group; }
  tr, td, th { break-inside: avoid; page-break-inside: avoid; }
  section { break-inside: auto; }
  a { color: inherit; text-decoration: none; }
}
`;

/** Text from anywhere (input files included) in an element; nothing is trusted. */
function el(tag: string, text: string, attrs = ''): string {
  return `<${tag}${attrs === '' ? '' : ` ${attrs}`}>${htmlText(text)}</${tag}>`;
}

type CellSpec = string | { readonly text: string; readonly className: string };

/** A file path or file:line, which may break after each slash. */
const path = (text: string): CellSpec => ({ text, className: 'path' });

/** A table with a caption, column headers scoped to their columns, and escaped cells. */
function table(caption: string, head: readonly CellSpec[], rows: readonly (readonly CellSpec[])[], id: string): string {
  const cell = (tag: 'td' | 'th', c: CellSpec, scope = ''): string => {
    if (typeof c === 'string') return el(tag, c, scope);
    const attrs = `${scope}${scope === '' ? '' : ' '}class="${c.className}"`;
    return c.className === 'path' ? `<${tag} ${attrs}>${htmlText(c.text).replace(/\//g, '/<wbr>')}</${tag}>` : el(tag, c.text, attrs);
  };
  return (
    `<table id="${id}">${el('caption', caption)}<thead><tr>${head.map((h) => cell('th', h, 'scope="col"')).join('')}</tr></thead>` +
    `<tbody>${rows.map((r) => `<tr>${r.map((c) => cell('td', c)).join('')}</tr>`).join('')}</tbody></table>`
  );
}

const num = (text: string): CellSpec => ({ text, className: 'num' });
const date = (text: string): CellSpec => ({ text, className: 'date' });
/** A share, its number and "%" kept on one line. */
const weight = (share: number | null): CellSpec => num(formatWeight(share).replace(' %', '\u00a0%'));

function section(id: string, heading: string, body: readonly string[]): string {
  return `<section id="${id}" aria-labelledby="${id}-h">${el('h2', heading, `id="${id}-h"`)}${body.join('')}</section>`;
}

function source(f: Finding): string {
  return `${f.holding.file}:${f.holding.line}${f.holding.account === null ? '' : ` [${f.holding.account}]`}`;
}

function holdingText(f: Finding): string {
  const h = f.holding;
  const parts = [h.name, h.ticker === null ? null : `(${h.ticker})`].filter((p) => p !== null);
  return parts.join(' ') || h.isin || h.sedol || h.cusip || '';
}

function findingRows(findings: readonly Finding[]): CellSpec[][] {
  return findings.map((f) => [
    { text: STATUS_LABEL[f.status], className: `status-${f.status}` },
    describeTarget(f.match),
    holdingText(f),
    matchShort(f),
    num(f.match.score.toFixed(2)),
    num(findingValueText(f.exposure)),
    weight(f.exposure.weight),
    path(source(f)),
    { text: f.ignoredBy === null ? findingReason(f) : `${findingReason(f)}; ${ignoredText(f.ignoredBy)}`, className: 'evidence' },
  ]);
}

const FINDING_HEAD: readonly CellSpec[] = [
  'Status',
  'Entity',
  'Holding',
  'Matched on',
  num('Score'),
  num('Value'),
  num('Share'),
  'Source file:line',
  'Evidence',
];

function verdictSection(result: ScreenResult): string {
  const verdict = screenVerdict(result);
  const problems = inputProblems(result.inputs).length;
  const rows = result.inputs.reduce((acc, i) => ({ screened: acc.screened + i.rows.screened, skipped: acc.skipped + i.rows.skipped }), {
    screened: 0,
    skipped: 0,
  });
  const s = result.summary;
  const open = s.notLookedThrough.filter((u) => u.acceptedBy === null);
  const facts: [string, string][] = [
    ['Files', inputsText(result.inputs, (n) => String(n))],
    ['Rows screened', formatCount(rows.screened)],
    ['Rows skipped', formatCount(rows.skipped)],
    ['Flagged', `${s.counts.flagged}, value ${flaggedValueText(s)}`],
    ['For review', String(s.counts.review)],
    ['Ignored', String(s.counts.ignored)],
    ['Portfolio value', formatMoney(s.portfolioValue)],
    ...currencyFacts(s),
    ['Funds looked through', s.byFund.length === 0 ? '0' : `${s.byFund.length} (${s.byFund.map((b) => b.ticker).join(', ')})`],
    ['Funds not looked through', open.length === 0 ? '0' : `${open.length} (${open.map((u) => gapText(u)).join('; ')})`],
    ['List version', `${result.dataset.version}, reviewed ${result.dataset.reviewedAt}`],
    ['As of', result.asOf],
  ];
  return (
    `<section id="verdict" class="verdict verdict-${verdict}" aria-labelledby="verdict-h" data-verdict="${verdict}">` +
    `<h2 id="verdict-h">Verdict: <span class="verdict-word">${htmlText(VERDICT_LABEL[verdict])}</span></h2>` +
    el('p', verdictText(verdict, result, problems), 'class="verdict-text"') +
    el('p', coverageText(result)) +
    el('p', NOT_COVERED_TEXT, 'class="note"') +
    `<dl class="facts">${facts.map(([k, v]) => `${el('dt', k)}${el('dd', v)}`).join('')}</dl></section>`
  );
}

/** The verdict's facts on currency: the conversion or the warning, and each currency's own totals. */
function currencyFacts(s: ScreenResult['summary']): [string, string][] {
  const facts: [string, string][] = [];
  if (s.byCurrency !== undefined && valuesNotAddedUp(s)) facts.push(['Currencies', severalCurrenciesText(s.byCurrency, s.conversion)]);
  else if (s.conversion !== undefined) facts.push(['Currency', conversionText(s.conversion)]);
  for (const c of s.byCurrency ?? []) facts.push([`In ${c.currency ?? 'no stated currency'}`, currencyTotalText(c)]);
  return facts;
}

function entitySection(result: ScreenResult): string {
  const bars = entityBars(result);
  if (bars.length === 0) return section('by-entity', 'Exposure by entity', [el('p', EMPTY_TEXT.noExposure)]);
  const title = 'Flagged exposure by entity';
  return section('by-entity', 'Exposure by entity', [
    `<figure>${entityChart(bars, title)}</figure>`,
    table(
      title,
      ['Entity', num('Flagged holdings'), num('Held directly'), num('Through funds'), num('Value unknown'), num('Value'), num('Share')],
      bars.map((b) => [
        b.name,
        num(String(b.findings)),
        num(formatMoney(b.direct)),
        num(formatMoney(b.indirect)),
        num(String(b.unknown)),
        num(valueText(b.direct + b.indirect, b.unknown, b.findings, notAddedUpOf(result.summary))),
        weight(b.share),
      ]),
      'entity-table',
    ),
  ]);
}

function fundSection(result: ScreenResult): string {
  const funds = result.summary.byFund;
  if (funds.length === 0) return section('by-fund', 'Exposure by fund', [el('p', EMPTY_TEXT.noFunds)]);
  const rows = funds.map((b): CellSpec[] => {
    const own = result.findings.filter((f) => f.kind === 'indirect' && f.holding.file === b.file && f.holding.line === b.line);
    const bases = [...new Set(own.map((f) => (f.via === undefined ? '' : basisText(f.via.basis))))].filter((t) => t !== '');
    const flagged = own.filter((f) => f.status === 'flagged');
    const unknown = flagged.filter((f) => f.exposure.value === null).length;
    return [
      `${b.ticker} ${b.name}`,
      path(`${b.file}:${b.line}`),
      num(formatMoney(b.positionValue)),
      num(String(b.findings)),
      num(flagged.length === 0 ? formatMoney(0) : valueText(b.flaggedValue, unknown, flagged.length, notAddedUpOf(result.summary))),
      [...new Set(own.map((f) => f.match.target.entityName))].join(', ') || '—',
      path(bases.join('; ') || '—'),
    ];
  });
  return section('by-fund', 'Exposure by fund', [
    table(
      'Fund positions looked through',
      ['Fund', 'Portfolio file:line', num('Position value'), num('Findings'), num('Flagged value'), 'Entities held', 'Looked through from'],
      rows,
      'fund-table',
    ),
  ]);
}

function timelineSection(result: ScreenResult): string {
  const rows = timelineRows(result);
  if (rows.length === 0) return section('timeline', 'Listing dates', [el('p', EMPTY_TEXT.noTimeline)]);
  const title = `Listing dates of the entities found, against the as-of date ${result.asOf}`;
  const listed = rows.flatMap((r) =>
    r.listings.map((l): CellSpec[] => [
      r.name,
      l.list,
      date(l.date),
      l.primary ? 'yes' : 'no',
      date(l.ended ?? '—'),
      formatListingText(l, result.asOf),
    ]),
  );
  return section('timeline', 'Listing dates', [
    `<figure>${timelineChart(rows, result.asOf, title)}</figure>`,
    table(title, ['Entity', 'List', 'Listed', 'Entity List listing', 'Ended', 'Against the as-of date'], listed, 'timeline-table'),
  ]);
}

function findingsSection(result: ScreenResult): string {
  const shown = result.findings.filter((f) => f.status !== 'review');
  if (shown.length === 0) return section('findings', 'Findings', [el('p', EMPTY_TEXT.noFindings)]);
  return section('findings', 'Findings', [
    table('Flagged and ignored holdings, with their evidence', FINDING_HEAD, findingRows(shown), 'findings-table'),
  ]);
}

function reviewSection(result: ScreenResult): string {
  const review = result.findings.filter((f) => f.status === 'review');
  if (review.length === 0) return section('review', 'For review', [el('p', EMPTY_TEXT.noReview)]);
  return section('review', 'For review', [
    el('p', `${FINDING_CODE_INFO.REVIEW_HOLDING.description} ${FINDING_CODE_INFO.REVIEW_HOLDING.help}`),
    table('Holdings for a person to decide on', FINDING_HEAD, findingRows(review), 'review-table'),
  ]);
}

function gapsSection(result: ScreenResult): string {
  const body: string[] = [];
  const s = result.summary;
  const open = s.notLookedThrough.filter((u) => u.acceptedBy === null);
  const accepted = s.notLookedThrough.filter((u) => u.acceptedBy !== null);
  const notes: string[] = [];
  for (const input of result.inputs) for (const w of input.warnings) notes.push(`${input.file}:${w.line}: ${warningText(w)}`);
  notes.push(...dateNotes(result));
  if (result.ignore !== undefined) {
    const file = result.ignore.file;
    for (const rule of result.ignore.expired) notes.push(`${file}: ${expiredRuleText(rule)}`);
    for (const rule of result.ignore.unused) notes.push(`${file}: ${unusedRuleText(rule)}`);
    for (const rule of result.ignore.gaps.expired) notes.push(`${file}: ${expiredGapRuleText(rule)}`);
    for (const rule of result.ignore.gaps.unused) notes.push(`${file}: ${unusedGapRuleText(rule)}`);
  }
  if (open.length > 0) {
    body.push(el('p', `${FINDING_CODE_INFO.FUND_NOT_LOOKED_THROUGH.summary} ${FINDING_CODE_INFO.FUND_NOT_LOOKED_THROUGH.help}`));
    body.push(
      table(
        'Fund positions not looked through',
        ['Position', 'File:line', num('Position value'), 'Why'],
        open.map((u) => [u.ticker ?? u.name ?? u.isin ?? '—', path(`${u.file}:${u.line}`), num(formatMoney(u.positionValue)), gapText(u)]),
        'gap-table',
      ),
    );
  }
  if (accepted.length > 0) body.push(el('p', acceptedGapsText(accepted, { withFile: true })));
  if (notes.length > 0) body.push(`<ul class="notes">${notes.map((n) => el('li', n)).join('')}</ul>`);
  if (open.length === 0 && notes.length === 0 && inputProblems(result.inputs).length === 0) body.push(el('p', EMPTY_TEXT.noGaps));
  const skipped = result.inputs.flatMap((i) =>
    i.skipped.map((row): CellSpec[] => [
      path(i.file),
      num(row.lines !== undefined && row.lines > 1 ? `${row.line}–${row.line + row.lines - 1}` : String(row.line)),
      SKIP_REASON_TEXT[row.reason],
      row.text,
    ]),
  );
  body.push(
    skipped.length === 0
      ? el('p', EMPTY_TEXT.noSkipped)
      : table('Every row skipped, and why', ['File', num('Line'), 'Reason', 'Text of the row'], skipped, 'skipped-table'),
  );
  return section('gaps', 'Open gaps and skipped rows', body);
}

function inputsSection(result: ScreenResult, options: readonly (readonly [string, string])[] | undefined): string {
  const rows = result.inputs.map((i): CellSpec[] => [
    path(i.file),
    i.encoding,
    date(i.asOf ?? '—'),
    num(String(i.rows.screened)),
    num(String(i.rows.skipped)),
    num(formatMoney(i.portfolioValue)),
    { text: i.sha256 ?? '—', className: 'hash' },
  ]);
  const body = [
    el('p', REPRODUCE_TEXT),
    table(
      'Files screened',
      ['File', 'Encoding', 'File date', num('Rows screened'), num('Rows skipped'), num('Value'), 'SHA-256'],
      rows,
      'inputs-table',
    ),
  ];
  if (options !== undefined && options.length > 0) {
    body.push(
      table(
        'Options of the screen',
        ['Option', 'Value'],
        options.map(([flag, value]) => [flag, value === '' ? '(on)' : value]),
        'options-table',
      ),
    );
  }
  return section('inputs', 'Inputs and options', body);
}

/** The whole report as one HTML page. */
export const renderHtml: Reporter = (result, ctx) => {
  const verdict = screenVerdict(result);
  const head =
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">\n` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    `<meta name="generator" content="${htmlText(`${ctx.tool.name} ${ctx.tool.version}`)}">\n` +
    `${el('title', `${TITLE}: ${VERDICT_LABEL[verdict]}, as of ${result.asOf}`)}\n<style>${STYLE}</style>\n</head>\n`;
  const body = [
    `<header>${el('h1', TITLE)}${el('p', reportMetaText(result), 'class="meta"')}</header>`,
    '<main>',
    verdictSection(result),
    entitySection(result),
    fundSection(result),
    timelineSection(result),
    findingsSection(result),
    reviewSection(result),
    gapsSection(result),
    inputsSection(result, ctx.options),
    '</main>',
    `<footer>${el('p', producedByText(ctx.tool, result), 'class="note"')}</footer>`,
  ];
  return `${head}<body>\n${body.join('\n')}\n</body>\n</html>\n`;
};
