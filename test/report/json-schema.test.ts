import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { JsonReportSchema, reportJsonSchemaText } from '../../src/report/json-schema.js';
import { renderJson } from '../../src/report/json.js';
import { CTX, SAMPLE_CSV, findingOf, ignored, screenCsv, screenFiles, withFindings } from './support.js';

const SCHEMA_FILE = fileURLToPath(new URL('../../data/report.schema.json', import.meta.url));

/**
 * Checks a value against the JSON Schema keywords z.toJSONSchema emits for this schema (type, const,
 * enum, properties, required, additionalProperties, items, anyOf, minimum, maximum, pattern); returns
 * the paths that fail. Throws on a keyword it does not know, so a new one cannot pass unchecked.
 */
function jsonSchemaErrors(schema: Record<string, unknown>, value: unknown, path = '$'): string[] {
  const known = new Set([
    '$schema',
    'title',
    'description',
    'type',
    'const',
    'enum',
    'properties',
    'required',
    'additionalProperties',
    'items',
    'anyOf',
    'minimum',
    'maximum',
    'exclusiveMinimum',
    'pattern',
    'format',
  ]);
  for (const key of Object.keys(schema)) if (!known.has(key)) throw new Error(`unhandled keyword ${key} at ${path}`);
  const errors: string[] = [];
  if (Array.isArray(schema['anyOf'])) {
    const ok = schema['anyOf'].some((s: Record<string, unknown>) => jsonSchemaErrors(s, value, path).length === 0);
    if (!ok) errors.push(`${path}: matches no anyOf branch`);
  }
  const type = schema['type'];
  if (typeof type === 'string') {
    const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    const fits = type === 'integer' ? Number.isInteger(value) : type === actual;
    if (!fits) return [...errors, `${path}: expected ${type}, got ${actual}`];
  }
  if ('const' in schema && value !== schema['const']) errors.push(`${path}: expected ${JSON.stringify(schema['const'])}`);
  if (Array.isArray(schema['enum']) && !schema['enum'].includes(value)) errors.push(`${path}: ${JSON.stringify(value)} not in enum`);
  if (typeof value === 'number') {
    if (typeof schema['minimum'] === 'number' && value < schema['minimum']) errors.push(`${path}: below minimum`);
    if (typeof schema['maximum'] === 'number' && value > schema['maximum']) errors.push(`${path}: above maximum`);
    if (typeof schema['exclusiveMinimum'] === 'number' && value <= schema['exclusiveMinimum'])
      errors.push(`${path}: not above exclusiveMinimum`);
  }
  if (typeof value === 'string' && typeof schema['pattern'] === 'string' && !new RegExp(schema['pattern'], 'u').test(value)) {
    errors.push(`${path}: does not match pattern`);
  }
  if (Array.isArray(value) && typeof schema['items'] === 'object' && schema['items'] !== null) {
    value.forEach((v, i) => errors.push(...jsonSchemaErrors(schema['items'] as Record<string, unknown>, v, `${path}[${i}]`)));
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const props = (schema['properties'] ?? {}) as Record<string, Record<string, unknown>>;
    for (const key of (schema['required'] ?? []) as string[]) if (!(key in value)) errors.push(`${path}.${key}: required`);
    for (const [key, v] of Object.entries(value)) {
      const sub = props[key];
      if (sub !== undefined) errors.push(...jsonSchemaErrors(sub, v, `${path}.${key}`));
      else if (schema['additionalProperties'] === false) errors.push(`${path}.${key}: not in the schema`);
    }
  }
  return errors;
}

/** A result exercising every part of the report: review, ignored, warnings, skipped rows, two files. */
function fullResult() {
  const two = screenFiles([
    { file: 'holdings/sample.csv', text: SAMPLE_CSV },
    {
      file: 'holdings/second.csv',
      text: 'Name,ISIN,Market Value\nZHEJIANG DAHUA TECHNOLOGY CO LTD-A,CNE100000BJ5,n/a\nAPPLE INC,US0378331005,1000\n',
    },
  ]);
  const dahua = findingOf(two, 'dahua');
  const withIgnored = withFindings(two, [...two.findings.filter((f) => f !== dahua), ignored(dahua)]);
  const stale = { index: 1, entity: 'megvii', reason: 'pre-IPO stake', expires: '2019-01-31', owner: null };
  // A fund not looked through, one accepted by a notLookedThrough rule, and an expired such rule.
  const gapRule = { index: 0, fund: 'BND', reason: 'bond fund: holds no shares', expires: '2030-01-01', owner: 'treasury' };
  const gap = {
    file: 'holdings/second.csv',
    line: 4,
    account: null,
    name: 'VANGUARD TOT WORLD STK ETF',
    ticker: 'VT',
    isin: 'US9220427424',
    positionValue: 5000,
    evidence: '"ETF" in its name',
    acceptedBy: null,
  };
  const summary = {
    ...withIgnored.summary,
    notLookedThrough: [gap, { ...gap, line: 5, name: 'VANGUARD TOTAL BOND MARKET ETF', ticker: 'BND', isin: null, acceptedBy: gapRule }],
  };
  const gaps = { rules: 2, applied: 1, expired: [{ ...gapRule, index: 1, fund: 'VTI', expires: '2020-01-01' }], unused: [] };
  return {
    ...withIgnored,
    summary,
    ignore: {
      file: '.exposure-ignore.json',
      rules: 3,
      applied: 1,
      expired: [stale],
      unused: [{ ...stale, index: 2, expires: '2030-01-01' }],
      gaps,
    },
  };
}

describe('JSON report schema', () => {
  it('data/report.schema.json is what the zod schema generates', () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    expect(
      committed === reportJsonSchemaText(),
      'data/report.schema.json is out of date with src/report/json-schema.ts: run `npm run build && node scripts/gen-report-schema.mjs` and commit the result',
    ).toBe(true);
  });

  it('real JSON output passes the zod schema, which rejects unknown fields', () => {
    const result = fullResult();
    expect(new Set(result.findings.map((f) => f.status))).toEqual(new Set(['flagged', 'review', 'ignored']));
    expect(result.inputs.some((i) => i.warnings.length > 0)).toBe(true);
    const json: unknown = JSON.parse(renderJson(result, CTX));
    const parsed = JsonReportSchema.safeParse(json);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(JsonReportSchema.safeParse({ ...(json as object), extra: 1 }).success).toBe(false);
    expect(parsed.data?.ignore).toMatchObject({
      applied: 1,
      expired: [{ index: 1, entity: 'megvii' }],
      unused: [{ index: 2 }],
      notLookedThrough: { rules: 2, applied: 1, expired: [{ fund: 'VTI' }] },
    });
    expect(parsed.data?.summary.notLookedThrough.map((u) => [u.ticker, u.acceptedBy?.reason ?? null])).toEqual([
      ['VT', null],
      ['BND', 'bond fund: holds no shares'],
    ]);
  });

  it('writes ignore as null when no ignore file was applied', () => {
    const json = JsonReportSchema.parse(JSON.parse(renderJson(screenCsv(SAMPLE_CSV), CTX)));
    expect(json.ignore).toBeNull();
  });

  it('real JSON output passes the committed JSON Schema', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    for (const result of [fullResult(), screenCsv('Name,ISIN,Market Value\nAPPLE INC,US0378331005,1000\n')]) {
      expect(jsonSchemaErrors(schema, JSON.parse(renderJson(result, CTX)))).toEqual([]);
    }
    // The checker does catch a broken report.
    const broken = JSON.parse(renderJson(fullResult(), CTX));
    broken.findings[0].status = 'maybe';
    delete broken.summary.counts;
    expect(jsonSchemaErrors(schema, broken)).toEqual(['$.findings[0].status: "maybe" not in enum', '$.summary.counts: required']);
  });

  // The contract lets later versions add fields but never remove or rename these.
  it('keeps the README contract: schemaVersion 1 and its documented fields', () => {
    const schema = JSON.parse(reportJsonSchemaText());
    expect(schema.properties.schemaVersion).toEqual({ type: 'number', const: 1 });
    expect(schema.required).toEqual(expect.arrayContaining(['schemaVersion', 'tool', 'dataset', 'asOf', 'inputs', 'findings', 'summary']));
    expect(schema.properties.summary.required).toEqual(
      expect.arrayContaining(['portfolioValue', 'flaggedValue', 'flaggedWeight', 'byEntity']),
    );
    const finding = schema.properties.findings.items;
    expect(finding.required).toEqual(expect.arrayContaining(['status', 'kind', 'entity', 'source', 'holding', 'match', 'exposure']));
    expect(finding.properties.match.required).toEqual(expect.arrayContaining(['on', 'score', 'matched', 'reason']));
    expect(finding.properties.exposure.required).toEqual(['value', 'weight']);
    expect(finding.properties.status.enum).toEqual(['flagged', 'review', 'ignored']);
    expect(finding.properties.match.properties.on.enum).toEqual(expect.arrayContaining(['isin', 'sedol', 'cusip', 'ticker', 'name']));
  });
});
