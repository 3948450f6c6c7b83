// The trade.gov Consolidated Screening List CSV into our data schema. Pure.
//
// Layout (verified against moov-io/watchman internal/cslustest/testdata/consolidated.csv and the
// older test/testdata/csl.csv): RFC 4180 with a header row, read by column name so both layouts work:
//   [_id,] source, entity_number, type, programs, name, title, addresses, federal_register_notice,
//   start_date, end_date, standard_order, license_requirement, license_policy, call_sign, vessel_type,
//   gross_tonnage, gross_registered_tonnage, vessel_flag, vessel_owner, remarks, source_list_url,
//   alt_names, citizenships, dates_of_birth, nationalities, places_of_birth, source_information_url, ids
// Lists in one cell are joined by "; " (Entity List aliases and addresses also by "; and "); an
// address ends with its ISO country code (", CN"). `ids` entries are "value, Type" in older files
// and "Type, value[, CC]" in newer ones ("ISIN, CNE100000PM8"; "03 Jun 2021, Listing Date (CMIC)").

import type { Entity, Source } from '../dataset/schema.js';
import { canonicalIdentifier, isValidIsin } from '../normalize/identifiers.js';
import { normalizeName } from '../normalize/names.js';
import {
  assembleDataset,
  finishImport,
  type DraftListing,
  type DraftName,
  type DraftSecurity,
  type EntityDraft,
  type ListId,
} from './build.js';
import { parseCsv, parseListDate, shortHash, SkipCounter, slugify, type CsvRecord } from './common.js';
import { placeSecurities } from './normalize.js';
import type { ImportOptions, ListInput, ListIssue, ListResult } from './types.js';

/** The CSL's sub-lists by the code in their `source` text ("Entity List (EL) - Bureau of Industry and Security"). */
export type CslSourceCode = 'EL' | 'CMIC' | 'SDN' | 'MEU' | 'UVL' | 'DPL' | 'ISN' | 'DTC' | 'SSI' | 'FSE' | 'PLC' | 'CAP' | 'MBS';

/** Sub-lists that have a list id in the data schema. */
const LIST_OF: Readonly<Partial<Record<CslSourceCode, ListId>>> = {
  EL: 'us-entity-list',
  CMIC: 'ofac-ns-cmic',
  SDN: 'ofac-sdn',
};

const SOURCE_CODES: readonly CslSourceCode[] = ['EL', 'CMIC', 'SDN', 'MEU', 'UVL', 'DPL', 'ISN', 'DTC', 'SSI', 'FSE', 'PLC', 'CAP', 'MBS'];

export interface CslOptions extends ImportOptions {
  /** Sub-lists to import; default the Entity List and NS-CMIC. Only EL, CMIC and SDN map to a list id. */
  readonly sources?: readonly CslSourceCode[];
  /** ISO 3166 alpha-2 codes ("CN", "HK"): import only records with an address or nationality there. */
  readonly countries?: readonly string[];
  /** Listing date for records that state none; default `importedOn` (listed on or before it). */
  readonly listedOnFallback?: string;
}

/** The sub-list code of a `source` cell, or null. */
export function cslSourceCode(source: string): CslSourceCode | null {
  const m = /\(([A-Z-]+)(?: List)?\)/.exec(source);
  const code = (m?.[1] ?? '').replace(/^NS-/, '');
  return SOURCE_CODES.find((c) => c === code) ?? null;
}

/** Splits a "; "-joined cell, dropping the "and " the Entity List puts before its last item. */
export function splitCslList(cell: string): string[] {
  return cell
    .split(/;\s*/)
    .map((s) =>
      s
        .trim()
        .replace(/^and\s+/i, '')
        .trim(),
    )
    .filter((s) => s !== '');
}

/** Country code an address ends with ("Guiyang, CN" → "CN"), or null. */
export function addressCountry(address: string): string | null {
  const m = /(?:^|,\s*)([A-Z]{2})\s*$/.exec(address.trim());
  return m?.[1] ?? null;
}

const ID_LABELS = [
  'ISIN',
  'Equity Ticker',
  'Issuer Name',
  'Listing Date (CMIC)',
  'Effective Date (CMIC)',
  'Purchase/Sales For Divestment Date (CMIC)',
  'Target Type',
] as const;
type IdLabel = (typeof ID_LABELS)[number];

/** One `ids` entry in either order; label null when it is none of the ones we read. */
export function parseCslId(entry: string): { label: IdLabel | null; value: string } {
  const e = entry.trim();
  for (const label of ID_LABELS) {
    if (e.startsWith(`${label}, `))
      return {
        label,
        value: e
          .slice(label.length + 2)
          .replace(/,\s*[A-Z]{2}$/, '')
          .trim(),
      };
    if (e.endsWith(`, ${label}`))
      return {
        label,
        value: e
          .slice(0, -(label.length + 2))
          .replace(/^[A-Z]{2},\s*/, '')
          .trim(),
      };
  }
  return { label: null, value: e };
}

const REQUIRED = ['source', 'name'] as const;

// Kinds the schema knows are company and government; the CSL does not say which, so a few words decide.
const GOVERNMENT = /\b(public security|police|ministry|bureau|government|people's liberation army|armed police)\b/i;

// --- Parse: text → records with their line, cells by column name. No decisions. ---

/** One CSL row: its line and its cells, trimmed, by lower-case column name ('' for a column it lacks). */
interface CslRecord {
  readonly line: number;
  readonly cell: (column: string) => string;
}

type CslParse =
  | { readonly ok: true; readonly records: readonly CslRecord[]; readonly errors: readonly ListIssue[] }
  | { readonly ok: false; readonly errors: readonly ListIssue[] };

/** The header problem of a CSL file, or null when it has the columns we need. */
function headerError(file: string, header: CsvRecord | undefined, columns: readonly string[]): ListIssue | null {
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (header !== undefined && missing.length === 0) return null;
  return {
    file,
    line: header?.line ?? null,
    message: `not a Consolidated Screening List CSV: the header lacks ${missing.join(' and ') || 'everything'} (first line: ${header?.cells.slice(0, 6).join(',') ?? ''})`,
  };
}

/** Reads the rows; a row whose width is not the header's is an error (the first 20 are kept, the rest not read). */
function parseCslText(input: ListInput): CslParse {
  const parsed = parseCsv(input.text);
  if (!parsed.ok)
    return { ok: false, errors: [{ file: input.file, line: parsed.line, message: `not readable as CSV: ${parsed.message}` }] };
  const [header, ...rows] = parsed.records;
  const columns = header?.cells.map((c) => c.trim().toLowerCase()) ?? [];
  const bad = headerError(input.file, header, columns);
  if (bad !== null) return { ok: false, errors: [bad] };
  const records: CslRecord[] = [];
  const errors: ListIssue[] = [];
  for (const row of rows) {
    if (row.cells.length === columns.length) {
      records.push({ line: row.line, cell: (name) => (row.cells[columns.indexOf(name)] ?? '').trim() });
      continue;
    }
    errors.push({ file: input.file, line: row.line, message: `${row.cells.length} columns, the header has ${columns.length}` });
    if (errors.length >= 20) break;
  }
  return { ok: true, records, errors };
}

// --- Rules: which records become entities. ---

/** What becomes of one record: imported under a list id, skipped by a reason, or (no name) warned about. */
export type CslSelection =
  | { readonly kind: 'import'; readonly code: CslSourceCode; readonly list: ListId }
  | { readonly kind: 'skip'; readonly reason: string }
  | { readonly kind: 'nameless' };

/** The cells the selection reads. */
export interface CslSelectionCells {
  readonly source: string;
  readonly type: string;
  readonly name: string;
  /** Country codes of the record's addresses, nationalities and citizenships (null: an address without one). */
  readonly countries: readonly (string | null)[];
}

/** Decides whether a record is imported: a sub-list asked for with a list id, an issuer type, a name, a country asked for. */
export function selectCslRecord(
  cells: CslSelectionCells,
  wanted: readonly CslSourceCode[],
  countries: readonly string[] | undefined,
): CslSelection {
  const code = cslSourceCode(cells.source);
  if (code === null) return { kind: 'skip', reason: `source "${cells.source}" not recognised` };
  if (!wanted.includes(code)) return { kind: 'skip', reason: `source ${code} not asked for` };
  const list = LIST_OF[code];
  if (list === undefined) return { kind: 'skip', reason: `source ${code} has no list id in the data schema` };
  const type = cells.type.toLowerCase();
  if (type === 'individual' || type === 'vessel' || type === 'aircraft')
    return { kind: 'skip', reason: `type ${type}: not an issuer of securities` };
  if (cells.name === '') return { kind: 'nameless' };
  if (countries !== undefined && !cells.countries.some((c) => c !== null && countries.includes(c.toUpperCase())))
    return { kind: 'skip', reason: `no address in ${countries.join(', ')}` };
  return { kind: 'import', code, list };
}

/** The kind of a CSL entity: an Entity List record named like an authority is a government, anything else a company. */
export function cslKind(code: CslSourceCode, name: string): Entity['kind'] {
  return code === 'EL' && GOVERNMENT.test(name) ? 'government' : 'company';
}

/** The entity id of a record: by its entry number when it has one, else by its name. */
export function cslEntityId(code: CslSourceCode, entityNumber: string, name: string): string {
  const prefix = `csl-${code.toLowerCase()}`;
  if (entityNumber !== '' && /^\d+$/.test(entityNumber)) return `${prefix}-${entityNumber}`;
  return `${prefix}-${slugify(name) || 'entry'}-${shortHash(normalizeName(name).compact).slice(0, 6)}`;
}

// --- Normalize: one record's cells → the parts of its draft. ---

/** The `ids` cell, part by part. */
interface CslIds {
  readonly tickers: string[];
  readonly isinTexts: string[];
  readonly issuerNames: string[];
  readonly dates: Partial<Record<IdLabel, string>>;
  readonly targetTypes: string[];
  readonly other: string[];
}

function readCslIds(cell: string): CslIds {
  const ids: CslIds = { tickers: [], isinTexts: [], issuerNames: [], dates: {}, targetTypes: [], other: [] };
  for (const entry of splitCslList(cell)) {
    const { label, value } = parseCslId(entry);
    if (label === 'ISIN') ids.isinTexts.push(value);
    else if (label === 'Equity Ticker') ids.tickers.push(value);
    else if (label === 'Issuer Name') ids.issuerNames.push(value);
    else if (label === 'Target Type') ids.targetTypes.push(value);
    else if (label !== null) ids.dates[label] ??= value;
    else ids.other.push(entry);
  }
  return ids;
}

/** What the normalizers of one record need besides its cells. */
interface RecordContext {
  readonly file: string;
  readonly record: CslRecord;
  readonly name: string;
  readonly code: CslSourceCode;
  readonly cite: readonly string[];
  readonly warn: (message: string) => void;
}

function cslNames(ctx: RecordContext, ids: CslIds): DraftName[] {
  const { cite, code } = ctx;
  return [
    ...splitCslList(ctx.record.cell('alt_names')).map((n) => ({
      name: n.replace(/\.$/, ''),
      type: 'other-list' as const,
      sources: cite,
      note: `CSL alt_names (${code})`,
    })),
    ...ids.issuerNames.map((name) => ({ name, type: 'other-list' as const, sources: cite, note: `CSL ids Issuer Name (${code})` })),
  ];
}

function cslSecurities(ctx: RecordContext, ids: CslIds): { securities: DraftSecurity[]; unmapped: string[] } {
  const isins: string[] = [];
  for (const value of ids.isinTexts) {
    const isin = canonicalIdentifier(value);
    if (isValidIsin(isin)) isins.push(isin);
    else ctx.warn(`${ctx.name}: ISIN ${value} fails its check digit; not used`);
  }
  return placeSecurities(ids.tickers, isins, {
    tickerDescription: (t) => `CSL Equity Ticker ${t}`,
    isinAloneDescription:
      'CSL ISIN not tied to a listed line of the record (another share class, a bond or a depositary receipt): matched by the ISIN alone',
    sources: ctx.cite,
  });
}

function cslNotes(ctx: RecordContext, ids: CslIds, addresses: readonly string[], unmapped: readonly string[]): string[] {
  const notes: string[] = [];
  if (addresses.length > 0) notes.push(`Address${addresses.length > 1 ? 'es' : ''}: ${addresses.join(' / ')}`);
  notes.push(...ids.other);
  if (unmapped.length > 0) notes.push(`Equity tickers on venues the data schema lacks: ${unmapped.join(', ')}`);
  if (ids.targetTypes.length > 0) notes.push(`Target Type ${ids.targetTypes.join(', ')}`);
  const remarks = ctx.record.cell('remarks');
  if (remarks !== '') notes.push(remarks);
  return notes;
}

const LICENSE_COLUMNS = [
  ['license requirement', 'license_requirement'],
  ['license policy', 'license_policy'],
  ['standard order', 'standard_order'],
] as const;

function cslListing(ctx: RecordContext, ids: CslIds, list: ListId, fallbackDate: string): DraftListing {
  const { record, code } = ctx;
  const date = (text: string | undefined): string | undefined => {
    if (text === undefined || text === '') return undefined;
    const d = parseListDate(text);
    if (d === null) ctx.warn(`${ctx.name}: date "${text}" not understood`);
    return d ?? undefined;
  };
  const listed = date(record.cell('start_date')) ?? date(ids.dates['Listing Date (CMIC)']);
  const effective = date(ids.dates['Effective Date (CMIC)']);
  const divestment = date(ids.dates['Purchase/Sales For Divestment Date (CMIC)']);
  const ended = date(record.cell('end_date'));
  const programs = record.cell('programs');
  const entityNumber = record.cell('entity_number');
  const note = [`CSL source: ${record.cell('source')}`];
  if (programs !== '') note.push(`programs ${programs}`);
  if (entityNumber !== '') note.push(`entry ${entityNumber}`);
  for (const [label, column] of LICENSE_COLUMNS) if (record.cell(column) !== '') note.push(`${label}: ${record.cell(column)}`);
  if (divestment !== undefined) note.push(`purchase/sales for divestment until ${divestment}`);
  if (ended !== undefined) note.push(`end date ${ended}`);
  if (listed === undefined) note.push(`no start date in the record: ${fallbackDate} is the date of the file (listed on or before it)`);
  const citation = record.cell('federal_register_notice') || (code === 'CMIC' ? 'E.O. 13959, as amended by E.O. 14032' : '');
  return {
    list,
    date: listed ?? fallbackDate,
    ...(effective === undefined ? {} : { effective }),
    ...(citation === '' ? {} : { citation }),
    ...(ended === undefined ? {} : { ended }),
    note: note.join('; '),
    sources: ctx.cite,
  };
}

/** One imported record as a draft. */
function cslDraft(ctx: RecordContext, list: ListId, addresses: readonly string[], fallbackDate: string): EntityDraft {
  const ids = readCslIds(ctx.record.cell('ids'));
  const names = cslNames(ctx, ids);
  const { securities, unmapped } = cslSecurities(ctx, ids);
  const notes = cslNotes(ctx, ids, addresses, unmapped);
  const listing = cslListing(ctx, ids, list, fallbackDate);
  return {
    id: cslEntityId(ctx.code, ctx.record.cell('entity_number'), ctx.name),
    listName: ctx.name,
    listNameSources: ctx.cite,
    kind: cslKind(ctx.code, ctx.name),
    names,
    listings: [listing],
    securities,
    notes,
    origin: { file: ctx.file, line: ctx.record.line },
  };
}

/** Converts a Consolidated Screening List CSV (trade.gov), keeping the sub-lists asked for. */
export function importCsl(input: ListInput, options: CslOptions): ListResult {
  const wantedSources = options.sources ?? ['EL', 'CMIC'];
  const countries = options.countries?.map((c) => c.trim().toUpperCase());
  const fallbackDate = options.listedOnFallback ?? options.importedOn;
  const parsed = parseCslText(input);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, warnings: [] };

  const sourceId = `csl-${shortHash(input.sha256)}`;
  const sources: Record<string, Source> = {
    [sourceId]: {
      title: 'Consolidated Screening List (trade.gov), CSV',
      path: input.file,
      date: options.importedOn,
      note: `sha256 ${input.sha256}; imported ${options.importedOn} by exposure-screener lists import`,
    },
  };
  const warnings: ListIssue[] = [];
  const skipped = new SkipCounter();
  const drafts: EntityDraft[] = [];
  for (const record of parsed.records) {
    const name = record.cell('name');
    const addresses = splitCslList(record.cell('addresses'));
    const recordCountries = [
      ...addresses.map(addressCountry),
      ...splitCslList(record.cell('nationalities')),
      ...splitCslList(record.cell('citizenships')),
    ];
    const selection = selectCslRecord(
      { source: record.cell('source'), type: record.cell('type'), name, countries: recordCountries },
      wantedSources,
      countries,
    );
    if (selection.kind === 'skip') skipped.add(selection.reason, name);
    if (selection.kind === 'nameless') warnings.push({ file: input.file, line: record.line, message: 'record without a name; skipped' });
    if (selection.kind !== 'import') continue;
    const warn = (message: string): void => void warnings.push({ file: input.file, line: record.line, message });
    drafts.push(
      cslDraft({ file: input.file, record, name, code: selection.code, cite: [sourceId], warn }, selection.list, addresses, fallbackDate),
    );
  }
  if (parsed.errors.length > 0) return { ok: false, errors: parsed.errors, warnings };

  const assembled = assembleDataset(drafts, {
    version: `csl-${options.importedOn}-${shortHash(input.sha256)}`,
    reviewedAt: options.importedOn,
    description: `Consolidated Screening List (trade.gov) imported on ${options.importedOn} from ${input.file} (sha256 ${input.sha256}); sub-lists ${wantedSources.join(', ')}${countries === undefined ? '' : `; addresses in ${countries.join(', ')}`}. Not curated: no look-alikes; name matches are for review unless exact.`,
    sources,
    confidence: 'high',
  });
  return finishImport(assembled, input.file, skipped.list(), warnings);
}
