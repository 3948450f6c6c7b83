// A fund issuer's holdings file for `funds import`: read as a --funds file is (src/ingest/read.ts),
// judged by the same rule (look-through/fund-file.ts), and its fund named by --fund or by its preamble.
// Its own module: the other funds commands do not load the CSV reader.

import type { BundledData } from '../dataset/bundled.js';
import { InputError, UsageError } from '../errors.js';
import { readHoldingsFile, type HoldingsFile } from '../ingest/read.js';
import type { HoldingsFileFund, ImportSummary } from '../library/import.js';
import { findSeries, seriesOfTicker, showFund } from '../library/queries.js';
import type { Db } from '../library/store.js';
import { catalogFundNamer, fundFileProblem, fundNamedIn } from '../look-through/fund-file.js';
import { buildFundCatalog, portfolioOf, type FundCatalog } from '../look-through/funds.js';
import { isSkipReason, SKIP_REASON_TEXT } from '../report/finding-text.js';

const FUNDS_IMPORT_READS = "N-PORT data set zips, N-PORT XML filings, the SEC's company_tickers_mf.json and funds' holdings files";

export function fundCatalog(bundled: Pick<BundledData, 'funds' | 'snapshots'> & Partial<Pick<BundledData, 'normalize'>>): FundCatalog {
  return buildFundCatalog(bundled.funds, bundled.snapshots.snapshots, bundled.normalize);
}

/** Reads a holdings file and names its fund; one line and exit 2 when it is no fund's, or says not whose. */
export function readFundFile(
  db: Db,
  catalog: FundCatalog,
  path: string,
  given: string | null,
): { readonly read: HoldingsFile; readonly fund: HoldingsFileFund } {
  let read: HoldingsFile;
  try {
    read = readHoldingsFile(path);
  } catch (error) {
    // Not a zip, JSON or XML, and not a holdings file either: say what funds import reads.
    if (!(error instanceof InputError)) throw error;
    throw new InputError(error.code, error.file, error.line, error.message, {
      hint: `${error.hint ?? 'give the file as it was downloaded'} (funds import reads ${FUNDS_IMPORT_READS})`,
      cause: error.cause,
    });
  }
  const problem = fundFileProblem(read);
  if (problem !== null) {
    throw new InputError('NOT_FUND_FILE', path, null, `${path} is not a fund's holdings file: ${problem}`, {
      hint: "give the fund issuer's own holdings download (as CSV), or the SEC's N-PORT files",
    });
  }
  return { read, fund: holdingsFileFund(db, catalog, path, read, given) };
}

/**
 * The fund a holdings file holds: --fund, else the fund its preamble names (a ticker or fund name the
 * shipped catalogue or the library knows). A share class of a catalogue fund is kept under the fund
 * whose portfolio it shares (VEIEX under VWO), as screens look it up.
 */
function holdingsFileFund(db: Db, catalog: FundCatalog, path: string, read: HoldingsFile, given: string | null): HoldingsFileFund {
  // A series the library knows by this key: a ticker of its ticker table, or a series id, class id or exact name.
  const inLibrary = (key: string): { seriesId: string; name: string | null } | null => {
    const found = [...new Set([...seriesOfTicker(db, key), ...findSeries(db, key)])];
    const seriesId = found.length === 1 ? found[0] : undefined;
    if (seriesId === undefined) return null;
    return { seriesId, name: showFund(db, seriesId)?.name ?? null };
  };
  const catalogNamer = catalogFundNamer(catalog);
  const titled = fundNamedIn(read.titles, {
    byTicker: (ticker) => (catalog.byTicker.has(ticker) || inLibrary(ticker) !== null ? ticker : null),
    byName: (title) => catalogNamer.byName(title)?.ticker ?? inLibrary(title)?.seriesId ?? null,
  });
  const named = given ?? titled;
  if (named === null) {
    throw new UsageError(`${path}: the file does not say which fund it holds (no ticker or fund name the catalogue or the library knows)`, {
      hint: `name it: exposure-screener funds import --fund TICKER ${path}`,
    });
  }
  const resolve = (key: string): HoldingsFileFund => {
    const known = catalog.byTicker.get(key) ?? catalog.byIdentifier.get(key);
    const portfolio = known === undefined ? null : portfolioOf(catalog, known);
    const ticker = portfolio?.ticker ?? key;
    const series = inLibrary(ticker);
    return { ticker, name: series?.name ?? portfolio?.name ?? read.titles[0] ?? ticker, seriesId: series?.seriesId ?? null };
  };
  const fund = resolve(named);
  // --fund EEM on a file whose title says VWO: one of the two is wrong, and holdings stored under the
  // wrong fund would be screened as that fund's.
  const byTitle = titled === null || given === null ? null : resolve(titled);
  if (byTitle !== null && (byTitle.ticker !== fund.ticker || byTitle.seriesId !== fund.seriesId)) {
    throw new UsageError(`${path}: --fund ${given ?? ''} names ${fund.ticker}, but the file's title names ${byTitle.ticker}`, {
      hint: 'give the fund the file holds, or the file of the fund you name',
    });
  }
  return fund;
}

/** A holdings file's skip reasons (codes) in the words every report uses for them. */
export function withSkipWords(s: ImportSummary): ImportSummary {
  if (s.kind !== 'holdings-file') return s;
  return { ...s, skipped: s.skipped.map((k) => ({ ...k, reason: isSkipReason(k.reason) ? SKIP_REASON_TEXT[k.reason] : k.reason })) };
}
