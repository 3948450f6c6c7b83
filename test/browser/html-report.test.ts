// The HTML report in a real browser: Debian's Chromium, driven by playwright-core (which downloads no
// browser). Skips with a message when no Chromium is installed, except in CI, where it fails.

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const IN_CI = (process.env['CI'] ?? '') !== '';
/** Where the screenshot and the PDF print of the sample report are kept (gitignored). */
const OUT = join(ROOT, 'build', 'browser');

const SAMPLE = 'examples/sample-holdings.csv';
const THROUGH_FUNDS = 'fixtures/look-through/vwo-eem-emxc-and-a-stock.csv';
const HOSTILE = 'fixtures/holdings/html-and-bidi-in-name.csv';

/** The flags a sandboxed CI container needs, and none that reach the network. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

if (CHROMIUM === undefined && !IN_CI) {
  console.warn('test/browser/html-report.test.ts: skipped, no Chromium at /usr/bin/chromium (apt-get install chromium to run it)');
}

interface JsonReport {
  readonly summary: { readonly byEntity: readonly { readonly id: string; readonly knownValue: number; readonly unknownValue: number }[] };
  readonly findings: readonly {
    readonly status: string;
    readonly kind: string;
    readonly entity: { readonly id: string };
    readonly exposure: { readonly value: number | null };
  }[];
}

/** The HTML report of a screen, written to a temp file, and the JSON report of the same screen. */
function reports(file: string, dir: string): { readonly url: string; readonly json: JsonReport } {
  const html = join(dir, `${file.replace(/[^a-z0-9]+/gi, '-')}.html`);
  const run = runCli(['screen', file, '--format', 'html', '-o', html]);
  expect(run.stderr).toBe('');
  const json = runCli(['screen', file, '--format', 'json']);
  return { url: pathToFileURL(html).href, json: JSON.parse(json.stdout) as JsonReport };
}

interface Problems {
  readonly errors: string[];
  readonly dialogs: string[];
  readonly requests: string[];
}

/** Opens a page and records what must never happen: console errors, page errors, dialogs, requests beyond the file. */
async function open(context: BrowserContext, url: string): Promise<{ page: Page; problems: Problems }> {
  const page = await context.newPage();
  const problems: Problems = { errors: [], dialogs: [], requests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.errors.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    problems.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (r.url() !== url) problems.requests.push(r.url());
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems };
}

describe.skipIf(CHROMIUM === undefined && !IN_CI)('the HTML report in Chromium', () => {
  let context: BrowserContext;
  // Made in beforeAll, not here: a skipped describe's body still runs, and its hooks (the cleanup) do not.
  let dir = '';

  beforeAll(async () => {
    if (CHROMIUM === undefined) throw new Error('CI needs Chromium at /usr/bin/chromium: .ci/run installs it (apt-get install chromium)');
    dir = makeTempDir('browser');
    // A fresh profile in the test's temp folder, removed with it.
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      viewport: { width: 1100, height: 900 },
      offline: true,
    });
  });

  afterAll(async () => {
    await context?.close();
  });

  for (const file of [SAMPLE, THROUGH_FUNDS]) {
    it(`draws the bars of ${file} with the figures of its JSON report, without an error`, async () => {
      const { url, json } = reports(file, dir);
      const { page, problems } = await open(context, url);
      const bars = await page.$$eval('g.entity-bar', (groups) =>
        groups.map((g) => {
          const width = (selector: string): number => {
            const rect = g.querySelector(selector);
            return rect === null ? 0 : rect.getBoundingClientRect().width;
          };
          return {
            entity: g.getAttribute('data-entity'),
            value: Number(g.getAttribute('data-value')),
            direct: Number(g.getAttribute('data-direct')),
            indirect: Number(g.getAttribute('data-indirect')),
            unknown: Number(g.getAttribute('data-unknown')),
            directWidth: width('rect.bar-direct'),
            indirectWidth: width('rect.bar-indirect'),
            unknownBox: g.querySelector('rect.bar-unknown') !== null,
          };
        }),
      );
      expect(bars.map((b) => b.entity)).toEqual(json.summary.byEntity.map((e) => e.id));
      const largest = Math.max(...bars.map((b) => b.value));
      const fullWidth = Math.max(...bars.map((b) => b.directWidth + b.indirectWidth));
      for (const e of json.summary.byEntity) {
        const bar = bars.find((b) => b.entity === e.id);
        const flagged = json.findings.filter((f) => f.status === 'flagged' && f.entity.id === e.id);
        const sum = (kind: string): number =>
          flagged.filter((f) => f.kind === kind).reduce((s, f) => s + Math.round(Math.abs(f.exposure.value ?? 0) * 100), 0) / 100;
        expect(bar).toMatchObject({ value: e.knownValue, direct: sum('direct'), indirect: sum('indirect'), unknown: e.unknownValue });
        // Drawn widths in proportion to the values, the largest full width; unknown drawn as a box, not as nothing.
        expect((bar?.directWidth ?? 0) / fullWidth).toBeCloseTo(sum('direct') / largest, 2);
        expect((bar?.indirectWidth ?? 0) / fullWidth).toBeCloseTo(sum('indirect') / largest, 2);
        expect(bar?.unknownBox).toBe(e.unknownValue > 0);
      }
      expect(await page.locator('svg[role="img"] > title').count()).toBe(2);
      expect(problems).toEqual({ errors: [], dialogs: [], requests: [] });
      await page.close();
    });
  }

  it('shows a hostile name as text: no script runs, no element is injected', async () => {
    const { url } = reports(HOSTILE, dir);
    const { page, problems } = await open(context, url);
    const holding = page.locator('#findings-table tbody tr').first().locator('td').nth(2);
    expect(await holding.textContent()).toBe('<script>alert(1)</script>HANGZHOU HIKVISION DIGI⟨U+200D⟩TAL <img src=x onerror=alert(2)>');
    expect(await holding.evaluate((td) => td.children.length)).toBe(0);
    const skipped = await page.locator('#skipped-table').textContent();
    expect(skipped).toContain('<b>Note</b>: <script>alert(3)</script> etoN');
    expect(await page.locator('script, img, b, iframe, object').count()).toBe(0);
    expect(await page.locator('body').textContent()).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200b-\u200d]/);
    expect(problems).toEqual({ errors: [], dialogs: [], requests: [] });
    await page.close();
  });

  it('saves a screenshot and an A4 and a Letter print of the sample report under build/browser/, no wider than the page', async () => {
    const { url } = reports(SAMPLE, dir);
    const { page, problems } = await open(context, url);
    mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: join(OUT, 'sample-report.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    // Nothing is wider than the printable width of A4 (210 mm less the 12 mm margins: 703 CSS pixels), so no column is cut.
    await page.setViewportSize({ width: 703, height: 1000 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(703);
    for (const format of ['A4', 'Letter']) {
      const pdf = await page.pdf({ path: join(OUT, `sample-report-${format.toLowerCase()}.pdf`), format });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
      expect([format, pages >= 1 && pages <= 5]).toEqual([format, true]);
    }
    expect(readFileSync(join(OUT, 'sample-report.png')).subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(problems).toEqual({ errors: [], dialogs: [], requests: [] });
    await page.close();
  });
});
