// OFAC's legacy CSV files, as a user downloads them, into our data schema. Pure.
//
// Layout (OFAC data specification, dat_spec.txt; verified against moov-io/watchman test/testdata):
// headerless CSV, "-0-" for null, one record per line.
//   cons_prim.csv / sdn.csv          ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type,
//                                    Tonnage, GRT, Vess_flag, Vess_owner, Remarks
//   cons_alt.csv / alt.csv           ent_num, alt_num, alt_type (aka, fka, nka), alt_name, alt_remarks
//   cons_add.csv / add.csv           ent_num, add_num, Address, City/State/Province/Postal Code, Country, add_remarks
//   cons_comments.csv / sdn_comments ent_num, Remarks continued (Remarks is cut at 1,000 characters)
// Programs are joined as "UKRAINE-EO13662] [RUSSIA-EO14024". NS-CMIC records carry the program
// CMIC-EO13959 and put their identifiers and dates in Remarks:
//   "Equity Ticker 002415 CN; Issuer Name …; ISIN CNE100000PM8; Target Type Public Company;
//    Effective Date (CMIC) 02 Aug 2021; Purchase/Sales For Divestment Date (CMIC) 03 Jun 2022;
//    Listing Date (CMIC) 03 Jun 2021; Unified Social Credit Code (USCC) 91330000733796106P (China)."

import type { Source } from '../dataset/schema.js';
import { canonicalIdentifier, isValidIsin } from '../normalize/identifiers.js';
import { assembleDataset, finishImport, type DraftListing, type DraftName, type DraftSecurity, type EntityDraft } from './build.js';
import { ofacField, parseCsv, parseListDate, shortHash, SkipCounter, type CsvRecord } from './common.js';
import { placeSecurities } from './normalize.js';
import type { ImportOptions, ListInput, ListIssue, ListResult } from './types.js';

export type OfacFileRole = 'prim' | 'alt' | 'add' | 'comments';

/** The files of one OFAC release; only the primary file is required. */
export interface OfacFiles {
  readonly prim: ListInput;
  readonly alt?: ListInput;
  readonly add?: ListInput;
  readonly comments?: ListInput;
}

export interface OfacOptions extends ImportOptions {
  /** `consolidated`: the non-SDN files (cons_*.csv); `sdn`: sdn.csv and its companions. Default consolidated. */
  readonly kind?: 'consolidated' | 'sdn';
  /**
   * Program tags to import ("GLOMAG", "CMIC-EO13959"); default every program the kind allows. Consolidated
   * files import NS-CMIC records only: the other non-SDN lists have no list id in the data schema.
   */
  readonly programs?: readonly string[];
  /** Listing date for records whose remarks state none; default `importedOn` (listed on or before it). */
  readonly listedOnFallback?: string;
}

const ROLES = ['prim', 'alt', 'add', 'comments'] as const;
const COLUMNS: Readonly<Record<OfacFileRole, number>> = { prim: 12, alt: 5, add: 6, comments: 2 };

/** Which file of a release this is, by its name, else by its column count; null when neither says. */
export function classifyOfacFile(input: ListInput): OfacFileRole | null {
  const base = input.file.split(/[\\/]/).pop()?.toLowerCase() ?? '';
  if (/^(cons_)?prim|^sdn\.csv$|^cons_prim/.test(base)) return 'prim';
  if (/^(cons_)?alt/.test(base)) return 'alt';
  if (/^(cons_)?add/.test(base)) return 'add';
  if (/comments/.test(base)) return 'comments';
  const first = parseCsv(input.text);
  if (!first.ok) return null;
  const width = first.records[0]?.cells.length;
  return ROLES.find((role) => COLUMNS[role] === width) ?? null;
}

/** What Remarks say, part by part ("alt." parts are kept like the first). */
export interface OfacRemarks {
  readonly tickers: readonly string[];
  readonly isins: readonly string[];
  readonly issuerNames: readonly string[];
  readonly aliases: readonly { readonly type: 'aka' | 'fka' | 'nka'; readonly name: string }[];
  /** "Listing Date (CMIC) 03 Jun 2021" → { tag: "CMIC", text: "03 Jun 2021" }. */
  readonly listingDates: readonly { readonly tag: string; readonly text: string }[];
  readonly effectiveDates: readonly { readonly tag: string; readonly text: string }[];
  /** "Purchase/Sales For Divestment Date (CMIC) 03 Jun 2022". */
  readonly divestmentDates: readonly { readonly tag: string; readonly text: string }[];
  readonly targetTypes: readonly string[];
  /** Every other part, verbatim. */
  readonly other: readonly string[];
}

/** Splits OFAC Remarks into the parts we use and the parts we keep as text. */
export function parseOfacRemarks(remarks: string): OfacRemarks {
  const tickers: string[] = [];
  const isins: string[] = [];
  const issuerNames: string[] = [];
  const aliases: { type: 'aka' | 'fka' | 'nka'; name: string }[] = [];
  const listingDates: { tag: string; text: string }[] = [];
  const effectiveDates: { tag: string; text: string }[] = [];
  const divestmentDates: { tag: string; text: string }[] = [];
  const targetTypes: string[] = [];
  const other: string[] = [];
  const text = remarks.trim().replace(/\.$/, '');
  for (const raw of text.split(/;\s*/)) {
    const part = raw.trim().replace(/^alt\.\s+/, '');
    if (part === '') continue;
    let m: RegExpExecArray | null;
    if ((m = /^Equity Ticker\s+(.+)$/.exec(part)) !== null) tickers.push((m[1] ?? '').trim());
    else if ((m = /^ISIN\s+([A-Za-z0-9 ]+)$/.exec(part)) !== null) isins.push(canonicalIdentifier(m[1] ?? ''));
    else if ((m = /^Issuer Name\s+(.+)$/.exec(part)) !== null) issuerNames.push((m[1] ?? '').trim());
    else if ((m = /^([afn])\.k\.a\.,?\s+'(.+)'$/.exec(part)) !== null)
      aliases.push({ type: m[1] === 'f' ? 'fka' : m[1] === 'n' ? 'nka' : 'aka', name: m[2] ?? '' });
    else if ((m = /^Listing Date \(([^)]+)\):?\s+(.+)$/.exec(part)) !== null) listingDates.push({ tag: m[1] ?? '', text: m[2] ?? '' });
    else if ((m = /^Effective Date \(([^)]+)\):?\s+(.+)$/.exec(part)) !== null) effectiveDates.push({ tag: m[1] ?? '', text: m[2] ?? '' });
    else if ((m = /^Purchase\/Sales For Divestment Date \(([^)]+)\):?\s+(.+)$/.exec(part)) !== null)
      divestmentDates.push({ tag: m[1] ?? '', text: m[2] ?? '' });
    else if ((m = /^Target Type\s+(.+)$/.exec(part)) !== null) targetTypes.push((m[1] ?? '').trim());
    else other.push(part);
  }
  return { tickers, isins, issuerNames, aliases, listingDates, effectiveDates, divestmentDates, targetTypes, other };
}

/** Programs of one record: "UKRAINE-EO13662] [RUSSIA-EO14024" → both tags. */
export function splitPrograms(cell: string): string[] {
  return cell
    .split(/\]\s*\[|;\s*/)
    .map((p) => p.replace(/^\[|\]$/g, '').trim())
    .filter((p) => p !== '');
}

function isCmic(program: string): boolean {
  return /(^|-)CMIC(-|$)/.test(program);
}

/** The citation OFAC's program tag stands for, where it names an executive order. */
function programCitation(program: string): string | undefined {
  if (isCmic(program)) return 'E.O. 13959, as amended by E.O. 14032';
  const eo = /EO(\d{5})/.exec(program);
  return eo?.[1] === undefined ? undefined : `E.O. ${eo[1]}`;
}

interface ReadFile {
  readonly byEnt: Map<string, CsvRecord[]>;
  readonly errors: ListIssue[];
}

function readRole(input: ListInput, role: OfacFileRole): ReadFile {
  const errors: ListIssue[] = [];
  const byEnt = new Map<string, CsvRecord[]>();
  const parsed = parseCsv(input.text);
  if (!parsed.ok) return { byEnt, errors: [{ file: input.file, line: parsed.line, message: `not readable as CSV: ${parsed.message}` }] };
  for (const record of parsed.records) {
    const ent = ofacField(record.cells[0]);
    if (record.cells.length !== COLUMNS[role] || !/^\d+$/.test(ent)) {
      const what =
        record.cells.length !== COLUMNS[role]
          ? `${record.cells.length} columns, expected ${COLUMNS[role]}`
          : `ent_num "${ent}" is not a number`;
      errors.push({ file: input.file, line: record.line, message: `not an OFAC ${role} file line (${what})` });
      if (errors.length >= 20) break;
      continue;
    }
    const list = byEnt.get(ent) ?? [];
    list.push(record);
    byEnt.set(ent, list);
  }
  return { byEnt, errors };
}

function source(input: ListInput, title: string, importedOn: string): Source {
  return {
    title,
    path: input.file,
    date: importedOn,
    note: `sha256 ${input.sha256}; imported ${importedOn} by exposure-screener lists import`,
  };
}

// --- Rules: which records become entities, and what the files say about each other. ---

/** What becomes of one primary record: imported under the programs asked for, or skipped by a reason. */
export type OfacSelection =
  { readonly kind: 'import'; readonly imported: readonly string[] } | { readonly kind: 'skip'; readonly reason: string };

/**
 * Decides whether a primary record is imported: an entity (no SDN_Type: not a person, vessel or aircraft) under a
 * program the kind allows (consolidated: NS-CMIC only) and, when programs are given, one of them.
 */
export function selectOfacRecord(
  sdnType: string,
  programs: readonly string[],
  kind: 'consolidated' | 'sdn',
  asked: readonly string[] | undefined,
): OfacSelection {
  if (sdnType !== '') return { kind: 'skip', reason: `SDN_Type "${sdnType}": not an issuer of securities` };
  const imported = programs.filter((p) => (kind === 'sdn' || isCmic(p)) && (asked === undefined || asked.includes(p)));
  if (imported.length > 0) return { kind: 'import', imported };
  const why = kind === 'consolidated' ? ' (no list id for it in the data schema; NS-CMIC only)' : '';
  return { kind: 'skip', reason: `program ${programs.join(', ') || '(none)'} not imported${why}` };
}

/** Whether Remarks with no continuation look cut at OFAC's 1,000 characters: long, and not ending a sentence. */
export function remarksLookCut(primRemarks: string, hasContinuation: boolean): boolean {
  return !hasContinuation && primRemarks.length >= 990 && !/\.$/.test(primRemarks);
}

/** The date of a listing, effective or divestment part that belongs to the program: a CMIC one for NS-CMIC. */
function datePartFor(dates: readonly { tag: string; text: string }[], program: string): { tag: string; text: string } | undefined {
  return dates.find((d) => !isCmic(program) || /CMIC/.test(d.tag));
}

// --- Normalize: one record's cells → the parts of its draft. ---

/** What the normalizers of one primary record need. */
interface RecordContext {
  readonly ent: string;
  readonly record: CsvRecord;
  readonly remarks: OfacRemarks;
  /** Sources of what the primary line (and its continued remarks) says. */
  readonly primSources: readonly string[];
  readonly sourceId: (role: OfacFileRole) => string;
  readonly warn: (message: string) => void;
}

/** Raw cell text, spaces kept: remarks continue in the comments file exactly where they were cut. */
function rawField(cell: string | undefined): string {
  return ofacField(cell) === '' ? '' : (cell ?? '');
}

function nameType(type: string): DraftName['type'] {
  return type === 'fka' ? 'former' : type === 'nka' ? 'current' : 'other-list';
}

function ofacNames(ctx: RecordContext, alt: readonly CsvRecord[]): DraftName[] {
  const names: DraftName[] = [];
  for (const a of alt) {
    const altName = ofacField(a.cells[3]);
    const altType = ofacField(a.cells[2]).toLowerCase();
    const altRemarks = ofacField(a.cells[4]);
    if (altName === '') continue;
    const note = `OFAC ${altType || 'alias'}${altRemarks === '' ? '' : `; ${altRemarks}`}`;
    names.push({ name: altName, type: nameType(altType), sources: [ctx.sourceId('alt')], note });
  }
  for (const a of ctx.remarks.aliases)
    names.push({ name: a.name, type: nameType(a.type), sources: ctx.primSources, note: `OFAC ${a.type} (Remarks)` });
  for (const n of ctx.remarks.issuerNames)
    names.push({ name: n, type: 'other-list', sources: ctx.primSources, note: 'OFAC Issuer Name (Remarks)' });
  return names;
}

function ofacAddresses(add: readonly CsvRecord[]): string[] {
  return add
    .map((a) =>
      [2, 3, 4, 5]
        .map((i) => ofacField(a.cells[i]))
        .filter((x) => x !== '')
        .join(', '),
    )
    .filter((a) => a !== '');
}

/** The record's securities; an ISIN that fails its check digit is noted and warned about, not used. */
function ofacSecurities(ctx: RecordContext, notes: string[]): { securities: DraftSecurity[]; unmapped: string[] } {
  const isins: string[] = [];
  for (const isin of ctx.remarks.isins) {
    if (!isValidIsin(isin)) {
      notes.push(`ISIN ${isin} in the record fails its check digit; not used`);
      ctx.warn(`ent_num ${ctx.ent}: ISIN ${isin} fails its check digit; not used`);
    } else if (!isins.includes(isin)) isins.push(isin);
  }
  return placeSecurities(ctx.remarks.tickers, isins, {
    tickerDescription: (t) => `OFAC Equity Ticker ${t.replace(/\s+/g, ' ')}`,
    isinAloneDescription:
      'OFAC ISIN not tied to a listed line of the record (another share class, a bond or a depositary receipt): matched by the ISIN alone',
    sources: ctx.primSources,
  });
}

interface ListingContext {
  readonly list: 'ofac-sdn' | 'ofac-ns-cmic';
  readonly programs: readonly string[];
  readonly imported: readonly string[];
  readonly fallbackDate: string;
  readonly hasAddresses: boolean;
}

function ofacListing(ctx: RecordContext, lc: ListingContext): DraftListing {
  const program = lc.imported.find(isCmic) ?? lc.imported[0] ?? '';
  const tagged = (dates: readonly { tag: string; text: string }[]): string | undefined => {
    const hit = datePartFor(dates, program);
    if (hit === undefined) return undefined;
    const date = parseListDate(hit.text);
    if (date === null) ctx.warn(`ent_num ${ctx.ent}: date "${hit.text}" not understood`);
    return date ?? undefined;
  };
  const listed = tagged(ctx.remarks.listingDates);
  const effective = tagged(ctx.remarks.effectiveDates);
  const citation = lc.imported.map(programCitation).find((c) => c !== undefined);
  const divestment = tagged(ctx.remarks.divestmentDates);
  const note = [`OFAC program${lc.imported.length > 1 ? 's' : ''} ${lc.imported.join(', ')}`, `entry ${ctx.ent}`];
  if (divestment !== undefined) note.push(`purchase/sales for divestment until ${divestment}`);
  if (lc.programs.length > lc.imported.length) note.push(`also under ${lc.programs.filter((p) => !lc.imported.includes(p)).join(', ')}`);
  if (listed === undefined) note.push(`no listing date in the record: ${lc.fallbackDate} is the date of the file (listed on or before it)`);
  return {
    list: lc.list,
    date: listed ?? lc.fallbackDate,
    ...(effective === undefined ? {} : { effective }),
    ...(citation === undefined ? {} : { citation }),
    note: note.join('; '),
    sources: [...ctx.primSources, ...(lc.hasAddresses ? [ctx.sourceId('add')] : [])],
  };
}

/** The files of a release, read and grouped by ent_num. */
interface Release {
  readonly file: string;
  readonly prim: Map<string, CsvRecord[]>;
  readonly alt: Map<string, CsvRecord[]>;
  readonly add: Map<string, CsvRecord[]>;
  readonly comments: Map<string, CsvRecord[]>;
  readonly sourceId: (role: OfacFileRole) => string;
}

/** One imported primary record as a draft. */
function ofacDraft(
  release: Release,
  ent: string,
  record: CsvRecord,
  lc: Omit<ListingContext, 'hasAddresses'>,
  warn: (m: string) => void,
): EntityDraft {
  const continuation = release.comments.get(ent)?.map((c) => rawField(c.cells[1])) ?? [];
  const primRemarks = ofacField(record.cells[11]);
  if (remarksLookCut(primRemarks, continuation.length > 0))
    warn(
      `ent_num ${ent}: Remarks look cut at 1,000 characters; give the comments file (cons_comments.csv or sdn_comments.csv) to read the rest`,
    );
  const remarks = parseOfacRemarks((rawField(record.cells[11]) + continuation.join('')).trim());
  const primSources = [release.sourceId('prim'), ...(continuation.length > 0 ? [release.sourceId('comments')] : [])];
  const ctx: RecordContext = { ent, record, remarks, primSources, sourceId: release.sourceId, warn };
  const names = ofacNames(ctx, release.alt.get(ent) ?? []);
  const addresses = ofacAddresses(release.add.get(ent) ?? []);
  const notes: string[] = [`OFAC entry ${ent}`];
  if (addresses.length > 0) notes.push(`Address${addresses.length > 1 ? 'es' : ''}: ${addresses.join(' / ')}`);
  const { securities, unmapped } = ofacSecurities(ctx, notes);
  if (unmapped.length > 0) notes.push(`Equity tickers on venues the data schema lacks: ${unmapped.join(', ')}`);
  if (remarks.targetTypes.length > 0) notes.push(`Target Type ${remarks.targetTypes.join(', ')}`);
  notes.push(...remarks.other);
  return {
    id: `ofac-${ent}`,
    listName: ofacField(record.cells[1]),
    listNameSources: primSources,
    kind: remarks.targetTypes.some((t) => /government/i.test(t)) ? 'government' : 'company',
    names,
    listings: [ofacListing(ctx, { ...lc, hasAddresses: addresses.length > 0 })],
    securities,
    notes,
    origin: { file: release.file, line: record.line },
  };
}

/** Companion-file records whose ent_num the primary file lacks. */
function orphanWarnings(files: OfacFiles, release: Release): ListIssue[] {
  const warnings: ListIssue[] = [];
  for (const role of ['alt', 'add', 'comments'] as const) {
    for (const [ent, records] of release[role])
      if (!release.prim.has(ent))
        warnings.push({
          file: files[role]?.file ?? role,
          line: records[0]?.line ?? null,
          message: `ent_num ${ent} is not in the primary file`,
        });
  }
  return warnings;
}

function fileTitle(role: OfacFileRole): string {
  return role === 'prim' ? 'primary' : role === 'alt' ? 'alternate-name' : role === 'add' ? 'address' : 'remarks-continuation';
}

/** Converts one OFAC release (primary file plus the optional alternate-name, address and comments files). */
export function importOfacConsolidated(files: OfacFiles, options: OfacOptions): ListResult {
  const kind = options.kind ?? 'consolidated';
  const prefix = kind === 'sdn' ? 'ofac-sdn' : 'ofac-cons';
  const listTitle =
    kind === 'sdn'
      ? 'OFAC Specially Designated Nationals list (SDN), CSV release'
      : 'OFAC Consolidated Sanctions List (non-SDN lists), CSV release';
  const roles = ROLES.flatMap((role) => {
    const input = files[role];
    return input === undefined ? [] : [{ role, input, read: readRole(input, role) }];
  });
  const errors = roles.flatMap((r) => r.read.errors);
  if (errors.length > 0) return { ok: false, errors, warnings: [] };
  const byRole = (role: OfacFileRole): Map<string, CsvRecord[]> =>
    roles.find((r) => r.role === role)?.read.byEnt ?? new Map<string, CsvRecord[]>();
  const sourceId = (role: OfacFileRole): string => `${prefix}-${role}-${shortHash(files[role]?.sha256 ?? '')}`;
  const release: Release = {
    file: files.prim.file,
    prim: byRole('prim'),
    alt: byRole('alt'),
    add: byRole('add'),
    comments: byRole('comments'),
    sourceId,
  };
  const sources: Record<string, Source> = {};
  for (const { role, input } of roles) sources[sourceId(role)] = source(input, `${listTitle}: ${fileTitle(role)} file`, options.importedOn);

  const warnings: ListIssue[] = [];
  const skipped = new SkipCounter();
  const drafts: EntityDraft[] = [];
  const list = kind === 'sdn' ? 'ofac-sdn' : 'ofac-ns-cmic';
  const fallbackDate = options.listedOnFallback ?? options.importedOn;
  for (const [ent, records] of release.prim) {
    const record = records[0];
    if (record === undefined) continue;
    const warn = (message: string): void => void warnings.push({ file: release.file, line: record.line, message });
    if (records.length > 1)
      warnings.push({
        file: release.file,
        line: records[1]?.line ?? null,
        message: `ent_num ${ent} appears ${records.length} times; the first line is used`,
      });
    const programs = splitPrograms(ofacField(record.cells[3]));
    const selection = selectOfacRecord(ofacField(record.cells[2]).toLowerCase(), programs, kind, options.programs);
    if (selection.kind === 'skip') skipped.add(selection.reason, ofacField(record.cells[1]));
    else drafts.push(ofacDraft(release, ent, record, { list, programs, imported: selection.imported, fallbackDate }, warn));
  }
  warnings.push(...orphanWarnings(files, release));

  const hash = shortHash(roles.map((r) => r.input.sha256).join(''));
  const assembled = assembleDataset(drafts, {
    version: `${prefix}-${options.importedOn}-${hash}`,
    reviewedAt: options.importedOn,
    description: `${listTitle} imported on ${options.importedOn} from ${roles.map((r) => `${r.input.file} (sha256 ${r.input.sha256})`).join(', ')}. Not curated: no look-alikes; name matches are for review unless exact.`,
    sources,
    confidence: 'high',
  });
  return finishImport(assembled, release.file, skipped.list(), warnings);
}
