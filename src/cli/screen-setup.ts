// What a screen needs before it reads a holding: the config and ignore files, the lists to screen
// against, the funds' data and the --funds files. Reading the files the options name happens here.
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { DatasetError, UsageError } from '../errors.js';
import type { IgnoreFile } from '../exposure/ignore.js';
import { readHoldingsFile, type HoldingsFile } from '../ingest/read.js';
import type { FxTable } from '../exposure/currency.js';
import { listFolder, readSideText } from '../io/files.js';
import type { FxRate } from '../model.js';
import { catalogFundNamer, fundFileProblem, fundNamedIn } from '../look-through/fund-file.js';
import { buildFundCatalog } from '../look-through/funds.js';
import type { Fund, FundsFile, SnapshotsFile } from '../dataset/funds-schema.js';
import type { DatasetFile } from '../dataset/schema.js';
import { classifyIdentifier } from '../normalize/identifiers.js';
import type { NameNormalizer } from '../normalize/names.js';
import type { LookThroughOptions, ScreenInput } from '../screen.js';
import type { ConfigFile } from './options.js';
import { readJson } from './environment.js';

const IGNORE_FILE_NAME = '.exposure-ignore.json';
const CONFIG_FILE_NAME = 'exposure-screener.config.json';

/** A list not reviewed for this many days earns a warning on every screen. */
export const DATA_AGE_WARNING_DAYS = 180;

/** The config file named by --config, or the one in the working directory; {} when there is none. */
export async function loadConfig(explicit: string | undefined, cwd: string): Promise<{ config: ConfigFile; path: string | null }> {
  const path = resolve(cwd, explicit ?? CONFIG_FILE_NAME);
  if (explicit === undefined && !existsSync(path)) return { config: {}, path: null };
  const json = readJson(path, 'config file', 'config');
  const { parseConfigFile } = await import('./config-file.js');
  return { config: parseConfigFile(json, path), path };
}

/** The ignore file named by --ignore-file, or the one in the working directory. Malformed fails closed. */
export async function loadIgnoreFile(explicit: string | undefined, cwd: string): Promise<{ file: IgnoreFile; path: string } | null> {
  const path = resolve(cwd, explicit ?? IGNORE_FILE_NAME);
  if (explicit === undefined && !existsSync(path)) return null;
  const json = readJson(path, 'ignore file', 'ignore');
  const { IgnoreFileSchema } = await import('../exposure/ignore-schema.js');
  const parsed = IgnoreFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    throw new UsageError(`ignore file ${path}: ${where.replace(/^\./, '') || '(root)'}: ${issue?.message ?? 'invalid'}`, {
      hint: 'every rule needs entity (under notLookedThrough: fund), reason and expires (YYYY-MM-DD); nothing is ignored until it is fixed',
    });
  }
  return { file: parsed.data, path };
}

/**
 * The base currency and its rates: --fx, then the --fx-file (read here, parsed by fx-file.ts); a
 * currency given in both is a usage error rather than a silent choice. Undefined without --base-currency.
 */
export async function loadFxTable(
  options: {
    readonly baseCurrency?: string | undefined;
    readonly fxRates: readonly { readonly currency: string; readonly rate: number }[];
    readonly fxFile?: string | undefined;
  },
  cwd: string,
): Promise<FxTable | undefined> {
  const base = options.baseCurrency;
  if (base === undefined) return undefined;
  const rates = new Map<string, FxRate>();
  for (const r of options.fxRates) rates.set(r.currency, { currency: r.currency, rate: r.rate, asOf: null, source: '--fx' });
  if (options.fxFile !== undefined) {
    const path = resolve(cwd, options.fxFile);
    const text = readSideText(path, 'rates');
    const { parseFxFile } = await import('./fx-file.js');
    for (const r of parseFxFile(text, options.fxFile, base)) {
      if (rates.has(r.currency))
        throw new UsageError(`--fx-file ${options.fxFile}: ${r.currency} is also given by --fx`, { hint: 'give each rate once' });
      rates.set(r.currency, { ...r, source: r.source ?? options.fxFile });
    }
  }
  return { base, rates };
}

function toInput(read: HoldingsFile): ScreenInput {
  return {
    file: read.file,
    encoding: read.encoding,
    asOfText: read.asOfText,
    asOfLine: read.asOfLine,
    rows: read.rows,
    skipped: read.skipped,
    sha256: read.sha256,
    lineCount: read.lineCount,
    headerLines: read.headerLines,
    dateVotes: read.dateVotes,
  };
}

/**
 * Fund data and the user's fund files. `--funds VWO=file` names the fund; `--funds file` lets the
 * file's preamble name it; `--funds DIR` takes every file in DIR named by its ticker (VWO.csv).
 */
export function prepareLookThrough(
  fundData: { readonly funds: FundsFile; readonly snapshots: SnapshotsFile; readonly normalize?: NameNormalizer },
  specs: readonly string[],
  includeBeforeListing: boolean,
  portfolio: { readonly files: readonly string[]; readonly cwd: string } = { files: [], cwd: '.' },
): { options: LookThroughOptions; given: readonly { readonly label: string; readonly fundId: string }[]; notes: readonly string[] } {
  const { funds, snapshots } = fundData;
  const cwd = portfolio.cwd;
  const portfolioFiles = new Set(portfolio.files.filter((f) => f !== '-').map((f) => resolve(cwd, f)));
  const named: { ticker: string | null; path: string }[] = [];
  const notes: string[] = [];
  for (const spec of specs) {
    const eq = /^([A-Za-z0-9.]{1,12})=(.+)$/.exec(spec);
    if (eq?.[1] !== undefined && eq[2] !== undefined) {
      named.push({ ticker: eq[1].toUpperCase(), path: eq[2] });
      continue;
    }
    const listing = listFolder(spec);
    if (listing === null) {
      named.push({ ticker: null, path: spec });
      continue;
    }
    notes.push(...listing.notes.map((note) => `warning: --funds ${note}`));
    for (const entry of listing.files) {
      // Only files named exactly by a ticker ("VWO.csv") or an ISIN or CUSIP ("IE00B4L5Y983.csv"):
      // "t_rowe_export.csv" must not become fund T.
      const key = /^([A-Za-z0-9]{1,12})\.(?:csv|txt|tsv)$/i.exec(entry)?.[1]?.toUpperCase();
      if (key !== undefined && (key.length <= 8 || classifyIdentifier(key) !== null)) named.push({ ticker: key, path: join(spec, entry) });
    }
  }
  // A fund the data does not know still gets looked through when its file is given. The key may be an
  // ISIN or a CUSIP rather than a ticker: DEGIRO and custodian rows of UCITS funds carry no ticker.
  const known = new Set(funds.funds.flatMap((f) => [f.ticker.toUpperCase(), f.isin ?? '', f.cusip ?? ''].filter((k) => k !== '')));
  const extra: Fund[] = named
    .filter((n): n is { ticker: string; path: string } => n.ticker !== null && !known.has(n.ticker))
    .map((n) => {
      const kind = classifyIdentifier(n.ticker);
      return {
        id: `user-${n.ticker.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
        ticker: n.ticker,
        name: n.ticker,
        names: [],
        ...(kind === 'isin' ? { isin: n.ticker } : kind === 'cusip' ? { cusip: n.ticker } : {}),
        tracks: [],
        holdsFunds: [],
        sources: ['--funds'],
      };
    });
  const catalog = buildFundCatalog({ ...funds, funds: [...funds.funds, ...extra] }, snapshots.snapshots, fundData.normalize);
  const fundFiles = new Map<string, ScreenInput>();
  const given: { label: string; fundId: string }[] = [];
  const givenBy = new Map<string, string>();
  const refused = new Map<string, string>();
  for (const n of named) {
    const read = readHoldingsFile(n.path);
    const fund =
      n.ticker === null
        ? fundNamedIn(read.titles, catalogFundNamer(catalog))
        : (catalog.byTicker.get(n.ticker) ?? catalog.byIdentifier.get(n.ticker) ?? null);
    if (fund === null) {
      throw new UsageError(`--funds ${n.path}: the file does not say which fund it holds`, { hint: 'name it: --funds TICKER=' + n.path });
    }
    const label = n.ticker === null ? n.path : `${n.ticker}=${n.path}`;
    const earlier = givenBy.get(fund.id);
    if (earlier !== undefined) {
      // VWO=a.csv and US9220428588=b.csv are the same fund: which file is meant?
      throw new UsageError(`--funds ${label}: ${fund.ticker} is already given (--funds ${earlier})`, {
        hint: 'give each fund one holdings file',
      });
    }
    givenBy.set(fund.id, label);
    given.push({ label, fundId: fund.id });
    if (portfolioFiles.has(resolve(cwd, n.path))) {
      throw new UsageError(`--funds ${label}: the file is also screened as the portfolio`, { hint: "give the fund's own holdings file" });
    }
    const problem = fundFileProblem(read);
    if (problem !== null) {
      // Not looked through, and said so: never "looked through, holding none" on a file that is no fund's.
      refused.set(fund.id, `--funds ${label} was not used: ${problem}`);
      continue;
    }
    fundFiles.set(fund.id, toInput(read));
  }
  return { options: { catalog, fundFiles, refusedFundFiles: refused, includeBeforeListing }, given, notes };
}

/**
 * The list a screen runs against: the bundled one, joined by every --list (or, with --only-lists,
 * those alone). Entities of added lists have no curated look-alikes: their inexact names give review.
 */
export async function screeningLists(
  base: DatasetFile,
  paths: readonly string[],
  onlyLists: boolean,
  today: string,
): Promise<{
  dataset: DatasetFile;
  importedEntityIds: ReadonlySet<string>;
  origins: ReadonlyMap<string, readonly string[]>;
  messages: string[];
}> {
  if (onlyLists && paths.length === 0) throw new UsageError('--only-lists needs at least one --list file');
  if (paths.length === 0) return { dataset: base, importedEntityIds: new Set(), origins: new Map(), messages: [] };
  // The list readers (and zod, which validates a list) only when there is a --list.
  const [{ mergeLists }, { loadListFile }, { listErrors, readingList }] = await Promise.all([
    import('../lists/index.js'),
    import('../lists/read.js'),
    import('./run-lists.js'),
  ]);
  const extras = paths.map((path) => {
    const result = readingList(path, () => loadListFile(path, { importedOn: today }));
    if (!result.ok) throw listErrors(path, result);
    return { label: basename(path), dataset: result.dataset };
  });
  if (extras.length === 0) return { dataset: base, importedEntityIds: new Set(), origins: new Map(), messages: [] };
  const [first, ...rest] = extras;
  const merged = onlyLists && first !== undefined ? mergeLists(first.dataset, rest, first.label) : mergeLists(base, extras);
  if (!merged.ok) throw new DatasetError(paths.join(', '), merged.errors);
  // Entities of a list without curated look-alikes (imported, or a user CSV) flag only on exact names;
  // a list written in our format with `curated: true` is trusted like the bundled one.
  const uncurated = new Set(extras.filter((x) => !x.dataset.curated).flatMap((x) => x.dataset.entities.map((e) => e.id)));
  const importedEntityIds = new Set(
    [...(onlyLists ? merged.dataset.entities.map((e) => e.id) : merged.importedEntityIds)].filter((id) => uncurated.has(id)),
  );
  const messages = merged.joined.map((j) => `note: ${j.label}: ${j.from} is ${j.into} of the bundled list; its listings were added there`);
  return { dataset: merged.dataset, importedEntityIds, origins: merged.origins, messages };
}
