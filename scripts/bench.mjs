#!/usr/bin/env node
// npm run bench [-- options]: throughput, memory and startup of the CLI. Reports; never fails (exit 0).
// The machine is shared: read the ratios, each taken within one run (interleaved rounds), not the times.
//
//   --rows N        rows of the large synthetic file (default 1,000,000)
//   --small N       rows of the comparison file (default 100,000)
//   --skip-large    measure only the comparison file (quick run)
//   --skip-real     do not screen fixtures/real
//   --reps N        repetitions per synthetic measurement (default 3 up to 200,000 rows, 1 above)
//   --timeout S     kill a measured process after S seconds (default 1800)
//   --profile       also write a CPU profile of the comparison screen and print its top self-time functions
//   --xml-mb N      size of the generated N-PORT XML file (default 250; scripts/gen-nport-xml.mjs)
//   --skip-xml      do not measure the XML screen
//   --reference     also the csv-parse pass from the title line and csv-parse/sync (slow: ~75 s each at 1M rows)
//   --startup-only  only the start-up rounds (with --bin, to compare another build)
//   --startup-rounds N  interleaved start-up rounds (default 11)
//   --bin FILE      the exposure-screener bin to measure (default bin/exposure-screener.js of this tree)
//
// Every measurement runs in its own child process. Wall time is taken around the child (spawn to exit,
// Node startup included); peak RSS is the child's ru_maxrss, read with GNU time (`/usr/bin/time -f %M`)
// when it is installed, else through a preload (`node -r .bench/maxrss-preload.cjs`) that writes
// process.resourceUsage().maxRSS when the process exits. Results also go to .bench/results-latest.json and
// one line per run to .bench/history.jsonl.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_SEED, GENERATOR_VERSION, HEADER, generate, PLANTED_LOOKALIKES } from './gen-synthetic-holdings.mjs';
import { generateNport, NPORT_GENERATOR_VERSION } from './gen-nport-xml.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH = join(ROOT, '.bench');
let BIN = join(ROOT, 'bin/exposure-screener.js');
const REAL = resolve(ROOT, 'fixtures/real');
const NODE = process.execPath;

const TARGETS = {
  ratio: 1.3, // screen of 1,000,000 rows ≤ 1.3 × the bare csv-parse pass (issue 18)
  rssMB: 150, // peak RSS of that screen
  rssGrowth: 0.05, // flat in file size: twice the rows, at most 5 % more peak RSS (a leak of 10 bytes a row is +7 %)
  versionRatio: 1.2, // start-up, as ratios to `node -e 0` in the same rounds
  tenRatio: 1.6,
  vwoRatio: 3,
  fundMs: 1000, // a 6,000-row fund file end to end
  xmlRssMB: 200, // peak RSS of a screen of the 250 MB N-PORT file
};
const TEN_ROWS = 10;
const VWO = join(REAL, 'formats', 'vanguard_etf_holdings_details_VWO_2020-09-30.csv');

// ---------------------------------------------------------------------------------------------------
// Options

function parseArgs(argv) {
  const o = {
    rows: 1_000_000,
    small: 100_000,
    skipLarge: false,
    skipReal: false,
    reps: null,
    timeout: 1800,
    profile: false,
    xmlMb: 250,
    skipXml: false,
    reference: false,
    startupOnly: false,
    startupRounds: 11,
    bin: null,
  };
  const num = (flag, v) => {
    const n = Number(String(v).replaceAll('_', '').replaceAll(',', ''));
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a positive integer, got ${v}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes('=') ? argv[i].split(/=(.*)/s) : [argv[i], undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--rows') o.rows = num(flag, value());
    else if (flag === '--small') o.small = num(flag, value());
    else if (flag === '--skip-large') o.skipLarge = true;
    else if (flag === '--skip-real') o.skipReal = true;
    else if (flag === '--reps') o.reps = num(flag, value());
    else if (flag === '--timeout') o.timeout = num(flag, value());
    else if (flag === '--profile') o.profile = true;
    else if (flag === '--xml-mb') o.xmlMb = num(flag, value());
    else if (flag === '--skip-xml') o.skipXml = true;
    else if (flag === '--reference') o.reference = true;
    else if (flag === '--startup-only') o.startupOnly = true;
    else if (flag === '--startup-rounds') o.startupRounds = num(flag, value());
    else if (flag === '--bin') o.bin = resolve(value());
    else if (flag === '-h' || flag === '--help') {
      console.log(
        readFileSync(fileURLToPath(import.meta.url), 'utf8')
          .split('\n')
          .slice(1, 17)
          .map((l) => l.replace(/^\/\/ ?/, ''))
          .join('\n'),
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${argv[i]} (see --help)`);
  }
  return o;
}

// ---------------------------------------------------------------------------------------------------
// Formatting

const fmtInt = (n) => (n === null || n === undefined || !Number.isFinite(n) ? '-' : Math.round(n).toLocaleString('en-US'));
const fmtMs = (ms) =>
  ms === null || ms === undefined
    ? '-'
    : ms >= 10_000
      ? `${(ms / 1000).toFixed(1)} s`
      : ms >= 1000
        ? `${(ms / 1000).toFixed(2)} s`
        : `${ms.toFixed(0)} ms`;
const fmtMB = (kb) => (kb === null || kb === undefined ? '-' : `${(kb / 1024).toFixed(0)} MB`);
const median = (xs) => {
  const s = xs.filter((x) => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const max = (xs) => {
  const s = xs.filter((x) => x !== null && Number.isFinite(x));
  return s.length === 0 ? null : Math.max(...s);
};

function table(headers, rows) {
  const cells = [headers, ...rows].map((r) => r.map((c) => String(c ?? '')));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => [...r[i]].length)));
  const line = (r) =>
    r
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

const log = (msg) => process.stderr.write(`bench: ${msg}\n`);

// ---------------------------------------------------------------------------------------------------
// Running a child and measuring it

function detectGnuTime() {
  for (const path of ['/usr/bin/time']) {
    if (!existsSync(path)) continue;
    const out = join(BENCH, 'time-probe.txt');
    const r = spawnSync(path, ['-f', '%M', '-o', out, NODE, '-e', 'Buffer.alloc(64*1024*1024, 1)'], { encoding: 'utf8' });
    if (r.status === 0 && existsSync(out)) {
      const kb = Number(readFileSync(out, 'utf8').trim().split('\n').pop());
      rmSync(out, { force: true });
      // The probe touched 64 MB; a GNU time that reports 4× (the 1.7 bug) or nothing is not used.
      if (Number.isFinite(kb) && kb > 60_000 && kb < 200_000) return path;
    }
  }
  return null;
}

let GNU_TIME = null;
const ACTIVE = new Set(); // process groups of running children, killed if the bench is interrupted
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    for (const pid of ACTIVE) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    process.exit(130);
  });
}
let PRELOAD = null;
let ALLOC_PRELOAD = null;
let MODULES_PRELOAD = null;

// Bytes allocated on the JS heap by a child: V8's GC profiler gives the used heap before and after every
// collection; what grew between one collection's end and the next one's start was allocated, plus what
// grew after the last. (Memory freed without a collection does not exist in V8, so this is the total.)
const ALLOC_SOURCE = `import v8 from 'node:v8';
import { writeFileSync } from 'node:fs';
const file = process.env.BENCH_ALLOC_FILE;
if (file) {
  const start = v8.getHeapStatistics().used_heap_size;
  const profiler = new v8.GCProfiler();
  profiler.start();
  process.on('exit', () => {
    const { statistics } = profiler.stop();
    let allocated = 0;
    let previous = start;
    for (const s of statistics) {
      allocated += Math.max(0, s.beforeGC.heapStatistics.usedHeapSize - previous);
      previous = s.afterGC.heapStatistics.usedHeapSize;
    }
    allocated += Math.max(0, v8.getHeapStatistics().used_heap_size - previous);
    writeFileSync(file, JSON.stringify({ allocated, gcs: statistics.length }));
  });
}
`;

// Modules a child loads: every file the ES module loader loads (its load hook) and every file in the
// CommonJS cache at exit (modules that require() others), counted once each; node: built-ins apart.
const MODULE_HOOKS_SOURCE = `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (process.env.BENCH_MODULES_FILE) appendFileSync(process.env.BENCH_MODULES_FILE, url + '\\n');
  return next(url, context);
}
`;
const modulesPreloadSource = (hooks) => `import { register, createRequire } from 'node:module';
import { appendFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
register(${JSON.stringify(pathToFileURL(hooks).href)});
const require = createRequire(import.meta.url);
process.on('exit', () => {
  const file = process.env.BENCH_MODULES_FILE;
  if (file) appendFileSync(file, Object.keys(require.cache).map((p) => pathToFileURL(p).href + '\\n').join(''));
});
`;

function writePreload() {
  PRELOAD = join(BENCH, 'maxrss-preload.cjs');
  writeFileSync(
    PRELOAD,
    "process.on('exit', () => { const f = process.env.BENCH_MAXRSS_FILE; if (f) require('fs').writeFileSync(f, String(process.resourceUsage().maxRSS)); });\n",
  );
  ALLOC_PRELOAD = join(BENCH, 'alloc-preload.mjs');
  writeFileSync(ALLOC_PRELOAD, ALLOC_SOURCE);
  const hooks = join(BENCH, 'module-hooks.mjs');
  writeFileSync(hooks, MODULE_HOOKS_SOURCE);
  MODULES_PRELOAD = join(BENCH, 'modules-preload.mjs');
  writeFileSync(MODULES_PRELOAD, modulesPreloadSource(hooks));
}

/**
 * Runs `node <args>` and resolves { ms, maxRssKB, code, signal, stdout, stderr, timedOut }.
 * With rss: true the child runs under GNU time (or the preload) to get its peak RSS.
 */
function runNode(args, { rss = false, alloc = false, timeoutS = 1800, cwd = ROOT, env = {} } = {}) {
  const rssFile = join(BENCH, `rss-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
  const allocFile = `${rssFile}.alloc.json`;
  let cmd = NODE;
  let argv = alloc ? ['--import', pathToFileURL(ALLOC_PRELOAD).href, ...args] : args;
  const childEnv = { ...process.env, NO_COLOR: '1', ...env, ...(alloc ? { BENCH_ALLOC_FILE: allocFile } : {}) };
  if (rss && GNU_TIME !== null) {
    cmd = GNU_TIME;
    argv = ['-f', '%M', '-o', rssFile, NODE, ...argv];
  } else if (rss) {
    argv = ['-r', PRELOAD, ...argv];
    childEnv.BENCH_MAXRSS_FILE = rssFile;
  }
  return new Promise((resolvePromise) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, argv, { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    ACTIVE.add(child.pid);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout = (stdout + d).slice(-1_000_000)));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr = (stderr + d).slice(-100_000)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL'); // the group we created: time and its node
      } catch {
        /* already gone */
      }
    }, timeoutS * 1000);
    child.on('close', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      clearTimeout(timer);
      ACTIVE.delete(child.pid);
      let maxRssKB = null;
      if (rss && existsSync(rssFile)) {
        const text = readFileSync(rssFile, 'utf8');
        // GNU time writes "Command exited with non-zero status N" before the format line.
        const last = text.trim().split('\n').pop();
        maxRssKB = Number(last);
        if (!Number.isFinite(maxRssKB)) maxRssKB = null;
        rmSync(rssFile, { force: true });
      }
      let allocatedBytes = null;
      if (alloc && existsSync(allocFile)) {
        try {
          allocatedBytes = JSON.parse(readFileSync(allocFile, 'utf8')).allocated;
        } catch {
          /* not written */
        }
        rmSync(allocFile, { force: true });
      }
      // GNU time passes the exit status through; a signal shows as 128+N from time.
      resolvePromise({ ms, maxRssKB, allocatedBytes, code, signal, stdout, stderr, timedOut });
    });
  });
}

function failure(r) {
  if (r.timedOut) return 'timed out';
  if (r.signal) return `killed by ${r.signal}`;
  if (r.code !== 0) {
    const tail = r.stderr
      .trim()
      .split('\n')
      .filter((l) => !/^Command (exited|terminated)/.test(l))
      .slice(-2)
      .join(' | ');
    return `exit ${r.code}${tail ? `: ${tail.slice(0, 300)}` : ''}`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Measurements

// The bare parse: csv-parse's streaming API with the options the screen's reader passes (csvOptions of
// src/ingest/read.ts, info off, as src/ingest/stream.ts does), records taken as 'data' events and dropped.
const BARE_STREAM = `
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { csvOptions } from '${pathToFileURL(join(ROOT, 'dist/ingest/read.js')).href}';
const t0 = performance.now();
let records = 0;
const parser = createReadStream(process.env.BENCH_FILE, { start: Number(process.env.BENCH_START ?? 0) }).pipe(parse({ ...csvOptions(','), info: false }));
parser.on('data', () => { records++; });
parser.on('error', (e) => { console.error(e.message); process.exit(1); });
parser.on('end', () => console.log(JSON.stringify({ records, ms: performance.now() - t0, maxRssKB: process.resourceUsage().maxRSS })));
`;

// For reference beside the VWO screen: csv-parse's streaming API alone over the file in a fresh Node, from
// its header line, with the screen reader's options (BENCH_OPTIONS) and rows as arrays: what reading
// the file costs a screen that parses it with csv-parse, before anything is done with a row.
const VWO_BARE = `
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
let records = 0;
createReadStream(process.env.BENCH_FILE, { start: Number(process.env.BENCH_START) })
  .pipe(parse(JSON.parse(process.env.BENCH_OPTIONS)))
  .on('data', () => { records++; })
  .on('error', (e) => { console.error(e.message); process.exit(1); })
  .on('end', () => { if (records < 5000) { console.error('only ' + records + ' records'); process.exit(1); } console.log(records); });
`;

// For reference: what read.ts does today (whole file in memory, csv-parse/sync, every record kept).
const BARE_SYNC = `
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { csvOptions } from '${pathToFileURL(join(ROOT, 'dist/ingest/read.js')).href}';
const t0 = performance.now();
const records = parse(readFileSync(process.env.BENCH_FILE, 'utf8'), csvOptions(','));
console.log(JSON.stringify({ records: records.length, ms: performance.now() - t0, maxRssKB: process.resourceUsage().maxRSS }));
`;

async function repeat(reps, label, fn) {
  const runs = [];
  for (let i = 0; i < reps; i++) {
    const r = await fn(i);
    runs.push(r);
    const err = failure(r);
    log(`  ${label} ${i + 1}/${reps}: ${fmtMs(r.ms)}${r.maxRssKB ? `, ${fmtMB(r.maxRssKB)}` : ''}${err ? ` (${err})` : ''}`);
    if (err) break; // a failing run will fail again; do not wait for it twice
  }
  const ok = runs.filter((r) => failure(r) === null);
  return {
    reps: runs.length,
    ms: median(ok.map((r) => r.ms)),
    msAll: runs.map((r) => Math.round(r.ms)),
    maxRssKB: max(ok.map((r) => r.maxRssKB)),
    error: ok.length === runs.length ? null : failure(runs.find((r) => failure(r) !== null)),
    last: runs[runs.length - 1],
  };
}

/** Runs the measures in rounds, one of each per round, so that other work on the machine falls on all alike. */
async function interleave(reps, measures) {
  const runs = measures.map(() => []);
  const failed = measures.map(() => false);
  for (let i = 0; i < reps; i++) {
    for (const [k, m] of measures.entries()) {
      if (failed[k]) continue;
      const r = await m.run(i);
      runs[k].push(r);
      const err = failure(r);
      log(
        `  ${m.label} ${i + 1}/${reps}: ${fmtMs(r.ms)}${r.maxRssKB ? `, ${fmtMB(r.maxRssKB)}` : ''}${r.allocatedBytes ? `, ${fmtMB(r.allocatedBytes / 1024)} allocated` : ''}${err ? ` (${err})` : ''}`,
      );
      if (err) failed[k] = true;
    }
  }
  return runs.map((list) => {
    const ok = list.filter((r) => failure(r) === null);
    return {
      reps: list.length,
      ms: median(ok.map((r) => r.ms)),
      msAll: list.map((r) => Math.round(r.ms)),
      maxRssKB: max(ok.map((r) => r.maxRssKB)),
      allocatedBytes: median(ok.map((r) => r.allocatedBytes)),
      error: ok.length === list.length ? null : failure(list.find((r) => failure(r) !== null)),
      last: list[list.length - 1],
      runs: list,
    };
  });
}

/** Median of the per-round ratios a/b: each round's pair saw the same load. */
function roundRatio(a, b) {
  const pairs = a.runs
    .map((r, i) => [r, b.runs[i]])
    .filter(([x, y]) => y !== undefined && failure(x) === null && failure(y) === null && y.ms > 0);
  return pairs.length === 0 ? null : median(pairs.map(([x, y]) => x.ms / y.ms));
}

function ensureSynthetic(rows) {
  const file = join(BENCH, `synthetic-${rows}.csv`);
  const metaFile = `${file}.meta.json`;
  if (existsSync(file) && existsSync(metaFile)) {
    try {
      const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
      if (
        meta.generatorVersion === GENERATOR_VERSION &&
        meta.rows === rows &&
        meta.seed === DEFAULT_SEED &&
        statSync(file).size === meta.bytes
      ) {
        log(`reusing ${relative(ROOT, file)} (generator ${GENERATOR_VERSION})`);
        return { file, ...meta, reused: true };
      }
    } catch {
      /* regenerate */
    }
  }
  log(`generating ${relative(ROOT, file)} (${fmtInt(rows)} rows)…`);
  const meta = generate({ rows, out: file });
  log(
    `  ${(meta.bytes / 1e6).toFixed(1)} MB in ${meta.seconds.toFixed(1)} s; planted ${meta.plantedFlagged} flagged and ${meta.plantedLookalikes} look-alike rows`,
  );
  return { ...meta, reused: false };
}

/** What the screen's JSON says: rows, flagged findings, and whether a look-alike was flagged. */
function readReport(path) {
  try {
    const r = JSON.parse(readFileSync(path, 'utf8'));
    const lookalikeNames = new Set(PLANTED_LOOKALIKES.map((l) => l[0]));
    const flagged = r.findings.filter((f) => f.status === 'flagged');
    return {
      rows: r.inputs.reduce((s, i) => s + (i.rows?.total ?? 0), 0),
      screened: r.inputs.reduce((s, i) => s + (i.rows?.screened ?? 0), 0),
      flagged: flagged.length,
      review: r.findings.filter((f) => f.status === 'review').length,
      lookalikesFlagged: flagged.filter((f) => lookalikeNames.has(f.holding?.name)).length,
      warnings: r.inputs.reduce((s, i) => s + (i.warnings?.length ?? 0), 0),
    };
  } catch (error) {
    return { error: `report unreadable: ${error.message}` };
  }
}

async function benchSynthetic(rows, reps, timeoutS, reference) {
  const meta = ensureSynthetic(rows);
  // The bare pass starts at the header line: with relax_column_count csv-parse builds a CsvError (stack
  // trace and all) for every record wider than the first one, so from the one-cell title line on every row
  // would pay for an Error, which the screen does not (its reader starts at the header). Rows as arrays.
  const start = readFileSync(meta.file).subarray(0, 4096).indexOf(HEADER);
  const env = { BENCH_FILE: meta.file, BENCH_START: String(Math.max(0, start)) };
  const out = join(BENCH, `screen-${rows}.json`);
  log(`(a, b) bare csv-parse (arrays) and screen of ${fmtInt(rows)} rows, interleaved, ${reps} round(s)`);
  const [bare, screen] = await interleave(reps, [
    {
      label: 'bare csv-parse',
      run: () => runNode(['--input-type=module', '-e', BARE_STREAM], { rss: true, alloc: true, env, timeoutS }),
    },
    {
      label: 'screen',
      run: () =>
        runNode([BIN, 'screen', meta.file, '--format', 'json', '--fail-on', 'none', '-o', out], { rss: true, alloc: true, timeoutS }),
    },
  ]);
  let inner = null;
  try {
    inner = bare.error ? null : JSON.parse(bare.last.stdout.trim().split('\n').pop());
  } catch {
    /* no JSON line */
  }
  const report = screen.error ? null : readReport(out);
  let withTitle = null;
  let sync = null;
  if (reference) {
    log(`(a') csv-parse (stream) from the title line, for reference`);
    withTitle = await repeat(1, 'bare stream, from the title', () =>
      runNode(['--input-type=module', '-e', BARE_STREAM], { rss: true, env: { BENCH_FILE: meta.file }, timeoutS }),
    );
    log(`(a'') csv-parse/sync of the whole file (as read.ts does), for reference`);
    sync = await repeat(1, 'bare sync', () =>
      runNode(['--input-type=module', '-e', BARE_SYNC], { rss: true, env: { BENCH_FILE: meta.file }, timeoutS }),
    );
  }
  log(`(b') inspect of ${fmtInt(rows)} rows (streamed like the screen)`);
  const inspect = await repeat(1, 'inspect', () => runNode([BIN, 'inspect', meta.file, '--json'], { rss: true, timeoutS }));
  const perRow = (x) => (x.allocatedBytes === null ? null : x.allocatedBytes / rows);
  const result = {
    rows,
    file: relative(ROOT, meta.file),
    bytes: meta.bytes,
    planted: { flagged: meta.plantedFlagged, lookalikes: meta.plantedLookalikes },
    bare: { ...strip(bare), records: inner?.records ?? null, inProcessMs: inner?.ms ?? null, bytesPerRow: perRow(bare) },
    screen: { ...strip(screen), report, bytesPerRow: perRow(screen) },
    withTitle: withTitle && strip(withTitle),
    sync: sync && strip(sync),
    inspect: strip(inspect),
  };
  result.ratio = roundRatio(screen, bare);
  return result;
}

const strip = ({ last, runs, ...rest }) => rest;

/** The generated N-PORT file, reused while its generator and size are the same. */
function ensureNport(mb) {
  const file = join(BENCH, `nport-${mb}mb.xml`);
  const metaFile = `${file}.meta.json`;
  if (existsSync(file) && existsSync(metaFile)) {
    try {
      const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
      if (meta.generatorVersion === NPORT_GENERATOR_VERSION && meta.mb === mb && statSync(file).size === meta.bytes) {
        log(`reusing ${relative(ROOT, file)} (N-PORT generator ${NPORT_GENERATOR_VERSION})`);
        return meta;
      }
    } catch {
      /* regenerate */
    }
  }
  log(`generating ${relative(ROOT, file)} (${mb} MB of N-PORT XML)…`);
  const meta = generateNport({ mb, out: file });
  writeFileSync(metaFile, JSON.stringify(meta));
  log(
    `  ${(meta.bytes / 1e6).toFixed(1)} MB, ${fmtInt(meta.rows)} positions of ${fmtInt(meta.issuers)} issuers (${meta.planted} Hikvision) in ${meta.seconds.toFixed(1)} s`,
  );
  return meta;
}

/**
 * Peak RSS of a screen of twice the large file's rows: whether memory is flat in file size. A smaller
 * file is no measure of that: the screen's caches (the verdict table, the memos of names and tickers)
 * fill up to their caps over the first few hundred thousand rows, and then stay there.
 */
async function benchDoubled(rows, timeoutS) {
  const meta = ensureSynthetic(rows);
  log(`(b'') screen of ${fmtInt(rows)} rows, for peak RSS at twice the rows`);
  const out = join(BENCH, `screen-${rows}.json`);
  // With the allocation preload, as the screen it is compared with runs (its GC profiler holds memory too).
  const screen = await repeat(1, 'screen', () =>
    runNode([BIN, 'screen', meta.file, '--format', 'json', '--fail-on', 'none', '-o', out], { rss: true, alloc: true, timeoutS }),
  );
  return { rows, file: relative(ROOT, meta.file), bytes: meta.bytes, screen: strip(screen) };
}

/** Screen of a large N-PORT filing: the XML is streamed, so peak RSS should not follow the file's size. */
async function benchXml(mb, timeoutS) {
  const meta = ensureNport(mb);
  log(`(x) screen --format json of the ${mb} MB N-PORT file`);
  const out = join(BENCH, `screen-nport-${mb}mb.json`);
  const screen = await repeat(1, 'screen xml', () =>
    runNode([BIN, 'screen', meta.file, '--format', 'json', '--fail-on', 'none', '-o', out], { rss: true, timeoutS }),
  );
  const report = screen.error ? null : readReport(out);
  return {
    file: relative(ROOT, meta.file),
    bytes: meta.bytes,
    positions: meta.rows,
    issuers: meta.issuers,
    planted: meta.planted,
    screen: { ...strip(screen), report },
  };
}

/** The files a command loads, by running it once with the module-counting preload. */
async function modulesOf(args) {
  const file = join(BENCH, `modules-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
  await runNode(['--import', pathToFileURL(MODULES_PRELOAD).href, ...args], { env: { BENCH_MODULES_FILE: file } });
  if (!existsSync(file)) return null;
  const urls = new Set(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((u) => u.startsWith('file:') && !u.includes('/.bench/')),
  );
  rmSync(file, { force: true });
  const packages = new Set([...urls].map((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1]).filter(Boolean));
  const zod = [...urls].filter((u) => u.includes('/node_modules/zod/')).length;
  return {
    files: urls.size,
    dependencyFiles: [...urls].filter((u) => u.includes('/node_modules/')).length,
    packages: [...packages].sort(),
    zod,
  };
}

/**
 * Start-up as ratios to `node -e 0`: rounds of node -e 0, --version, a 10-row screen and the VWO holdings
 * file, one of each per round; medians, and the median of each round's ratio (the floor moves with the load).
 */
async function benchStartup(rounds) {
  const ten = ensureSynthetic(TEN_ROWS);
  const screenArgs = (file) => [BIN, 'screen', file, '--fail-on', 'none', '--format', 'table', '-o', join(BENCH, 'startup-screen.txt')];
  const { csvOptions } = await import(pathToFileURL(join(ROOT, 'dist/ingest/read.js')).href);
  const vwoBare = () => {
    const bytes = readFileSync(VWO);
    const header = bytes.indexOf(',SEDOL,');
    if (header < 0) throw new Error(`bench: no ",SEDOL," header line in ${VWO}`);
    return {
      key: 'vwoBare',
      reference: true,
      label: 'for reference: csv-parse alone over the VWO file, from its header line (rows as arrays)',
      args: ['--input-type=module', '-e', VWO_BARE],
      env: {
        BENCH_FILE: VWO,
        BENCH_START: String(bytes.lastIndexOf(0x0a, header) + 1),
        BENCH_OPTIONS: JSON.stringify({ ...csvOptions(','), info: false }),
      },
    };
  };
  const cases = [
    { key: 'node', label: '`node -e 0`', args: ['-e', '0'] },
    { key: 'version', label: '`--version`', args: [BIN, '--version'], target: TARGETS.versionRatio },
    { key: 'ten', label: `screen of ${TEN_ROWS} rows (table)`, args: screenArgs(ten.file), target: TARGETS.tenRatio },
    ...(existsSync(VWO)
      ? [
          {
            key: 'vwo',
            label: `screen of the VWO holdings file (${relative(ROOT, VWO)})`,
            args: screenArgs(VWO),
            target: TARGETS.vwoRatio,
          },
          vwoBare(),
          // For reference: the same screen with one V8 worker thread rather than Node's four. On two cores the
          // four (V8's background compiles and garbage collection) take CPU from the main thread as it reads
          // the rows; --v8-pool-size is a Node option, which a program cannot set for itself once started.
          {
            key: 'vwoOneWorker',
            reference: true,
            label: 'for reference: the same VWO screen under `node --v8-pool-size=1` (one V8 worker thread)',
            args: ['--v8-pool-size=1', ...screenArgs(VWO)],
          },
        ]
      : []),
  ];
  log(`(c) start-up: ${rounds} rounds of ${cases.map((c) => c.key).join(', ')} (after one warm-up of each)`);
  for (const c of cases) await runNode(c.args, { env: c.env });
  const measured = await interleave(
    rounds,
    cases.map((c) => ({ label: c.key, run: () => runNode(c.args, { env: c.env }) })),
  );
  const floor = measured[0];
  let printed = null;
  const out = cases.map((c, i) => {
    const m = measured[i];
    if (c.key === 'version') printed = m.last?.stdout.trim() ?? null;
    return {
      key: c.key,
      label: c.label,
      ms: m.ms,
      msAll: m.msAll,
      error: m.error,
      ratio: i === 0 ? 1 : roundRatio(m, floor),
      target: c.target ?? null,
    };
  });
  log("(c') modules loaded by each command (one run each with a counting preload)");
  for (const [i, c] of cases.entries()) if (i > 0 && c.reference !== true) out[i].modules = await modulesOf(c.args);
  return { rounds, bin: relative(ROOT, BIN) || BIN, cases: out, printed, nodeMs: floor.ms };
}

function realFiles() {
  const out = [];
  for (const dir of [REAL, join(REAL, 'formats')]) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) if (name.toLowerCase().endsWith('.csv')) out.push(join(dir, name));
  }
  return out;
}

async function benchReal(timeoutS) {
  const files = realFiles();
  if (files.length === 0) {
    log(`(d) no real files under ${REAL}`);
    return [];
  }
  log(`(d) ${files.length} real files, median of 3 each`);
  mkdirSync(join(BENCH, 'real'), { recursive: true });
  const results = [];
  for (const file of files) {
    const out = join(BENCH, 'real', `${basename(file)}.json`);
    const m = await repeat(3, basename(file), () =>
      runNode([BIN, 'screen', file, '--format', 'json', '--fail-on', 'none', '-o', out], { rss: true, timeoutS }),
    );
    const report = m.error ? null : readReport(out);
    results.push({ file: relative(ROOT, file), bytes: statSync(file).size, ...strip(m), report });
  }
  return results;
}

// CPU profile of one screen: self time per function and per file.
async function profile(file, timeoutS) {
  const dir = join(BENCH, 'prof');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  log(`profiling screen of ${relative(ROOT, file)} (--cpu-prof)`);
  const r = await runNode(
    ['--cpu-prof', `--cpu-prof-dir=${dir}`, BIN, 'screen', file, '--format', 'json', '--fail-on', 'none', '-o', '/dev/null'],
    { timeoutS },
  );
  const prof = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!prof) return { error: failure(r) ?? 'no profile written' };
  return { file: relative(ROOT, join(dir, prof)), ...summariseProfile(JSON.parse(readFileSync(join(dir, prof), 'utf8'))) };
}

export function summariseProfile(p) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = (p.timeDeltas[i + 1] ?? p.timeDeltas[i] ?? 0) / 1000; // µs → ms; a delta ends the sample before it
    total += dt;
    const n = byId.get(p.samples[i]);
    if (!n) continue;
    self.set(n, (self.get(n) ?? 0) + dt);
  }
  const short = (url) => (url ? url.replace(/^file:\/\//, '').replace(`${ROOT}/`, '') : '');
  const fnKey = (cf) => `${cf.functionName || '(anonymous)'}  ${short(cf.url)}${cf.url ? `:${cf.lineNumber + 1}` : ''}`;
  const fileKey = (cf) => {
    const u = short(cf.url);
    if (!u) return cf.functionName.startsWith('(') ? cf.functionName : '(native/builtin)';
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
    return m ? `node_modules/${m[1]}` : u;
  };
  const group = (keyOf) => {
    const acc = new Map();
    for (const [n, ms] of self) acc.set(keyOf(n.callFrame), (acc.get(keyOf(n.callFrame)) ?? 0) + ms);
    return [...acc].sort((a, b) => b[1] - a[1]).map(([name, ms]) => ({ name, ms: Math.round(ms), pct: total ? (100 * ms) / total : 0 }));
  };
  return { totalMs: Math.round(total), functions: group(fnKey).slice(0, 20), files: group(fileKey).slice(0, 12) };
}

// ---------------------------------------------------------------------------------------------------
// Report

function verdict(ok) {
  return ok === null ? 'n/a' : ok ? 'PASS' : 'MISS';
}

/** Fingerprint of the built code: others may rebuild dist/ (npm test does) while the bench runs. */
function distHash() {
  const h = createHash('sha256');
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.js')) h.update(e.name).update(readFileSync(p));
    }
  };
  try {
    walk(join(ROOT, 'dist'));
  } catch {
    return null;
  }
  return h.digest('hex').slice(0, 12);
}

function gitInfo() {
  const r = spawnSync('git', ['describe', '--always', '--dirty'], { cwd: ROOT, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** The start-up table: each command's median, its ratio to `node -e 0`, the target, and the modules it loads. */
function startupTable(startup) {
  const rows = startup.cases.map((c) => [
    c.label,
    c.error ?? fmtMs(c.ms),
    c.ratio ? `${c.ratio.toFixed(2)}×` : '-',
    c.target ? `≤ ${c.target}×` : '',
    c.target ? verdict(c.ratio ? c.ratio <= c.target : null) : '',
    c.modules ? fmtInt(c.modules.files) : '',
    c.modules ? fmtInt(c.modules.dependencyFiles) : '',
    c.modules ? c.modules.packages.join(' ') || 'none' : '',
  ]);
  return [
    `Start-up (${startup.rounds} interleaved rounds, medians; ratio = median of each round's time ÷ that round's \`node -e 0\`)`,
    table(['command', 'median', '÷ node -e 0', 'target', 'verdict', 'files loaded', 'of them in node_modules', 'packages'], rows),
    `  --version prints "${(startup.printed ?? '').replaceAll('\n', ' / ')}"; files loaded: every module file the command loads (ES loader and CommonJS cache)`,
  ];
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  mkdirSync(BENCH, { recursive: true });
  if (!existsSync(join(ROOT, 'dist/cli/main.js'))) {
    console.log('bench: dist/ is missing; run `npm run build` (or `npm run bench`, which builds first).');
    return;
  }
  const started = Date.now();
  GNU_TIME = detectGnuTime();
  writePreload();
  const rssMethod = GNU_TIME ? `GNU time (${GNU_TIME} -f %M)` : 'preload (process.resourceUsage().maxRSS at exit)';
  if (!GNU_TIME) log('GNU time not found (apt-get install -y time); peak RSS comes from a preload instead');

  const machine = {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? null,
    memGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    git: gitInfo(),
    rssMethod,
    dist: distHash(),
    loadStart: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
  if (machine.loadStart[0] > machine.cores / 2)
    log(`load average ${machine.loadStart[0]} on ${machine.cores} cores: other work is running, numbers will be noisy`);
  log(`${machine.cores} cores (${machine.cpu}), ${machine.memGB} GB, Node ${machine.node}, ${machine.git ?? ''}`);

  if (o.bin !== null) BIN = o.bin;
  if (o.startupOnly) {
    const startup = await benchStartup(o.startupRounds);
    const text = startupTable(startup).join('\n');
    console.log(`\nStart-up of ${startup.bin}, ${machine.git ?? ''}, load ${machine.loadStart.join(' / ')}\n${text}`);
    writeFileSync(join(BENCH, 'startup-latest.json'), JSON.stringify({ date: new Date().toISOString(), machine, startup }, null, 2) + '\n');
    return;
  }
  const sizes = o.skipLarge ? [Math.min(o.small, o.rows)] : o.small < o.rows ? [o.small, o.rows] : [o.rows];
  const synthetic = [];
  for (const rows of sizes) synthetic.push(await benchSynthetic(rows, o.reps ?? (rows <= 200_000 ? 3 : 1), o.timeout, o.reference));

  log('6,000-row synthetic fund file');
  const fundMeta = ensureSynthetic(6000);
  const fundOut = join(BENCH, 'screen-6000.json');
  const fund = await repeat(3, 'screen 6k', () =>
    runNode([BIN, 'screen', fundMeta.file, '--format', 'json', '--fail-on', 'none', '-o', fundOut], { rss: true, timeoutS: o.timeout }),
  );
  const fundReport = fund.error ? null : readReport(fundOut);
  const doubled = o.skipLarge ? null : await benchDoubled(2 * o.rows, o.timeout);

  const startup = await benchStartup(o.startupRounds);
  const real = o.skipReal ? [] : await benchReal(o.timeout);
  const prof = o.profile ? await profile(ensureSynthetic(Math.min(o.small, o.rows)).file, o.timeout) : null;
  const xml = o.skipXml ? null : await benchXml(o.xmlMb, o.timeout);

  // ---- print
  machine.loadEnd = os.loadavg().map((x) => Number(x.toFixed(2)));
  machine.distEnd = distHash();
  const distNote =
    machine.distEnd === machine.dist
      ? `dist ${machine.dist}`
      : `dist ${machine.dist} → ${machine.distEnd}  ← dist/ was rebuilt during the run: numbers mix two builds`;
  const lines = [];
  const p = (s = '') => lines.push(s);
  p();
  p(`exposure-screener benchmark — ${new Date().toISOString()}`);
  p(`machine: ${machine.cores} cores (${machine.cpu}), ${machine.memGB} GB RAM, Node ${machine.node} ${machine.platform}`);
  p(`code: tree ${machine.git ?? '?'}, ${distNote}`);
  p(`peak RSS from: ${rssMethod}; allocated bytes from V8's GC profiler (a preload); wall times include Node startup`);
  p(
    `load average (1/5/15 min) at start ${machine.loadStart.join(' / ')}, at end ${machine.loadEnd.join(' / ')}${Math.max(machine.loadStart[0], machine.loadEnd[0]) > machine.cores / 2 ? '  ← other work was running: times are noisy, read the ratios' : ''}`,
  );
  p('Ratios are taken within this run: the measures run in interleaved rounds and each ratio is the median of');
  p("the rounds' ratios, so load from other work falls on both sides alike. Times alone are not comparable across runs.");
  p();
  p('Synthetic holdings (scripts/gen-synthetic-holdings.mjs): the screen against a bare csv-parse pass over the same file');
  p(
    table(
      [
        'rows',
        'MB',
        'bare csv-parse',
        'RSS',
        'B/row',
        'screen',
        'rows/s',
        'RSS',
        'B/row',
        'screen ÷ bare',
        'flagged/planted',
        'rounds',
        'inspect',
        'RSS',
      ],
      synthetic.map((s) => [
        fmtInt(s.rows),
        (s.bytes / 1e6).toFixed(1),
        s.bare.error ?? fmtMs(s.bare.ms),
        fmtMB(s.bare.maxRssKB),
        fmtInt(s.bare.bytesPerRow),
        s.screen.error ? 'failed' : fmtMs(s.screen.ms),
        s.screen.ms ? fmtInt(s.rows / (s.screen.ms / 1000)) : '-',
        fmtMB(s.screen.maxRssKB),
        fmtInt(s.screen.bytesPerRow),
        s.ratio ? `${s.ratio.toFixed(2)}×` : '-',
        s.screen.report
          ? `${s.screen.report.flagged}/${s.planted.flagged}${s.screen.report.lookalikesFlagged ? ` (+${s.screen.report.lookalikesFlagged} look-alikes!)` : ''}`
          : '-',
        s.screen.reps,
        s.inspect.error ? 'failed' : fmtMs(s.inspect.ms),
        fmtMB(s.inspect.maxRssKB),
      ]),
    ),
  );
  for (const s of synthetic) {
    if (s.screen.error) p(`  screen of ${fmtInt(s.rows)} rows failed: ${s.screen.error}`);
    if (s.bare.records !== null && s.bare.records !== s.rows + 2)
      p(`  note: bare parse counted ${fmtInt(s.bare.records)} records for ${fmtInt(s.rows)} rows (+ header and total expected)`);
    if (s.screen.report && s.screen.report.flagged !== s.planted.flagged)
      p(`  note: the screen of ${fmtInt(s.rows)} rows flagged ${s.screen.report.flagged} (planted ${s.planted.flagged})`);
    if (s.withTitle)
      p(`  reference: csv-parse from the title line ${s.withTitle.error ?? fmtMs(s.withTitle.ms)}, ${fmtMB(s.withTitle.maxRssKB)}`);
    if (s.sync) p(`  reference: csv-parse/sync of the whole file ${s.sync.error ?? fmtMs(s.sync.ms)}, ${fmtMB(s.sync.maxRssKB)}`);
  }
  p("  bare csv-parse = csv-parse's streaming API with the options of the screen's reader (csvOptions of src/ingest/read.ts,");
  p('                   info off), from the header line on, records as arrays, counted and dropped: the baseline');
  p('  B/row          = bytes allocated on the JS heap over the whole process (start-up included) ÷ rows');
  p('  inspect        = exposure-screener inspect --json of the same file, one run');
  p();
  if (doubled !== null) {
    p(
      `Synthetic ${fmtInt(doubled.rows)} rows (${(doubled.bytes / 1e6).toFixed(1)} MB), for peak RSS: screen ${doubled.screen.error ?? fmtMs(doubled.screen.ms)}, ${fmtMB(doubled.screen.maxRssKB)}`,
    );
    p();
  }
  for (const line of startupTable(startup)) p(line);
  p();
  p(
    `Synthetic 6,000-row fund file: ${fund.error ?? fmtMs(fund.ms)} (runs ${fund.msAll.join(', ')} ms), ${fmtMB(fund.maxRssKB)}${fundReport ? `, flagged ${fundReport.flagged}/${fundMeta.plantedFlagged}` : ''}`,
  );
  if (xml !== null) {
    const r = xml.screen.report;
    p(
      `N-PORT XML (scripts/gen-nport-xml.mjs), ${(xml.bytes / 1e6).toFixed(1)} MB, ${fmtInt(xml.positions)} positions of ${fmtInt(xml.issuers)} issuers: screen ${xml.screen.error ?? fmtMs(xml.screen.ms)}` +
        `${xml.screen.ms ? ` (${fmtInt(xml.positions / (xml.screen.ms / 1000))} rows/s)` : ''}, peak RSS ${fmtMB(xml.screen.maxRssKB)}${r ? `, rows ${fmtInt(r.rows)}, flagged ${r.flagged}/${xml.planted}` : ''}`,
    );
  }
  if (real.length) {
    p();
    p(`Real files (fixtures/real; screen --format json, median of 3)`);
    p(
      table(
        ['file', 'KB', 'rows', 'time', 'rows/s', 'RSS', 'flagged', 'review'],
        real.map((r) => [
          r.file.replace(/^fixtures\/real\//, ''),
          (r.bytes / 1024).toFixed(0),
          r.report ? fmtInt(r.report.rows) : '-',
          r.error ? r.error.slice(0, 70) : fmtMs(r.ms),
          r.report && r.ms ? fmtInt(r.report.rows / (r.ms / 1000)) : '-',
          fmtMB(r.maxRssKB),
          r.report ? r.report.flagged : '-',
          r.report ? r.report.review : '-',
        ]),
      ),
    );
  }

  // ---- targets
  const large = synthetic[synthetic.length - 1];
  const at = (s) => (s.rows >= 1_000_000 ? '' : ` (measured at ${fmtInt(s.rows)} rows)`);
  // A 1,000,000-row target measured on a smaller file is indicative only: its verdict is shown in brackets.
  const scaled = (s, v) => (s.rows >= 1_000_000 || v === 'n/a' ? v : `(${v})`);
  const growth = doubled?.screen.maxRssKB && large.screen.maxRssKB ? doubled.screen.maxRssKB / large.screen.maxRssKB - 1 : null;
  const startupCase = (key) => startup.cases.find((c) => c.key === key) ?? null;
  const startupTarget = (key, what) => {
    const c = startupCase(key);
    return [
      `${what} ≤ ${c?.target ?? '?'} × \`node -e 0\` (median of ${startup.rounds} rounds)`,
      c?.ratio ? `${c.ratio.toFixed(2)}× (${fmtMs(c.ms)})` : (c?.error ?? 'not measured'),
      verdict(c?.ratio ? c.ratio <= c.target : null),
    ];
  };
  const targets = [
    [
      `screen of 1,000,000 rows ≤ ${TARGETS.ratio} × bare csv-parse${at(large)}`,
      large.ratio ? `${large.ratio.toFixed(2)}×` : (large.screen.error ?? '-'),
      scaled(large, verdict(large.ratio ? large.ratio <= TARGETS.ratio : large.screen.error ? false : null)),
    ],
    [
      `peak RSS of that screen ≤ ${TARGETS.rssMB} MB${at(large)}`,
      fmtMB(large.screen.maxRssKB),
      scaled(large, verdict(large.screen.maxRssKB ? large.screen.maxRssKB / 1024 <= TARGETS.rssMB : large.screen.error ? false : null)),
    ],
    [
      `peak RSS flat in file size: at ${fmtInt(doubled?.rows ?? 2 * large.rows)} rows at most +${TARGETS.rssGrowth * 100} % of it`,
      growth === null
        ? (doubled?.screen.error ?? 'not measured')
        : `${fmtMB(doubled.screen.maxRssKB)} vs ${fmtMB(large.screen.maxRssKB)} (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(0)} %)`,
      scaled(large, verdict(growth === null ? null : growth <= TARGETS.rssGrowth)),
    ],
    startupTarget('version', '`--version`'),
    startupTarget('ten', `a ${TEN_ROWS}-row screen`),
    startupTarget('vwo', 'the VWO holdings file'),
    [
      `6,000-row fund file under 1 s: synthetic 6,000 rows`,
      fund.error ?? fmtMs(fund.ms),
      verdict(fund.ms === null ? false : fund.ms < TARGETS.fundMs),
    ],
  ];
  if (xml !== null) {
    targets.push([
      `peak RSS of a screen of the ${o.xmlMb} MB N-PORT XML ≤ ${TARGETS.xmlRssMB} MB`,
      xml.screen.error ?? fmtMB(xml.screen.maxRssKB),
      verdict(xml.screen.maxRssKB ? xml.screen.maxRssKB / 1024 <= TARGETS.xmlRssMB : xml.screen.error ? false : null),
    ]);
  }
  p();
  p('Targets');
  p(table(['target', 'measured', 'verdict'], targets));
  if (large.rows < 1_000_000) p('  (verdict) = a 1,000,000-row target measured on a smaller file: indicative only');
  if (prof) {
    p();
    if (prof.error) p(`CPU profile failed: ${prof.error}`);
    else {
      p(`CPU profile of the ${fmtInt(Math.min(o.small, o.rows))}-row screen (${prof.file}, ${fmtMs(prof.totalMs)} sampled): top self time`);
      p(
        table(
          ['function  file:line', 'self', '%'],
          prof.functions.slice(0, 15).map((f) => [f.name, fmtMs(f.ms), f.pct.toFixed(1)]),
        ),
      );
      p();
      p(
        table(
          ['by file / package', 'self', '%'],
          prof.files.map((f) => [f.name, fmtMs(f.ms), f.pct.toFixed(1)]),
        ),
      );
    }
  }
  p();
  p(`bench took ${((Date.now() - started) / 1000).toFixed(0)} s; results in .bench/results-latest.json`);
  console.log(lines.join('\n'));

  const results = {
    date: new Date().toISOString(),
    options: o,
    machine,
    synthetic,
    doubled,
    fund: { ...strip(fund), report: fundReport },
    startup,
    real,
    xml,
    profile: prof,
    targets: targets.map(([target, measured, v]) => ({ target, measured, verdict: v })),
  };
  writeFileSync(join(BENCH, 'results-latest.json'), JSON.stringify(results, null, 2) + '\n');
  appendFileSync(join(BENCH, 'history.jsonl'), JSON.stringify(results) + '\n');
  // Committed: the README's speed table is rendered from it (scripts/update-readme.mjs).
  mkdirSync(join(ROOT, 'bench'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'latest.json'), JSON.stringify(results, null, 2) + '\n');
}

try {
  await main();
} catch (error) {
  console.log(`bench: could not finish: ${error?.stack ?? error}`);
}
process.exitCode = 0;
