// The ignore file: accountable exceptions. Each rule names an entity, a reason and an expiry, and
// may narrow itself to a file, account, ticker, ISIN or kind. Expired rules stop applying and say so;
// rules that matched nothing are reported, so stale exceptions do not pile up (audit-ci's idea).

import type { Finding, GapRuleRef, IgnoreRuleRef, IgnoreSummary, ScreenResult, UnscreenedFund } from '../model.js';
import type { GapRule, IgnoreFile, IgnoreRule } from './ignore-schema.js';
import { compareFindings, resummarize } from './aggregate.js';

export type { IgnoreFile } from './ignore-schema.js';

function gapRef(rule: GapRule, index: number): GapRuleRef {
  return { index, fund: rule.fund, reason: rule.reason, expires: rule.expires, owner: rule.owner ?? null };
}

/** Whether a gap rule covers a fund position: its ticker, ISIN or name, and the file and account it names. */
function gapRuleCovers(rule: GapRule, gap: UnscreenedFund): boolean {
  if (!sameText(gap.ticker, rule.fund) && !sameText(gap.isin, rule.fund) && !sameText(gap.name, rule.fund)) return false;
  if (rule.file !== undefined && !fileMatches(gap.file, rule.file)) return false;
  if (rule.account !== undefined && !sameText(gap.account, rule.account)) return false;
  return true;
}

function ref(rule: IgnoreRule, index: number): IgnoreRuleRef {
  return { index, entity: rule.entity, reason: rule.reason, expires: rule.expires, owner: rule.owner ?? null };
}

function sameText(a: string | null, b: string): boolean {
  return a !== null && a.trim().toLowerCase() === b.trim().toLowerCase();
}

function fileMatches(findingFile: string, ruleFile: string): boolean {
  const normal = (p: string) => p.replace(/\\/g, '/').replace(/^\.\//, '');
  const f = normal(findingFile);
  const r = normal(ruleFile);
  return f === r || f.endsWith(`/${r}`);
}

/** Whether a rule covers a finding: same entity, and every scope field it names agrees. */
function ruleCovers(rule: IgnoreRule, finding: Finding): boolean {
  const h = finding.holding;
  if (rule.entity !== finding.match.target.entityId) return false;
  if (rule.file !== undefined && !fileMatches(h.file, rule.file)) return false;
  if (rule.account !== undefined && !sameText(h.account, rule.account)) return false;
  if (rule.ticker !== undefined && !sameText(h.ticker, rule.ticker)) return false;
  if (rule.isin !== undefined && !sameText(h.isin, rule.isin)) return false;
  if (rule.kind !== undefined && rule.kind !== finding.kind) return false;
  return true;
}

/**
 * Applies the rules in force on `today` (a rule expiring today still applies). Returns the result with
 * covered findings marked `ignored`, the summary recomputed, and what expired or went unused.
 */
export function applyIgnoreRules(
  result: ScreenResult,
  file: IgnoreFile,
  path: string,
  today: string,
): { readonly result: ScreenResult; readonly ignore: IgnoreSummary } {
  const active = file.ignore.map((rule, index) => ({ rule, index, expired: rule.expires < today }));
  const used = new Set<number>();
  let applied = 0;
  const findings = result.findings.map((f): Finding => {
    if (f.status === 'ignored') return f;
    const hit = active.find((a) => !a.expired && ruleCovers(a.rule, f));
    if (hit === undefined) return f;
    used.add(hit.index);
    applied++;
    return { ...f, status: 'ignored', ignoredBy: ref(hit.rule, hit.index) };
  });
  const expired = active.filter((a) => a.expired).map((a) => ref(a.rule, a.index));
  const unused = active.filter((a) => !a.expired && !used.has(a.index)).map((a) => ref(a.rule, a.index));

  const activeGaps = file.notLookedThrough.map((rule, index) => ({ rule, index, expired: rule.expires < today }));
  const usedGaps = new Set<number>();
  let accepted = 0;
  const notLookedThrough = result.summary.notLookedThrough.map((gap): UnscreenedFund => {
    const hit = activeGaps.find((a) => !a.expired && gapRuleCovers(a.rule, gap));
    if (hit === undefined) return gap;
    usedGaps.add(hit.index);
    accepted++;
    return { ...gap, acceptedBy: gapRef(hit.rule, hit.index) };
  });
  const gaps: IgnoreSummary['gaps'] = {
    rules: file.notLookedThrough.length,
    applied: accepted,
    expired: activeGaps.filter((a) => a.expired).map((a) => gapRef(a.rule, a.index)),
    unused: activeGaps.filter((a) => !a.expired && !usedGaps.has(a.index)).map((a) => gapRef(a.rule, a.index)),
  };
  const ignore: IgnoreSummary = { file: path, rules: file.ignore.length, applied, expired, unused, gaps };
  findings.sort(compareFindings);
  const summary = { ...resummarize(findings, result.summary), notLookedThrough };
  return { result: { ...result, findings, summary, ignore }, ignore };
}
