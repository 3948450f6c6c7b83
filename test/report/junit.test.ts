import { describe, expect, it } from 'vitest';
import { escapeXml, renderJunit } from '../../src/report/junit.js';
import { matchReason } from '../../src/report/finding-text.js';
import { CTX, SAMPLE_CSV, findingOf, ignored, renamed, screenCsv, screenFiles, withFindings } from './support.js';
import { descendants, parseXml, type XmlElement } from './xml.js';

function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

/** The counts a suite or the document should declare, from its testcases. */
function countCases(el: XmlElement): { tests: string; failures: string; errors: string; skipped: string } {
  const cases = descendants(el, 'testcase');
  return {
    tests: String(cases.length),
    failures: String(cases.filter((c) => child(c, 'failure') !== undefined).length),
    errors: String(cases.filter((c) => child(c, 'error') !== undefined).length),
    skipped: String(cases.filter((c) => child(c, 'skipped') !== undefined).length),
  };
}

function declared(el: XmlElement): Record<string, string | undefined> {
  return { tests: el.attrs['tests'], failures: el.attrs['failures'], errors: el.attrs['errors'], skipped: el.attrs['skipped'] };
}

/** The document's counts: as a suite's, but without `skipped`, which junit-10 does not allow on <testsuites>. */
function totals(el: XmlElement): Record<string, string | undefined> {
  return { ...countCases(el), skipped: undefined };
}

/** Skipped cases as the suites count them. */
function suitesSkipped(root: XmlElement): number {
  return root.children.filter((c) => c.name === 'testsuite').reduce((n, s) => n + Number(s.attrs['skipped']), 0);
}

describe('junit reporter', () => {
  const result = screenCsv(SAMPLE_CSV);
  const dahua = findingOf(result, 'dahua');
  const hikvision = findingOf(result, 'hikvision');
  const mixed = withFindings(result, [
    ...result.findings.filter((f) => f !== dahua && f !== hikvision),
    ignored(dahua, { index: 2, reason: 'index fund position, engagement under way', expires: '2020-06-30' }),
    renamed(hikvision, `HIK <VISION> & "SONS" 'A'\u0000\u0008\uFFFE\uD800`),
  ]);

  it('is well-formed XML with one suite per file and counts that match its testcases', () => {
    const root = parseXml(renderJunit(mixed, CTX));
    expect(root.name).toBe('testsuites');
    const suites = root.children.filter((c) => c.name === 'testsuite');
    expect(suites.map((s) => [s.attrs['name'], s.attrs['file']])).toEqual([['holdings/sample.csv', 'holdings/sample.csv']]);
    expect(declared(root)).toEqual(totals(root));
    for (const s of suites) expect(declared(s)).toEqual(countCases(s));
    // 1 summary case + 4 findings; Hikvision flagged, iFlytek flagged, EZVIZ review, Dahua ignored.
    expect(declared(root)).toEqual({ tests: '5', failures: '2', errors: '0', skipped: undefined });
    expect(suitesSkipped(root)).toBe(1);
  });

  it('opens each suite with a passing "N rows screened" case', () => {
    const root = parseXml(renderJunit(mixed, CTX));
    const first = descendants(root, 'testcase')[0];
    expect(first?.attrs['name']).toBe('5 rows screened');
    expect(first?.children.map((c) => c.name)).toEqual(['system-out']);
    expect(first && child(first, 'system-out')?.text).toContain('8 rows: 5 screened, 3 skipped');
  });

  it('fails flagged findings with the match reason, skips review ones, passes ignored ones naming the rule', () => {
    const root = parseXml(renderJunit(mixed, CTX));
    const cases = descendants(root, 'testcase');
    const failure = cases.map((c) => child(c, 'failure')).find((f) => f?.text.includes('IFLYTEK'));
    const iflytek = findingOf(result, 'iflytek');
    expect(failure?.attrs).toEqual({ type: 'flagged', message: matchReason(iflytek.match) });
    expect(failure?.text).toContain('source: holdings/sample.csv:5');

    const review = cases.find((c) => child(c, 'skipped') !== undefined);
    expect(review?.attrs['name']).toContain('REVIEW');
    expect(review && child(review, 'skipped')?.attrs['message']).toMatch(/^review: .*a related company is for review/);

    const ign = cases.find((c) => c.attrs['name']?.startsWith('ignored'));
    expect(ign?.children.map((c) => c.name)).toEqual(['system-out']);
    expect(ign && child(ign, 'system-out')?.text).toContain(
      'ignored by rule ignore[2] (dahua) of the ignore file: index fund position, engagement under way (expires 2020-06-30',
    );
  });

  it('escapes markup and drops characters XML 1.0 cannot hold', () => {
    const xml = renderJunit(mixed, CTX);
    const root = parseXml(xml);
    const hik = descendants(root, 'testcase').find((c) => c.attrs['name']?.includes('VISION'));
    expect(hik?.attrs['name']).toBe(`FLAGGED Hikvision: HIK <VISION> & "SONS" 'A'   (line 3)`);
    // eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\uFFFE]/);
    expect(escapeXml(`a&b<c>d"e'f\u0001\uFFFF\uD800g\u{1F600}`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;fg\u{1F600}');
  });

  it('writes one suite per file, in the order given, with the findings of that file', () => {
    const two = screenFiles([
      { file: 'a/first.csv', text: 'Name,ISIN,Market Value\nAPPLE INC,US0378331005,1000\n' },
      { file: 'b/second.csv', text: 'Name,ISIN,Market Value\nZHEJIANG DAHUA TECHNOLOGY CO LTD-A,CNE100000BJ4,50\nTotal,,1050\n' },
    ]);
    const root = parseXml(renderJunit(two, CTX));
    const suites = root.children.filter((c) => c.name === 'testsuite');
    expect(suites.map((s) => [s.attrs['name'], s.attrs['tests'], s.attrs['failures']])).toEqual([
      ['a/first.csv', '1', '0'],
      ['b/second.csv', '2', '1'],
    ]);
    expect(declared(root)).toEqual({ tests: '3', failures: '1', errors: '0', skipped: undefined });
    expect(suitesSkipped(root)).toBe(0);
  });

  it('still counts right with no findings', () => {
    const clean = screenCsv('Name,ISIN,Market Value\nAPPLE INC,US0378331005,1000\n');
    const root = parseXml(renderJunit(clean, CTX));
    expect(declared(root)).toEqual({ tests: '1', failures: '0', errors: '0', skipped: undefined });
    expect(suitesSkipped(root)).toBe(0);
  });
});

describe('the XML checker used above', () => {
  it('rejects what is not well-formed', () => {
    for (const bad of [
      '<a>',
      '<a></b>',
      '<a x="1" x="2"/>',
      '<a x=1/>',
      '<a>&nbsp;</a>',
      '<a>1 < 2</a>',
      '<a/><b/>',
      '<a>\u0001</a>',
      '<a x="<"/>',
    ]) {
      expect(() => parseXml(bad), bad).toThrow();
    }
    expect(parseXml('<?xml version="1.0"?>\n<a x="&quot;1&quot;">t&amp;<b/>&#x41;</a>\n')).toMatchObject({
      name: 'a',
      attrs: { x: '"1"' },
      text: 't&A',
    });
  });
});
