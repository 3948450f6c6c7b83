import { describe, expect, it } from 'vitest';
import { FORMATS, REPORTERS, loadReporters } from '../../src/report/index.js';
import { CTX, SAMPLE_CSV, ignored, renamed, screenCsv, withFindings } from './support.js';

const RENDER = await loadReporters();

// A holdings file is untrusted text: a name that clears the screen and retitles the terminal must
// reach no output as an escape sequence.
const HOSTILE = 'HIKVISION\u001b[2J\u001b]0;title\u0007 DIGITAL\u009b31m';

describe('text from input files in every format', () => {
  const base = screenCsv(SAMPLE_CSV);
  const [first, second, ...rest] = base.findings;
  if (first === undefined || second === undefined) throw new Error('sample has findings');
  const result = withFindings(base, [
    renamed(first, HOSTILE),
    ignored(
      { ...second, holding: { ...second.holding, account: `acct\u001b[31m` } },
      { reason: `ok\u001b]8;;http://x\u0007link`, owner: '\u001b[1mme' },
    ),
    ...rest,
  ]);

  it.each(FORMATS)('%s output carries no ESC, BEL or C1 control byte', (format) => {
    const out = RENDER[format](result, { ...CTX, verbose: true });
    // eslint-disable-next-line no-control-regex -- the control bytes no output may carry
    expect(out).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
    if (format !== 'json') expect(out).not.toContain('\\u001b');
  });

  it('json and sarif keep the data: the name parses back as it was read', () => {
    const json = JSON.parse(RENDER.json(result, CTX));
    expect(json.findings[0].holding.name).toBe(HOSTILE);
    const sarif = JSON.parse(RENDER.sarif(result, CTX));
    expect(sarif.runs[0].results[0].properties.holdingName).toBe('HIKVISION DIGITAL');
  });

  it.each(['table', 'markdown', 'junit', 'csv', 'html'] as const)('%s output keeps the readable part of the name', (format) => {
    expect(RENDER[format](result, CTX)).toMatch(/HIKVISION +DIGITAL/);
  });
});

describe('the registry', () => {
  it('has a reporter for every format, each loaded on demand and returning text that ends in a newline', async () => {
    expect(Object.keys(REPORTERS).sort()).toEqual([...FORMATS].sort());
    expect(Object.keys(RENDER).sort()).toEqual([...FORMATS].sort());
    const result = screenCsv(SAMPLE_CSV);
    for (const format of FORMATS) expect((await REPORTERS[format]())(result, CTX).endsWith('\n'), format).toBe(true);
  });
});
