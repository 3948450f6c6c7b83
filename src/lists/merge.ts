// Joins extra lists (--list files, imported lists) to the base list, so one screen covers them all.
// Pure. The data rules give every name and identifier to one entity, so an entity of an extra list
// that shares a name or an identifier with one already there is the same organisation:
//  - it joins that entity: its listings are added (never primary: the base entity keeps the listing
//    it is screened for), and its names and securities that nobody else owns;
//  - a look-alike or related company of a base entity that shares a name or identifier with it is
//    that organisation, listed itself: it leaves the base entity (with a note there and a warning)
//    and its names and securities go with the extra entity;
//  - otherwise it is added as it is. Entities added this way are "imported": they have no curated
//    look-alikes, and a name match on them should be a review unless exact (see policy.ts).

import type { DatasetFile, Entity, EntityName, Source } from '../dataset/schema.js';
import { validateDataset } from '../dataset/validate.js';
import { normalizeName } from '../normalize/names.js';
import { securityText } from './diff.js';

export interface ExtraList {
  /** How messages and notes name the list: its file name. */
  readonly label: string;
  readonly dataset: DatasetFile;
}

export type MergeResult =
  | {
      readonly ok: true;
      readonly dataset: DatasetFile;
      readonly warnings: readonly string[];
      /** Ids of the entities that came from extra lists and were not joined to a base entity. */
      readonly importedEntityIds: ReadonlySet<string>;
      /** Entities of extra lists joined to one already there. */
      readonly joined: readonly { readonly label: string; readonly from: string; readonly into: string }[];
      /** Entity id → labels of the lists it is on (the base list's label first), for reports to name. */
      readonly origins: ReadonlyMap<string, readonly string[]>;
    }
  | { readonly ok: false; readonly errors: readonly string[]; readonly warnings: readonly string[] };

type Owner =
  | { readonly kind: 'entity'; readonly entity: Entity }
  | { readonly kind: 'related'; readonly entity: Entity; readonly relatedIndex: number }
  | { readonly kind: 'lookAlike'; readonly entity: Entity; readonly lookAlikeIndex: number };

type PartOwner = Extract<Owner, { readonly kind: 'related' | 'lookAlike' }>;

const compact = (name: string): string => normalizeName(name).compact;

function securityKeys(s: {
  exchange?: string | undefined;
  code?: string | undefined;
  isin?: string | undefined;
  sedols: readonly string[];
  cusip?: string | undefined;
}): string[] {
  return [
    ...(s.exchange === undefined || s.code === undefined ? [] : [`${s.exchange}:${s.code}`]),
    ...(s.isin === undefined ? [] : [s.isin]),
    ...s.sedols,
    ...(s.cusip === undefined ? [] : [s.cusip]),
  ];
}

/** Who owns each name (compacted) and each security key. Exported for the rule tests. */
export class Owners {
  readonly names = new Map<string, Owner>();
  readonly ids = new Map<string, Owner>();

  index(entity: Entity): void {
    const self: Owner = { kind: 'entity', entity };
    for (const n of [entity.listName, ...entity.names.map((x) => x.name)]) this.names.set(compact(n), self);
    for (const s of entity.securities) for (const k of securityKeys(s)) this.ids.set(k, self);
    entity.related.forEach((r, relatedIndex) => {
      const owner: Owner = { kind: 'related', entity, relatedIndex };
      for (const n of r.names) this.names.set(compact(n.name), owner);
      for (const s of r.securities) for (const k of securityKeys(s)) this.ids.set(k, owner);
    });
    entity.lookAlikes.forEach((l, lookAlikeIndex) => {
      const owner: Owner = { kind: 'lookAlike', entity, lookAlikeIndex };
      for (const n of l.names) this.names.set(compact(n), owner);
      for (const s of l.securities) for (const k of securityKeys(s)) this.ids.set(k, owner);
    });
  }

  /** Drops every name and key owned by the entity or its parts. */
  forget(entity: Entity): void {
    for (const [k, o] of this.names) if (o.entity === entity) this.names.delete(k);
    for (const [k, o] of this.ids) if (o.entity === entity) this.ids.delete(k);
  }
}

function renameSources(entity: Entity, rename: ReadonlyMap<string, string>): Entity {
  const fix = (ids: readonly string[]): string[] => ids.map((id) => rename.get(id) ?? id);
  return {
    ...entity,
    names: entity.names.map((n) => ({ ...n, sources: fix(n.sources) })),
    listings: entity.listings.map((l) => ({ ...l, sources: fix(l.sources) })),
    securities: entity.securities.map((s) => ({ ...s, sources: fix(s.sources) })),
    related: entity.related.map((r) => ({
      ...r,
      sources: fix(r.sources),
      names: r.names.map((n) => ({ ...n, sources: fix(n.sources) })),
      securities: r.securities.map((s) => ({ ...s, sources: fix(s.sources) })),
    })),
    lookAlikes: entity.lookAlikes.map((l) => ({ ...l, sources: fix(l.sources) })),
  };
}

function sameSource(a: Source, b: Source): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function appendNote(entity: Entity, note: string): void {
  entity.note = entity.note === undefined ? note : `${entity.note}; ${note}`;
}

/** Everything the merge builds up while it walks the extra lists. */
interface MergeState {
  readonly result: DatasetFile;
  readonly owners: Owners;
  readonly entityIds: Set<string>;
  readonly warnings: string[];
  readonly imported: Set<string>;
  readonly joined: { label: string; from: string; into: string }[];
  readonly origins: Map<string, string[]>;
}

/** One entity of an extra list, as the merge stages see it. */
interface Incoming {
  readonly label: string;
  readonly entity: Entity;
  /** How warnings name it: list label, id and list name. */
  readonly where: string;
}

function addOrigin(origins: Map<string, string[]>, id: string, label: string): void {
  const labels = origins.get(id) ?? [];
  if (!labels.includes(label)) labels.push(label);
  origins.set(id, labels);
}

/** Copies the extra list's sources in; a source id already used for another source gets a suffix. */
function mergeSources(sources: Record<string, Source>, extra: DatasetFile): Map<string, string> {
  const rename = new Map<string, string>();
  for (const [id, source] of Object.entries(extra.sources)) {
    let target = id;
    for (let n = 2; sources[target] !== undefined && !sameSource(sources[target] ?? source, source); n++) target = `${id}-${n}`;
    sources[target] = source;
    if (target !== id) rename.set(id, target);
  }
  return rename;
}

function keysOf(x: Entity): { names: string[]; ids: string[] } {
  return {
    names: [...new Set([x.listName, ...x.names.map((n) => n.name)].map(compact))],
    ids: [...new Set(x.securities.flatMap(securityKeys))],
  };
}

/** Rule: the related companies and look-alikes of entities already there that share a name or identifier with `e`. */
export function partsClaimedBy(e: Entity, owners: Owners): PartOwner[] {
  const { names, ids } = keysOf(e);
  const released = new Map<string, PartOwner>();
  for (const o of [...names.map((k) => owners.names.get(k)), ...ids.map((k) => owners.ids.get(k))]) {
    if (o !== undefined && o.kind !== 'entity')
      released.set(`${o.entity.id}|${o.kind}|${o.kind === 'related' ? o.relatedIndex : o.lookAlikeIndex}`, o);
  }
  return [...released.values()];
}

function takeRelated(to: Incoming, o: Extract<PartOwner, { kind: 'related' }>, warnings: string[]): void {
  const r = o.entity.related[o.relatedIndex];
  if (r === undefined) return;
  const e = to.entity;
  e.names.push(
    ...r.names.map((n) => ({
      ...n,
      note: `was a ${r.relation} of ${o.entity.id} in the base list${n.note === undefined ? '' : `; ${n.note}`}`,
    })),
  );
  e.securities.push(...r.securities);
  appendNote(o.entity, `Its ${r.relation} ${r.names[0]?.name ?? ''} is on ${to.label} itself as ${e.id}; screened there`);
  warnings.push(`${to.where}: was a ${r.relation} (related company) of ${o.entity.id}; moved here with its names and securities`);
}

function takeLookAlike(to: Incoming, o: Extract<PartOwner, { kind: 'lookAlike' }>, warnings: string[]): void {
  const l = o.entity.lookAlikes[o.lookAlikeIndex];
  if (l === undefined) return;
  const e = to.entity;
  e.names.push(
    ...l.names.map((name) => ({
      name,
      type: 'other-list' as const,
      lang: /\p{Script=Han}/u.test(name) ? ('zh' as const) : ('en' as const),
      confidence: 'medium' as const,
      matchable: true,
      sources: [...l.sources],
      note: `was a look-alike of ${o.entity.id} in the base list`,
    })),
  );
  e.securities.push(...l.securities.map((x) => ({ ...x, confidence: 'medium' as const, sources: [...l.sources] })));
  appendNote(o.entity, `Look-alike ${l.names[0] ?? ''} is on ${to.label} itself as ${e.id}; screened there`);
  warnings.push(`${to.where}: was a look-alike of ${o.entity.id}; moved here with its names and securities`);
}

/**
 * A look-alike or related company of a base entity that shares a name or identifier with the incoming
 * entity is this organisation: the extra list lists it itself. It leaves the base entity, and its names
 * and securities come to the incoming one.
 */
function releaseParts(to: Incoming, state: MergeState): void {
  const gone = partsClaimedBy(to.entity, state.owners);
  const touched = new Set<Entity>();
  for (const o of gone) {
    touched.add(o.entity);
    if (o.kind === 'related') takeRelated(to, o, state.warnings);
    else takeLookAlike(to, o, state.warnings);
  }
  for (const t of touched) {
    const isGone = (kind: PartOwner['kind'], i: number): boolean =>
      gone.some((o) => o.entity === t && o.kind === kind && (o.kind === 'related' ? o.relatedIndex : o.lookAlikeIndex) === i);
    t.related = t.related.filter((_, i) => !isGone('related', i));
    t.lookAlikes = t.lookAlikes.filter((_, i) => !isGone('lookAlike', i));
    state.owners.forget(t);
    state.owners.index(t);
  }
}

/**
 * Rule: which entity already there an incoming entity is. The one owning its list name; else the one
 * entity owning any of its names or identifiers; else none (several or no owners). `hits` are all owners.
 */
export function joinTargetOf(e: Entity, owners: Owners): { target: Entity | null; hits: ReadonlySet<Entity> } {
  const entityOwner = (o: Owner | undefined): Entity | null => (o?.kind === 'entity' ? o.entity : null);
  const { names, ids } = keysOf(e);
  const byListName = entityOwner(owners.names.get(compact(e.listName)));
  const hits = new Set<Entity>();
  for (const o of [...names.map((k) => owners.names.get(k)), ...ids.map((k) => owners.ids.get(k))]) {
    const t = entityOwner(o);
    if (t !== null) hits.add(t);
  }
  const target = byListName ?? (hits.size === 1 ? ([...hits][0] ?? null) : null);
  return { target, hits };
}

function joinListings(target: Entity, from: Incoming): void {
  const e = from.entity;
  for (const l of e.listings) {
    if (target.listings.some((x) => x.list === l.list && x.date === l.date)) continue;
    target.listings.push({
      ...l,
      primary: false,
      note: `${from.label}: ${e.id} "${e.listName}"${l.note === undefined ? '' : `; ${l.note}`}`,
    });
  }
}

function joinNames(target: Entity, from: Incoming, state: MergeState): void {
  const e = from.entity;
  const listNameEntry: EntityName = {
    name: e.listName,
    type: 'other-list',
    lang: 'en',
    confidence: e.names[0]?.confidence ?? 'high',
    matchable: true,
    sources: e.listings[0]?.sources ?? [],
    note: `list name on ${from.label}`,
  };
  for (const n of [listNameEntry, ...e.names.filter((x) => x.type !== 'list' || x.name !== e.listName)]) {
    const k = compact(n.name);
    const o = state.owners.names.get(k);
    if (o !== undefined && !(o.kind === 'entity' && o.entity === target)) {
      state.warnings.push(`${from.where}: name "${n.name}" also belongs to ${o.entity.id}; not added to ${target.id}`);
      continue;
    }
    if (o !== undefined || n.sources.length === 0) continue;
    target.names.push({ ...n, type: n.type === 'list' ? 'other-list' : n.type });
    state.owners.names.set(k, { kind: 'entity', entity: target });
  }
}

type Security = Entity['securities'][number];

/** Rule: the index of the target's ISIN-only security that a trading line of that ISIN replaces, or -1. */
export function bareIsinIndex(target: Entity, s: Security): number {
  if (s.exchange === undefined || s.isin === undefined) return -1;
  return target.securities.findIndex((x) => x.exchange === undefined && x.isin === s.isin);
}

function joinSecurity(target: Entity, s: Security, from: Incoming, state: MergeState): void {
  const { owners } = state;
  const keys = securityKeys(s);
  const others = keys.map((k) => owners.ids.get(k)).filter((o) => o !== undefined && !(o.kind === 'entity' && o.entity === target));
  if (others.length > 0) {
    state.warnings.push(
      `${from.where}: security ${securityText(s)} also belongs to ${others[0]?.entity.id ?? ''}; not added to ${target.id}`,
    );
    return;
  }
  // The trading line of an ISIN the entity had alone: the line takes the ISIN's place.
  const bare = bareIsinIndex(target, s);
  const alone = target.securities[bare];
  if (alone !== undefined) {
    const line = {
      ...alone,
      ...s,
      sedols: [...new Set([...alone.sedols, ...s.sedols])],
      sources: [...new Set([...alone.sources, ...s.sources])],
    };
    if (s.description === undefined) delete line.description;
    target.securities[bare] = line;
  } else if (keys.every((k) => owners.ids.get(k) !== undefined)) {
    return;
  } else {
    target.securities.push(s);
  }
  for (const k of keys) owners.ids.set(k, { kind: 'entity', entity: target });
}

/** Join: listings (not primary), then names and securities nobody else owns. */
function joinEntity(target: Entity, hits: ReadonlySet<Entity>, from: Incoming, state: MergeState): void {
  const e = from.entity;
  joinListings(target, from);
  joinNames(target, from, state);
  for (const s of e.securities) joinSecurity(target, s, from, state);
  appendNote(target, `Also on ${from.label} as ${e.id} (${e.listName})`);
  state.joined.push({ label: from.label, from: e.id, into: target.id });
  addOrigin(state.origins, target.id, from.label);
  if (hits.size > 1)
    state.warnings.push(`${from.where}: shares names or identifiers with ${[...hits].map((h) => h.id).join(', ')}; joined to ${target.id}`);
}

/** Rule: the first of `id`, `id-2`, `id-3`, ... not yet taken. */
export function unusedId(id: string, taken: ReadonlySet<string>): string {
  let free = id;
  for (let n = 2; taken.has(free); n++) free = `${id}-${n}`;
  return free;
}

/** Separate entity: drop what others own (several entities hit), keep a unique id. */
function addEntity(from: Incoming, state: MergeState): void {
  const { owners, warnings } = state;
  const e = from.entity;
  const names = e.names.filter((n) => {
    const o = owners.names.get(compact(n.name));
    if (o === undefined) return true;
    warnings.push(`${from.where}: name "${n.name}" also belongs to ${o.entity.id}; dropped`);
    return false;
  });
  const securities = e.securities.filter((s) => {
    const o = securityKeys(s)
      .map((k) => owners.ids.get(k))
      .find((x) => x !== undefined);
    if (o === undefined) return true;
    warnings.push(`${from.where}: security ${securityText(s)} also belongs to ${o.entity.id}; dropped`);
    return false;
  });
  const id = unusedId(e.id, state.entityIds);
  if (id !== e.id) warnings.push(`${from.where}: id already used; renamed ${id}`);
  const entity: Entity = { ...e, names, securities, id };
  if (entity.names.length === 0)
    entity.names = [
      { name: entity.listName, type: 'list', lang: 'en', confidence: 'high', matchable: true, sources: entity.listings[0]?.sources ?? [] },
    ];
  state.entityIds.add(id);
  state.result.entities.push(entity);
  owners.index(entity);
  state.imported.add(id);
  addOrigin(state.origins, id, from.label);
}

function mergeEntity(from: Incoming, state: MergeState): void {
  releaseParts(from, state);
  const { target, hits } = joinTargetOf(from.entity, state.owners);
  if (target !== null) joinEntity(target, hits, from, state);
  else addEntity(from, state);
}

function newState(base: DatasetFile, baseLabel: string): MergeState {
  const result: DatasetFile = structuredClone(base);
  const owners = new Owners();
  for (const e of result.entities) owners.index(e);
  return {
    result,
    owners,
    entityIds: new Set(result.entities.map((e) => e.id)),
    warnings: [],
    imported: new Set(),
    joined: [],
    origins: new Map(result.entities.map((e) => [e.id, [baseLabel]])),
  };
}

/** Joins the extra lists to the base list, in order; the result passes validateDataset or lists why not. */
export function mergeLists(base: DatasetFile, extras: readonly ExtraList[], baseLabel = 'data/entities.json'): MergeResult {
  const state = newState(base, baseLabel);
  const { result, warnings } = state;
  for (const extra of extras) {
    const rename = mergeSources(result.sources, extra.dataset);
    for (const original of extra.dataset.entities) {
      const entity = renameSources(original, rename);
      mergeEntity({ label: extra.label, entity, where: `${extra.label}: ${entity.id} (${entity.listName})` }, state);
    }
  }
  result.version = [base.version, ...extras.map((x) => x.dataset.version)].join('+');
  result.description = [base.description ?? '', `Joined with ${extras.map((x) => `${x.label} (${x.dataset.version})`).join(', ')}.`]
    .filter((x) => x !== '')
    .join(' ');
  const validation = validateDataset(result);
  if (!validation.ok) return { ok: false, errors: validation.errors, warnings };
  return {
    ok: true,
    dataset: validation.dataset,
    warnings: [...warnings, ...validation.warnings],
    importedEntityIds: state.imported,
    joined: state.joined,
    origins: state.origins,
  };
}
