// The fund catalogue: recognising fund positions, the index a fund tracked on a date, and whether an
// index held a listed company on a date.

import type { Confidence } from '../dataset/schema.js';
import type { Fund, FundsFile, Snapshot } from '../dataset/funds-schema.js';
import { resolveIndices, type ResolvedIndex, type ResolvedMembership } from '../dataset/construction.js';
import type { Holding } from '../model.js';
import { canonicalIdentifier } from '../normalize/identifiers.js';
import { normalizeName, type NameNormalizer } from '../normalize/names.js';
import { parseExchange } from '../normalize/tickers.js';
import { daysBetween } from '../normalize/dates.js';
import { memoize } from '../memo.js';
import { compareText } from '../order.js';

export interface FundCatalog {
  readonly funds: ReadonlyMap<string, Fund>;
  /** Indices with their memberships derived by construction (dataset/construction.ts). */
  readonly indices: ReadonlyMap<string, ResolvedIndex>;
  /** Snapshots by portfolio id, oldest first. */
  readonly snapshots: ReadonlyMap<string, readonly Snapshot[]>;
  readonly byTicker: ReadonlyMap<string, Fund>;
  readonly byIdentifier: ReadonlyMap<string, Fund>;
  readonly byName: ReadonlyMap<string, Fund>;
}

/** Compiles the fund data and the generated snapshots. Pure. `normalize` as for buildMatchIndex. */
export function buildFundCatalog(file: FundsFile, snapshots: readonly Snapshot[], normalize: NameNormalizer = normalizeName): FundCatalog {
  const funds = new Map(file.funds.map((f) => [f.id, f]));
  const indices = resolveIndices(file.indices).indices;
  const byTicker = new Map<string, Fund>();
  const byIdentifier = new Map<string, Fund>();
  const byName = new Map<string, Fund>();
  for (const fund of file.funds) {
    byTicker.set(fund.ticker.toUpperCase(), fund);
    if (fund.cusip !== undefined) byIdentifier.set(fund.cusip, fund);
    if (fund.isin !== undefined) byIdentifier.set(fund.isin, fund);
    for (const name of [fund.name, ...fund.names]) {
      const key = normalize(name).compact;
      if (key !== '' && !byName.has(key)) byName.set(key, fund);
    }
  }
  const bySnapshotFund = new Map<string, Snapshot[]>();
  for (const s of snapshots) {
    const list = bySnapshotFund.get(s.fund) ?? [];
    list.push(s);
    bySnapshotFund.set(s.fund, list);
  }
  for (const list of bySnapshotFund.values()) list.sort((a, b) => compareText(a.date, b.date));
  return { funds, indices, snapshots: bySnapshotFund, byTicker, byIdentifier, byName };
}

/** What a position is, as far as look-through goes: a fund of the catalogue, a fund we know nothing of, or neither. */
export type FundRecognition =
  { readonly kind: 'known'; readonly fund: Fund } | { readonly kind: 'unknown'; readonly evidence: string } | { readonly kind: 'none' };

const NOT_A_FUND: FundRecognition = { kind: 'none' };
// A name that says "not a fund to look through" whatever the asset class says (an option on an ETF).
const EXCLUDED: FundRecognition = { kind: 'none' };
// A name with no fund word, not yet asked whether it is excluded (never returned: see byName).
const NO_FUND_WORD: FundRecognition = { kind: 'none' };

// Words that make a position's name a fund's: "VANGUARD TOT WORLD STK ETF", "VANGUARD INDEX FDS …",
// "Vanguard Target Retirement 2055 Fund", "VANGUARD TOTAL INTL STOCK INDEX ADMIRAL", and the 13F
// issuer forms "INVESCO EXCH TRADED FD TR II", "KRANESHARES TR", "INVESCO QQQ TR UNIT SER 1",
// "VANGUARD INTL EQUITY INDEX F", "T ROWE PRICE EQUITY INDEX 500", "VANG 500 INDEX ADM". Not
// TRUST alone (banks, REITs), PORTFOLIO (Portfolio Recovery Associates) nor INDEX alone (China Index
// Holdings): a false alarm here sends a reader looking for a fund file that does not exist.
const FUND_WORDS =
  /\b(ETFS?|UCITS|SICAV|OEIC|FUNDS?|FDS?|ISHARES|SPDR|\w+SHARES TR(?:UST)?|EXCH\w*[ -]TRADED|UNIT SER|INDEX (?:ADM(?:IRAL)?|INV(?:ESTOR)?|INST(?:ITUTIONAL)?|I|TR(?:UST)?|SHARES|SER(?:IES)?|F|\d+)|INDEX(?= *$)|TARGET RETIREMENT|TARGET DATE|UNIT TRUST|INVESTMENT TRUST)\b/i;
// …except what holds no listed company's shares or is no fund at all: REITs and property funds, money
// market and cash funds, physical metal trusts and exchange-traded notes, fund managers (the company),
// infrastructure funds (not the infrastructure ETFs, which hold shares), options on an index.
const NOT_LOOKED_THROUGH =
  /\bREITS?\b|\bREAL ESTATE\b(?!.*\bETF\b)|\bREALTY\b|\bPROP(?:ERTY)? FUND\b|\bFUND INVESTMENT\b|\bINFRASTRUCTURE (?:FUND|FD)\b|\bMONEY MARKET\b|^CASH\b|\bCASH (?:RESERVES|MGMT|MANAGEMENT|SWEEP|PORTFOLIO)\b|\b(?:GOLD|SILVER|PLATINUM|PALLADIUM|PRECIOUS METALS?)(?: \w+)? (?:TR|TRUST|SHARES)\b|\bETNS?\b|\bFUNDS? MANAGE|^(?:PUT|CALL)\b/i;
// Asset classes and security types brokers give funds: "ETF", "ETFs & Closed End Funds", "Mutual Fund";
// and 13F titles of class ("CHINA TECHNLGY ETF", "DJ INTERNT IDX", "UNIT SER 1").
const FUND_CLASSES =
  /\b(?:ETFS?|ETPS?|exchange[- ]traded|mutual funds?|funds?|closed[- ]end|open[- ]end|unit investment trusts?|UIT|collective investment|IDX|UNIT SER)\b/i;

/**
 * A recogniser of fund positions: by CUSIP or ISIN, then by ticker (fund tickers are US symbols: a row
 * with a non-US exchange is not one), then by its exact normalised name; a position none of these
 * finds but whose name or asset class says it is a fund is an unknown fund. Every unmatched row of a
 * file comes through here, so each distinct name is worked out once.
 */
export function createFundRecognizer(catalog: FundCatalog): (holding: Holding) => FundRecognition {
  const known = new Map<Fund, FundRecognition>();
  const knownAs = (fund: Fund): FundRecognition => {
    let recognition = known.get(fund);
    if (recognition === undefined) {
      recognition = { kind: 'known', fund };
      known.set(fund, recognition);
    }
    return recognition;
  };
  // A name with no fund word is no fund by its name, excluded or not; whether it is excluded matters
  // only to a row with an asset class (an excluded name is not a fund whatever its class says). Most
  // files have no asset class column and most names no fund word: NOT_LOOKED_THROUGH is then not run
  // (once per new name, as cold code, on a file of new rows: issue 18).
  const byName = memoize((name: string): FundRecognition => {
    const fund = catalog.byName.get(normalizeName(name).compact);
    if (fund !== undefined) return knownAs(fund);
    const word = FUND_WORDS.exec(name)?.[1];
    if (word === undefined) return NO_FUND_WORD;
    if (NOT_LOOKED_THROUGH.test(name)) return EXCLUDED;
    return { kind: 'unknown', evidence: `"${word.toUpperCase()}" in its name` };
  });
  const excludedName = memoize((name: string): boolean => NOT_LOOKED_THROUGH.test(name));
  const byClass = memoize((assetClass: string): FundRecognition =>
    FUND_CLASSES.test(assetClass) ? { kind: 'unknown', evidence: `asset class "${assetClass}"` } : NOT_A_FUND,
  );
  return (holding) => {
    // The CUSIP first, then the ISIN; two look-ups written out rather than a loop over an array made
    // per row: every unmatched row of a file comes here, most with neither (issue 18).
    const byCusip = holding.cusip === null ? undefined : catalog.byIdentifier.get(canonicalIdentifier(holding.cusip));
    if (byCusip !== undefined) return knownAs(byCusip);
    const byIsin = holding.isin === null ? undefined : catalog.byIdentifier.get(canonicalIdentifier(holding.isin));
    if (byIsin !== undefined) return knownAs(byIsin);
    if (holding.ticker !== null) {
      // Fund tickers are US symbols: one on a named non-US venue (Hong Kong, Shenzhen, London…) is
      // another security. Any other exchange text (NYSE, ARCA, FUNDSERV, IEX, "Mutual Fund") is no objection.
      const fund = catalog.byTicker.get(holding.ticker.trim().toUpperCase());
      if (fund !== undefined && !onNonUsVenue(holding.exchange)) {
        // A ticker is three letters anyone may reuse: "ACME CORP, VT" is not Vanguard Total World. The
        // name must agree (a word of the fund's names, or a word that says fund); else a person decides.
        if (holding.name === null || nameAgrees(holding.name, fund)) return knownAs(fund);
        return {
          kind: 'unknown',
          evidence: `ticker ${holding.ticker.trim().toUpperCase()} is ${fund.name}'s, but the name does not agree`,
        };
      }
    }
    const named = holding.name === null ? NOT_A_FUND : byName(holding.name);
    if (named === NO_FUND_WORD) {
      if (holding.assetClass === null || (holding.name !== null && excludedName(holding.name))) return NOT_A_FUND;
      return byClass(holding.assetClass);
    }
    if (named.kind !== 'none' || named === EXCLUDED || holding.assetClass === null) return named;
    return byClass(holding.assetClass);
  };
}

/** Fund names' own words that say nothing of which fund: every issuer's name has them. */
const GENERIC_FUND_WORDS: ReadonlySet<string> = new Set([
  'fund',
  'funds',
  'index',
  'trust',
  'shares',
  'share',
  'the',
  'of',
  'and',
  'inc',
  'etf',
  'class',
]);

/** Whether a position's name agrees with a fund its ticker names: it says fund, or shares a telling word with the fund's names. */
export function nameAgrees(name: string, fund: Fund): boolean {
  if (FUND_WORDS.test(name)) return true;
  const words = new Set(normalizeName(name).tokens.filter((w) => !GENERIC_FUND_WORDS.has(w)));
  return [fund.name, ...fund.names].some((n) => normalizeName(n).tokens.some((w) => !GENERIC_FUND_WORDS.has(w) && words.has(w)));
}

function onNonUsVenue(exchange: string | null): boolean {
  const venues = exchange === null ? null : (parseExchange(exchange)?.venues ?? null);
  return venues !== null && venues.every((v) => v !== 'OTHER' && v !== 'OTCM');
}

/** The fund whose portfolio a share class shares (VEIEX → VWO), following the chain. */
export function portfolioOf(catalog: FundCatalog, fund: Fund): Fund {
  let current = fund;
  for (let hops = 0; current.shareClassOf !== undefined && hops < 5; hops++) {
    const next = catalog.funds.get(current.shareClassOf);
    if (next === undefined) break;
    current = next;
  }
  return current;
}

/** The index a fund tracked on a date, if the data says. */
export function trackedIndexAt(catalog: FundCatalog, fund: Fund, date: string): ResolvedIndex | null {
  const portfolio = portfolioOf(catalog, fund);
  const track = portfolio.tracks.find((t) => (t.from === undefined || t.from <= date) && (t.to === null || date < t.to));
  return track === undefined ? null : (catalog.indices.get(track.index) ?? null);
}

export type MembershipAnswer =
  | { readonly kind: 'member'; readonly membership: ResolvedMembership }
  | { readonly kind: 'not-member' }
  /** The data has no record of this entity in this index at all. */
  | { readonly kind: 'unknown' };

/** Whether an index held an entity on a date, by the dated membership records. */
export function membershipAt(index: ResolvedIndex, entityId: string, date: string): MembershipAnswer {
  if (index.excludesAll) return { kind: 'not-member' };
  const records = index.memberships.filter((m) => m.entity === entityId);
  if (records.length === 0) return { kind: 'unknown' };
  const covering = records.filter((m) => m.from <= date && (m.to === null || date < m.to));
  // A part's membership is a floor: outside it, an index that contains the part may still hold the
  // company, so only the index's own records can say it did not.
  if (covering.length === 0) return records.some((m) => m.construction === undefined) ? { kind: 'not-member' } : { kind: 'unknown' };
  // Prefer the best-sourced record that covers the date.
  const rank: Readonly<Record<Confidence, number>> = { high: 0, medium: 1, low: 2, unverified: 3 };
  const best = [...covering].sort((a, b) => rank[a.confidence] - rank[b.confidence])[0];
  return best === undefined ? { kind: 'not-member' } : { kind: 'member', membership: best };
}

/** Entities an index held on a date, with the record that says so. */
export function membersAt(index: ResolvedIndex, date: string): { entity: string; membership: ResolvedMembership }[] {
  const ids = [...new Set(index.memberships.map((m) => m.entity))].sort();
  return ids.flatMap((entity) => {
    const answer = membershipAt(index, entity, date);
    return answer.kind === 'member' ? [{ entity, membership: answer.membership }] : [];
  });
}

/** Whole days between two ISO dates, whichever comes first. */
export function daysApart(a: string, b: string): number {
  return Math.abs(daysBetween(a, b));
}

/** The snapshot of a portfolio closest to a date (the earlier one on a tie). */
export function closestSnapshot(catalog: FundCatalog, portfolio: Fund, date: string): Snapshot | null {
  let best: Snapshot | null = null;
  for (const s of catalog.snapshots.get(portfolio.id) ?? []) {
    if (best === null || daysApart(s.date, date) < daysApart(best.date, date)) best = s;
  }
  return best;
}
