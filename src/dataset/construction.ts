// Index membership by construction: a membership entered once for MSCI Emerging Markets is true in
// every index that contains EM (ACWI, ACWI ex USA, EM IMI, the China A members in MSCI China…), with
// its dates. One owner: the catalogue and the validation both call resolveIndices.

import type { IndexDef, IndexPart, Membership } from './funds-schema.js';

/** A membership as the catalogue sees it: entered for this index, or derived from a part it contains. */
export interface ResolvedMembership extends Membership {
  /** Set when derived by construction: the part it comes from and the construction in words. */
  readonly construction?: { readonly part: string; readonly partName: string; readonly basis: string };
}

export interface ResolvedIndex extends Omit<IndexDef, 'memberships'> {
  readonly memberships: readonly ResolvedMembership[];
}

export interface Resolution {
  readonly indices: ReadonlyMap<string, ResolvedIndex>;
  /** Contradictions and broken references, one line each; empty when the construction holds. */
  readonly errors: readonly string[];
}

const CHINA_A = /^(XSHE|XSHG) /;

function selects(part: IndexPart, m: Membership): boolean {
  if (part.only === 'china-a') return m.security !== undefined && CHINA_A.test(m.security);
  return true;
}

/** The later of two start dates; the earlier of two ends (null: open). */
function laterStart(a: string, b: string | undefined): string {
  return b === undefined || a >= b ? a : b;
}
function earlierEnd(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a <= b ? a : b;
}

/** Part of [from, to) that the records leave uncovered, as the first uncovered day, or null when covered. */
function firstGap(records: readonly Membership[], from: string, to: string | null): string | null {
  let day = from;
  // Walk forward through the records that start on or before the current day.
  for (;;) {
    if (to !== null && day >= to) return null;
    const next = records.filter((r) => r.from <= day && (r.to === null || r.to > day));
    if (next.length === 0) return day;
    const reach = next.reduce<string | null>(
      (far, r) => (far === null || r.to === null ? null : r.to > far ? r.to : far),
      next[0]?.to ?? null,
    );
    if (reach === null) return null;
    day = reach;
  }
}

/** Derives every index's memberships from the indices it contains, and checks the result. Pure. */
export function resolveIndices(indices: readonly IndexDef[]): Resolution {
  const byId = new Map(indices.map((i) => [i.id, i]));
  const resolved = new Map<string, ResolvedIndex>();
  const errors: string[] = [];
  const visiting = new Set<string>();

  const resolve = (index: IndexDef, path: string): ResolvedIndex => {
    const done = resolved.get(index.id);
    if (done !== undefined) return done;
    if (visiting.has(index.id)) {
      errors.push(`${path}: "${index.id}" contains itself through its parts`);
      return { ...index, memberships: index.memberships };
    }
    visiting.add(index.id);
    const derived: ResolvedMembership[] = [];
    index.contains.forEach((part, j) => {
      const where = `indices[${indices.indexOf(index)}].contains[${j}]`;
      const inner = byId.get(part.index);
      if (inner === undefined) {
        errors.push(`${where}: unknown index "${part.index}"`);
        return;
      }
      const innerResolved = resolve(inner, where);
      for (const m of innerResolved.memberships) {
        if (!selects(part, m)) continue;
        const from = laterStart(m.from, part.from);
        const to = earlierEnd(m.to, part.to);
        if (to !== null && to <= from) continue;
        derived.push({
          ...m,
          from,
          to,
          sources: [...new Set([...m.sources, ...part.sources])],
          construction: { part: inner.id, partName: inner.name, basis: part.basis },
        });
      }
      if (index.excludesAll && derived.length > 0)
        errors.push(`${where}: "${index.id}" can hold none of the list, yet contains "${inner.id}", which holds some`);
    });
    // A derived index whose own dated members contradict its parts: its own records for an entity
    // leave out a day on which a part holds it.
    const own = index.memberships;
    for (const d of derived) {
      const records = own.filter((m) => m.entity === d.entity);
      if (records.length === 0) continue;
      const gap = firstGap(records, d.from, d.to);
      if (gap !== null) {
        errors.push(
          `indices[${indices.indexOf(index)}] ("${index.id}"): its own records say ${d.entity} was not a member on ${gap}, but it contains "${d.construction?.part ?? ''}", which held it from ${d.from}${d.to === null ? '' : ` to ${d.to}`}`,
        );
      }
    }
    // An index equal to a selection of its part holds nothing of its own outside that part.
    index.contains.forEach((part, j) => {
      if (!part.equal) return;
      const fromPart = derived.filter((d) => d.construction?.part === part.index);
      for (const m of own) {
        const from = laterStart(m.from, part.from);
        const to = earlierEnd(m.to, part.to);
        if (to !== null && to <= from) continue;
        const gap = firstGap(
          fromPart.filter((d) => d.entity === m.entity),
          from,
          to,
        );
        if (gap !== null) {
          errors.push(
            `indices[${indices.indexOf(index)}].contains[${j}]: "${index.id}" equals its part "${part.index}" from ${part.from ?? 'the start'}, yet records ${m.entity} on ${gap}, when the part did not hold it`,
          );
        }
      }
    });
    visiting.delete(index.id);
    const out: ResolvedIndex = { ...index, memberships: [...own, ...derived] };
    resolved.set(index.id, out);
    return out;
  };
  indices.forEach((index, i) => resolve(index, `indices[${i}]`));
  return { indices: resolved, errors };
}
