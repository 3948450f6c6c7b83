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
import { assembleDataset, draftSecurityKeys, finishImport, type DraftSecurityId, type EntityDraft, type ListId } from './build.js';
import { parseCsv, resolveTicker, shortHash, slugify } from './common.js';
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

interface Row {
  readonly line: number;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly security: DraftSecurityId | null;
  readonly list: ListId;
  readonly listedOn: string;
  readonly source: string;
}

/** Reads a user's list CSV; `ok: false` lists every bad line with its number and what is wrong. */
export function parseUserCsv(input: ListInput, options: ImportOptions): ListResult {
  const parsed = parseCsv(input.text);
  if (!parsed.ok)
    return {
      ok: false,
      errors: [{ file: input.file, line: parsed.line, message: `not readable as CSV: ${parsed.message}` }],
      warnings: [],
    };
  const [header, ...records] = parsed.records;
  const errors: ListIssue[] = [];
  const warnings: ListIssue[] = [];
  const error = (line: number | null, message: string): void => {
    errors.push({ file: input.file, line, message });
  };
  if (header === undefined)
    return {
      ok: false,
      errors: [{ file: input.file, line: null, message: `the file is empty; expected the header ${USER_CSV_COLUMNS.join(',')}` }],
      warnings,
    };
  const columns = header.cells.map((c) => c.trim().toLowerCase());
  const index = new Map<Column, number>();
  columns.forEach((c, i) => {
    const known = USER_CSV_COLUMNS.find((k) => k === c);
    if (known === undefined)
      warnings.push({
        file: input.file,
        line: header.line,
        message: `column "${header.cells[i] ?? ''}" is not one of ${USER_CSV_COLUMNS.join(', ')}; ignored`,
      });
    else if (index.has(known)) error(header.line, `column "${known}" appears twice`);
    else index.set(known, i);
  });
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length > 0) {
    error(header.line, `the header lacks ${missing.join(', ')}; expected ${USER_CSV_COLUMNS.join(',')}`);
    return { ok: false, errors, warnings };
  }
  if (records.length === 0) error(null, 'the file has a header but no entity');

  const rows: Row[] = [];
  for (const record of records) {
    const cell = (c: Column): string => {
      const i = index.get(c);
      return i === undefined ? '' : (record.cells[i] ?? '').trim();
    };
    const problems: string[] = [];
    if (record.cells.length > columns.length && record.cells.slice(columns.length).some((c) => c.trim() !== '')) {
      problems.push(`${record.cells.length} cells but the header has ${columns.length} (a name with a comma needs quotes)`);
    }
    const name = cell('name');
    if (name === '') problems.push('name is empty');
    else if (normalizeName(name).compact === '') problems.push(`name "${name}" has no letters or digits`);
    const aliases = splitAliases(cell('aliases'));
    for (const a of aliases) if (normalizeName(a).compact === '') problems.push(`alias "${a}" has no letters or digits`);

    const isinText = cell('isin');
    const isin = isinText === '' ? undefined : canonicalIdentifier(isinText);
    if (isin !== undefined && !isValidIsin(isin)) {
      problems.push(
        /^[A-Z]{2}[A-Z0-9]{9}[0-9]$/.test(isin)
          ? `ISIN ${isinText} fails its check digit`
          : `"${isinText}" is not an ISIN (2 letters, 9 letters or digits, 1 check digit)`,
      );
    }
    const ticker = cell('ticker');
    const exchange = cell('exchange');
    let security: Row['security'] = null;
    if (ticker !== '') {
      const hit = resolveTicker(ticker, exchange === '' ? undefined : exchange);
      if (hit === null) {
        problems.push(
          `ticker "${ticker}"${exchange === '' ? '' : ` on "${exchange}"`} is not on a venue the data knows: give the exchange (Shenzhen, Shanghai, Hong Kong, OTC, London, Tokyo, Thailand) or a suffix such as .SZ, .SS, .HK`,
        );
      } else security = { exchange: hit.exchange, code: hit.code, ...(isin === undefined ? {} : { isin }) };
    } else if (exchange !== '') problems.push(`exchange "${exchange}" without a ticker`);
    else if (isin !== undefined) security = { isin };
    const listText = cell('list');
    const list = parseListId(listText);
    if (list === null)
      problems.push(
        listText === '' ? `list is empty; one of ${LIST_IDS.join(', ')}` : `list "${listText}" is not one of ${LIST_IDS.join(', ')}`,
      );
    const listedOn = cell('listed_on');
    if (!IsoDateSchema.safeParse(listedOn).success)
      problems.push(
        listedOn === '' ? 'listed_on is empty; give the listing date as YYYY-MM-DD' : `listed_on "${listedOn}" is not a date as YYYY-MM-DD`,
      );

    if (problems.length > 0 || list === null) {
      for (const p of problems) error(record.line, p);
      continue;
    }
    rows.push({ line: record.line, name, aliases, security, list, listedOn, source: cell('source') });
  }

  // Names: rows with the same name are one entity; any other shared name or alias is an error.
  const byName = new Map<string, Row[]>();
  for (const row of rows) {
    const key = normalizeName(row.name).compact;
    byName.set(key, [...(byName.get(key) ?? []), row]);
  }
  const owner = new Map<string, { name: string; line: number }>();
  for (const [key, group] of byName) {
    const first = group[0];
    if (first !== undefined) owner.set(key, { name: first.name, line: first.line });
  }
  for (const [key, group] of byName) {
    for (const row of group) {
      for (const alias of row.aliases) {
        const k = normalizeName(alias).compact;
        const other = owner.get(k);
        if (k !== key && other !== undefined)
          error(
            row.line,
            `alias "${alias}" is also the name or an alias of "${other.name}" (line ${other.line}); a name may belong to one entity only`,
          );
        else if (other === undefined) owner.set(k, { name: row.name, line: row.line });
      }
    }
  }
  const identifiers = new Map<string, { name: string; line: number }>();
  for (const row of rows) {
    if (row.security === null) continue;
    for (const id of draftSecurityKeys(row.security).map((k) => k.replace(':', ' '))) {
      const other = identifiers.get(id);
      if (other !== undefined && normalizeName(other.name).compact !== normalizeName(row.name).compact)
        error(row.line, `${id} is also given for "${other.name}" (line ${other.line})`);
      else identifiers.set(id, { name: row.name, line: row.line });
    }
  }
  if (errors.length > 0) return { ok: false, errors: [...errors].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)), warnings };

  const fileSource = `user-list-${shortHash(input.sha256)}`;
  const sources: Record<string, Source> = {
    [fileSource]: {
      title: `User list ${input.file}`,
      path: input.file,
      date: options.importedOn,
      note: `sha256 ${input.sha256}; read ${options.importedOn}`,
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

  const drafts: EntityDraft[] = [];
  const usedIds = new Set<string>();
  for (const group of byName.values()) {
    const first = group[0];
    if (first === undefined) continue;
    const base = `user-${slugify(first.name) || shortHash(first.name)}`;
    let id = base;
    for (let n = 2; usedIds.has(id); n++) id = `${base}-${n}`;
    usedIds.add(id);
    drafts.push({
      id,
      listName: first.name,
      listNameSources: citeOf(first),
      kind: 'company',
      names: group.flatMap((row) => [
        ...(row === first ? [] : [{ name: row.name, type: 'other-list' as const, sources: citeOf(row) }]),
        ...row.aliases.map((a) => ({ name: a, type: 'other-list' as const, sources: citeOf(row) })),
      ]),
      listings: [...new Set(group.map((row) => `${row.list} ${row.listedOn}`))].map((key) => {
        const same = group.filter((row) => `${row.list} ${row.listedOn}` === key);
        const row = same[0] ?? first;
        return {
          list: row.list,
          date: row.listedOn,
          note: `from ${input.file} line${same.length > 1 ? 's' : ''} ${same.map((r) => r.line).join(', ')}`,
          sources: [...new Set(same.flatMap(citeOf))],
        };
      }),
      securities: group.flatMap((row) => (row.security === null ? [] : [{ ...row.security, sources: citeOf(row) }])),
      notes: [],
      origin: { file: input.file, line: first.line },
    });
  }
  const assembled = assembleDataset(drafts, {
    version: `user-${options.importedOn}-${shortHash(input.sha256)}`,
    reviewedAt: options.importedOn,
    description: `User list ${input.file} (sha256 ${input.sha256}), read on ${options.importedOn}. Not curated: no look-alikes; name matches are for review unless exact.`,
    sources,
    confidence: 'medium',
  });
  return finishImport(assembled, input.file, [], warnings);
}
