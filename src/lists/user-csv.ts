// A user's own list as a simple CSV into our data schema, with one error per bad line. Pure.
//
//   name,aliases,isin,ticker,exchange,list,listed_on,source
//   "Leon Technology Company Limited","LEON TECHNOLOGY|Leon Technology Co., Ltd.",CNE100002Q17,300603,Shenzhen,ofac-ns-cmic,2021-12-16,https://…
//
// Columns are found by header name, in any order; name, list and listed_on are required. Aliases are
// separated by ";" or "|". A ticker is placed on a venue by the same parser that reads holdings
// ("300603" with exchange "Shenzhen", "300603.SZ", "300603 CH"); an ISIN given with a ticker belongs
// to that line, and an ISIN without a ticker is a security matched by the ISIN alone (a bond, a
// depositary receipt, a share class the data has no venue for). An exchange needs its ticker. Rows
// with the same name are one entity (a second line, a second listing). A name or alias may belong to
// one entity only, and so may an ISIN or an exchange code.

import { IsoDateSchema, ListingSchema, type Source } from '../dataset/schema.js';
import { canonicalIdentifier, isValidIsin } from '../normalize/identifiers.js';
import { normalizeName } from '../normalize/names.js';
import {
  assembleDataset,
  draftSecurityKeys,
  finishImport,
  type DraftListing,
  type DraftSecurityId,
  type EntityDraft,
  type ListId,
} from './build.js';
import { parseCsv, resolveTicker, shortHash, slugify, type CsvRecord } from './common.js';
import type { ImportOptions, ListInput, ListIssue, ListResult } from './types.js';

const USER_CSV_COLUMNS = ['name', 'aliases', 'isin', 'ticker', 'exchange', 'list', 'listed_on', 'source'] as const;
type Column = (typeof USER_CSV_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['name', 'list', 'listed_on'];

const LIST_IDS: readonly ListId[] = ListingSchema.shape.list.options;

// Friendly spellings of the list ids, folded (lower case, no spaces or punctuation).
const LIST_ALIASES: Readonly<Record<string, ListId>> = {
  entitylist: 'us-entity-list',
  el: 'us-entity-list',
  bisentitylist: 'us-entity-list',
  nscmic: 'ofac-ns-cmic',
  cmic: 'ofac-ns-cmic',
  sdn: 'ofac-sdn',
  ofacsdn: 'ofac-sdn',
  '1260h': 'dod-1260h',
  dod1260h: 'dod-1260h',
  fcc: 'fcc-covered-list',
  fcccoveredlist: 'fcc-covered-list',
  ndaa889: 'ndaa-889',
  '889': 'ndaa-889',
};

/** The list id a cell names ("ofac-ns-cmic", "NS-CMIC", "Entity List"), or null. */
export function parseListId(text: string): ListId | null {
  const t = text.trim().toLowerCase();
  const exact = LIST_IDS.find((l) => l === t);
  if (exact !== undefined) return exact;
  return LIST_ALIASES[t.replace(/[^a-z0-9]/g, '')] ?? null;
}

/** Splits an aliases cell on ";" or "|". */
export function splitAliases(cell: string): string[] {
  return cell
    .split(/[;|]/)
    .map((a) => a.trim())
    .filter((a) => a !== '');
}

// --- Parse: text → the header's columns and the records with their line. No decisions about the rows. ---

/** One record: its line, its cells by column (trimmed, '' when absent), and whether it has filled cells past the header. */
interface UserRecord {
  readonly line: number;
  readonly cell: (column: Column) => string;
  readonly width: number;
  readonly overflows: boolean;
}

type UserCsvParse =
  | {
      readonly ok: true;
      readonly records: readonly UserRecord[];
      readonly headerWidth: number;
      readonly errors: ListIssue[];
      readonly warnings: ListIssue[];
    }
  | { readonly ok: false; readonly errors: ListIssue[]; readonly warnings: ListIssue[] };

/** The header: each known column's index; an unknown column is a warning, a repeated one an error. */
function readHeader(file: string, header: CsvRecord): { index: Map<Column, number>; errors: ListIssue[]; warnings: ListIssue[] } {
  const index = new Map<Column, number>();
  const errors: ListIssue[] = [];
  const warnings: ListIssue[] = [];
  header.cells.forEach((cell, i) => {
    const known = USER_CSV_COLUMNS.find((k) => k === cell.trim().toLowerCase());
    if (known === undefined)
      warnings.push({ file, line: header.line, message: `column "${cell}" is not one of ${USER_CSV_COLUMNS.join(', ')}; ignored` });
    else if (index.has(known)) errors.push({ file, line: header.line, message: `column "${known}" appears twice` });
    else index.set(known, i);
  });
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length > 0)
    errors.push({ file, line: header.line, message: `the header lacks ${missing.join(', ')}; expected ${USER_CSV_COLUMNS.join(',')}` });
  return { index, errors, warnings };
}

function parseUserCsvText(input: ListInput): UserCsvParse {
  const parsed = parseCsv(input.text);
  if (!parsed.ok)
    return {
      ok: false,
      errors: [{ file: input.file, line: parsed.line, message: `not readable as CSV: ${parsed.message}` }],
      warnings: [],
    };
  const [header, ...rest] = parsed.records;
  if (header === undefined)
    return {
      ok: false,
      errors: [{ file: input.file, line: null, message: `the file is empty; expected the header ${USER_CSV_COLUMNS.join(',')}` }],
      warnings: [],
    };
  const { index, errors, warnings } = readHeader(input.file, header);
  if (REQUIRED.some((c) => !index.has(c))) return { ok: false, errors, warnings };
  if (rest.length === 0) errors.push({ file: input.file, line: null, message: 'the file has a header but no entity' });
  const headerWidth = header.cells.length;
  const records = rest.map((record): UserRecord => ({
    line: record.line,
    cell: (c) => {
      const i = index.get(c);
      return i === undefined ? '' : (record.cells[i] ?? '').trim();
    },
    width: record.cells.length,
    overflows: record.cells.length > headerWidth && record.cells.slice(headerWidth).some((c) => c.trim() !== ''),
  }));
  return { ok: true, records, headerWidth, errors, warnings };
}

// --- Normalize: one record → a typed row, or what is wrong with it. One function per kind of field. ---

interface Row {
  readonly line: number;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly security: DraftSecurityId | null;
  readonly list: ListId;
  readonly listedOn: string;
  readonly source: string;
}

/** A value read from a cell, or what is wrong with it. */
type Read<T> = { readonly value: T; readonly problems: readonly string[] };

function readNames(nameCell: string, aliasesCell: string): Read<{ name: string; aliases: string[] }> {
  const problems: string[] = [];
  if (nameCell === '') problems.push('name is empty');
  else if (normalizeName(nameCell).compact === '') problems.push(`name "${nameCell}" has no letters or digits`);
  const aliases = splitAliases(aliasesCell);
  for (const a of aliases) if (normalizeName(a).compact === '') problems.push(`alias "${a}" has no letters or digits`);
  return { value: { name: nameCell, aliases }, problems };
}

function readIsin(text: string): Read<string | undefined> {
  const isin = text === '' ? undefined : canonicalIdentifier(text);
  if (isin === undefined || isValidIsin(isin)) return { value: isin, problems: [] };
  const problem = /^[A-Z]{2}[A-Z0-9]{9}[0-9]$/.test(isin)
    ? `ISIN ${text} fails its check digit`
    : `"${text}" is not an ISIN (2 letters, 9 letters or digits, 1 check digit)`;
  return { value: isin, problems: [problem] };
}

/** The security of a row: its ticker placed on a venue (with the row's ISIN), or its ISIN alone; an exchange needs a ticker. */
function readSecurity(ticker: string, exchange: string, isin: string | undefined): Read<DraftSecurityId | null> {
  if (ticker === '') {
    if (exchange !== '') return { value: null, problems: [`exchange "${exchange}" without a ticker`] };
    return { value: isin === undefined ? null : { isin }, problems: [] };
  }
  const hit = resolveTicker(ticker, exchange === '' ? undefined : exchange);
  if (hit !== null) return { value: { exchange: hit.exchange, code: hit.code, ...(isin === undefined ? {} : { isin }) }, problems: [] };
  const on = exchange === '' ? '' : ` on "${exchange}"`;
  const problem = `ticker "${ticker}"${on} is not on a venue the data knows: give the exchange (Shenzhen, Shanghai, Hong Kong, OTC, London, Tokyo, Thailand) or a suffix such as .SZ, .SS, .HK`;
  return { value: null, problems: [problem] };
}

function readList(text: string): Read<ListId | null> {
  const list = parseListId(text);
  if (list !== null) return { value: list, problems: [] };
  const problem = text === '' ? `list is empty; one of ${LIST_IDS.join(', ')}` : `list "${text}" is not one of ${LIST_IDS.join(', ')}`;
  return { value: null, problems: [problem] };
}

function readListedOn(text: string): Read<string> {
  if (IsoDateSchema.safeParse(text).success) return { value: text, problems: [] };
  const problem =
    text === '' ? 'listed_on is empty; give the listing date as YYYY-MM-DD' : `listed_on "${text}" is not a date as YYYY-MM-DD`;
  return { value: text, problems: [problem] };
}

/** One record as a row, or every problem of it, in the order of its cells. */
function readRow(record: UserRecord, headerWidth: number): Read<Row | null> {
  const overflow = record.overflows ? [`${record.width} cells but the header has ${headerWidth} (a name with a comma needs quotes)`] : [];
  const names = readNames(record.cell('name'), record.cell('aliases'));
  const isin = readIsin(record.cell('isin'));
  const security = readSecurity(record.cell('ticker'), record.cell('exchange'), isin.value);
  const list = readList(record.cell('list'));
  const listedOn = readListedOn(record.cell('listed_on'));
  const problems = [...overflow, ...names.problems, ...isin.problems, ...security.problems, ...list.problems, ...listedOn.problems];
  if (problems.length > 0 || list.value === null) return { value: null, problems };
  const { name, aliases } = names.value;
  const row: Row = {
    line: record.line,
    name,
    aliases,
    security: security.value,
    list: list.value,
    listedOn: listedOn.value,
    source: record.cell('source'),
  };
  return { value: row, problems: [] };
}

// --- Rules: which rows are one entity, and which names and identifiers two entities claim. ---

/** A row's claim to a name or identifier, for the message about another row. */
interface Claim {
  readonly name: string;
  readonly line: number;
}

/** Rows with the same name (normalised) are one entity, in the order first met. */
export function groupRowsByName<R extends { readonly name: string }>(rows: readonly R[]): Map<string, R[]> {
  const byName = new Map<string, R[]>();
  for (const row of rows) {
    const key = normalizeName(row.name).compact;
    byName.set(key, [...(byName.get(key) ?? []), row]);
  }
  return byName;
}

/** An alias that is another entity's name or alias: each is an error at the row that gives it. */
export function aliasConflicts(
  byName: ReadonlyMap<string, readonly (Claim & { readonly aliases: readonly string[] })[]>,
): { line: number; message: string }[] {
  const conflicts: { line: number; message: string }[] = [];
  // Each name's owner is the entity (its group's key) that first gave it: the same entity may repeat its own alias.
  const owner = new Map<string, Claim & { readonly entity: string }>();
  for (const [key, group] of byName) if (group[0] !== undefined) owner.set(key, { name: group[0].name, line: group[0].line, entity: key });
  for (const [key, group] of byName) {
    for (const row of group) {
      for (const alias of row.aliases) {
        const k = normalizeName(alias).compact;
        const other = owner.get(k);
        if (other === undefined) owner.set(k, { name: row.name, line: row.line, entity: key });
        else if (other.entity !== key)
          conflicts.push({
            line: row.line,
            message: `alias "${alias}" is also the name or an alias of "${other.name}" (line ${other.line}); a name may belong to one entity only`,
          });
      }
    }
  }
  return conflicts;
}

/** An ISIN or exchange code given for two entities: an error at the later row. */
export function identifierConflicts(
  rows: readonly (Claim & { readonly security: DraftSecurityId | null })[],
): { line: number; message: string }[] {
  const conflicts: { line: number; message: string }[] = [];
  const identifiers = new Map<string, Claim>();
  for (const row of rows) {
    const keys = row.security === null ? [] : draftSecurityKeys(row.security).map((k) => k.replace(':', ' '));
    for (const id of keys) {
      const other = identifiers.get(id);
      if (other !== undefined && normalizeName(other.name).compact !== normalizeName(row.name).compact)
        conflicts.push({ line: row.line, message: `${id} is also given for "${other.name}" (line ${other.line})` });
      else identifiers.set(id, { name: row.name, line: row.line });
    }
  }
  return conflicts;
}

// --- Drafts: the entities the rows make, with their sources. ---

/** The file's source, and one source per distinct `source` cell, numbered in the order first met. */
function userSources(
  input: ListInput,
  rows: readonly Row[],
  importedOn: string,
): { sources: Record<string, Source>; citeOf: (row: Row) => string[] } {
  const fileSource = `user-list-${shortHash(input.sha256)}`;
  const sources: Record<string, Source> = {
    [fileSource]: {
      title: `User list ${input.file}`,
      path: input.file,
      date: importedOn,
      note: `sha256 ${input.sha256}; read ${importedOn}`,
    },
  };
  const rowSource = new Map<string, string>();
  for (const row of rows) {
    if (row.source === '' || rowSource.has(row.source)) continue;
    const id = `user-source-${rowSource.size + 1}`;
    rowSource.set(row.source, id);
    sources[id] = /^https?:\/\//i.test(row.source) ? { title: row.source, url: row.source } : { title: row.source };
  }
  const citeOf = (row: Row): string[] => [fileSource, ...(row.source === '' ? [] : [rowSource.get(row.source) ?? fileSource])];
  return { sources, citeOf };
}

/** The listings of one entity's rows: one per list and date, noting the lines that give it. */
function userListings(file: string, group: readonly Row[], citeOf: (row: Row) => string[]): DraftListing[] {
  return [...new Set(group.map((row) => `${row.list} ${row.listedOn}`))].flatMap((key) => {
    const same = group.filter((row) => `${row.list} ${row.listedOn}` === key);
    const row = same[0];
    if (row === undefined) return [];
    const note = `from ${file} line${same.length > 1 ? 's' : ''} ${same.map((r) => r.line).join(', ')}`;
    return [{ list: row.list, date: row.listedOn, note, sources: [...new Set(same.flatMap(citeOf))] }];
  });
}

function userDraft(file: string, id: string, group: readonly Row[], first: Row, citeOf: (row: Row) => string[]): EntityDraft {
  return {
    id,
    listName: first.name,
    listNameSources: citeOf(first),
    kind: 'company',
    names: group.flatMap((row) => [
      ...(row === first ? [] : [{ name: row.name, type: 'other-list' as const, sources: citeOf(row) }]),
      ...row.aliases.map((a) => ({ name: a, type: 'other-list' as const, sources: citeOf(row) })),
    ]),
    listings: userListings(file, group, citeOf),
    securities: group.flatMap((row) => (row.security === null ? [] : [{ ...row.security, sources: citeOf(row) }])),
    notes: [],
    origin: { file, line: first.line },
  };
}

function userDrafts(file: string, byName: ReadonlyMap<string, readonly Row[]>, citeOf: (row: Row) => string[]): EntityDraft[] {
  const drafts: EntityDraft[] = [];
  const usedIds = new Set<string>();
  for (const group of byName.values()) {
    const first = group[0];
    if (first === undefined) continue;
    const base = `user-${slugify(first.name) || shortHash(first.name)}`;
    let id = base;
    for (let n = 2; usedIds.has(id); n++) id = `${base}-${n}`;
    usedIds.add(id);
    drafts.push(userDraft(file, id, group, first, citeOf));
  }
  return drafts;
}

/** Reads a user's list CSV; `ok: false` lists every bad line with its number and what is wrong. */
export function parseUserCsv(input: ListInput, options: ImportOptions): ListResult {
  const parsed = parseUserCsvText(input);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, warnings: parsed.warnings };
  const { errors, warnings } = parsed;
  const rows: Row[] = [];
  for (const record of parsed.records) {
    const read = readRow(record, parsed.headerWidth);
    for (const message of read.problems) errors.push({ file: input.file, line: record.line, message });
    if (read.value !== null) rows.push(read.value);
  }
  const byName = groupRowsByName(rows);
  for (const { line, message } of [...aliasConflicts(byName), ...identifierConflicts(rows)])
    errors.push({ file: input.file, line, message });
  if (errors.length > 0) return { ok: false, errors: [...errors].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)), warnings };

  const { sources, citeOf } = userSources(input, rows, options.importedOn);
  const assembled = assembleDataset(userDrafts(input.file, byName, citeOf), {
    version: `user-${options.importedOn}-${shortHash(input.sha256)}`,
    reviewedAt: options.importedOn,
    description: `User list ${input.file} (sha256 ${input.sha256}), read on ${options.importedOn}. Not curated: no look-alikes; name matches are for review unless exact.`,
    sources,
    confidence: 'medium',
  });
  return finishImport(assembled, input.file, [], warnings);
}
