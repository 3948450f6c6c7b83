// JUnit XML for CI test dashboards (Jenkins, GitLab, Azure DevOps, GitHub test-report actions).
//
// One <testsuite> per input file. Its first <testcase>, "N rows screened", always passes and says what
// was read; then one <testcase> per finding:
//   flagged → <failure type="flagged" message="why it matched">
//   review  → <skipped message="review: why it matched">: a person must decide, so the dashboard shows
//             it apart from passes without failing the build (the exit code follows --fail-on, not this file)
//   ignored → passes, with <system-out> naming the ignore rule, its reason and expiry
// and one <testcase> per fund position that was not looked through: <skipped> (what it holds is
// unknown), or a pass naming the notLookedThrough rule that accepts the gap.
// Deterministic: no timestamps or host names; every time is "0".

import type { Finding, InputSummary, ScreenResult, UnscreenedFund } from '../model.js';
import {
  acceptedGapsText,
  AS_OF_SOURCE_TEXT,
  describeTarget,
  FINDING_CODE_INFO,
  findingReason,
  gapText,
  ignoredText,
  matchShort,
  SKIP_REASON_TEXT,
  STATUS_LABEL,
  warningText,
  conversionText,
  rateText,
  severalCurrenciesText,
} from './finding-text.js';
import { valuesNotAddedUp } from '../exposure/policy.js';
import { formatMoney, formatWeight, sanitize } from './format.js';
import type { Reporter } from './types.js';

/** Characters XML 1.0 allows: tab, LF, CR, and U+0020 upwards minus surrogates, U+FFFE and U+FFFF. */
const XML_ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const XML_ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for XML content or a quoted attribute, dropping characters XML 1.0 cannot hold. */
export function escapeXml(text: string): string {
  return text.replace(XML_ILLEGAL, '').replace(/[&<>"']/g, (c) => XML_ENTITY[c] ?? c);
}

/** Text from an input file as an attribute value: one line, no escape sequences, escaped. */
function attr(text: string): string {
  return escapeXml(sanitize(text));
}

/** Lines of text as element content: each line sanitised, then joined by newlines and escaped. */
function body(lines: readonly string[]): string {
  return escapeXml(lines.map(sanitize).join('\n'));
}

interface Counts {
  readonly tests: number;
  readonly failures: number;
  readonly skipped: number;
}

/** One testsuite: a file, the summary of each input read from it (normally one), its findings. */
interface Suite {
  readonly file: string;
  readonly inputs: readonly InputSummary[];
  readonly findings: readonly Finding[];
  readonly gaps: readonly UnscreenedFund[];
}

function countsOf(suite: Suite): Counts {
  return {
    tests: suite.inputs.length + suite.findings.length + suite.gaps.length,
    failures: suite.findings.filter((f) => f.status === 'flagged').length,
    skipped: suite.findings.filter((f) => f.status === 'review').length + suite.gaps.filter((u) => u.acceptedBy === null).length,
  };
}

function gapCase(u: UnscreenedFund, indent: string): string {
  const name = `${FINDING_CODE_INFO.FUND_NOT_LOOKED_THROUGH.title}: ${u.ticker ?? u.name ?? 'a fund'} (line ${u.line})`;
  const open = `${indent}<testcase classname="${attr(u.file)}" name="${attr(name)}" time="0">`;
  const lines = [gapText(u), `value: ${formatMoney(u.positionValue)}`, FINDING_CODE_INFO.FUND_NOT_LOOKED_THROUGH.help];
  if (u.acceptedBy !== null)
    return `${open}\n${indent}  <system-out>${body([acceptedGapsText([u], { withFile: false }), ...lines])}</system-out>\n${indent}</testcase>`;
  return `${open}\n${indent}  <skipped message="${attr(gapText(u))}"/>\n${indent}  <system-out>${body(lines)}</system-out>\n${indent}</testcase>`;
}

/** A testsuite's counts. */
function countAttrs(c: Counts): string {
  return `tests="${c.tests}" failures="${c.failures}" errors="0" skipped="${c.skipped}" time="0"`;
}

/**
 * The document's counts: no `skipped` on <testsuites>, which the junit-10 schema (Jenkins xunit) does not
 * allow there; each <testsuite> carries its own (test/schemas/junit-ci.xsd).
 */
function totalAttrs(c: Counts): string {
  return `tests="${c.tests}" failures="${c.failures}" errors="0" time="0"`;
}

function holdingText(f: Finding): string {
  const h = f.holding;
  return h.name ?? h.isin ?? h.sedol ?? h.cusip ?? h.ticker ?? '';
}

function detailLines(f: Finding): string[] {
  const h = f.holding;
  return [
    `${STATUS_LABEL[f.status]}: ${describeTarget(f.match)}`,
    `holding: ${holdingText(f)}${h.ticker === null ? '' : ` (${h.ticker})`}`,
    `source: ${h.file}:${h.line}${h.account === null ? '' : ` [${h.account}]`}`,
    `matched on: ${matchShort(f)}`,
    `value: ${formatMoney(f.exposure.value)} (${formatWeight(f.exposure.weight)} of the portfolio)`,
    `reason: ${findingReason(f)}`,
  ];
}

function findingCase(f: Finding, indent: string): string {
  const name = `${STATUS_LABEL[f.status]} ${f.match.target.entityName}: ${holdingText(f)} (line ${f.holding.line})`;
  const open = `${indent}<testcase classname="${attr(f.holding.file)}" name="${attr(name)}" time="0">`;
  const inner = `${indent}  `;
  const reason = findingReason(f);
  switch (f.status) {
    case 'flagged':
      return `${open}\n${inner}<failure type="flagged" message="${attr(reason)}">${body(detailLines(f))}</failure>\n${indent}</testcase>`;
    case 'review':
      return `${open}\n${inner}<skipped message="${attr(`review: ${reason}`)}"/>\n${inner}<system-out>${body(detailLines(f))}</system-out>\n${indent}</testcase>`;
    case 'ignored': {
      const lines = f.ignoredBy === null ? detailLines(f) : [ignoredText(f.ignoredBy), ...detailLines(f)];
      return `${open}\n${inner}<system-out>${body(lines)}</system-out>\n${indent}</testcase>`;
    }
  }
}

function summaryCase(input: InputSummary, indent: string): string {
  const name = `${input.rows.screened} rows screened`;
  const lines = [
    `${input.rows.total} rows: ${input.rows.screened} screened, ${input.rows.skipped} skipped${input.lines === null ? '' : ` (${input.lines.total} lines)`}`,
    `encoding ${input.encoding}${input.asOf === null ? '' : `, as of ${input.asOf} (${AS_OF_SOURCE_TEXT.file})`}`,
    `portfolio value ${formatMoney(input.portfolioValue)}`,
    ...input.skipped.map((s) => `line ${s.line}: skipped, ${SKIP_REASON_TEXT[s.reason]}${s.text === '' ? '' : `: ${s.text}`}`),
    ...input.warnings.map((w) => `line ${w.line}: warning: ${warningText(w)}`),
  ];
  return `${indent}<testcase classname="${attr(input.file)}" name="${attr(name)}" time="0">\n${indent}  <system-out>${body(lines)}</system-out>\n${indent}</testcase>`;
}

function suiteXml(suite: Suite, result: ScreenResult): string {
  const s = result.summary;
  const conversion = s.conversion;
  const props: (readonly [string, string])[] = [
    ['asOf', result.asOf],
    ['asOfSource', result.asOfSource],
    ['dataset.version', result.dataset.version],
    ['dataset.reviewedAt', result.dataset.reviewedAt],
    // The screen's money facts: one currency's totals each, and what --base-currency did.
    ...(s.byCurrency ?? []).flatMap((c): [string, string][] => [
      [`byCurrency.${c.currency ?? 'notStated'}.portfolioValue`, String(c.portfolioValue)],
      [`byCurrency.${c.currency ?? 'notStated'}.flaggedValue`, String(c.flaggedValue)],
    ]),
    ...(s.byCurrency !== undefined && valuesNotAddedUp(s)
      ? [['currency', severalCurrenciesText(s.byCurrency, s.conversion)] as const]
      : []),
    ...(conversion === undefined
      ? []
      : [
          ['conversion', conversionText(conversion)] as const,
          ...conversion.rates.map((r) => [`conversion.rate.${r.currency}`, rateText(r, conversion.base)] as const),
        ]),
  ];
  return [
    // file: where the suite's test cases are, for readers that link or annotate by file (junit-10 allows it here, not on <testcase>).
    `  <testsuite name="${attr(suite.file)}" ${countAttrs(countsOf(suite))} file="${attr(suite.file)}">`,
    '    <properties>',
    ...props.map(([k, v]) => `      <property name="${attr(k)}" value="${attr(v)}"/>`),
    '    </properties>',
    ...suite.inputs.map((i) => summaryCase(i, '    ')),
    ...suite.findings.map((f) => findingCase(f, '    ')),
    ...suite.gaps.map((u) => gapCase(u, '    ')),
    '  </testsuite>',
  ].join('\n');
}

/** Groups findings by file, in the order the files were given. */
function suitesOf(result: ScreenResult): Suite[] {
  const byFile = new Map<string, { inputs: InputSummary[]; findings: Finding[]; gaps: UnscreenedFund[] }>();
  const entry = (file: string): { inputs: InputSummary[]; findings: Finding[]; gaps: UnscreenedFund[] } => {
    let e = byFile.get(file);
    if (e === undefined) {
      e = { inputs: [], findings: [], gaps: [] };
      byFile.set(file, e);
    }
    return e;
  };
  for (const input of result.inputs) entry(input.file).inputs.push(input);
  for (const f of result.findings) entry(f.holding.file).findings.push(f);
  for (const u of result.summary.notLookedThrough) entry(u.file).gaps.push(u);
  return [...byFile.entries()].map(([file, e]) => ({ file, inputs: e.inputs, findings: e.findings, gaps: e.gaps }));
}

/** The report as one JUnit XML document. */
export const renderJunit: Reporter = (result, ctx) => {
  const suites = suitesOf(result);
  const total = suites
    .map(countsOf)
    .reduce((a, c) => ({ tests: a.tests + c.tests, failures: a.failures + c.failures, skipped: a.skipped + c.skipped }), {
      tests: 0,
      failures: 0,
      skipped: 0,
    });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(ctx.tool.name)}" ${totalAttrs(total)}>`,
    ...suites.map((s) => suiteXml(s, result)),
    '</testsuites>',
    '',
  ].join('\n');
};
