// Turns importer drafts into one DatasetFile that passes validateDataset. Pure.
//
// Official lists repeat names across records (OFAC gives "CHINA TELECOM" as an a.k.a. of both
// China Telecom Corporation Limited and its parent), while our rules give every normalised name to
// one entity. Decisions, applied in the file's order:
//  1. Records with the same list name (normalised) are one entity: the later record's names,
//     listings, securities and addresses join the earlier one, with a note and a warning. The
//     Entity List prints one entry per address ("Gunther Migeotte" five times).
//  2. A list name always wins over an alias: list names are claimed first.
//  3. An alias already claimed by another entity is dropped from the later record, with a note on
//     that entity and a warning; so is a security (ISIN or exchange code) another entity claimed.
//     A security is keyed by what it has: exchange:code when it has its trading line, its ISIN when
//     it has one (an ISIN alone is a security too). Within an entity, a security with the ISIN of
//     one it already has, or the line of one with no other ISIN, joins it; two ISINs alone never do.
//  4. The earliest listing of an entity is its primary one: screen() dates "listed since" by it.
//  5. A one-word alias of five letters or fewer (an acronym: "CETC", "SMIC") gets confidence low, so
//     a match on it alone is a review: imported lists have no curated look-alikes to stop it.

import type { Confidence, DatasetFile, Entity, EntityName, Exchange, Listing, Security, Source } from '../dataset/schema.js';
import { validateDataset } from '../dataset/validate.js';
import { foldText, normalizeName } from '../normalize/names.js';
import type { ListIssue, ListResult, SkipCount } from './types.js';

export type ListId = Listing['list'];

export interface DraftName {
  readonly name: string;
  readonly type: EntityName['type'];
  readonly sources: readonly string[];
  readonly note?: string;
}

/**
 * What identifies a draft security: a trading line (exchange and code, with its ISIN when the list
 * ties one to it), or an ISIN alone, for an identifier a list gives without its line (OFAC's H-share,
 * bond and ADR ISINs).
 */
export type DraftSecurityId =
  | { readonly exchange: Exchange; readonly code: string; readonly isin?: string }
  | { readonly exchange?: undefined; readonly code?: undefined; readonly isin: string };

export type DraftSecurity = DraftSecurityId & {
  readonly description?: string;
  readonly sources: readonly string[];
};

/** Keys a security is owned by: "XSHE:002415" when it has its line, and its ISIN when it has one. */
export function draftSecurityKeys(s: DraftSecurityId): string[] {
  return [...(s.exchange === undefined ? [] : [`${s.exchange}:${s.code}`]), ...(s.isin === undefined ? [] : [s.isin])];
}

/** "XSHE 002415 (ISIN CNE100000PM8)", "XSHE 002415" or "ISIN CNE1000002F5", for notes and warnings. */
export function draftSecurityLabel(s: DraftSecurityId): string {
  if (s.exchange === undefined) return `ISIN ${s.isin}`;
  return `${s.exchange} ${s.code}${s.isin === undefined ? '' : ` (ISIN ${s.isin})`}`;
}

export interface DraftListing {
  readonly list: ListId;
  readonly date: string;
  readonly effective?: string;
  readonly citation?: string;
  readonly note?: string;
  /** When the listing ended (the CSL's end_date). */
  readonly ended?: string;
  readonly sources: readonly string[];
}

/** One record of an official list, read but not yet checked against the others. */
export interface EntityDraft {
  readonly id: string;
  readonly listName: string;
  /** Sources of the list name: the file the record's main line is in. */
  readonly listNameSources: readonly string[];
  readonly kind: Entity['kind'];
  readonly names: DraftName[];
  readonly listings: DraftListing[];
  readonly securities: DraftSecurity[];
  /** Addresses, remarks and identifiers the schema has no field for, kept as text. */
  readonly notes: string[];
  /** Where the record was read, for messages. */
  readonly origin: { readonly file: string; readonly line: number | null };
}

export interface DatasetMeta {
  readonly version: string;
  readonly reviewedAt: string;
  readonly description: string;
  /** Every source the drafts may cite; those never cited are left out of the file. */
  readonly sources: Readonly<Record<string, Source>>;
  /** Confidence given to every name and security (official lists: high). */
  readonly confidence: Confidence;
}

function compactOf(name: string): string {
  return normalizeName(name).compact;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

function mergeInto(target: EntityDraft, other: EntityDraft): void {
  target.names.push({ name: other.listName, type: 'list', sources: other.listNameSources }, ...other.names);
  target.listings.push(...other.listings);
  target.securities.push(...other.securities);
  target.notes.push(
    `Same list name as the record at ${other.origin.file}${other.origin.line === null ? '' : `:${other.origin.line}`} (${other.id}), merged here`,
    ...other.notes,
  );
}

/**
 * Whether a draft security is one the entity already has: the same line with no ISIN that disagrees,
 * or the same ISIN when either is an ISIN alone. Two ISINs alone are one security only when equal.
 */
function sameSecurity(x: Security, s: DraftSecurity): boolean {
  if (x.exchange !== undefined && s.exchange !== undefined) {
    return x.exchange === s.exchange && x.code === s.code && (x.isin === undefined || s.isin === undefined || x.isin === s.isin);
  }
  return x.isin !== undefined && x.isin === s.isin;
}

function listingKey(l: DraftListing): string {
  return [l.list, l.date, l.effective ?? '', l.citation ?? '', l.note ?? ''].join('|');
}

/** Sorts listings by date, merges exact repeats, and marks the earliest primary. */
function finishListings(listings: readonly DraftListing[]): Listing[] {
  const byKey = new Map<string, DraftListing>();
  for (const l of listings) {
    const previous = byKey.get(listingKey(l));
    byKey.set(listingKey(l), previous === undefined ? l : { ...previous, sources: union(previous.sources, l.sources) });
  }
  return [...byKey.values()]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((l, i) => ({
      list: l.list,
      date: l.date,
      ...(l.effective === undefined ? {} : { effective: l.effective }),
      ...(l.citation === undefined ? {} : { citation: l.citation }),
      primary: i === 0,
      ...(l.note === undefined ? {} : { note: l.note }),
      ...(l.ended === undefined ? {} : { ended: l.ended }),
      sources: [...l.sources],
    }));
}

/** Says something about one draft, as a warning at the line it was read. */
type Warn = (d: EntityDraft, message: string) => void;

/** Rule 1: one entity per list name; a later record with the same list name joins the earlier one. Ids stay unique. */
export function oneEntityPerListName(drafts: readonly EntityDraft[], warnings: ListIssue[], warn: Warn): EntityDraft[] {
  const byListName = new Map<string, EntityDraft>();
  const kept: EntityDraft[] = [];
  const usedIds = new Set<string>();
  for (const draft of drafts) {
    const key = compactOf(draft.listName);
    const owner = byListName.get(key);
    if (key === '') {
      const message = `"${draft.listName}" is empty once normalised; record not imported`;
      warnings.push({ file: draft.origin.file, line: draft.origin.line, message });
    } else if (owner !== undefined) {
      mergeInto(owner, draft);
      warn(owner, `record ${draft.id} has the same list name and was merged into this entity`);
    } else {
      let id = draft.id;
      for (let n = 2; usedIds.has(id); n++) id = `${draft.id}-${n}`;
      usedIds.add(id);
      const own: EntityDraft = id === draft.id ? draft : { ...draft, id };
      byListName.set(key, own);
      kept.push(own);
    }
  }
  return kept;
}

/**
 * Rule 5: a one-word alias of five letters or fewer, not in Chinese script, is an acronym ("CETC", "SMIC",
 * "HSRI"): it names other companies too, and with no curated look-alikes to stop them, a match on it alone
 * can only ask for review.
 */
export function isAcronymAlias(type: DraftName['type'], text: string): boolean {
  return type !== 'list' && normalizeName(text).tokens.length === 1 && compactOf(text).length <= 5 && !/\p{Script=Han}/u.test(text);
}

function entityName(n: DraftName, text: string, confidence: Confidence): EntityName {
  const acronym = isAcronymAlias(n.type, text);
  return {
    name: text,
    type: n.type,
    lang: /\p{Script=Han}/u.test(text) ? 'zh' : 'en',
    confidence: acronym ? 'low' : confidence,
    ...(acronym ? { note: `${n.note === undefined ? '' : `${n.note}; `}short alias: a match on it alone is a review` } : {}),
    matchable: true,
    sources: [...n.sources],
    ...(n.note === undefined || acronym ? {} : { note: n.note }),
  };
}

/** Rules 2, 3 and 5 for names: the draft's names that no other entity claimed first, each once. */
function claimNames(d: EntityDraft, nameOwner: Map<string, string>, confidence: Confidence, warn: Warn): EntityName[] {
  const names: EntityName[] = [];
  const seenText = new Set<string>();
  for (const n of [{ name: d.listName, type: 'list' as const, sources: d.listNameSources }, ...d.names]) {
    const text = n.name.trim();
    const folded = foldText(text).replace(/\s+/g, ' ');
    if (text === '' || seenText.has(folded)) continue;
    const key = compactOf(text);
    const owner = nameOwner.get(key);
    if (key === '') d.notes.push(`Name "${text}" is empty once normalised; not matched`);
    else if (owner !== undefined && owner !== d.id) {
      d.notes.push(`Alias "${text}" also belongs to ${owner}; not matched here`);
      warn(d, `alias "${text}" also belongs to ${owner}; dropped from this entity`);
    } else {
      nameOwner.set(key, d.id);
      seenText.add(folded);
      names.push(entityName(n, text, confidence));
    }
  }
  return names;
}

/** Joins a draft security into one the entity already has: a missing ISIN or line is filled in, sources united. */
function joinSecurity(same: Security, s: DraftSecurity): void {
  if (same.isin === undefined && s.isin !== undefined) same.isin = s.isin;
  if (same.exchange === undefined && s.exchange !== undefined) {
    // An ISIN given alone earlier, now with its line: the line and its description win.
    same.exchange = s.exchange;
    same.code = s.code;
    if (s.description !== undefined) same.description = s.description;
  }
  same.sources = union(same.sources, s.sources);
}

/** Rule 3 for securities: the draft's securities no other entity claimed first, repeats joined. */
function claimSecurities(d: EntityDraft, identifierOwner: Map<string, string>, confidence: Confidence, warn: Warn): Security[] {
  const securities: Security[] = [];
  for (const s of d.securities) {
    const keys = draftSecurityKeys(s);
    const taken = keys.map((k) => identifierOwner.get(k)).find((o) => o !== undefined && o !== d.id);
    if (taken !== undefined) {
      const label = draftSecurityLabel(s);
      d.notes.push(`Security ${label} also belongs to ${taken}; not matched here`);
      warn(d, `security ${label} also belongs to ${taken}; dropped from this entity`);
      continue;
    }
    const same = securities.find((x) => sameSecurity(x, s));
    if (same !== undefined) joinSecurity(same, s);
    else
      securities.push({
        ...(s.exchange === undefined ? {} : { exchange: s.exchange, code: s.code }),
        ...(s.isin === undefined ? {} : { isin: s.isin }),
        sedols: [],
        ...(s.description === undefined ? {} : { description: s.description }),
        confidence,
        sources: [...s.sources],
      });
    for (const k of keys) identifierOwner.set(k, d.id);
  }
  return securities;
}

/** Builds the dataset from drafts, resolving collisions as the module comment says. */
export function assembleDataset(drafts: readonly EntityDraft[], meta: DatasetMeta): { dataset: DatasetFile; warnings: ListIssue[] } {
  const warnings: ListIssue[] = [];
  const warn: Warn = (d, message) => {
    warnings.push({ file: d.origin.file, line: d.origin.line, message: `${d.id} (${d.listName}): ${message}` });
  };
  const kept = oneEntityPerListName(drafts, warnings, warn);
  // 2. List names first.
  const nameOwner = new Map<string, string>(kept.map((d) => [compactOf(d.listName), d.id]));
  const identifierOwner = new Map<string, string>();
  const entities: Entity[] = kept.map((d) => {
    const names = claimNames(d, nameOwner, meta.confidence, warn);
    const securities = claimSecurities(d, identifierOwner, meta.confidence, warn);
    const notes = [...new Set(d.notes)];
    return {
      id: d.id,
      listName: d.listName,
      kind: d.kind,
      names,
      listings: finishListings(d.listings),
      securities,
      related: [],
      lookAlikes: [],
      ...(notes.length === 0 ? {} : { note: notes.join('; ') }),
    };
  });
  const cited = new Set(entities.flatMap((e) => [...e.names, ...e.listings, ...e.securities].flatMap((x) => x.sources)));
  const sources: Record<string, Source> = {};
  for (const [id, source] of Object.entries(meta.sources)) if (cited.has(id)) sources[id] = source;
  return {
    // Imported lists carry no curated look-alikes: a name that is not an exact match is a review.
    dataset: { version: meta.version, reviewedAt: meta.reviewedAt, description: meta.description, curated: false, sources, entities },
    warnings,
  };
}

/** Validates an assembled dataset and wraps it as an importer's result. */
export function finishImport(
  assembled: { dataset: DatasetFile; warnings: readonly ListIssue[] },
  file: string,
  skipped: readonly SkipCount[],
  earlierWarnings: readonly ListIssue[],
): ListResult {
  const warnings = [...earlierWarnings, ...assembled.warnings];
  if (assembled.dataset.entities.length === 0) {
    return {
      ok: false,
      errors: [{ file, line: null, message: 'no record could be imported (see the skipped counts and warnings)' }],
      warnings,
    };
  }
  const validation = validateDataset(assembled.dataset);
  if (!validation.ok) return { ok: false, errors: validation.errors.map((message) => ({ file, line: null, message })), warnings };
  return {
    ok: true,
    dataset: validation.dataset,
    warnings: [...warnings, ...validation.warnings.map((message) => ({ file, line: null, message }))],
    skipped,
  };
}
