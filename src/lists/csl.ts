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
import { parseCsv, parseListDate, resolveTicker, shortHash, SkipCounter, slugify } from './common.js';
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

/** Converts a Consolidated Screening List CSV (trade.gov), keeping the sub-lists asked for. */
export function importCsl(input: ListInput, options: CslOptions): ListResult {
  const wantedSources = options.sources ?? ['EL', 'CMIC'];
  const countries = options.countries?.map((c) => c.trim().toUpperCase());
  const fallbackDate = options.listedOnFallback ?? options.importedOn;
  const parsed = parseCsv(input.text);
  if (!parsed.ok)
    return {
      ok: false,
      errors: [{ file: input.file, line: parsed.line, message: `not readable as CSV: ${parsed.message}` }],
      warnings: [],
    };
  const [header, ...rows] = parsed.records;
  const columns = header?.cells.map((c) => c.trim().toLowerCase()) ?? [];
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (header === undefined || missing.length > 0) {
    return {
      ok: false,
      errors: [
        {
          file: input.file,
          line: header?.line ?? null,
          message: `not a Consolidated Screening List CSV: the header lacks ${missing.join(' and ') || 'everything'} (first line: ${header?.cells.slice(0, 6).join(',') ?? ''})`,
        },
      ],
      warnings: [],
    };
  }

  const sourceId = `csl-${shortHash(input.sha256)}`;
  const sources: Record<string, Source> = {
    [sourceId]: {
      title: 'Consolidated Screening List (trade.gov), CSV',
      path: input.file,
      date: options.importedOn,
      note: `sha256 ${input.sha256}; imported ${options.importedOn} by exposure-screener lists import`,
    },
  };
  const cite = [sourceId];
  const errors: ListIssue[] = [];
  const warnings: ListIssue[] = [];
  const skipped = new SkipCounter();
  const drafts: EntityDraft[] = [];

  for (const row of rows) {
    if (row.cells.length !== columns.length) {
      errors.push({ file: input.file, line: row.line, message: `${row.cells.length} columns, the header has ${columns.length}` });
      if (errors.length >= 20) break;
      continue;
    }
    const cell = (name: string): string => {
      const i = columns.indexOf(name);
      return i < 0 ? '' : (row.cells[i] ?? '').trim();
    };
    const name = cell('name');
    const sourceText = cell('source');
    const code = cslSourceCode(sourceText);
    if (code === null) {
      skipped.add(`source "${sourceText}" not recognised`, name);
      continue;
    }
    if (!wantedSources.includes(code)) {
      skipped.add(`source ${code} not asked for`, name);
      continue;
    }
    const list = LIST_OF[code];
    if (list === undefined) {
      skipped.add(`source ${code} has no list id in the data schema`, name);
      continue;
    }
    const type = cell('type').toLowerCase();
    if (type === 'individual' || type === 'vessel' || type === 'aircraft') {
      skipped.add(`type ${type}: not an issuer of securities`, name);
      continue;
    }
    if (name === '') {
      warnings.push({ file: input.file, line: row.line, message: 'record without a name; skipped' });
      continue;
    }
    const addresses = splitCslList(cell('addresses'));
    if (countries !== undefined) {
      const found = [...addresses.map(addressCountry), ...splitCslList(cell('nationalities')), ...splitCslList(cell('citizenships'))];
      if (!found.some((c) => c !== null && countries.includes(c.toUpperCase()))) {
        skipped.add(`no address in ${countries.join(', ')}`, name);
        continue;
      }
    }

    const notes: string[] = [];
    if (addresses.length > 0) notes.push(`Address${addresses.length > 1 ? 'es' : ''}: ${addresses.join(' / ')}`);
    const names: DraftName[] = splitCslList(cell('alt_names')).map((n) => ({
      name: n.replace(/\.$/, ''),
      type: 'other-list',
      sources: cite,
      note: `CSL alt_names (${code})`,
    }));

    // ids: securities and NS-CMIC dates.
    const tickers: string[] = [];
    const isins: string[] = [];
    const dates: Partial<Record<IdLabel, string>> = {};
    const targetTypes: string[] = [];
    for (const entry of splitCslList(cell('ids'))) {
      const { label, value } = parseCslId(entry);
      if (label === 'ISIN') {
        const isin = canonicalIdentifier(value);
        if (isValidIsin(isin)) isins.push(isin);
        else warnings.push({ file: input.file, line: row.line, message: `${name}: ISIN ${value} fails its check digit; not used` });
      } else if (label === 'Equity Ticker') tickers.push(value);
      else if (label === 'Issuer Name')
        names.push({ name: value, type: 'other-list', sources: cite, note: `CSL ids Issuer Name (${code})` });
      else if (label === 'Target Type') targetTypes.push(value);
      else if (label !== null) dates[label] ??= value;
      else notes.push(entry);
    }
    const securities: DraftSecurity[] = [];
    const unmapped: string[] = [];
    for (const t of tickers) {
      const hit = resolveTicker(t);
      if (hit === null) unmapped.push(t);
      else securities.push({ exchange: hit.exchange, code: hit.code, description: `CSL Equity Ticker ${t}`, sources: cite });
    }
    const equity = isins.filter((i) => !/^(XS|US|CND)/.test(i));
    const equityIsin = equity.length === 1 ? equity[0] : undefined;
    const only = securities[0];
    if (securities.length === 1 && only?.exchange !== undefined && tickers.length === 1 && equityIsin !== undefined) {
      securities[0] = {
        ...only,
        isin: equityIsin,
        description: `${only.description ?? ''}; ISIN from the same record (its only ticker and only equity ISIN)`,
      };
    }
    // Every other ISIN (an H-share's, a bond's, an ADR's) is a security of its own, matched by the ISIN alone.
    for (const isin of new Set(isins)) {
      if (!securities.some((s) => s.isin === isin))
        securities.push({
          isin,
          description:
            'CSL ISIN not tied to a listed line of the record (another share class, a bond or a depositary receipt): matched by the ISIN alone',
          sources: cite,
        });
    }
    if (unmapped.length > 0) notes.push(`Equity tickers on venues the data schema lacks: ${unmapped.join(', ')}`);
    if (targetTypes.length > 0) notes.push(`Target Type ${targetTypes.join(', ')}`);
    const remarks = cell('remarks');
    if (remarks !== '') notes.push(remarks);

    const date = (text: string | undefined): string | undefined => {
      if (text === undefined || text === '') return undefined;
      const d = parseListDate(text);
      if (d === null) warnings.push({ file: input.file, line: row.line, message: `${name}: date "${text}" not understood` });
      return d ?? undefined;
    };
    const listed = date(cell('start_date')) ?? date(dates['Listing Date (CMIC)']);
    const effective = date(dates['Effective Date (CMIC)']);
    const divestment = date(dates['Purchase/Sales For Divestment Date (CMIC)']);
    const ended = date(cell('end_date'));
    const programs = cell('programs');
    const entityNumber = cell('entity_number');
    const listingNote = [`CSL source: ${sourceText}`];
    if (programs !== '') listingNote.push(`programs ${programs}`);
    if (entityNumber !== '') listingNote.push(`entry ${entityNumber}`);
    for (const [label, column] of [
      ['license requirement', 'license_requirement'],
      ['license policy', 'license_policy'],
      ['standard order', 'standard_order'],
    ] as const) {
      if (cell(column) !== '') listingNote.push(`${label}: ${cell(column)}`);
    }
    if (divestment !== undefined) listingNote.push(`purchase/sales for divestment until ${divestment}`);
    if (ended !== undefined) listingNote.push(`end date ${ended}`);
    if (listed === undefined)
      listingNote.push(`no start date in the record: ${fallbackDate} is the date of the file (listed on or before it)`);
    const citation = cell('federal_register_notice') || (code === 'CMIC' ? 'E.O. 13959, as amended by E.O. 14032' : '');
    const listing: DraftListing = {
      list,
      date: listed ?? fallbackDate,
      ...(effective === undefined ? {} : { effective }),
      ...(citation === '' ? {} : { citation }),
      ...(ended === undefined ? {} : { ended }),
      note: listingNote.join('; '),
      sources: cite,
    };

    const kind: Entity['kind'] = code === 'EL' && GOVERNMENT.test(name) ? 'government' : 'company';
    const id =
      entityNumber !== '' && /^\d+$/.test(entityNumber)
        ? `csl-${code.toLowerCase()}-${entityNumber}`
        : `csl-${code.toLowerCase()}-${slugify(name) || 'entry'}-${shortHash(normalizeName(name).compact).slice(0, 6)}`;
    drafts.push({
      id,
      listName: name,
      listNameSources: cite,
      kind,
      names,
      listings: [listing],
      securities,
      notes,
      origin: { file: input.file, line: row.line },
    });
  }
  if (errors.length > 0) return { ok: false, errors, warnings };

  const assembled = assembleDataset(drafts, {
    version: `csl-${options.importedOn}-${shortHash(input.sha256)}`,
    reviewedAt: options.importedOn,
    description: `Consolidated Screening List (trade.gov) imported on ${options.importedOn} from ${input.file} (sha256 ${input.sha256}); sub-lists ${wantedSources.join(', ')}${countries === undefined ? '' : `; addresses in ${countries.join(', ')}`}. Not curated: no look-alikes; name matches are for review unless exact.`,
    sources,
    confidence: 'high',
  });
  return finishImport(assembled, input.file, skipped.list(), warnings);
}
