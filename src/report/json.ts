// The JSON contract, schemaVersion 1. Later versions may add fields, never remove or rename these.

import type { CurrencyConversion, Finding, IgnoreRuleRef, InputSummary, ScreenResult } from '../model.js';
import { findingReason, noteText, SKIP_REASON_TEXT } from './finding-text.js';
import { stringifyJson } from './format.js';
import type { JsonFinding, JsonIgnoreRule, JsonInput, JsonReport } from './json-schema.js';
import type { RenderContext, Reporter } from './types.js';

const SCHEMA_VERSION = 1;

function findingJson(f: Finding): JsonFinding {
  const h = f.holding;
  return {
    status: f.status,
    kind: f.kind,
    entity: {
      id: f.match.target.entityId,
      name: f.match.target.entityName,
      lists: [...(f.lists ?? [])],
      listings: (f.listings ?? []).map((l) => ({ ...l })),
    },
    related: f.match.target.relation === 'self' ? null : { relation: f.match.target.relation, name: f.match.target.relatedName },
    source: { file: h.file, line: h.line, account: h.account },
    holding: {
      name: h.name,
      ticker: h.ticker,
      exchange: h.exchange,
      isin: h.isin,
      cusip: h.cusip,
      sedol: h.sedol,
      quantity: h.quantity,
      value: h.value,
    },
    match: {
      on: f.match.on,
      score: f.match.score,
      matched: f.match.matched,
      input: f.match.input,
      unverified: f.match.unverified,
      reason: findingReason(f),
      words: f.match.nameEvidence?.method === 'tokens' ? f.match.nameEvidence.words.map((w) => ({ ...w })) : null,
    },
    exposure: {
      value: f.exposure.value,
      weight: f.exposure.weight,
      ...(f.exposure.local === undefined ? {} : { local: { currency: f.exposure.local.currency, value: f.exposure.local.value } }),
    },
    ignoredBy: f.ignoredBy === null ? null : ruleJson(f.ignoredBy),
    via:
      f.via === undefined
        ? null
        : {
            chain: f.via.chain.map((h) => ({
              fund: h.fundId,
              ticker: h.ticker,
              name: h.name,
              file: h.file,
              line: h.line,
              weight: h.weight,
            })),
            basis: { ...f.via.basis },
            constituents: f.via.constituents.map((c) => ({ ...c })),
            weight: f.via.weight,
            notes: f.via.notes.map(noteText),
          },
    beforeListing: f.beforeListing === true,
    listingEnded: f.listingEnded === true,
  };
}

function ruleJson(r: IgnoreRuleRef): JsonIgnoreRule {
  return { index: r.index, entity: r.entity, reason: r.reason, expires: r.expires, owner: r.owner };
}

function inputJson(i: InputSummary): JsonInput {
  return {
    file: i.file,
    encoding: i.encoding,
    sha256: i.sha256,
    asOf: i.asOf,
    asOfLine: i.asOfLine,
    asOfRejected: i.asOfRejected,
    asOfAmbiguous: i.asOfAmbiguous,
    ...(i.asOfConflict === undefined ? {} : { asOfConflict: i.asOfConflict.map((d) => ({ date: d.date, line: d.line })) }),
    values: i.values,
    rows: { total: i.rows.total, screened: i.rows.screened, skipped: i.rows.skipped },
    lines: i.lines === null ? null : { total: i.lines.total, header: i.lines.header, screened: i.lines.screened, skipped: i.lines.skipped },
    portfolioValue: i.portfolioValue,
    skipped: i.skipped.map((s) => ({
      line: s.line,
      reason: s.reason,
      description: SKIP_REASON_TEXT[s.reason],
      text: s.text,
      lines: s.lines ?? 1,
    })),
    warnings: i.warnings.map((w) => ({ line: w.line, code: w.code, column: w.column, value: w.value })),
    ...(i.sheet === undefined
      ? {}
      : { sheet: { workbook: i.sheet.workbook, name: i.sheet.sheet, kind: i.sheet.kind, holdingsTable: i.sheet.holdingsTable } }),
  };
}

/** What --base-currency did, as the JSON report gives it. */
function conversionJson(c: CurrencyConversion): NonNullable<JsonReport['summary']['conversion']> {
  return {
    base: c.base,
    rates: c.rates.map((r) => ({ currency: r.currency, rate: r.rate, asOf: r.asOf, source: r.source })),
    missing: [...c.missing],
    notStatedTakenAsBase: c.notStatedTakenAsBase,
  };
}

/** The report as a plain object, for callers that want it unserialised; its shape is JsonReportSchema. */
function toJsonReport(result: ScreenResult, ctx: Pick<RenderContext, 'tool'>): JsonReport {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: ctx.tool.name, version: ctx.tool.version },
    dataset: { version: result.dataset.version, reviewedAt: result.dataset.reviewedAt, entities: result.dataset.entities },
    asOf: result.asOf,
    asOfSource: result.asOfSource,
    inputs: result.inputs.map(inputJson),
    findings: result.findings.map(findingJson),
    summary: {
      portfolioValue: result.summary.portfolioValue,
      grossPortfolioValue: result.summary.grossPortfolioValue,
      flaggedValue: result.summary.flaggedValue,
      flaggedWeight: result.summary.flaggedWeight,
      flaggedValueKnown: result.summary.flaggedValueKnown,
      flaggedUnknown: result.summary.flaggedUnknown,
      flaggedLong: result.summary.flaggedLong,
      flaggedShort: result.summary.flaggedShort,
      reviewValue: result.summary.reviewValue,
      ...(result.summary.byCurrency === undefined ? {} : { byCurrency: result.summary.byCurrency.map((c) => ({ ...c })) }),
      ...(result.summary.conversion === undefined ? {} : { conversion: conversionJson(result.summary.conversion) }),
      counts: { flagged: result.summary.counts.flagged, review: result.summary.counts.review, ignored: result.summary.counts.ignored },
      byEntity: result.summary.byEntity.map((e) => ({
        id: e.id,
        name: e.name,
        value: e.value,
        knownValue: e.knownValue,
        unknownValue: e.unknownValue,
        findings: e.findings,
      })),
      direct: { ...result.summary.direct },
      indirect: { ...result.summary.indirect },
      byFund: result.summary.byFund.map((b) => ({
        fund: b.fundId,
        ticker: b.ticker,
        name: b.name,
        file: b.file,
        line: b.line,
        positionValue: b.positionValue,
        flaggedValue: b.flaggedValue,
        findings: b.findings,
        bases: [...b.bases],
        entities: [...b.entities],
      })),
      notLookedThrough: result.summary.notLookedThrough.map((u) => ({
        file: u.file,
        line: u.line,
        account: u.account,
        name: u.name,
        ticker: u.ticker,
        isin: u.isin,
        positionValue: u.positionValue,
        evidence: u.evidence,
        acceptedBy: u.acceptedBy === null ? null : { ...u.acceptedBy },
      })),
    },
    ignore:
      result.ignore === undefined
        ? null
        : {
            file: result.ignore.file,
            rules: result.ignore.rules,
            applied: result.ignore.applied,
            expired: result.ignore.expired.map(ruleJson),
            unused: result.ignore.unused.map(ruleJson),
            notLookedThrough: {
              rules: result.ignore.gaps.rules,
              applied: result.ignore.gaps.applied,
              expired: result.ignore.gaps.expired.map((r) => ({ ...r })),
              unused: result.ignore.gaps.unused.map((r) => ({ ...r })),
            },
          },
  };
}

export const renderJson: Reporter = (result, ctx) => stringifyJson(toJsonReport(result, ctx));
