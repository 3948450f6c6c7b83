// What changed between two versions of a list: entities added, removed, changed. Pure.
// Entities are paired by id (importers derive ids from the list's own entry numbers or names, so
// they are stable between releases); within a pair, names, securities and listings are compared as
// sets of their printed form.

import type { DatasetFile, Entity, Listing, Security } from '../dataset/schema.js';

export interface EntityRef {
  readonly id: string;
  readonly listName: string;
}

export interface EntityChange extends EntityRef {
  /** Set when the list name changed: the old one. */
  readonly listNameBefore: string | null;
  readonly kindBefore: Entity['kind'] | null;
  readonly namesAdded: readonly string[];
  readonly namesRemoved: readonly string[];
  readonly securitiesAdded: readonly string[];
  readonly securitiesRemoved: readonly string[];
  readonly listingsAdded: readonly string[];
  readonly listingsRemoved: readonly string[];
}

export interface ListDiff {
  readonly old: { readonly version: string; readonly entities: number };
  readonly new: { readonly version: string; readonly entities: number };
  readonly added: readonly EntityRef[];
  readonly removed: readonly EntityRef[];
  readonly changed: readonly EntityChange[];
}

/** "XSHE 002415 ISIN CNE100000PM8 SEDOL B450X03"; "ISIN CNE1000002F5" for an ISIN without its line. */
export function securityText(s: Security): string {
  return [
    s.exchange === undefined || s.code === undefined ? '' : `${s.exchange} ${s.code}`,
    s.isin === undefined ? '' : `ISIN ${s.isin}`,
    ...s.sedols.map((x) => `SEDOL ${x}`),
    s.cusip === undefined ? '' : `CUSIP ${s.cusip}`,
  ]
    .filter((x) => x !== '')
    .join(' ');
}

/** "ofac-ns-cmic 2021-06-03 (effective 2021-08-02; E.O. 13959, as amended by E.O. 14032)". */
function listingText(l: Listing): string {
  const details = [l.effective === undefined ? '' : `effective ${l.effective}`, l.citation ?? ''].filter((x) => x !== '');
  return `${l.list} ${l.date}${details.length === 0 ? '' : ` (${details.join('; ')})`}`;
}

function setDiff(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
  const a = new Set(before);
  const b = new Set(after);
  return { added: [...b].filter((x) => !a.has(x)).sort(), removed: [...a].filter((x) => !b.has(x)).sort() };
}

function compareEntities(before: Entity, after: Entity): EntityChange | null {
  const names = setDiff(
    before.names.map((n) => n.name),
    after.names.map((n) => n.name),
  );
  const securities = setDiff(before.securities.map(securityText), after.securities.map(securityText));
  const listings = setDiff(before.listings.map(listingText), after.listings.map(listingText));
  const listNameBefore = before.listName === after.listName ? null : before.listName;
  const kindBefore = before.kind === after.kind ? null : before.kind;
  const changed =
    listNameBefore !== null || kindBefore !== null || [names, securities, listings].some((d) => d.added.length > 0 || d.removed.length > 0);
  if (!changed) return null;
  return {
    id: after.id,
    listName: after.listName,
    listNameBefore,
    kindBefore,
    namesAdded: names.added,
    namesRemoved: names.removed,
    securitiesAdded: securities.added,
    securitiesRemoved: securities.removed,
    listingsAdded: listings.added,
    listingsRemoved: listings.removed,
  };
}

const byId = (a: EntityRef, b: EntityRef): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Compares two versions of a list by entity id. */
export function diffLists(before: DatasetFile, after: DatasetFile): ListDiff {
  const oldById = new Map(before.entities.map((e) => [e.id, e]));
  const newById = new Map(after.entities.map((e) => [e.id, e]));
  const ref = (e: Entity): EntityRef => ({ id: e.id, listName: e.listName });
  const added = after.entities
    .filter((e) => !oldById.has(e.id))
    .map(ref)
    .sort(byId);
  const removed = before.entities
    .filter((e) => !newById.has(e.id))
    .map(ref)
    .sort(byId);
  const changed: EntityChange[] = [];
  for (const e of after.entities) {
    const previous = oldById.get(e.id);
    if (previous === undefined) continue;
    const change = compareEntities(previous, e);
    if (change !== null) changed.push(change);
  }
  return {
    old: { version: before.version, entities: before.entities.length },
    new: { version: after.version, entities: after.entities.length },
    added,
    removed,
    changed: changed.sort(byId),
  };
}

/** Whether the two versions differ at all. */
export function hasChanges(diff: ListDiff): boolean {
  return diff.added.length + diff.removed.length + diff.changed.length > 0;
}

/** The diff as plain text, one line per entity and one indented line per changed field. */
export function renderListDiff(diff: ListDiff): string {
  const out: string[] = [
    `Old: ${diff.old.version} (${diff.old.entities} entities)`,
    `New: ${diff.new.version} (${diff.new.entities} entities)`,
    `${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed`,
  ];
  const section = (title: string, mark: string, refs: readonly EntityRef[]): void => {
    if (refs.length === 0) return;
    out.push('', `${title} (${refs.length}):`);
    for (const r of refs) out.push(`  ${mark} ${r.id}  ${r.listName}`);
  };
  section('Added', '+', diff.added);
  section('Removed', '-', diff.removed);
  if (diff.changed.length > 0) {
    out.push('', `Changed (${diff.changed.length}):`);
    for (const c of diff.changed) {
      out.push(`  ~ ${c.id}  ${c.listName}`);
      if (c.listNameBefore !== null) out.push(`      list name was: ${c.listNameBefore}`);
      if (c.kindBefore !== null) out.push(`      kind was: ${c.kindBefore}`);
      const field = (label: string, values: readonly string[]): void => {
        if (values.length > 0) out.push(`      ${label}: ${values.join('; ')}`);
      };
      field('names added', c.namesAdded);
      field('names removed', c.namesRemoved);
      field('securities added', c.securitiesAdded);
      field('securities removed', c.securitiesRemoved);
      field('listings added', c.listingsAdded);
      field('listings removed', c.listingsRemoved);
    }
  }
  if (!hasChanges(diff)) out.push('', 'No differences.');
  return `${out.join('\n')}\n`;
}
