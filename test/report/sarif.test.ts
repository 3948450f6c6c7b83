import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FINDING_CODE_INFO, matchReason } from '../../src/report/finding-text.js';
import { artifactLocationOf, artifactUri, FINGERPRINT_KEY, renderSarif, SARIF_SCHEMA_URI } from '../../src/report/sarif.js';
import type { Finding } from '../../src/model.js';
import { CTX, SAMPLE_CSV, findingOf, ignored, screenCsv, screenFiles, withFindings } from './support.js';

// The part of the SARIF 2.1.0 schema (OASIS sarif-schema-2.1.0.json) this reporter writes, with the
// spec's property names, required properties, enums and bounds; strict, so a misspelt property fails.
const Message = z.strictObject({ text: z.string().min(1) });
const AbsoluteUri = z.string().refine((u) => URL.canParse(u), 'absolute URI');
const Rule = z.strictObject({
  id: z.string().min(1),
  name: z.string().optional(),
  shortDescription: Message,
  fullDescription: Message,
  help: Message,
  helpUri: AbsoluteUri,
  defaultConfiguration: z.strictObject({ level: z.enum(['none', 'note', 'warning', 'error']) }),
  properties: z.strictObject({ tags: z.array(z.string()) }),
});
// A relative uri names the base it resolves against (SARIF 3.4.4, GitHub: SRCROOT); an absolute one is a file: URI.
const ArtifactLocation = z.strictObject({ uri: z.string().min(1), uriBaseId: z.literal('SRCROOT').optional() });
const Artifact = z.strictObject({
  location: ArtifactLocation,
  roles: z.array(z.enum(['analysisTarget', 'attachment', 'resultFile', 'tracedFile'])),
  encoding: z.string().min(1),
  hashes: z.strictObject({ 'sha-256': z.string().regex(/^[0-9a-f]{64}$/) }).optional(),
});
const Result = z.strictObject({
  ruleId: z.string(),
  ruleIndex: z.int().min(-1),
  level: z.enum(['none', 'note', 'warning', 'error']),
  message: Message,
  locations: z
    .array(
      z.strictObject({
        physicalLocation: z.strictObject({
          artifactLocation: ArtifactLocation.extend({ index: z.int().min(0).optional() }),
          region: z.strictObject({ startLine: z.int().min(1) }),
        }),
      }),
    )
    .min(1),
  partialFingerprints: z.record(z.string(), z.string()),
  suppressions: z
    .array(
      z.strictObject({
        kind: z.enum(['inSource', 'external']),
        status: z.enum(['accepted', 'underReview', 'rejected']).optional(),
        justification: z.string().optional(),
      }),
    )
    .optional(),
  properties: z.record(z.string(), z.unknown()),
});
const SarifLog = z.strictObject({
  $schema: z.literal(SARIF_SCHEMA_URI),
  version: z.literal('2.1.0'),
  runs: z
    .array(
      z.strictObject({
        tool: z.strictObject({
          driver: z.strictObject({ name: z.string().min(1), version: z.string(), informationUri: AbsoluteUri, rules: z.array(Rule) }),
        }),
        originalUriBaseIds: z.strictObject({
          SRCROOT: z.strictObject({
            uri: AbsoluteUri.refine((u) => u.startsWith('file:') && u.endsWith('/'), 'a file: URI ending in "/"').optional(),
            description: Message,
          }),
        }),
        artifacts: z.array(Artifact),
        results: z.array(Result),
        properties: z.record(z.string(), z.unknown()),
      }),
    )
    .length(1),
});

function sarifOf(findings?: readonly Finding[]) {
  const base = screenCsv(SAMPLE_CSV);
  const result = findings === undefined ? base : withFindings(base, findings);
  return SarifLog.parse(JSON.parse(renderSarif(result, CTX)));
}

describe('sarif reporter', () => {
  const base = screenCsv(SAMPLE_CSV);

  it('writes a SARIF 2.1.0 log with one run, the tool and a rule per finding code', () => {
    const log = sarifOf();
    const driver = log.runs[0]?.tool.driver;
    expect(driver).toMatchObject({ name: 'exposure-screener', version: '0.0.0-test' });
    expect(driver?.rules.map((r) => r.id)).toEqual(['FLAGGED_HOLDING', 'REVIEW_HOLDING', 'IGNORED_HOLDING', 'FUND_NOT_LOOKED_THROUGH']);
    expect(driver?.rules[0]).toMatchObject({
      shortDescription: { text: FINDING_CODE_INFO.FLAGGED_HOLDING.summary },
      fullDescription: { text: FINDING_CODE_INFO.FLAGGED_HOLDING.description },
      help: { text: FINDING_CODE_INFO.FLAGGED_HOLDING.help },
      defaultConfiguration: { level: 'error' },
    });
    expect(new Set(driver?.rules.map((r) => r.id)).size).toBe(driver?.rules.length);
  });

  it('points each result at the holdings file and line, with level, reason and data', () => {
    const log = sarifOf();
    const results = log.runs[0]?.results ?? [];
    expect(results).toHaveLength(base.findings.length);
    const rules = log.runs[0]?.tool.driver.rules ?? [];
    base.findings.forEach((f, i) => {
      const r = results[i];
      expect(r?.locations[0]?.physicalLocation).toEqual({
        artifactLocation: { uri: 'holdings/sample.csv', uriBaseId: 'SRCROOT', index: 0 },
        region: { startLine: f.holding.line },
      });
      expect(r?.message.text).toBe(matchReason(f.match));
      expect(rules[r?.ruleIndex ?? -1]?.id).toBe(r?.ruleId);
      expect(r?.properties).toMatchObject({ entityId: f.match.target.entityId, value: f.exposure.value, weight: f.exposure.weight });
    });
    const dahua = results.find((r) => r.properties['entityId'] === 'dahua');
    expect(dahua).toMatchObject({
      ruleId: 'FLAGGED_HOLDING',
      level: 'error',
      locations: [{ physicalLocation: { region: { startLine: 4 } } }],
    });
    const review = results.find((r) => r.properties['status'] === 'review');
    expect(review).toMatchObject({
      ruleId: 'REVIEW_HOLDING',
      level: 'warning',
      properties: { entityId: 'hikvision', relation: 'subsidiary' },
    });
  });

  it('writes an ignored finding as a note with an external suppression carrying the reason', () => {
    const dahua = findingOf(base, 'dahua');
    const log = sarifOf([ignored(dahua, { reason: 'passive index holding, engagement under way' })]);
    expect(log.runs[0]?.results[0]).toMatchObject({
      ruleId: 'IGNORED_HOLDING',
      level: 'note',
      suppressions: [{ kind: 'external', status: 'accepted', justification: 'passive index holding, engagement under way' }],
    });
    expect(sarifOf().runs[0]?.results.every((r) => r.suppressions === undefined)).toBe(true);
  });

  it('fingerprints a position by entity, file, account and security, not by line', () => {
    const dahua = findingOf(base, 'dahua');
    const moved = { ...dahua, holding: { ...dahua.holding, line: 40 } };
    const [a, b] = [sarifOf([dahua]), sarifOf([moved])].map((l) => l.runs[0]?.results[0]?.partialFingerprints[FINGERPRINT_KEY]);
    expect(a).toMatch(/^[0-9a-f]{64}:1$/);
    expect(b).toBe(a);
    const otherAccount = { ...dahua, holding: { ...dahua.holding, account: 'Pension B' } };
    expect(sarifOf([otherAccount]).runs[0]?.results[0]?.partialFingerprints[FINGERPRINT_KEY]).not.toBe(a);
    // Two positions in one security, file and account stay two alerts.
    const twice = sarifOf([dahua, moved]).runs[0]?.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]);
    expect(twice?.[1]).toBe(`${a?.slice(0, -2)}:2`);
  });

  it("uses each finding's own file when several files are screened", () => {
    const two = screenFiles([
      { file: 'a/first.csv', text: 'Name,ISIN,Market Value\nZHEJIANG DAHUA TECHNOLOGY CO LTD-A,CNE100000BJ4,50\n' },
      { file: './b dir/second.csv', text: 'Name,ISIN,Market Value\nAPPLE INC,US0378331005,1000\nHIKVISION,CNE100000PM8,70\n' },
    ]);
    const log = SarifLog.parse(JSON.parse(renderSarif(two, CTX)));
    const locs = log.runs[0]?.results.map((r) => [
      r.locations[0]?.physicalLocation.artifactLocation.uri,
      r.locations[0]?.physicalLocation.region.startLine,
    ]);
    expect(locs).toEqual([
      ['a/first.csv', 2],
      ['b%20dir/second.csv', 3],
    ]);
  });

  it('writes file paths as URI references with forward slashes', () => {
    expect(artifactUri('holdings/2019/q4.csv')).toBe('holdings/2019/q4.csv');
    expect(artifactUri('./holdings/q4.csv')).toBe('holdings/q4.csv');
    expect(artifactUri('holdings\\q4 #1.csv')).toBe('holdings/q4%20%231.csv');
    expect(artifactUri('../other/q4.csv')).toBe('../other/q4.csv');
    expect(artifactUri('/home/ci/q4.csv')).toBe('file:///home/ci/q4.csv');
    expect(artifactUri('C:\\Users\\ci\\q4.csv')).toBe('file:///C:/Users/ci/q4.csv');
    expect(artifactUri('<stdin>')).toBe('%3Cstdin%3E');
    for (const f of ['holdings/q4 #1.csv', 'a:b.csv', '<stdin>']) {
      const resolved = new URL(artifactUri(f), 'file:///repo/');
      expect(decodeURIComponent(resolved.pathname)).toBe(`/repo/${f}`);
    }
  });

  it('lists each input as an artifact with its SHA-256, and points results at it by index', () => {
    const two = screenFiles([
      { file: 'a/first.csv', text: 'Name,ISIN,Market Value\nZHEJIANG DAHUA TECHNOLOGY CO LTD-A,CNE100000BJ4,50\n' },
      { file: '/ci/repo/b/second.csv', text: 'Name,ISIN,Market Value\nHIKVISION,CNE100000PM8,70\n' },
    ]);
    // In-process screens hash nothing; the bin's inputs carry the SHA-256 of the bytes read (test/cli/outputs.test.ts).
    const hashed = { ...two, inputs: two.inputs.map((input, i) => ({ ...input, sha256: `${'ab'.repeat(31)}0${i}` })) };
    const run = SarifLog.parse(JSON.parse(renderSarif(hashed, { ...CTX, cwd: '/ci/repo' }))).runs[0];
    expect(run?.originalUriBaseIds.SRCROOT.uri).toBe('file:///ci/repo/');
    expect(run?.artifacts).toEqual(
      hashed.inputs.map((input, i) => ({
        location: { uri: ['a/first.csv', 'b/second.csv'][i], uriBaseId: 'SRCROOT' },
        roles: ['analysisTarget'],
        encoding: input.encoding,
        hashes: { 'sha-256': input.sha256 },
      })),
    );
    expect(run?.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation)).toEqual([
      { uri: 'a/first.csv', uriBaseId: 'SRCROOT', index: 0 },
      { uri: 'b/second.csv', uriBaseId: 'SRCROOT', index: 1 },
    ]);
  });

  it('names SRCROOT without a uri when the folder is not known (the package API without a cwd), and no hash it has not got', () => {
    const run = sarifOf().runs[0];
    expect(run?.originalUriBaseIds.SRCROOT).toEqual({ description: { text: expect.any(String) } });
    expect(run?.artifacts.map((a) => a.hashes)).toEqual([undefined]);
  });

  it('writes a path inside the folder relative to SRCROOT, one outside it as a file: URI', () => {
    expect(artifactLocationOf('holdings/q4.csv', '/ci/repo')).toEqual({ uri: 'holdings/q4.csv', uriBaseId: 'SRCROOT' });
    expect(artifactLocationOf('./holdings/q4.csv', '/ci/repo/')).toEqual({ uri: 'holdings/q4.csv', uriBaseId: 'SRCROOT' });
    expect(artifactLocationOf('/ci/repo/holdings/q 4.csv', '/ci/repo')).toEqual({ uri: 'holdings/q%204.csv', uriBaseId: 'SRCROOT' });
    expect(artifactLocationOf('/ci/repository.csv', '/ci/repo')).toEqual({ uri: 'file:///ci/repository.csv' });
    expect(artifactLocationOf('../other/q4.csv', '/ci/repo')).toEqual({ uri: 'file:///ci/other/q4.csv' });
    expect(artifactLocationOf('../../../q4.csv', '/ci/repo')).toEqual({ uri: 'file:///q4.csv' });
    expect(artifactLocationOf('..\\other\\q4.csv', 'C:\\ci\\repo')).toEqual({ uri: 'file:///C:/ci/other/q4.csv' });
    expect(artifactLocationOf('C:\\ci\\repo\\q4.csv', 'C:\\ci\\repo')).toEqual({ uri: 'q4.csv', uriBaseId: 'SRCROOT' });
    expect(artifactLocationOf('D:\\q4.csv', 'C:\\ci\\repo')).toEqual({ uri: 'file:///D:/q4.csv' });
    expect(artifactLocationOf('../other/q4.csv', undefined)).toEqual({ uri: '../other/q4.csv' });
  });
});
