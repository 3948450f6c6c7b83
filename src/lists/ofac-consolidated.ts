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
import { assembleDataset, finishImport, type DraftName, type DraftSecurity, type EntityDraft } from './build.js';
import { ofacField, parseCsv, parseListDate, resolveTicker, shortHash, SkipCounter, type CsvRecord } from './common.js';
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

/** Converts one OFAC release (primary file plus the optional alternate-name, address and comments files). */
export function importOfacConsolidated(files: OfacFiles, options: OfacOptions): ListResult {
  const kind = options.kind ?? 'consolidated';
  const prefix = kind === 'sdn' ? 'ofac-sdn' : 'ofac-cons';
  const listTitle =
    kind === 'sdn'
      ? 'OFAC Specially Designated Nationals list (SDN), CSV release'
      : 'OFAC Consolidated Sanctions List (non-SDN lists), CSV release';
  const fallbackDate = options.listedOnFallback ?? options.importedOn;

  const roles = ROLES.flatMap((role) => {
    const input = files[role];
    return input === undefined ? [] : [{ role, input, read: readRole(input, role) }];
  });
  const errors = roles.flatMap((r) => r.read.errors);
  if (errors.length > 0) return { ok: false, errors, warnings: [] };
  const byRole = (role: OfacFileRole): Map<string, CsvRecord[]> =>
    roles.find((r) => r.role === role)?.read.byEnt ?? new Map<string, CsvRecord[]>();
  const prim = byRole('prim');
  const alt = byRole('alt');
  const add = byRole('add');
  const comments = byRole('comments');

  const sourceId = (role: OfacFileRole): string => `${prefix}-${role}-${shortHash(files[role]?.sha256 ?? '')}`;
  const sources: Record<string, Source> = {};
  for (const { role, input } of roles)
    sources[sourceId(role)] = source(
      input,
      `${listTitle}: ${role === 'prim' ? 'primary' : role === 'alt' ? 'alternate-name' : role === 'add' ? 'address' : 'remarks-continuation'} file`,
      options.importedOn,
    );

  const warnings: ListIssue[] = [];
  const skipped = new SkipCounter();
  const drafts: EntityDraft[] = [];
  const primFile = files.prim.file;
  const wanted = (program: string): boolean =>
    (kind === 'sdn' || isCmic(program)) && (options.programs === undefined || options.programs.includes(program));

  for (const [ent, records] of prim) {
    const record = records[0];
    if (record === undefined) continue;
    if (records.length > 1)
      warnings.push({
        file: primFile,
        line: records[1]?.line ?? null,
        message: `ent_num ${ent} appears ${records.length} times; the first line is used`,
      });
    const cells = record.cells;
    const name = ofacField(cells[1]);
    const sdnType = ofacField(cells[2]).toLowerCase();
    const programs = splitPrograms(ofacField(cells[3]));
    if (sdnType !== '') {
      skipped.add(`SDN_Type "${sdnType}": not an issuer of securities`, name);
      continue;
    }
    const imported = programs.filter(wanted);
    if (imported.length === 0) {
      skipped.add(
        `program ${programs.join(', ') || '(none)'} not imported${kind === 'consolidated' ? ' (no list id for it in the data schema; NS-CMIC only)' : ''}`,
        name,
      );
      continue;
    }

    // Remarks continue in the comments file exactly where they were cut, spaces included.
    const rawField = (cell: string | undefined): string => (ofacField(cell) === '' ? '' : (cell ?? ''));
    const continuation = comments.get(ent)?.map((c) => rawField(c.cells[1])) ?? [];
    const primRemarks = ofacField(cells[11]);
    const remarks = (rawField(cells[11]) + continuation.join('')).trim();
    const usesComments = continuation.length > 0;
    if (!usesComments && primRemarks.length >= 990 && !/\.$/.test(primRemarks)) {
      warnings.push({
        file: primFile,
        line: record.line,
        message: `ent_num ${ent}: Remarks look cut at 1,000 characters; give the comments file (cons_comments.csv or sdn_comments.csv) to read the rest`,
      });
    }
    const r = parseOfacRemarks(remarks);
    const primSources = [sourceId('prim'), ...(usesComments ? [sourceId('comments')] : [])];

    const names: DraftName[] = [];
    for (const a of alt.get(ent) ?? []) {
      const altName = ofacField(a.cells[3]);
      const altType = ofacField(a.cells[2]).toLowerCase();
      const altRemarks = ofacField(a.cells[4]);
      if (altName === '') continue;
      names.push({
        name: altName,
        type: altType === 'fka' ? 'former' : altType === 'nka' ? 'current' : 'other-list',
        sources: [sourceId('alt')],
        note: `OFAC ${altType || 'alias'}${altRemarks === '' ? '' : `; ${altRemarks}`}`,
      });
    }
    for (const a of r.aliases)
      names.push({
        name: a.name,
        type: a.type === 'fka' ? 'former' : a.type === 'nka' ? 'current' : 'other-list',
        sources: primSources,
        note: `OFAC ${a.type} (Remarks)`,
      });
    for (const n of r.issuerNames) names.push({ name: n, type: 'other-list', sources: primSources, note: 'OFAC Issuer Name (Remarks)' });

    const notes: string[] = [`OFAC entry ${ent}`];
    const addresses = (add.get(ent) ?? [])
      .map((a) =>
        [ofacField(a.cells[2]), ofacField(a.cells[3]), ofacField(a.cells[4]), ofacField(a.cells[5])].filter((x) => x !== '').join(', '),
      )
      .filter((a) => a !== '');
    if (addresses.length > 0) notes.push(`Address${addresses.length > 1 ? 'es' : ''}: ${addresses.join(' / ')}`);

    // Securities: tickers on a venue of the schema; an ISIN joins a ticker only when the record has one
    // of each. Every other valid ISIN (an H-share's, a bond's, an ADR's) is a security of its own,
    // matched by the ISIN alone.
    const resolved: DraftSecurity[] = [];
    const unmapped: string[] = [];
    for (const t of r.tickers) {
      const hit = resolveTicker(t);
      if (hit === null) unmapped.push(t);
      else if (!resolved.some((s) => s.exchange === hit.exchange && s.code === hit.code))
        resolved.push({
          exchange: hit.exchange,
          code: hit.code,
          description: `OFAC Equity Ticker ${t.replace(/\s+/g, ' ')}`,
          sources: primSources,
        });
    }
    const isins: string[] = [];
    for (const isin of r.isins) {
      if (!isValidIsin(isin)) {
        notes.push(`ISIN ${isin} in the record fails its check digit; not used`);
        warnings.push({ file: primFile, line: record.line, message: `ent_num ${ent}: ISIN ${isin} fails its check digit; not used` });
      } else if (!isins.includes(isin)) isins.push(isin);
    }
    const only = resolved[0];
    const equityIsins = isins.filter((i) => !/^(XS|US)/.test(i) && !i.startsWith('CND'));
    const equityIsin = equityIsins.length === 1 ? equityIsins[0] : undefined;
    if (resolved.length === 1 && only?.exchange !== undefined && r.tickers.length === 1 && equityIsin !== undefined) {
      resolved[0] = {
        ...only,
        isin: equityIsin,
        description: `${only.description ?? ''}; ISIN from the same record (its only ticker and only equity ISIN)`,
      };
    }
    const placed = new Set(resolved.map((s) => s.isin).filter((i) => i !== undefined));
    for (const isin of isins) {
      if (!placed.has(isin))
        resolved.push({
          isin,
          description:
            'OFAC ISIN not tied to a listed line of the record (another share class, a bond or a depositary receipt): matched by the ISIN alone',
          sources: primSources,
        });
    }
    if (unmapped.length > 0) notes.push(`Equity tickers on venues the data schema lacks: ${unmapped.join(', ')}`);
    if (r.targetTypes.length > 0) notes.push(`Target Type ${r.targetTypes.join(', ')}`);
    notes.push(...r.other);

    // Listing: program, dates.
    const tagged = (dates: readonly { tag: string; text: string }[], program: string): string | undefined => {
      const hit = dates.find((d) => !isCmic(program) || /CMIC/.test(d.tag));
      if (hit === undefined) return undefined;
      const date = parseListDate(hit.text);
      if (date === null) {
        warnings.push({ file: primFile, line: record.line, message: `ent_num ${ent}: date "${hit.text}" not understood` });
        return undefined;
      }
      return date;
    };
    const program = imported.find(isCmic) ?? imported[0] ?? '';
    const listed = tagged(r.listingDates, program);
    const effective = tagged(r.effectiveDates, program);
    const citation = imported.map(programCitation).find((c) => c !== undefined);
    const divestment = tagged(r.divestmentDates, program);
    const listingNote = [`OFAC program${imported.length > 1 ? 's' : ''} ${imported.join(', ')}`, `entry ${ent}`];
    if (divestment !== undefined) listingNote.push(`purchase/sales for divestment until ${divestment}`);
    if (programs.length > imported.length) listingNote.push(`also under ${programs.filter((p) => !imported.includes(p)).join(', ')}`);
    if (listed === undefined)
      listingNote.push(`no listing date in the record: ${fallbackDate} is the date of the file (listed on or before it)`);
    const listings = [
      {
        list: kind === 'sdn' ? ('ofac-sdn' as const) : ('ofac-ns-cmic' as const),
        date: listed ?? fallbackDate,
        ...(effective === undefined ? {} : { effective }),
        ...(citation === undefined ? {} : { citation }),
        note: listingNote.join('; '),
        sources: [...primSources, ...(addresses.length > 0 ? [sourceId('add')] : [])],
      },
    ];

    drafts.push({
      id: `ofac-${ent}`,
      listName: name,
      listNameSources: primSources,
      kind: r.targetTypes.some((t) => /government/i.test(t)) ? 'government' : 'company',
      names,
      listings,
      securities: resolved,
      notes,
      origin: { file: primFile, line: record.line },
    });
  }
  for (const [role, map] of [['alt', alt] as const, ['add', add] as const, ['comments', comments] as const]) {
    for (const ent of map.keys())
      if (!prim.has(ent))
        warnings.push({
          file: files[role]?.file ?? role,
          line: map.get(ent)?.[0]?.line ?? null,
          message: `ent_num ${ent} is not in the primary file`,
        });
  }

  const hash = shortHash(roles.map((r) => r.input.sha256).join(''));
  const assembled = assembleDataset(drafts, {
    version: `${prefix}-${options.importedOn}-${hash}`,
    reviewedAt: options.importedOn,
    description: `${listTitle} imported on ${options.importedOn} from ${roles.map((r) => `${r.input.file} (sha256 ${r.input.sha256})`).join(', ')}. Not curated: no look-alikes; name matches are for review unless exact.`,
    sources,
    confidence: 'high',
  });
  return finishImport(assembled, primFile, skipped.list(), warnings);
}
