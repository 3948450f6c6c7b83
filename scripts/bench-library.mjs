#!/usr/bin/env node
// npm run bench:library [-- options]: the fund library on a generated quarter of realistic size.
// Reports; never fails (exit 0).
//
//   --series N               series in the generated quarter (default 12,000)
//   --holdings-per-series M  average holdings per series (default 416: about 5 million rows)
//   --data DIR               reuse a quarter generated before (DIR holds <quarter>_nport.zip and company_tickers_mf.json)
//   --keep                   keep the library and data in .bench/library (default: removed after the run)
//
// Measures, each in its own child process (wall time spawn to exit, Node's startup included; peak RSS
// and CPU time (user + system) are the child's own, written by a preload when it exits; CPU time says
// less of the other work on a shared machine than wall time, and the load average is printed beside):
//   1. funds import of the zip and the ticker file into an empty library   target ≤ 180 s, ≤ 500 MB
//   2. funds holders hikvision --json                                       target ≤ 200 ms
//   3. screen of a portfolio of 20 library funds (by ticker and name)      target ≤ 1 s
// Also the holders query alone, in-process, without Node's startup.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin/exposure-screener.js');
const NODE = process.execPath;

function args(argv) {
  const o = { series: 12_000, holdings: 416, data: null, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--series') o.series = Number(argv[++i]);
    else if (a === '--holdings-per-series') o.holdings = Number(argv[++i]);
    else if (a === '--data') o.data = resolve(argv[++i]);
    else if (a === '--keep') o.keep = true;
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

const opts = args(process.argv.slice(2));
const WORK = join(ROOT, '.bench', 'library');
mkdirSync(WORK, { recursive: true });
const PRELOAD = join(WORK, 'maxrss-preload.cjs');
writeFileSync(
  PRELOAD,
  "process.on('exit', () => { const f = process.env.BENCH_MAXRSS_FILE; if (f) { const u = process.resourceUsage(); require('fs').writeFileSync(f, JSON.stringify({ maxRSS: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 })); } });\n",
);

function run(argv, env = {}) {
  const rssFile = join(WORK, `rss-${Math.random().toString(36).slice(2)}.txt`);
  const t0 = performance.now();
  const r = spawnSync(NODE, ['-r', PRELOAD, ...argv], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, BENCH_MAXRSS_FILE: rssFile, CI: '1', ...env },
  });
  const ms = performance.now() - t0;
  const usage = existsSync(rssFile) ? JSON.parse(readFileSync(rssFile, 'utf8')) : null;
  rmSync(rssFile, { force: true });
  return {
    ms,
    cpuMs: usage === null ? null : usage.cpuMs,
    rssMB: usage === null ? null : usage.maxRSS / 1024,
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
  };
}

const loadBefore = os.loadavg();

// 1. The quarter.
let gen;
const dataDir = opts.data ?? join(WORK, `data-${opts.series}x${opts.holdings}`);
const genFile = join(dataDir, 'generated.json');
if (existsSync(genFile)) {
  gen = JSON.parse(readFileSync(genFile, 'utf8'));
  console.log(`quarter: reusing ${dataDir}`);
} else {
  console.log(`quarter: generating ${opts.series.toLocaleString('en-US')} series × ~${opts.holdings} holdings into ${dataDir} …`);
  const g = run([
    join(ROOT, 'scripts', 'gen-nport-dataset.mjs'),
    '--out',
    dataDir,
    '--series',
    String(opts.series),
    '--holdings-per-series',
    String(opts.holdings),
    '--planted',
    '40',
    '--amended',
    '10',
  ]);
  if (g.status !== 0) throw new Error(`generator failed: ${g.stderr}`);
  gen = JSON.parse(g.stdout);
  writeFileSync(genFile, g.stdout);
  console.log(`  generated in ${(g.ms / 1000).toFixed(1)} s`);
}
console.log(
  `  ${gen.series.toLocaleString('en-US')} series, ${gen.filings.toLocaleString('en-US')} filings, ${gen.holdings.toLocaleString('en-US')} holding rows`,
);

// 2. Import into an empty library.
const library = join(WORK, 'lib');
rmSync(library, { recursive: true, force: true });
const imp = run([BIN, 'funds', 'import', gen.zip, gen.tickers, '--library', library, '--json']);
if (imp.status !== 0) throw new Error(`import failed: ${imp.stderr}`);
const summary = JSON.parse(imp.stdout).imports.find((i) => i.kind === 'nport-dataset');

// 3. funds holders, five times.
const holders = [];
const holdersCpu = [];
let holderCount = null;
for (let i = 0; i < 5; i++) {
  const h = run([BIN, 'funds', 'holders', 'hikvision', '--json', '--library', library]);
  if (h.status !== 0) throw new Error(`holders failed: ${h.stderr}`);
  holderCount = JSON.parse(h.stdout).holders.length;
  holders.push(h.ms);
  holdersCpu.push(h.cpuMs);
}
const loadAfterImport = os.loadavg();
const inProcess = run([
  '--input-type=module',
  '-e',
  `import { openLibrary } from ${JSON.stringify(pathToFileURL(join(ROOT, 'dist/library/store.js')).href)};
   import { holdersOf } from ${JSON.stringify(pathToFileURL(join(ROOT, 'dist/library/queries.js')).href)};
   const db = openLibrary(${JSON.stringify(join(library, 'library.sqlite'))}, { create: false });
   const times = [];
   for (let i = 0; i < 5; i++) { const t = performance.now(); holdersOf(db, 'hikvision', '2099-12-31'); times.push(performance.now() - t); }
   console.log(JSON.stringify(times));`,
]);
const queryMs = inProcess.status === 0 ? JSON.parse(inProcess.stdout) : [];

// 4. A portfolio of 20 library funds: the planted ones first, then others, by ticker and name.
const funds = [...gen.planted, ...gen.unplanted].slice(0, 20);
const portfolio = join(WORK, 'portfolio-20-funds.csv');
writeFileSync(
  portfolio,
  [
    'Symbol,Description,Quantity,Market Value',
    ...funds.map((f, i) => `${f.tickers[0]},${f.name.toUpperCase()},${100 + i},${(10_000 + i * 137).toFixed(2)}`),
  ].join('\n') + '\n',
);
const screens = [];
const screensCpu = [];
let flagged = null;
for (let i = 0; i < 3; i++) {
  const s = run([BIN, 'screen', portfolio, '--library', library, '--as-of', '2024-12-31', '-f', 'json']);
  if (s.status !== 0 && s.status !== 1) throw new Error(`screen failed: ${s.stderr}`);
  const report = JSON.parse(s.stdout);
  flagged = {
    findings: report.findings.length,
    byFund: report.summary.byFund.length,
    notLookedThrough: report.summary.notLookedThrough.length,
  };
  screens.push(s.ms);
  screensCpu.push(s.cpuMs);
}
const loadAfter = os.loadavg();

const min = (list) => Math.min(...list);
const max = (list) => Math.max(...list);
const loads = (l) => l.map((v) => v.toFixed(2)).join(' ');
const lines = [
  `machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average (1, 5, 15 min) ${loads(loadBefore)} before, ${loads(loadAfterImport)} after the import, ${loads(loadAfter)} at the end${Math.max(...loadBefore, ...loadAfter) > os.cpus().length * 0.5 ? ': other work was running, so wall times are high and noisy (CPU times less so)' : ''}`,
  `import: ${(imp.ms / 1000).toFixed(1)} s (CPU ${(imp.cpuMs / 1000).toFixed(1)} s), peak RSS ${imp.rssMB?.toFixed(0)} MB (targets ≤ 180 s, ≤ 500 MB): ${summary.funds.toLocaleString('en-US')} funds, ${summary.filings.toLocaleString('en-US')} filings, ${summary.holdings.toLocaleString('en-US')} holdings, ${summary.matched} of listed entities`,
  `funds holders hikvision: ${min(holders).toFixed(0)}–${max(holders).toFixed(0)} ms end to end over 5 runs (CPU ${min(holdersCpu).toFixed(0)}–${max(holdersCpu).toFixed(0)} ms; target ≤ 200 ms), ${holderCount} funds; the query alone ${queryMs.length > 0 ? `${min(queryMs).toFixed(1)}–${max(queryMs).toFixed(1)} ms` : 'not measured'}`,
  `screen of 20 library funds: ${min(screens).toFixed(0)}–${max(screens).toFixed(0)} ms over 3 runs (CPU ${min(screensCpu).toFixed(0)}–${max(screensCpu).toFixed(0)} ms; target ≤ 1,000 ms): ${flagged.findings} findings, ${flagged.byFund} funds looked through, ${flagged.notLookedThrough} not`,
];
console.log(lines.join('\n'));
writeFileSync(
  join(ROOT, '.bench', 'library-latest.json'),
  JSON.stringify(
    {
      when: new Date().toISOString(),
      gen: { series: gen.series, filings: gen.filings, holdings: gen.holdings },
      load: { before: loadBefore, afterImport: loadAfterImport, after: loadAfter },
      import: { ms: imp.ms, cpuMs: imp.cpuMs, rssMB: imp.rssMB },
      holdersMs: holders,
      holdersCpuMs: holdersCpu,
      holdersQueryMs: queryMs,
      screenMs: screens,
      screenCpuMs: screensCpu,
      screen: flagged,
    },
    null,
    2,
  ),
);
if (!opts.keep) rmSync(library, { recursive: true, force: true });
