// `funds import | holders | list | show | remove`: the local fund library built from the SEC's N-PORT
// files and fund issuers' holdings files. Reading the files, the library folder and the environment
// happens here.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { openHoldingsStream, readSideText } from '../io/files.js';
import { basename, join } from 'node:path';
import { bundledData } from '../dataset/bundled.js';
import type { DatasetFile } from '../dataset/schema.js';
import { InputError, UsageError } from '../errors.js';
import type { ImportProgress, ImportSummary, SourceFile } from '../library/import.js';
import { findSeries, holdersOf, listFunds, matchesStale, removeFilings, showFund } from '../library/queries.js';
import { HOLDINGS_FILE_SUB_TYPE, LIBRARY_FILE_NAME, openLibrary, type Db } from '../library/store.js';
import { libraryDir } from './screen-library.js';
import { classifyIdentifier } from '../normalize/identifiers.js';
import { daysBetween, isIsoDate } from '../normalize/dates.js';
import { EXIT } from './exit-codes.js';
import type { RunEnvironment, RunResult } from './environment.js';

/** The library folder: --library, else $EXPOSURE_SCREENER_HOME, else the platform's user data folder. */

function openExisting(option: unknown): { db: Db; dir: string } {
  const dir = libraryDir(option);
  const file = join(dir, LIBRARY_FILE_NAME);
  if (!existsSync(file)) {
    throw new UsageError(`no fund library in ${dir}`, {
      hint: 'build one: exposure-screener funds import <N-PORT data set zip> company_tickers_mf.json --library DIR',
    });
  }
  return { db: openLibrary(file, { create: false }), dir };
}

/** SHA-256 of a file, read through the one module that opens the user's files (regular files only). */
async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of openHoldingsStream(path)) if (chunk instanceof Uint8Array) hash.update(chunk);
  return hash.digest('hex');
}

/** The first bytes of a file, to tell a zip from JSON and XML. */
async function firstBytes(path: string): Promise<Buffer> {
  for await (const chunk of openHoldingsStream(path, 512)) if (chunk instanceof Uint8Array) return Buffer.from(chunk);
  return Buffer.alloc(0);
}

const MB = 1024 * 1024;

function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** The progress line of an import: table, rows and bytes read, and the time left at this rate. */
function importProgressText(p: ImportProgress, elapsedSeconds: number): string {
  const share = p.totalBytes > 0 ? p.bytes / p.totalBytes : 0;
  const eta = share > 0.02 && share < 1 ? `, about ${duration((elapsedSeconds * (1 - share)) / share)} left` : '';
  return `${p.file}: ${p.table} ${p.rows.toLocaleString('en-US')} rows, ${(p.bytes / MB).toFixed(1)} of ${(p.totalBytes / MB).toFixed(1)} MB (${Math.round(share * 100)}%)${eta}`;
}

function summaryText(s: ImportSummary): string {
  if (s.alreadyImported) return `${s.file}: already in the library (same SHA-256): nothing changed`;
  const parts =
    s.kind === 'sec-tickers'
      ? [`${s.tickers.toLocaleString('en-US')} tickers of ${s.funds.toLocaleString('en-US')} funds`]
      : [
          `${s.funds.toLocaleString('en-US')} fund(s)`,
          `${s.periods} period(s)`,
          `${s.filings.toLocaleString('en-US')} filing(s)${s.amendments > 0 ? ` (${s.amendments} amendment(s))` : ''}`,
          `${s.holdings.toLocaleString('en-US')} holdings`,
          `${s.matched} holding(s) of listed entities`,
        ];
  const skipped = s.skipped.reduce((n, k) => n + k.rows, 0);
  const h = s.holdingsFile;
  if (h !== undefined)
    parts.splice(
      0,
      3,
      `${h.ticker} (${h.name}, kept as ${h.seriesId}) as of ${h.period}, net assets ${h.netAssets === null ? 'not stated' : money(h.netAssets)}`,
    );
  const lines = [
    `${s.file}: ${parts.join(', ')}; ${skipped === 0 ? 'no rows skipped' : `${skipped.toLocaleString('en-US')} row(s) skipped:`}`,
  ];
  for (const k of s.skipped) lines.push(`  ${k.rows.toLocaleString('en-US')} ${k.reason}`);
  return lines.join('\n');
}

/** `funds import FILES`: N-PORT data set zips, N-PORT XML filings, the SEC's ticker file and funds' holdings files, each in one transaction. */
export async function runFundsImport(
  files: readonly string[],
  o: Readonly<Record<string, unknown>>,
  env: RunEnvironment,
  progress?: (line: string, done: boolean) => void,
): Promise<RunResult> {
  if (files.length === 0) throw new UsageError('funds import: name at least one file');
  const dir = libraryDir(o['library']);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new UsageError(`cannot create the library folder ${dir}`, { hint: 'pass --library DIR with a writable folder', cause: error });
  }
  // Loaded here: the queries (holders, list) should not pay for the zip reader and the importers.
  const { importDataSet, importHoldingsFile, importTickerFile, importXmlFiling, isTickerFile } = await import('../library/import.js');
  const db = openLibrary(join(dir, LIBRARY_FILE_NAME), { create: true });
  try {
    const bundled = await bundledData();
    const dataset = bundled.loaded.dataset;
    const catalogFunds = bundled.funds.funds.map((f) => ({ ticker: f.ticker, cusip: f.cusip, isin: f.isin }));
    const started = Date.now();
    let lastTick = 0;
    const ctx = {
      db,
      dataset,
      today: env.today,
      now: new Date().toISOString(),
      catalogFunds,
      ...(progress === undefined
        ? {}
        : {
            progress: (p: ImportProgress) => {
              const now = Date.now();
              if (!p.done && now - lastTick < 250) return;
              lastTick = now;
              progress(importProgressText(p, (now - started) / 1000), false);
            },
          }),
    };
    // Tickers first: a data set imported with them can be found by ticker straight away; holdings
    // files last, so that the library's ticker table can name their funds.
    const kinds: { path: string; kind: FileKind }[] = [];
    for (const path of files) kinds.push({ path, kind: kindOf(await firstBytes(path)) });
    const order: readonly FileKind[] = ['tickers', 'zip', 'xml', 'holdings'];
    const ordered = [...kinds].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
    const fundGiven = fundOption(o['fund'], kinds.filter((k) => k.kind === 'holdings').length);
    const asOf = asOfOption(o['asOf']);
    // The holdings files' reader, and the catalogue that can name their funds, only when there is one.
    const fundFiles = kinds.some((k) => k.kind === 'holdings') ? await import('./funds-holdings-file.js') : null;
    const catalog = fundFiles?.fundCatalog(bundled) ?? null;
    const summaries: ImportSummary[] = [];
    for (const { path, kind } of ordered) {
      const source: SourceFile = { path, name: basename(path), sha256: await sha256Of(path), bytes: statSync(path).size };
      if (kind === 'zip') summaries.push(await importDataSet(ctx, source));
      else if (kind === 'tickers') summaries.push(await importTickerFile(ctx, source, readJsonText(path, isTickerFile)));
      else if (kind === 'xml') summaries.push(await importXmlFiling(ctx, source, readSideText(path, 'import')));
      else if (fundFiles !== null && catalog !== null) {
        const { read, fund } = fundFiles.readFundFile(db, catalog, path, fundGiven);
        summaries.push(fundFiles.withSkipWords(await importHoldingsFile(ctx, source, fund, read, asOf)));
      }
      progress?.('', true);
    }
    const output =
      o['json'] === true
        ? `${JSON.stringify({ library: dir, imports: summaries }, null, 2)}\n`
        : `${summaries.map(summaryText).join('\n')}\nlibrary: ${dir}\n`;
    return { output, outputPath: null, messages: [], exitCode: EXIT.clean };
  } finally {
    db.close();
  }
}

type FileKind = 'zip' | 'tickers' | 'xml' | 'holdings';

/** What a file is by its first bytes: a zip, JSON (the ticker file), XML (an N-PORT filing), else a holdings file. */
function kindOf(head: Buffer): FileKind {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'zip';
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('{')) return 'tickers';
  if (text.startsWith('<')) return 'xml';
  return 'holdings';
}

/** --fund TICKER: the fund of the one holdings file imported. */
function fundOption(value: unknown, holdingsFiles: number): string | null {
  if (typeof value !== 'string') return null;
  const ticker = value.trim().toUpperCase();
  if (!/^[A-Z0-9.]{1,12}$/.test(ticker)) throw new UsageError(`--fund ${value}: a fund's ticker, ISIN or CUSIP`);
  if (holdingsFiles !== 1)
    throw new UsageError(`--fund ${value} names the fund of one holdings file, and ${holdingsFiles} are given`, {
      hint: 'import each fund file with its own --fund',
    });
  return ticker;
}

function asOfOption(value: unknown): string | null {
  if (value === undefined) return null;
  if (typeof value !== 'string' || !isIsoDate(value)) throw new UsageError('--as-of: must be a date written YYYY-MM-DD');
  return value;
}

function readJsonText(path: string, isTickerFile: (json: unknown) => boolean): unknown {
  let json: unknown;
  try {
    json = JSON.parse(readSideText(path, 'import'));
  } catch (error) {
    throw new InputError('NOT_JSON', path, null, `${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isTickerFile(json)) {
    throw new InputError(
      'NOT_TICKERS',
      path,
      null,
      `${path}: not the SEC's fund ticker file ({"fields": ["cik", "seriesId", "classId", "symbol"], "data": […]})`,
      {
        hint: 'give company_tickers_mf.json as the SEC publishes it',
      },
    );
  }
  return json;
}

/** The entity a user names: its id, one of its names, or an identifier the matcher knows. */
async function entityOf(dataset: DatasetFile, text: string): Promise<{ id: string; name: string }> {
  const byId = dataset.entities.find((e) => e.id === text.trim().toLowerCase());
  if (byId !== undefined) return { id: byId.id, name: byId.names[0]?.name ?? byId.id };
  // The matcher only when the text is not an id: the common case should not pay for building it.
  const [{ buildMatchIndex }, { createMatcher }] = await Promise.all([
    import('../match/build-index.js'),
    import('../match/match-positions.js'),
  ]);
  const kind = classifyIdentifier(text.trim());
  const match = createMatcher(
    buildMatchIndex(dataset),
    0.9,
  )({
    file: '',
    line: 0,
    account: null,
    name: kind === null ? text : null,
    ticker: null,
    exchange: null,
    isin: kind === 'isin' ? text.trim() : null,
    cusip: kind === 'cusip' ? text.trim() : null,
    sedol: kind === 'sedol' ? text.trim() : null,
    quantity: null,
    value: null,
    currency: null,
    assetClass: null,
  });
  if (match.kind === 'match' && match.match.target.relation === 'self')
    return { id: match.match.target.entityId, name: match.match.target.entityName };
  throw new UsageError(`"${text}" names no listed entity`, {
    hint: 'see exposure-screener entities for the ids (hikvision, dahua, iflytek…)',
  });
}

function money(v: number | null): string {
  return v === null ? 'unknown' : v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function percent(w: number | null): string {
  return w === null ? 'unknown' : `${(w * 100).toFixed(w * 100 < 0.01 ? 4 : 2)}%`;
}

/** `funds holders ENTITY`: every library fund whose latest filing by the date holds it. */
export async function runFundsHolders(text: string, o: Readonly<Record<string, unknown>>, env: RunEnvironment): Promise<RunResult> {
  const asOf = typeof o['asOf'] === 'string' ? o['asOf'] : env.today;
  if (!isIsoDate(asOf)) throw new UsageError('--as-of: must be a date written YYYY-MM-DD');
  const dataset = (await bundledData()).loaded.dataset;
  const entity = await entityOf(dataset, text);
  const { db, dir } = openExisting(o['library']);
  try {
    const messages: string[] = [];
    if (matchesStale(db, dataset.version)) {
      const { rematch } = await import('../library/rematch.js');
      rematch(db, dataset);
      messages.push(`note: the library was matched against another version of the list; re-matched against ${dataset.version}`);
    }
    const listing = dataset.entities.find((e) => e.id === entity.id)?.listings.find((l) => l.primary);
    const holders = holdersOf(db, entity.id, asOf, listing === undefined ? null : (listing.effective ?? listing.date));
    if (o['json'] === true) {
      return {
        output: `${JSON.stringify({ entity, asOf, library: dir, holders }, null, 2)}\n`,
        outputPath: null,
        messages,
        exitCode: EXIT.clean,
      };
    }
    const lines = holders.map((h) => {
      const age = daysBetween(h.period, asOf);
      const tick = h.tickers.length > 0 ? ` (${h.tickers.slice(0, 4).join(', ')}${h.tickers.length > 4 ? ', …' : ''})` : '';
      return (
        `${h.status === 'flagged' ? 'FLAGGED' : 'review '} ${h.fund}${tick} [${h.seriesId}]: ${money(h.value)} USD, ${percent(h.weight)} of net assets, ` +
        `${h.lines.length} line(s); report period ${h.period} (${age} days before ${asOf})${h.beforeListing ? ', before the listing' : ''}, ${h.subType} ${h.accession} from ${h.source}`
      );
    });
    const head =
      holders.length === 0
        ? `No fund in the library holds ${entity.name} in its latest filing by ${asOf}.`
        : `${holders.length} fund(s) in the library hold ${entity.name} in their latest filing by ${asOf}:`;
    return { output: `${[head, ...lines].join('\n')}\n`, outputPath: null, messages, exitCode: EXIT.clean };
  } finally {
    db.close();
  }
}

/** `funds list`: the funds of the library with their latest period. */
export function runFundsList(o: Readonly<Record<string, unknown>>): RunResult {
  const { db, dir } = openExisting(o['library']);
  try {
    const funds = listFunds(db);
    if (o['json'] === true)
      return { output: `${JSON.stringify({ library: dir, funds }, null, 2)}\n`, outputPath: null, messages: [], exitCode: EXIT.clean };
    const lines = funds.map(
      (f) =>
        `${f.seriesId}  ${f.name}${f.tickers.length > 0 ? ` (${f.tickers.join(', ')})` : ''}: latest ${f.latestPeriod} (${f.latestAccession}), ` +
        `${f.holdings.toLocaleString('en-US')} holdings, net assets ${money(f.netAssets)}; ${f.periods} period(s)`,
    );
    return {
      output: `${[`${funds.length} fund(s) in ${dir}`, ...lines].join('\n')}\n`,
      outputPath: null,
      messages: [],
      exitCode: EXIT.clean,
    };
  } finally {
    db.close();
  }
}

function seriesNamed(db: Db, text: string): string {
  const found = findSeries(db, text);
  const first = found[0];
  if (first === undefined)
    throw new UsageError(`"${text}" names no fund in the library`, {
      hint: 'name it by series id, class id, ticker or exact name (see funds list)',
    });
  if (found.length > 1)
    throw new UsageError(`"${text}" names ${found.length} funds (${found.slice(0, 4).join(', ')})`, { hint: 'name it by its series id' });
  return first;
}

/** `funds show FUND`: one fund's identifiers, filings and listed holdings. */
export function runFundsShow(text: string, o: Readonly<Record<string, unknown>>): RunResult {
  const { db } = openExisting(o['library']);
  try {
    const detail = showFund(db, seriesNamed(db, text));
    if (detail === null) throw new UsageError(`"${text}" names no fund in the library`);
    if (o['json'] === true) return { output: `${JSON.stringify(detail, null, 2)}\n`, outputPath: null, messages: [], exitCode: EXIT.clean };
    const lines = [
      `${detail.name} [${detail.seriesId}]${detail.registrant === null ? '' : `, ${detail.registrant}`}${detail.cik === null ? '' : ` (CIK ${detail.cik})`}`,
      `tickers: ${detail.tickers.length === 0 ? 'none known (import company_tickers_mf.json)' : detail.tickers.map((t) => `${t.ticker}${t.classId === null ? '' : ` ${t.classId}`}`).join(', ')}`,
      `classes: ${detail.classIds.length === 0 ? 'none known' : detail.classIds.join(', ')}`,
      'filings:',
      ...detail.filings.map(
        (f) =>
          `  ${f.period} ${f.subType} ${f.accession}${f.filed === null ? '' : f.subType === HOLDINGS_FILE_SUB_TYPE ? ` imported ${f.filed.slice(0, 10)}` : ` filed ${f.filed}`}: ${f.holdings.toLocaleString('en-US')} holdings, net assets ${money(f.netAssets)}, from ${f.source} (sha256 ${f.sha256.slice(0, 12)}…)` +
          (f.supersededBy === null ? '' : `; superseded by ${f.supersededBy}`),
      ),
      detail.matches.length === 0
        ? 'listed entities in the latest filing: none'
        : `listed entities in the latest filing (${detail.matches[0]?.period ?? ''}):`,
      ...detail.matches.map((m) => `  ${m.status} ${m.entityId}: ${m.name ?? '?'} (line ${m.line}), ${money(m.value)} USD`),
    ];
    return { output: `${lines.join('\n')}\n`, outputPath: null, messages: [], exitCode: EXIT.clean };
  } finally {
    db.close();
  }
}

/** `funds remove FUND|PERIOD|FUND@PERIOD`. */
export function runFundsRemove(target: string, o: Readonly<Record<string, unknown>>): RunResult {
  const { db } = openExisting(o['library']);
  try {
    const [fundText, periodText] = target.includes('@')
      ? target.split('@', 2)
      : isIsoDate(target)
        ? [undefined, target]
        : [target, undefined];
    if (periodText !== undefined && !isIsoDate(periodText))
      throw new UsageError(`funds remove ${target}: a period is a date written YYYY-MM-DD`);
    const seriesIds = fundText === undefined || fundText === '' ? undefined : [seriesNamed(db, fundText)];
    const removed = removeFilings(db, {
      ...(seriesIds === undefined ? {} : { seriesIds }),
      ...(periodText === undefined ? {} : { period: periodText }),
    });
    if (removed.filings === 0)
      throw new UsageError(`funds remove ${target}: no filing in the library matches`, { hint: 'see funds list and funds show FUND' });
    return {
      output: `removed ${removed.filings} filing(s) with ${removed.holdings.toLocaleString('en-US')} holdings${removed.funds > 0 ? `; ${removed.funds} fund(s) left the library` : ''}\n`,
      outputPath: null,
      messages: [],
      exitCode: EXIT.clean,
    };
  } finally {
    db.close();
  }
}
