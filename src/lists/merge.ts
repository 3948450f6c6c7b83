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

class Owners {
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

/** Joins the extra lists to the base list, in order; the result passes validateDataset or lists why not. */
export function mergeLists(base: DatasetFile, extras: readonly ExtraList[], baseLabel = 'data/entities.json'): MergeResult {
  const result: DatasetFile = structuredClone(base);
  const origins = new Map<string, string[]>(result.entities.map((e) => [e.id, [baseLabel]]));
  const addOrigin = (id: string, label: string): void => {
    const labels = origins.get(id) ?? [];
    if (!labels.includes(label)) labels.push(label);
    origins.set(id, labels);
  };
  const warnings: string[] = [];
  const imported = new Set<string>();
  const joined: { label: string; from: string; into: string }[] = [];
  const owners = new Owners();
  for (const e of result.entities) owners.index(e);
  const entityIds = new Set(result.entities.map((e) => e.id));

  for (const extra of extras) {
    const rename = new Map<string, string>();
    for (const [id, source] of Object.entries(extra.dataset.sources)) {
      let target = id;
      for (let n = 2; result.sources[target] !== undefined && !sameSource(result.sources[target] ?? source, source); n++)
        target = `${id}-${n}`;
      result.sources[target] = source;
      if (target !== id) rename.set(id, target);
    }

    for (const original of extra.dataset.entities) {
      const e = renameSources(original, rename);
      const where = `${extra.label}: ${e.id} (${e.listName})`;

      // A look-alike or related company of a base entity that shares a name or identifier with this
      // entity is this organisation: the extra list lists it itself. It leaves the base entity, and
      // its names and securities come here.
      const keysOf = (x: Entity): { names: string[]; ids: string[] } => ({
        names: [...new Set([x.listName, ...x.names.map((n) => n.name)].map(compact))],
        ids: [...new Set(x.securities.flatMap(securityKeys))],
      });
      const first = keysOf(e);
      const released = new Map<string, PartOwner>();
      for (const o of [...first.names.map((k) => owners.names.get(k)), ...first.ids.map((k) => owners.ids.get(k))]) {
        if (o !== undefined && o.kind !== 'entity')
          released.set(`${o.entity.id}|${o.kind}|${o.kind === 'related' ? o.relatedIndex : o.lookAlikeIndex}`, o);
      }
      const touched = new Set<Entity>();
      for (const o of released.values()) {
        touched.add(o.entity);
        if (o.kind === 'related') {
          const r = o.entity.related[o.relatedIndex];
          if (r === undefined) continue;
          e.names.push(
            ...r.names.map((n) => ({
              ...n,
              note: `was a ${r.relation} of ${o.entity.id} in the base list${n.note === undefined ? '' : `; ${n.note}`}`,
            })),
          );
          e.securities.push(...r.securities);
          appendNote(o.entity, `Its ${r.relation} ${r.names[0]?.name ?? ''} is on ${extra.label} itself as ${e.id}; screened there`);
          warnings.push(`${where}: was a ${r.relation} (related company) of ${o.entity.id}; moved here with its names and securities`);
        } else {
          const l = o.entity.lookAlikes[o.lookAlikeIndex];
          if (l === undefined) continue;
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
          appendNote(o.entity, `Look-alike ${l.names[0] ?? ''} is on ${extra.label} itself as ${e.id}; screened there`);
          warnings.push(`${where}: was a look-alike of ${o.entity.id}; moved here with its names and securities`);
        }
      }
      const gone = new Set(released.values());
      for (const t of touched) {
        t.related = t.related.filter((_, i) => ![...gone].some((o) => o.entity === t && o.kind === 'related' && o.relatedIndex === i));
        t.lookAlikes = t.lookAlikes.filter(
          (_, i) => ![...gone].some((o) => o.entity === t && o.kind === 'lookAlike' && o.lookAlikeIndex === i),
        );
        for (const [k, o] of owners.names) if (o.entity === t) owners.names.delete(k);
        for (const [k, o] of owners.ids) if (o.entity === t) owners.ids.delete(k);
        owners.index(t);
      }
      const { names: nameKeys, ids: idKeys } = keysOf(e);

      const entityOwner = (o: Owner | undefined): Entity | null => (o?.kind === 'entity' ? o.entity : null);
      const byListName = entityOwner(owners.names.get(compact(e.listName)));
      const hits = new Set<Entity>();
      for (const k of nameKeys) {
        const t = entityOwner(owners.names.get(k));
        if (t !== null) hits.add(t);
      }
      for (const k of idKeys) {
        const t = entityOwner(owners.ids.get(k));
        if (t !== null) hits.add(t);
      }
      const target = byListName ?? (hits.size === 1 ? ([...hits][0] ?? null) : null);

      if (target !== null) {
        // Join: listings (not primary), then names and securities nobody else owns.
        for (const l of e.listings) {
          if (target.listings.some((x) => x.list === l.list && x.date === l.date)) continue;
          target.listings.push({
            ...l,
            primary: false,
            note: `${extra.label}: ${e.id} "${e.listName}"${l.note === undefined ? '' : `; ${l.note}`}`,
          });
        }
        const listNameEntry: EntityName = {
          name: e.listName,
          type: 'other-list',
          lang: 'en',
          confidence: e.names[0]?.confidence ?? 'high',
          matchable: true,
          sources: e.listings[0]?.sources ?? [],
          note: `list name on ${extra.label}`,
        };
        for (const n of [listNameEntry, ...e.names.filter((x) => x.type !== 'list' || x.name !== e.listName)]) {
          const k = compact(n.name);
          const o = owners.names.get(k);
          if (o !== undefined && !(o.kind === 'entity' && o.entity === target)) {
            warnings.push(`${where}: name "${n.name}" also belongs to ${o.entity.id}; not added to ${target.id}`);
            continue;
          }
          if (o !== undefined || n.sources.length === 0) continue;
          target.names.push({ ...n, type: n.type === 'list' ? 'other-list' : n.type });
          owners.names.set(k, { kind: 'entity', entity: target });
        }
        for (const s of e.securities) {
          const keys = securityKeys(s);
          const others = keys.map((k) => owners.ids.get(k)).filter((o) => o !== undefined && !(o.kind === 'entity' && o.entity === target));
          if (others.length > 0) {
            warnings.push(`${where}: security ${securityText(s)} also belongs to ${others[0]?.entity.id ?? ''}; not added to ${target.id}`);
            continue;
          }
          // The trading line of an ISIN the entity had alone: the line takes the ISIN's place.
          const bare =
            s.exchange === undefined || s.isin === undefined
              ? -1
              : target.securities.findIndex((x) => x.exchange === undefined && x.isin === s.isin);
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
            for (const k of keys) owners.ids.set(k, { kind: 'entity', entity: target });
            continue;
          }
          if (keys.every((k) => owners.ids.get(k) !== undefined)) continue;
          target.securities.push(s);
          for (const k of keys) owners.ids.set(k, { kind: 'entity', entity: target });
        }
        appendNote(target, `Also on ${extra.label} as ${e.id} (${e.listName})`);
        joined.push({ label: extra.label, from: e.id, into: target.id });
        addOrigin(target.id, extra.label);
        if (hits.size > 1)
          warnings.push(`${where}: shares names or identifiers with ${[...hits].map((h) => h.id).join(', ')}; joined to ${target.id}`);
        continue;
      }

      // Separate entity: drop what others own (several entities hit), keep a unique id.
      const added: Entity = {
        ...e,
        names: e.names.filter((n) => {
          const o = owners.names.get(compact(n.name));
          if (o === undefined) return true;
          warnings.push(`${where}: name "${n.name}" also belongs to ${o.entity.id}; dropped`);
          return false;
        }),
        securities: e.securities.filter((s) => {
          const o = securityKeys(s)
            .map((k) => owners.ids.get(k))
            .find((x) => x !== undefined);
          if (o === undefined) return true;
          warnings.push(`${where}: security ${securityText(s)} also belongs to ${o.entity.id}; dropped`);
          return false;
        }),
      };
      let id = added.id;
      for (let n = 2; entityIds.has(id); n++) id = `${added.id}-${n}`;
      if (id !== added.id) warnings.push(`${where}: id already used; renamed ${id}`);
      const entity: Entity = { ...added, id };
      if (entity.names.length === 0)
        entity.names = [
          {
            name: entity.listName,
            type: 'list',
            lang: 'en',
            confidence: 'high',
            matchable: true,
            sources: entity.listings[0]?.sources ?? [],
          },
        ];
      entityIds.add(id);
      result.entities.push(entity);
      owners.index(entity);
      imported.add(id);
      addOrigin(id, extra.label);
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
    importedEntityIds: imported,
    joined,
    origins,
  };
}
