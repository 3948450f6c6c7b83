// What a screen's result needs before it is reported: the checks that make it exit 2 (--strict, a file
// with no holding rows), the ignore file, and the lines on stderr that say what the report cannot.

import { InputError, UsageError } from '../errors.js';
import { exposureBase } from '../exposure/aggregate.js';
import { applyIgnoreRules, type IgnoreFile } from '../exposure/ignore.js';
import { inputProblems, limitUncheckable, policyVerdict, type FailPolicy } from '../exposure/policy.js';
import type { DatasetFile } from '../dataset/schema.js';
import type { ScreenResult } from '../model.js';
import {
  dateNotes,
  expiredGapRuleText,
  expiredRuleText,
  inputProblemsText,
  notLookedThroughText,
  mixedCurrencyLimitText,
  policyVerdictText,
  unusedGapRuleText,
  unusedRuleText,
} from '../report/finding-text.js';
import type { LookThroughOptions } from '../screen.js';
import { mayHidePosition } from '../normalize/row-accounting.js';

/** Exit 2 when a file gave no holding rows, or with --strict when a row could not be screened or carries a warning. */
export function checkScreened(result: ScreenResult, strict: boolean): void {
  for (const input of result.inputs) {
    if (!strict) break;
    const doubtful = input.skipped.filter((s) => mayHidePosition(s.reason));
    const first = doubtful[0] ?? null;
    const warning = input.warnings[0] ?? null;
    if (first !== null) {
      throw new InputError(
        'STRICT_SKIPPED',
        input.file,
        first.line,
        `${input.file}:${first.line}: --strict: ${doubtful.length} row(s) could not be screened (${first.reason}: ${first.text})`,
        {
          hint: 'run inspect on the file, or name its columns with --columns',
        },
      );
    }
    if (warning !== null) {
      throw new InputError(
        'STRICT_WARNING',
        input.file,
        warning.line,
        `${input.file}:${warning.line}: --strict: ${input.warnings.length} row warning(s), first: ${warning.column} "${warning.value}" (${warning.code})`,
        {
          hint: 'fix the value or run without --strict',
        },
      );
    }
  }
  for (const input of result.inputs) {
    // A workbook's sheet with no holdings table is set aside and said; the workbook's reader refused it when no sheet had one.
    if (input.rows.screened === 0 && input.sheet?.holdingsTable !== false) {
      throw new InputError(
        'NO_ROWS',
        input.file,
        null,
        `${input.file}: no holding rows were found under the header (${input.rows.skipped} rows skipped)`,
        {
          hint: 'run with --verbose to see why each row was skipped',
        },
      );
    }
  }
}

/** The ignore file applied to the result, with its expired and unused rules said. A rule for an unknown entity fails closed. */
export function applyIgnoreFile(
  result: ScreenResult,
  ignore: { readonly file: IgnoreFile; readonly path: string },
  dataset: DatasetFile,
  today: string,
): { result: ScreenResult; messages: string[] } {
  const known = new Set(dataset.entities.map((e) => e.id));
  const unknown = ignore.file.ignore.findIndex((r) => !known.has(r.entity));
  const rule = ignore.file.ignore[unknown];
  if (rule !== undefined) {
    // A misspelt id would silently ignore nothing: fail closed, like any malformed rule.
    throw new UsageError(`ignore file ${ignore.path}: ignore[${unknown}].entity: "${rule.entity}" is not an entity of the list`, {
      hint: 'see exposure-screener entities for the ids',
    });
  }
  const applied = applyIgnoreRules(result, ignore.file, ignore.path, today);
  const messages = [
    ...applied.ignore.expired.map((r) => `warning: ${ignore.path}: ${expiredRuleText(r)}`),
    ...applied.ignore.unused.map((r) => `note: ${ignore.path}: ${unusedRuleText(r)}`),
    ...applied.ignore.gaps.expired.map((r) => `warning: ${ignore.path}: ${expiredGapRuleText(r)}`),
    ...applied.ignore.gaps.unused.map((r) => `note: ${ignore.path}: ${unusedGapRuleText(r)}`),
  ];
  return { result: applied.result, messages };
}

/**
 * What stderr must say that the report alone does not: --funds files not used, open gaps under
 * --require-look-through, the files' dates, rows that keep the screen from being clean, and why a
 * --max-exposure limit could not be checked.
 */
export function outcomeMessages(
  result: ScreenResult,
  funds:
    { readonly options: LookThroughOptions; readonly given: readonly { readonly label: string; readonly fundId: string }[] } | undefined,
  policy: FailPolicy,
  requireLookThrough: boolean,
): string[] {
  const messages: string[] = [];
  // A --funds file no position used (a mistyped ticker or ISIN, a fund the portfolio does not hold) looked through nothing.
  const used = new Set([
    ...result.summary.byFund.map((b) => b.fundId),
    ...result.findings.flatMap((f) => (f.via?.chain ?? []).map((h) => h.fundId)),
  ]);
  for (const reason of funds?.options.refusedFundFiles?.values() ?? []) messages.push(`warning: ${reason}`);
  for (const given of funds?.given ?? []) {
    if (funds?.options.refusedFundFiles?.has(given.fundId) === true) continue;
    if (!used.has(given.fundId))
      messages.push(`warning: --funds ${given.label}: no position of the portfolio is this fund, so the file was not used`);
  }
  const openGaps = result.summary.notLookedThrough.filter((u) => u.acceptedBy === null);
  if (requireLookThrough && openGaps.length > 0) {
    messages.push(
      `--require-look-through: ${notLookedThroughText(openGaps, { withFile: true, shown: 3 })} Or accept the gap with a reason and an expiry in the ignore file's notLookedThrough list.`,
    );
  }
  messages.push(...dateNotes(result));
  const problems = inputProblems(result.inputs);
  if (problems.length > 0) messages.push(`warning: ${inputProblemsText(problems)}`);
  const currencies = result.summary.byCurrency;
  if (currencies !== undefined && limitUncheckable(result, policy)) {
    messages.push(mixedCurrencyLimitText(currencies, result.summary.conversion));
    return messages;
  }
  const why = policyVerdictText(
    policyVerdict(result.findings, exposureBase(result.summary.portfolioValue, result.summary.grossPortfolioValue), policy),
  );
  if (why !== null) messages.push(why);
  return messages;
}
