// Fund positions to indirect findings: position value × the company's share of the fund, with the
// chain of funds and the basis of that share. Compositions are passed in; this module never matches.

import { settleStatus } from '../exposure/policy.js';
import type { Fund, Snapshot } from '../dataset/funds-schema.js';
import type { Finding, FundHop, Holding, LookThroughBasis, LookThroughNote, ScreenResult, Status } from '../model.js';
import { closestSnapshot, daysApart, membersAt, membershipAt, portfolioOf, trackedIndexAt, type FundCatalog } from './funds.js';
import { compareText } from '../order.js';

export interface Constituent {
  readonly entityId: string;
  readonly entityName: string;
  readonly relation: 'self' | 'subsidiary' | 'parent' | 'affiliate';
  readonly relatedName: string | null;
  readonly status: Exclude<Status, 'ignored'>;
  /** The company's share of the fund; null when only membership is known or the source rounds it to 0. */
  readonly weight: number | null;
  readonly security: string;
  readonly lines: readonly {
    readonly name: string;
    readonly security: string;
    readonly value: number | null;
    readonly line: number | null;
  }[];
  readonly notes: readonly LookThroughNote[];
  /** Funds between this fund and the company, for funds inside funds. */
  readonly innerChain: readonly FundHop[];
}

export interface Composition {
  readonly basis: LookThroughBasis;
  readonly constituents: readonly Constituent[];
}

/** A snapshot taken this far from the as-of date carries a caveat. */
const STALE_SNAPSHOT_DAYS = 92;

/** Composition of a fund from the screen of its own holdings file: every finding, as a share of the fund's value. */
export function compositionFromScreen(result: ScreenResult, basis: LookThroughBasis): Composition {
  const total = result.summary.portfolioValue;
  const groups = new Map<string, Finding[]>();
  for (const f of result.findings) {
    if (f.status === 'ignored') continue;
    const key = `${f.match.target.entityId}|${f.match.target.relation}|${f.match.target.relatedName ?? ''}`;
    const list = groups.get(key) ?? [];
    list.push(f);
    groups.set(key, list);
  }
  const constituents: Constituent[] = [];
  for (const list of groups.values()) {
    const first = list[0];
    if (first === undefined) continue;
    const known = list.filter((f) => f.exposure.value !== null);
    // Not rounded to cents: inside a fund of funds the value is itself a fraction of a position.
    const value = known.reduce((sum, f) => sum + (f.exposure.value ?? 0), 0);
    const weight = known.length === 0 || total === null || total === 0 ? null : value / total;
    constituents.push({
      entityId: first.match.target.entityId,
      entityName: first.match.target.entityName,
      relation: first.match.target.relation,
      relatedName: first.match.target.relatedName,
      status: list.some((f) => f.status === 'flagged') ? 'flagged' : 'review',
      weight,
      security: first.match.matched,
      lines: list.map((f) => ({ name: f.holding.name ?? '', security: f.match.matched, value: f.exposure.value, line: f.holding.line })),
      notes: known.length < list.length ? [{ code: 'MISSING_VALUES' }] : [],
      innerChain: first.via?.chain ?? [],
    });
  }
  return { basis, constituents: constituents.sort((a, b) => compareText(a.entityId, b.entityId)) };
}

/**
 * A fund's holdings as of one date, carried to another: a company the tracked index deleted in
 * between is dropped (a file or snapshot never carries it past its recorded deletion), a weakly
 * sourced membership lowers the status to review, and a distant date is said.
 */
export function carryToDate(catalog: FundCatalog, fund: Fund, composition: Composition, asOf: string): Composition {
  const date = composition.basis.date;
  if (date === null) return composition;
  const index = trackedIndexAt(catalog, fund, asOf);
  const distance = daysApart(date, asOf);
  const constituents: Constituent[] = [];
  for (const c of composition.constituents) {
    const notes = [...c.notes];
    let status = c.status;
    if (index === null && distance > STALE_SNAPSHOT_DAYS) {
      status = 'review';
      notes.push({ code: 'INDEX_UNKNOWN', asOf, date });
    }
    if (index !== null) {
      const answer = membershipAt(index, c.entityId, asOf);
      if (answer.kind === 'not-member') continue;
      // Nothing is known of this company in the index: later holdings say nothing of an earlier date.
      if (answer.kind === 'unknown' && date > asOf && distance > STALE_SNAPSHOT_DAYS) continue;
      if (answer.kind === 'member' && (answer.membership.confidence === 'unverified' || answer.membership.confidence === 'low')) {
        status = 'review';
        notes.push({ code: 'WEAK_MEMBERSHIP', index: index.name, asOf, confidence: answer.membership.confidence });
      }
    }
    if (distance > STALE_SNAPSHOT_DAYS) notes.push({ code: 'DISTANT_HOLDINGS', date, days: distance });
    constituents.push({ ...c, status, notes });
  }
  return { basis: { ...composition.basis, index: index?.id ?? composition.basis.index }, constituents };
}

function snapshotComposition(
  catalog: FundCatalog,
  fund: Fund,
  snapshot: Snapshot,
  asOf: string,
  entityNames: ReadonlyMap<string, string>,
): Composition {
  const constituents: Constituent[] = snapshot.holdings.map((h) => {
    const notes: LookThroughNote[] = [];
    const rounded = h.weight === 0 && h.weightPrecision !== null;
    if (rounded) notes.push({ code: 'ROUNDED_WEIGHT', precision: h.weightPrecision ?? 0 });
    if (snapshot.derived) notes.push({ code: 'DERIVED_SOURCE' });
    return {
      entityId: h.entity,
      entityName: entityNames.get(h.entity) ?? h.entity,
      relation: h.relation,
      relatedName: h.relation === 'self' ? null : h.name,
      status: h.relation === 'self' ? 'flagged' : 'review',
      weight: rounded ? null : h.weight,
      security: h.security,
      lines: [{ name: h.name, security: h.security, value: h.value, line: h.lines[0] ?? null }],
      notes,
      innerChain: [],
    };
  });
  const basis: LookThroughBasis = {
    kind: 'snapshot',
    date: snapshot.date,
    source: snapshot.file,
    sha256: snapshot.sha256,
    derived: snapshot.derived,
    index: null,
    confidence: snapshot.dateConfidence,
  };
  return carryToDate(catalog, fund, { basis, constituents }, asOf);
}

/**
 * The best composition the shipped data gives for a fund on a date: the closest snapshot, filtered
 * by the tracked index's membership on that date, plus companies the index held that no nearby
 * snapshot could show; or membership alone. Null when the fund's index is unknown and there is no snapshot.
 */
export function shippedComposition(
  catalog: FundCatalog,
  fund: Fund,
  asOf: string,
  entityNames: ReadonlyMap<string, string>,
): Composition[] {
  const portfolio = portfolioOf(catalog, fund);
  const snapshot = closestSnapshot(catalog, portfolio, asOf);
  const index = trackedIndexAt(catalog, fund, asOf);
  const out: Composition[] = [];
  const covered = new Set<string>();
  if (snapshot !== null) {
    const c = snapshotComposition(catalog, fund, snapshot, asOf, entityNames);
    out.push(c);
    for (const k of c.constituents) if (k.relation === 'self') covered.add(k.entityId);
    // A snapshot close to the date shows what the fund really held; trust its silence.
    if (daysApart(snapshot.date, asOf) <= STALE_SNAPSHOT_DAYS) return out;
  }
  if (index !== null && out.length === 0 && membersAt(index, asOf).length === 0) {
    // The index the fund tracks on the date holds none of the list by the data (its dated memberships, or
    // an ex-China index by definition): a basis, looked through, holding none.
    out.push({
      basis: {
        kind: 'index-membership',
        date: asOf,
        source: index.name,
        sha256: null,
        derived: false,
        index: index.id,
        confidence: 'high',
      },
      constituents: [],
    });
  }
  if (index !== null) {
    // A fund with a shipped snapshot keeps the snapshot's answer: what its index holds by construction
    // (ACWI ⊇ EM) does not say what a sampling fund bought, so only the index's own records add to it.
    const members = membersAt(index, asOf).filter(
      (m) => !covered.has(m.entity) && (snapshot === null || m.membership.construction === undefined),
    );
    // A company the fund was barred from holding on the date: the index's membership is only a question.
    const restrictionOf = (entity: string) => (portfolio.restrictions ?? []).find((r) => r.entity === entity && r.from <= asOf);
    const byBasis = new Map<string, typeof members>();
    for (const m of members) {
      const restriction = restrictionOf(m.entity);
      const key = `${restriction === undefined ? m.membership.confidence : `restricted:${m.entity}`}|${m.membership.construction?.part ?? ''}`;
      const list = byBasis.get(key) ?? [];
      list.push(m);
      byBasis.set(key, list);
    }
    for (const list of byBasis.values()) {
      const restriction = list[0] === undefined ? undefined : restrictionOf(list[0].entity);
      const confidence = restriction === undefined ? (list[0]?.membership.confidence ?? 'unverified') : 'unverified';
      const construction = list[0]?.membership.construction;
      const weak = confidence === 'unverified' || confidence === 'low';
      const source = construction === undefined ? index.name : `${index.name}; ${construction.basis}`;
      out.push({
        basis: {
          kind: 'index-membership',
          date: asOf,
          // The construction's and the restriction's words are data (funds.json), shown beside the index's name.
          source: restriction === undefined ? source : `${source}; ${restriction.reason}`,
          sha256: null,
          derived: false,
          index: index.id,
          confidence,
        },
        constituents: list.map((m) => ({
          entityId: m.entity,
          entityName: entityNames.get(m.entity) ?? m.entity,
          relation: 'self' as const,
          relatedName: null,
          status: weak ? ('review' as const) : ('flagged' as const),
          weight: null,
          security: m.membership.security ?? '',
          lines: [],
          notes: [
            {
              code: 'INDEX_MEMBER',
              index: index.name,
              asOf,
              from: m.membership.from,
              to: m.membership.to,
              confidence: m.membership.confidence,
            },
            { code: 'NEEDS_FUND_FILE' },
          ],
          innerChain: [],
        })),
      });
    }
  }
  return out;
}

/** Indirect findings for one fund position. */
export function expandPosition(
  holding: Holding,
  fund: Fund,
  compositions: readonly Composition[],
  options: { readonly asOf: string; readonly listingDates: ReadonlyMap<string, string>; readonly includeBeforeListing: boolean },
): Finding[] {
  const hop: FundHop = { fundId: fund.id, ticker: fund.ticker, name: fund.name, file: holding.file, line: holding.line, weight: null };
  const findings: Finding[] = [];
  for (const composition of compositions) {
    for (const c of composition.constituents) {
      const value = holding.value === null || c.weight === null ? null : holding.value * c.weight;
      const listed = options.listingDates.get(c.entityId);
      const beforeListing = listed !== undefined && options.asOf < listed;
      const notes = [...c.notes];
      if (beforeListing) notes.push({ code: 'BEFORE_LISTING', asOf: options.asOf, listed });
      const { status } = settleStatus(c.status, { beforeListing, includeBeforeListing: options.includeBeforeListing, listingEnded: false });
      findings.push({
        status,
        kind: 'indirect',
        holding,
        match: {
          target: { entityId: c.entityId, entityName: c.entityName, relation: c.relation, relatedName: c.relatedName },
          on: 'fund',
          score: 1,
          matched: c.security,
          input: fund.ticker,
          unverified: false,
          nameEvidence: null,
        },
        exposure: { value, weight: null },
        ignoredBy: null,
        via: { chain: [hop, ...c.innerChain], basis: composition.basis, constituents: c.lines, weight: c.weight, notes },
        ...(beforeListing ? { beforeListing: true } : {}),
      });
    }
  }
  return findings;
}
