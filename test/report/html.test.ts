import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { CTX, SAMPLE_CSV, screenCsv } from './support.js';

const HOSTILE = 'fixtures/holdings/html-and-bidi-in-name.csv';
const THROUGH_FUNDS = 'fixtures/look-through/vwo-eem-emxc-and-a-stock.csv';
const CLEAN = 'fixtures/holdings/header-on-line-4-with-title.csv';

/** Text of an element's inner HTML with its tags dropped and entities kept. */
function textOf(html: string): string {
  return html.replace(/<[^>]*>/g, '').trim();
}

/**
 * The structure of a report, one line per section, heading, table and chart: what a reader finds on the
 * page, without the figures and paths that change from run to run.
 */
function outline(html: string): string {
  const lines: string[] = [];
  const pattern =
    /<section id="([^"]+)"[^>]*>|<(h[1-3])[^>]*>(.*?)<\/\2>|<table id="([^"]+)"><caption>(.*?)<\/caption><thead><tr>(.*?)<\/tr><\/thead><tbody>(.*?)<\/tbody>|<svg class="chart ([^"]+)"(.*?)<\/svg>/gs;
  for (const m of html.matchAll(pattern)) {
    if (m[1] !== undefined) lines.push(`section #${m[1]}`);
    else if (m[2] !== undefined) lines.push(`  ${m[2]} ${textOf(m[3] ?? '')}`);
    else if (m[4] !== undefined) {
      const heads = [...(m[6] ?? '').matchAll(/<th scope="col"[^>]*>(.*?)<\/th>/g)].map((h) => textOf(h[1] ?? ''));
      const rows = (m[7] ?? '').split('<tr>').length - 1;
      lines.push(`  table #${m[4]} "${textOf(m[5] ?? '')}": ${heads.join(' | ')} (${rows} rows)`);
    } else if (m[8] !== undefined) {
      const body = m[9] ?? '';
      const count = (re: RegExp): number => [...body.matchAll(re)].length;
      lines.push(
        `  chart ${m[8]}: ${count(/class="entity-bar"/g)} bars, ${count(/class="timeline-row"/g)} rows, ${count(/class="mark-/g)} marks, ${count(/class="bar-unknown" data-unknown/g)} unknown`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function screenHtml(file: string, extra: readonly string[] = []): { html: string; json: string; exitCode: number | null } {
  const dir = makeTempDir('html');
  const out = join(dir, 'report.html');
  const run = runCli(['screen', file, '--format', 'html', '-o', out, ...extra]);
  expect(run.stderr).not.toMatch(/^error/im);
  const json = runCli(['screen', file, '--format', 'json', ...extra]).stdout;
  return { html: readFileSync(out, 'utf8'), json, exitCode: run.exitCode };
}

describe('html reporter', () => {
  it('is one self-contained page: no script, nothing fetched, a policy that forbids both', () => {
    const html = renderHtml(screenCsv(SAMPLE_CSV), CTX);
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    );
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|\ssrc=|\shref=|@import/i);
    // The only URL is the SVG namespace, which is a name, not a fetch; url() only points into the page.
    expect(new Set([...html.matchAll(/https?:\/\/[^\s"']+/g)].map((m) => m[0]))).toEqual(new Set(['http://www.w3.org/2000/svg']));
    expect([...html.matchAll(/url\(([^)]*)\)/g)].every((m) => m[1]?.startsWith('#'))).toBe(true);
  });

  it('writes text from the file as text: markup escaped, bidi controls dropped, invisible characters shown', () => {
    const text = readFileSync(HOSTILE, 'utf8');
    const html = renderHtml(screenCsv(text, HOSTILE), CTX);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;HANGZHOU HIKVISION DIGI⟨U+200D⟩TAL &lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('&lt;b&gt;Note&lt;/b&gt;: &lt;script&gt;alert(3)&lt;/script&gt; etoN');
    expect(html).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200b-\u200d]/);
    expect(html).not.toMatch(/<script|<img|<b>/);
  });

  it('shows an unknown value as unknown, never as a bar of zero', () => {
    const file = 'fixtures/trust/flagged-value-unknown.csv';
    const html = renderHtml(screenCsv(readFileSync(file, 'utf8'), file), CTX);
    const bar = /<g class="entity-bar" data-entity="hikvision"[^>]*>(.*?)<\/g>/s.exec(html);
    expect(bar?.[0]).toContain('data-unknown="1"');
    expect(bar?.[1]).not.toMatch(/class="bar-(?:direct|indirect)"/);
    expect(bar?.[1]).toContain('class="bar-unknown"');
    expect(bar?.[1]).toContain('unknown (no value given) · share unknown');
  });

  it('is accessible: every table has a caption and column headers, every chart is an image with a title and a description', () => {
    const { html } = screenHtml(THROUGH_FUNDS);
    const tables = [...html.matchAll(/<table[^>]*>(.*?)<\/table>/gs)].map((m) => m[1] ?? '');
    expect(tables.length).toBeGreaterThanOrEqual(5);
    for (const t of tables) {
      expect(t).toMatch(/^<caption>[^<]+<\/caption><thead><tr><th scope="col"/);
      expect(t).not.toMatch(/<th(?=[\s>])(?! scope="col")/);
    }
    const charts = [
      ...html.matchAll(
        /<svg class="chart[^"]*" role="img" aria-labelledby="(\S+) (\S+)"[^>]*><title id="\1">([^<]+)<\/title><desc id="\2">([^<]+)<\/desc>/g,
      ),
    ];
    expect(charts).toHaveLength(2);
    expect(charts[0]?.[4]).toContain('Hikvision: at least 56.92 (+1 of unknown value), share unknown');
    expect(html).toMatch(/@page \{[^}]*margin/);
    expect(html).toMatch(/@media print \{[^]*thead \{ display: table-header-group; \}[^]*tr, td, th \{ break-inside: avoid;/);
  });

  it('draws each entity bar with the figures of the JSON report', () => {
    const { html, json } = screenHtml(THROUGH_FUNDS);
    const report = JSON.parse(json) as {
      summary: { byEntity: { id: string; knownValue: number; unknownValue: number }[] };
      findings: { status: string; kind: string; entity: { id: string }; exposure: { value: number | null } }[];
    };
    const bars = [
      ...html.matchAll(
        /<g class="entity-bar" data-entity="([^"]+)"[^>]*data-value="([^"]+)" data-direct="([^"]+)" data-indirect="([^"]+)" data-unknown="(\d+)"/g,
      ),
    ];
    expect(bars.map((b) => b[1])).toEqual(report.summary.byEntity.map((e) => e.id));
    for (const e of report.summary.byEntity) {
      const bar = bars.find((b) => b[1] === e.id);
      const flagged = report.findings.filter((f) => f.status === 'flagged' && f.entity.id === e.id);
      const sum = (kind: string): number =>
        flagged.filter((f) => f.kind === kind).reduce((s, f) => s + Math.round(Math.abs(f.exposure.value ?? 0) * 100), 0) / 100;
      expect([e.id, Number(bar?.[2]), Number(bar?.[3]), Number(bar?.[4]), Number(bar?.[5])]).toEqual([
        e.id,
        e.knownValue,
        sum('direct'),
        sum('indirect'),
        e.unknownValue,
      ]);
    }
  });

  it('records every input with its SHA-256 and the options the screen ran with', () => {
    const { html, json } = screenHtml(THROUGH_FUNDS, [
      '--as-of',
      '2020-09-30',
      '--fail-on',
      'review',
      '--max-exposure',
      '0.07%',
      '--include-before-listing',
    ]);
    const sha = (JSON.parse(json) as { inputs: { sha256: string }[] }).inputs[0]?.sha256;
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    expect(html).toContain(`<td class="hash">${sha}</td>`);
    const options = /<table id="options-table">(.*?)<\/table>/s.exec(html)?.[1] ?? '';
    expect([...options.matchAll(/<tr><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => [m[1], m[2]])).toEqual(
      expect.arrayContaining([
        ['--format', 'html'],
        ['--as-of', '2020-09-30'],
        ['--fail-on', 'review'],
        ['--max-exposure', '0.07%'],
        ['--include-before-listing', '(on)'],
      ]),
    );
  });

  it('heads the page with the verdict: flagged, review for a fund not looked through or an unreadable row, clean only with nothing open', () => {
    const verdict = (file: string): [string, string | undefined, string | undefined] => {
      const { html } = screenHtml(file);
      return [file, /data-verdict="(\w+)"/.exec(html)?.[1], /<p class="verdict-text">([^<]*)/.exec(html)?.[1]];
    };
    expect(verdict('fixtures/pension/nystrs-style-listing.csv')).toEqual([
      'fixtures/pension/nystrs-style-listing.csv',
      'flagged',
      '3 holdings of organisations on the list are flagged: flagged value 1,713,810.00 (0.543 % of the portfolio).',
    ]);
    expect(verdict('fixtures/holdings/totals-cash-and-disclaimer-trailer.csv')).toEqual([
      'fixtures/holdings/totals-cash-and-disclaimer-trailer.csv',
      'review',
      'Nothing is flagged, but the screen is not clean: 1 fund position not looked through. A person must decide on each (see below).',
    ]);
    expect(verdict('fixtures/trust/implausible-amount.csv')[1]).toBe('review');
    expect(verdict(CLEAN)).toEqual([
      CLEAN,
      'clean',
      'No holding matches a listed entity, directly or through the funds looked through. Every line of the files is accounted for: screened, read as a header, or skipped for a reason listed below.',
    ]);
  });

  it('calls a screen whose every finding the ignore file accepts clean, and lists them', () => {
    const dir = makeTempDir('html-ignored');
    const rules = join(dir, 'rules.json');
    const rule = (entity: string) => ({ entity, reason: 'board decision: divest by Q1', expires: '2099-03-31' });
    writeFileSync(rules, JSON.stringify({ ignore: ['iflytek', 'dahua', 'hikvision'].map(rule) }));
    const { html, exitCode } = screenHtml('fixtures/pension/nystrs-style-listing.csv', ['--ignore-file', rules]);
    expect(exitCode).toBe(0);
    expect(html).toContain('data-verdict="clean"');
    expect(html).toContain(
      'Nothing is flagged or for review: 3 holdings of listed entities are accepted by the ignore file until their rules expire (listed below).',
    );
    expect([...html.matchAll(/<td class="status-ignored">ignored<\/td>/g)]).toHaveLength(3);
  });

  it('keeps its structure: a portfolio flagged through funds', async () => {
    const { html, exitCode } = screenHtml(THROUGH_FUNDS);
    expect(exitCode).toBe(1);
    await expect(outline(html)).toMatchFileSnapshot('__snapshots__/html-flagged-through-funds.outline.txt');
  });

  it('keeps its structure: a clean portfolio', async () => {
    const { html, exitCode } = screenHtml(CLEAN);
    expect(exitCode).toBe(0);
    expect(html).toContain('data-verdict="clean"');
    await expect(outline(html)).toMatchFileSnapshot('__snapshots__/html-clean.outline.txt');
  });
});
