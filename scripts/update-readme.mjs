#!/usr/bin/env node
// Writes the generated blocks of README.md, each between its marker comments:
//   screen-help  `exposure-screener screen --help` (the built bin)
//   eval         the figures of `npm run eval` (scripts/eval.mjs) on fixtures/labelled/securities.csv
//   bench        the speed table, rendered from the committed bench/latest.json (written by npm run bench)
// `--check` writes nothing and exits 1 naming the blocks that differ (test/cli/help.test.ts runs it).
// Run after `npm run build`.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { evaluateLabelled } from './eval.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

function screenHelp() {
  const help = execFileSync(process.execPath, [`${root}bin/exposure-screener.js`, 'screen', '--help'], {
    env: { PATH: process.env.PATH, NO_COLOR: '1', COLUMNS: '100' },
    encoding: 'utf8',
  });
  return `\`\`\`text\n${help}\`\`\`\n`;
}

function evalFigures() {
  const r = evaluateLabelled();
  const ratio = (x) => (x === 1 ? '1.0' : x.toFixed(3));
  return (
    `Today (\`npm run eval\`, ${r.rows} labelled rows): precision ${ratio(r.flagged.precision)}, recall ${ratio(r.flagged.recall)} ` +
    `(${r.flagged.truePositives + r.flagged.falseNegatives} flagged rows), ${r.review.agreed} of ${r.review.expected} reviews as labelled, ` +
    `${r.negatives.raised} of ${r.negatives.labelled} negatives raised.\n`
  );
}

const int = (n) => Math.round(n).toLocaleString('en-US');
const time = (ms) =>
  ms === null || ms === undefined ? 'not measured' : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
const mb = (kb) => (kb === null || kb === undefined ? 'not measured' : `${Math.round(kb / 1024)} MB`);

/** The README's speed table from the bench's results (bench/latest.json). */
/** The README's words for the start-up cases that are not a command of the tool (bench.mjs benchStartup's keys). */
const STARTUP_LABELS = {
  vwo: 'start-up and screen of the VWO holdings file (≈5,000 rows)',
  vwoBare: 'for reference: `node` with csv-parse alone over the VWO file (from its header line, rows as arrays)',
  vwoOneWorker: 'for reference: the same VWO screen under `node --v8-pool-size=1` (one V8 worker thread instead of four)',
};

export function benchTable(b) {
  const synthetic = [...(b.synthetic ?? [])].sort((x, y) => y.rows - x.rows);
  const large = synthetic[0];
  const others = synthetic.slice(1);
  const day = String(b.date ?? '').slice(0, 10);
  const m = b.machine ?? {};
  const load = Math.max(m.loadStart?.[0] ?? 0, m.loadEnd?.[0] ?? 0);
  const noisy = load > (m.cores ?? 1) / 2 ? ` Other work was running (load average up to ${load}), so the figures are noisy.` : '';
  const lines = [
    `Measured by \`npm run bench\` on ${day} (\`bench/latest.json\`), ${m.cores} cores (${m.cpu ?? 'unknown CPU'}), Node ${m.node}.${noisy}`,
    '`scripts/README.md` explains each measure:',
    '',
    '| What | Measured |',
    '|---|---|',
  ];
  const ratio = (r) => (typeof r === 'number' ? `${r.toFixed(2)}×` : null);
  const bytes = (n) => (typeof n === 'number' ? `${int(n)} bytes` : 'not measured');
  for (const s of synthetic) {
    const rate = s.screen?.ms ? `, ${int(s.rows / (s.screen.ms / 1000))} rows/s` : '';
    const bare = s.bare?.ms ? `; a bare csv-parse pass (rows as arrays) takes ${time(s.bare.ms)}` : '';
    const r = ratio(s.ratio);
    lines.push(
      `| ${int(s.rows)} synthetic custodian rows (${(s.bytes / 1e6).toFixed(1)} MB), screened to JSON | ${time(s.screen?.ms)}${rate}${bare}${r ? `: **${r}** the bare pass` : ''} |`,
    );
    if (s.screen?.bytesPerRow !== undefined || s.bare?.bytesPerRow !== undefined)
      lines.push(
        `| allocated per row at ${int(s.rows)} rows | ${bytes(s.screen?.bytesPerRow)} screening; ${bytes(s.bare?.bytesPerRow)} for the bare pass |`,
      );
  }
  if (large) {
    const at = [
      ...(b.doubled?.screen?.maxRssKB ? [`${mb(b.doubled.screen.maxRssKB)} at ${int(b.doubled.rows)} rows`] : []),
      ...others.map((s) => `${mb(s.screen?.maxRssKB)} at ${int(s.rows)} rows`),
      ...(b.fund?.maxRssKB ? [`${mb(b.fund.maxRssKB)} at 6,000`] : []),
    ];
    lines.push(`| peak RSS of the ${int(large.rows)}-row screen | ${mb(large.screen?.maxRssKB)}${at.length ? `; ${at.join('; ')}` : ''} |`);
    if (large.inspect) lines.push(`| \`inspect\` of the same file | ${time(large.inspect.ms)}, ${mb(large.inspect.maxRssKB)} |`);
  }
  // Start-up: each command's median, as a ratio to `node -e 0` timed in the same rounds (the floor).
  const cases = b.startup?.cases ?? [];
  const floor = cases.find((c) => c.key === 'node');
  for (const c of cases.filter((x) => x.key !== 'node')) {
    const r = ratio(c.ratio);
    const target = typeof c.target === 'number' ? ` (target ≤ ${c.target}×)` : '';
    const label = STARTUP_LABELS[c.key] ?? `start-up: ${c.label}`;
    lines.push(`| ${label} | ${time(c.ms)}${r ? `, **${r}** \`node -e 0\` (${time(floor?.ms)})${target}` : ''} |`);
  }
  if (b.startup && !b.startup.cases)
    lines.push(`| \`--version\` | ${time(b.startup.versionMs)} (bare \`node -e 0\`: ${time(b.startup.nodeMs)}) |`);
  if (b.fund?.ms) lines.push(`| a 6,000-row synthetic fund file, end to end | ${time(b.fund.ms)} |`);
  const largestReal = (b.real ?? []).filter((r) => r.report && !r.error).sort((x, y) => y.report.rows - x.report.rows)[0];
  if (largestReal)
    lines.push(
      `| the largest real file (\`${largestReal.file.replace(/^fixtures\/real\//, '')}\`, ${int(largestReal.report.rows)} rows), end to end | ${time(largestReal.ms)} |`,
    );
  return `${lines.join('\n')}\n`;
}

const blocks = {
  'screen-help': screenHelp,
  eval: evalFigures,
  bench: () => benchTable(JSON.parse(readFileSync(`${root}bench/latest.json`, 'utf8'))),
};

const check = process.argv.includes('--check');
const readme = readFileSync(`${root}README.md`, 'utf8');
let next = readme;
const drifted = [];
for (const [name, render] of Object.entries(blocks)) {
  const marker = new RegExp(`(<!-- ${name}:start -->\\n)([\\s\\S]*?)(<!-- ${name}:end -->)`);
  const found = marker.exec(next);
  if (found === null) {
    console.error(`README.md has no <!-- ${name}:start --> … <!-- ${name}:end --> block`);
    process.exit(1);
  }
  const text = render();
  if (found[2] !== text) drifted.push(name);
  next = next.replace(marker, (_, start, _old, end) => `${start}${text}${end}`);
}
if (check) {
  if (drifted.length > 0)
    console.error(
      `README.md differs from what scripts/update-readme.mjs writes in: ${drifted.join(', ')} (run npm run build && node scripts/update-readme.mjs)`,
    );
  else console.log('README.md is up to date');
  process.exitCode = drifted.length > 0 ? 1 : 0;
} else {
  writeFileSync(`${root}README.md`, next);
  console.log(drifted.length > 0 ? `README.md updated: ${drifted.join(', ')}` : 'README.md already up to date');
}
