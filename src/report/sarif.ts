// SARIF 2.1.0 for code-scanning dashboards (GitHub code scanning, Azure DevOps, SonarQube import).
// Spec: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
// GitHub's subset: https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning

import { createHash } from 'node:crypto';
import type { Artifact, ArtifactLocation, Log, ReportingDescriptor, Result } from 'sarif';
import type { Finding, InputSummary, ScreenResult, Status, UnscreenedFund } from '../model.js';
import {
  FINDING_CODE,
  FINDING_CODE_INFO,
  findingCode,
  findingReason,
  gapText,
  SRCROOT_DESCRIPTION,
  type FindingCode,
} from './finding-text.js';
import { sanitize, stringifyJson } from './format.js';
import type { RenderContext, Reporter } from './types.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Where to read about the tool; RenderContext carries only its name and version. */
const TOOL_INFORMATION_URI = 'https://www.npmjs.com/package/exposure-screener';
/** The key of our partial fingerprint; bump the version if what is hashed changes. */
export const FINGERPRINT_KEY = 'exposureScreenerHolding/v1';

type Level = 'error' | 'warning' | 'note';

const LEVEL = { flagged: 'error', review: 'warning', ignored: 'note' } as const satisfies Record<Status, Level>;

const RULE_STATUSES: readonly Status[] = ['flagged', 'review', 'ignored'];

/** The base that relative artifact URIs resolve against: the folder the screen ran in. */
export const SRCROOT = 'SRCROOT';

/** "SomeRuleName" from FLAGGED_HOLDING, the form SARIF viewers show as the rule's name. */
function ruleName(code: FindingCode): string {
  return code
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

function ruleOf(code: FindingCode, level: Level): ReportingDescriptor & { id: FindingCode } {
  const info = FINDING_CODE_INFO[code];
  return {
    id: code,
    name: ruleName(code),
    shortDescription: { text: info.summary },
    fullDescription: { text: info.description },
    help: { text: info.help },
    helpUri: TOOL_INFORMATION_URI,
    defaultConfiguration: { level },
    properties: { tags: ['entity-list', 'portfolio-screening'] },
  };
}

/**
 * A file path as a SARIF artifact URI (a URI reference): forward slashes, each segment
 * percent-encoded, a leading "./" dropped; absolute paths become file: URIs.
 */
export function artifactUri(file: string): string {
  const path = file.replace(/\\/g, '/');
  const encode = (p: string): string =>
    p
      .split('/')
      .map((seg) => encodeURIComponent(seg))
      .join('/');
  const drive = /^([A-Za-z]):\//.exec(path);
  if (drive !== null) return `file:///${drive[1]}:/${encode(path.slice(3))}`;
  if (path.startsWith('//')) return `file:${encode(path)}`;
  if (path.startsWith('/')) return `file://${encode(path)}`;
  return encode(path.replace(/^(?:\.\/)+/, ''));
}

/** A folder as a forward-slashed path ending in "/": "C:\\ci\\repo" → "C:/ci/repo/". */
function folderPath(folder: string): string {
  const path = folder.replace(/\\/g, '/');
  return path.endsWith('/') ? path : `${path}/`;
}

/**
 * Where a file is, as SARIF says it: relative to SRCROOT (the folder the screen ran in) when the path is
 * inside it, given relative or absolute, so code scanning finds it in the checkout; else an absolute
 * file: URI (or, without a known folder, the path as given).
 */
export function artifactLocationOf(file: string, cwd: string | undefined): ArtifactLocation {
  const path = file.replace(/\\/g, '/');
  const absolute = path.startsWith('/') || /^[A-Za-z]:\//.test(path);
  const root = cwd === undefined ? null : folderPath(cwd);
  if (absolute) {
    if (root !== null && path.startsWith(root) && path.length > root.length)
      return { uri: artifactUri(path.slice(root.length)), uriBaseId: SRCROOT };
    return { uri: artifactUri(path) };
  }
  const relative = path.replace(/^(?:\.\/)+/, '');
  if (relative.startsWith('../'))
    return root === null ? { uri: artifactUri(path) } : { uri: artifactUri(withoutDotDot(`${root}${relative}`)) };
  return { uri: artifactUri(relative), uriBaseId: SRCROOT };
}

/** "/ci/repo/../other/q4.csv" → "/ci/other/q4.csv": a file outside the folder, named without a detour through it. */
function withoutDotDot(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    // The first segment is "" (a POSIX root) or a drive ("C:"): ".." never climbs above it.
    if (segment === '..' && segments.length > 1) segments.pop();
    else if (segment !== '.' && segment !== '..') segments.push(segment);
  }
  return segments.join('/');
}

/** The file on disk an input is: the workbook, for a sheet of one ("book.xlsx[Holdings]" is in book.xlsx). */
function diskFileOf(input: InputSummary): string {
  return input.sheet?.workbook ?? input.file;
}

/**
 * The run's artifacts: each input file with its SHA-256, so a result can be traced to the exact bytes
 * screened; a workbook once, however many of its sheets were inputs.
 */
function artifactsOf(result: ScreenResult, cwd: string | undefined): { artifacts: Artifact[]; index: Map<string, number> } {
  const artifacts: Artifact[] = [];
  const byDiskFile = new Map<string, number>();
  const index = new Map<string, number>();
  for (const input of result.inputs) {
    const disk = diskFileOf(input);
    let at = byDiskFile.get(disk);
    if (at === undefined) {
      at = artifacts.length;
      byDiskFile.set(disk, at);
      artifacts.push({
        location: artifactLocationOf(disk, cwd),
        roles: ['analysisTarget'],
        encoding: input.encoding,
        ...(input.sha256 === null ? {} : { hashes: { 'sha-256': input.sha256 } }),
      });
    }
    index.set(input.file, at);
  }
  return { artifacts, index };
}

/** Where a result is: its file (with the index of its artifact, when it is an input) and line; a sheet's row is its line. */
type Place = (file: string, line: number) => Result['locations'];

function placeOf(result: ScreenResult, cwd: string | undefined, index: ReadonlyMap<string, number>): Place {
  const inputs = new Map(result.inputs.map((input) => [input.file, input]));
  return (file, line) => {
    const i = index.get(file);
    const input = inputs.get(file);
    const sheet = input?.sheet;
    return [
      {
        physicalLocation: {
          artifactLocation: {
            ...artifactLocationOf(input === undefined ? file : diskFileOf(input), cwd),
            ...(i === undefined ? {} : { index: i }),
          },
          region: { startLine: line },
        },
        // The sheet, which a file's path and line cannot say.
        ...(sheet === undefined
          ? {}
          : { logicalLocations: [{ name: sanitize(sheet.sheet), fullyQualifiedName: sanitize(file), kind: 'sheet' }] }),
      },
    ];
  };
}

/** What identifies a position across runs, whatever line it moves to: entity, file, account, security. */
function fingerprintOf(f: Finding): string {
  const h = f.holding;
  const security =
    h.isin ?? h.sedol ?? h.cusip ?? (h.ticker === null ? null : `${h.exchange ?? ''} ${h.ticker}`) ?? (h.name ?? '').trim().toUpperCase();
  return createHash('sha256')
    .update([f.match.target.entityId, artifactUri(h.file), h.account ?? '', security].join('\u0000'))
    .digest('hex');
}

function resultOf(f: Finding, ruleIndex: ReadonlyMap<FindingCode, number>, fingerprint: string, place: Place): Result {
  const code = findingCode(f);
  const h = f.holding;
  return {
    ruleId: code,
    ruleIndex: ruleIndex.get(code) ?? -1,
    level: LEVEL[f.status],
    message: { text: sanitize(findingReason(f)) },
    locations: place(h.file, h.line),
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
    ...(f.ignoredBy === null
      ? {}
      : { suppressions: [{ kind: 'external', status: 'accepted', justification: sanitize(f.ignoredBy.reason) }] }),
    properties: {
      status: f.status,
      kind: f.kind,
      entityId: f.match.target.entityId,
      entityName: f.match.target.entityName,
      relation: f.match.target.relation,
      holdingName: h.name === null ? null : sanitize(h.name),
      account: h.account === null ? null : sanitize(h.account),
      isin: h.isin,
      sedol: h.sedol,
      cusip: h.cusip,
      ticker: h.ticker,
      matchedOn: f.match.on,
      score: f.match.score,
      value: f.exposure.value,
      weight: f.exposure.weight,
    },
  };
}

const GAP_CODE: FindingCode = 'FUND_NOT_LOOKED_THROUGH';

/** What identifies a fund position across runs: the file, the account and the fund. */
function gapFingerprintOf(u: UnscreenedFund): string {
  const fund = u.isin ?? u.ticker ?? (u.name ?? '').trim().toUpperCase();
  return createHash('sha256')
    .update(['fund-not-looked-through', artifactUri(u.file), u.account ?? '', fund].join('\u0000'))
    .digest('hex');
}

/** A fund position not looked through: a warning where it sits, suppressed when the ignore file accepts the gap. */
function gapResultOf(u: UnscreenedFund, ruleIndex: ReadonlyMap<FindingCode, number>, fingerprint: string, place: Place): Result {
  return {
    ruleId: GAP_CODE,
    ruleIndex: ruleIndex.get(GAP_CODE) ?? -1,
    level: 'warning',
    message: { text: sanitize(gapText(u)) },
    locations: place(u.file, u.line),
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
    ...(u.acceptedBy === null
      ? {}
      : { suppressions: [{ kind: 'external', status: 'accepted', justification: sanitize(u.acceptedBy.reason) }] }),
    properties: {
      holdingName: u.name === null ? null : sanitize(u.name),
      account: u.account === null ? null : sanitize(u.account),
      ticker: u.ticker,
      isin: u.isin,
      value: u.positionValue,
      evidence: sanitize(u.evidence),
    },
  };
}

/** The report as a SARIF log object. */
function toSarifLog(result: ScreenResult, ctx: RenderContext): Log {
  const { tool, cwd } = ctx;
  const rules = [...RULE_STATUSES.map((status) => ruleOf(FINDING_CODE[status], LEVEL[status])), ruleOf(GAP_CODE, 'warning')];
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  // Two positions in the same security, file and account get the same hash; number the repeats so
  // code scanning keeps them apart (GitHub does the same with its primaryLocationLineHash).
  const seen = new Map<string, number>();
  const numbered = (hash: string): string => {
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    return `${hash}:${n}`;
  };
  const { artifacts, index } = artifactsOf(result, cwd);
  const place = placeOf(result, cwd, index);
  const results = [
    ...result.findings.map((f) => resultOf(f, ruleIndex, numbered(fingerprintOf(f)), place)),
    ...result.summary.notLookedThrough.map((u) => gapResultOf(u, ruleIndex, numbered(gapFingerprintOf(u)), place)),
  ];
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            informationUri: TOOL_INFORMATION_URI,
            rules,
          },
        },
        // SRCROOT is the folder the screen ran in: a file: URI ending in "/" when known (SARIF 3.14.14).
        originalUriBaseIds: {
          [SRCROOT]: {
            ...(cwd === undefined ? {} : { uri: artifactUri(folderPath(cwd)) }),
            description: { text: SRCROOT_DESCRIPTION },
          },
        },
        artifacts,
        results,
        properties: {
          asOf: result.asOf,
          asOfSource: result.asOfSource,
          dataset: { version: result.dataset.version, reviewedAt: result.dataset.reviewedAt },
          portfolioValue: result.summary.portfolioValue,
          flaggedValue: result.summary.flaggedValue,
          flaggedWeight: result.summary.flaggedWeight,
          // Each currency's own totals, and how values were converted (--base-currency), as the JSON report has them.
          ...(result.summary.byCurrency === undefined ? {} : { byCurrency: result.summary.byCurrency.map((c) => ({ ...c })) }),
          ...(result.summary.conversion === undefined ? {} : { conversion: result.summary.conversion }),
          ignore:
            result.ignore === undefined
              ? null
              : {
                  file: result.ignore.file,
                  rules: result.ignore.rules,
                  applied: result.ignore.applied,
                  expired: result.ignore.expired.length,
                  unused: result.ignore.unused.length,
                },
        },
      },
    ],
  };
}

export const renderSarif: Reporter = (result, ctx) => stringifyJson(toSarifLog(result, ctx));
