import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const WORKBOOK = join(ROOT, 'fixtures', 'xlsx', 'spdr-daily-holdings-spem.xlsx');
const TWIN = join(ROOT, 'fixtures', 'xlsx', 'spdr-daily-holdings-spem.csv');
const ISHARES_XLS = join(ROOT, 'fixtures', 'xlsx', 'ishares-mchi-holdings.xls');
const ISHARES_XLSX = join(ROOT, 'fixtures', 'xlsx', 'ishares-mchi-holdings.xlsx');
const ISHARES_SHEET = join(ROOT, 'fixtures', 'xlsx', 'ishares-mchi-holdings-sheet.csv');

interface Report {
  readonly findings: readonly {
    status: string;
    entity: { id: string };
    source: { file: string; line: number };
    holding: { name: string | null };
    score: number;
  }[];
  readonly inputs: readonly {
    file: string;
    sha256: string | null;
    encoding: string;
    rows: unknown;
    lines: unknown;
    skipped: readonly { line: number; reason: string; lines: number }[];
    asOf: string | null;
    values: string;
    sheet?: { workbook: string; name: string; kind: string; holdingsTable: boolean };
  }[];
}

function screen(file: string): { report: Report; code: number | null } {
  const run = runCli(['screen', file, '--format', 'json']);
  const parsed: unknown = JSON.parse(run.stdout);
  // The report's shape is checked by the schema tests; here only what the two readings must share.
  return { report: parsed as Report, code: run.exitCode };
}

/**
 * What a workbook and its CSV twin must agree on: every finding with its line, and each input's whole
 * accounting (every set-aside line with its reason, text and extent, the warnings, the counts, the date,
 * the value) but for what names the bytes (file, checksum, sheet). The lines not set aside are the header
 * and the screened rows, whose counts agree: with the same set-aside lines, the same lines were screened.
 */
function accounting(r: Report): unknown {
  return {
    findings: r.findings.map((f) => [f.status, f.entity.id, f.source.line, f.holding.name, f.score]),
    inputs: r.inputs.map(({ file: _file, sha256: _sha256, sheet: _sheet, ...rest }) => rest),
  };
}

/** A zip archive from parts, each stored deflated; `declare` overrides the size an entry says it unpacks to. */
function zip(parts: readonly { name: string; data: Buffer; declare?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const packed = deflateRawSync(p.data);
    const name = Buffer.from(p.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(p.data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(p.declare ?? p.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(p.data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(p.declare ?? p.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const WORKBOOK_XML = Buffer.from('<?xml version="1.0"?><workbook><sheets><sheet name="holdings" sheetId="1"/></sheets></workbook>');

/** Runs the bin under GNU time when the machine has it: exit code, stderr, and the child's peak RSS in kB. */
function screenMeasured(file: string): { code: number | null; stderr: string; maxRssKb: number | null } {
  const time = existsSync('/usr/bin/time');
  const rssFile = join(makeTempDir('xlsx-rss'), 'rss');
  const args = ['screen', file];
  const run = time
    ? spawnSync('/usr/bin/time', ['-f', '%M', '-o', rssFile, process.execPath, join(ROOT, 'bin', 'exposure-screener.js'), ...args], {
        encoding: 'utf8',
      })
    : spawnSync(process.execPath, [join(ROOT, 'bin', 'exposure-screener.js'), ...args], { encoding: 'utf8' });
  const rss = time ? Number(spawnSync('cat', [rssFile], { encoding: 'utf8' }).stdout.trim().split('\n').pop()) : null;
  return { code: run.status, stderr: run.stderr, maxRssKb: rss };
}

describe('XLSX workbooks are read as their sheet, through the same table reader as CSV', () => {
  it('a SPDR daily holdings workbook gives the findings and the row accounting of its CSV twin', () => {
    const book = screen(WORKBOOK);
    const twin = screen(TWIN);
    expect(book.code).toBe(1);
    expect(accounting(book.report)).toEqual(accounting(twin.report));
    expect(book.report.findings.map((f) => f.entity.id).sort()).toEqual(['dahua', 'hikvision', 'iflytek']);
    // The title block, the blank row and the disclaimer are accounted for by line, as in the CSV.
    expect(book.report.inputs[0]?.skipped.map((s) => s.line)).toEqual(twin.report.inputs[0]?.skipped.map((s) => s.line));
    expect(book.report.inputs[0]?.asOf).toBe('2020-12-21');
  });

  it("SPDR's bare Identifier column is read by shape: the A-share lines' ISINs match, and inspect says why", () => {
    const run = runCli(['screen', WORKBOOK, '--format', 'json']);
    const parsed: unknown = JSON.parse(run.stdout);
    expect(parsed).toMatchObject({
      findings: expect.arrayContaining([
        expect.objectContaining({ entity: expect.objectContaining({ id: 'hikvision' }), match: expect.objectContaining({ on: 'isin' }) }),
        expect.objectContaining({ entity: expect.objectContaining({ id: 'dahua' }), match: expect.objectContaining({ on: 'isin' }) }),
        expect.objectContaining({ entity: expect.objectContaining({ id: 'iflytek' }), match: expect.objectContaining({ on: 'isin' }) }),
      ]),
    });
    const inspected: unknown = JSON.parse(runCli(['inspect', WORKBOOK, '--json']).stdout);
    expect(inspected).toMatchObject({ tables: [{ columns: { cusip: 'Identifier', sedol: 'SEDOL' }, why: { cusip: 'identifier' } }] });
    // No check-digit warning for an ISIN under a column named for CUSIPs.
    expect(runCli(['screen', WORKBOOK]).stderr).not.toMatch(/check digit/i);
  });

  it('a workbook saved under a .csv name is known by its bytes', () => {
    const dir = makeTempDir('xlsx-named-csv');
    const named = join(dir, 'holdings.csv');
    copyFileSync(WORKBOOK, named);
    expect(accounting(screen(named).report)).toEqual(accounting(screen(TWIN).report));
  });

  it('the committed workbook is what scripts/make-xlsx-fixtures.mjs writes', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'make-xlsx-fixtures.mjs'), '--check'], { encoding: 'utf8' });
    expect([run.status, run.stderr]).toEqual([0, '']);
  });

  it('inspect says which sheet was read and how', () => {
    const run = runCli(['inspect', WORKBOOK]);
    expect(run.stdout).toMatch(/^File: +.*spdr-daily-holdings-spem\.xlsx\[holdings\]$/m);
    expect(run.stdout).toMatch(
      /^Workbook: +XLSX; sheet "holdings" of .*spdr-daily-holdings-spem\.xlsx read as CSV text, row N of the sheet on line N$/m,
    );
    const json: unknown = JSON.parse(runCli(['inspect', WORKBOOK, '--json']).stdout);
    expect(json).toMatchObject({
      sheet: { sheet: 'holdings', kind: 'xlsx', holdingsTable: true },
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('each sheet with data is an input of its own, named book.xlsx[Sheet], in every report', () => {
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      book,
      XLSX.utils.aoa_to_sheet([
        ['Name', 'ISIN', 'Market Value'],
        ['HIKVISION', 'CNE100000PM8', 100],
      ]),
      'Equity',
    );
    XLSX.utils.book_append_sheet(
      book,
      XLSX.utils.aoa_to_sheet([
        ['Holdings report'],
        [],
        ['Name', 'ISIN', 'Market Value'],
        ['APPLE INC', 'US0378331005', 30],
        ['DAHUA', 'CNE100000BJ4', 50],
      ]),
      'Other funds',
    );
    const dir = makeTempDir('xlsx-two-sheets');
    const file = join(dir, 'two.xlsx');
    writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }));
    const { report, code } = screen(file);
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.entity.id, f.source.file, f.source.line]).sort()).toEqual([
      ['dahua', `${file}[Other funds]`, 5],
      ['hikvision', `${file}[Equity]`, 2],
    ]);
    expect(report.inputs.map((i) => [i.file, i.rows, i.lines, i.sheet])).toEqual([
      [
        `${file}[Equity]`,
        { total: 1, screened: 1, skipped: 0 },
        { total: 2, header: 1, screened: 1, skipped: 0 },
        { workbook: file, name: 'Equity', kind: 'xlsx', holdingsTable: true },
      ],
      [
        `${file}[Other funds]`,
        { total: 4, screened: 2, skipped: 2 },
        { total: 5, header: 1, screened: 2, skipped: 2 },
        { workbook: file, name: 'Other funds', kind: 'xlsx', holdingsTable: true },
      ],
    ]);
    // SARIF: one artifact, the workbook; each result at its sheet's row, the sheet as a logical location.
    const sarif = JSON.parse(runCli(['screen', file, '--format', 'sarif'], { cwd: dir }).stdout) as {
      runs: {
        artifacts: { location: { uri: string } }[];
        results: {
          locations: {
            physicalLocation: { artifactLocation: { uri: string; index: number }; region: { startLine: number } };
            logicalLocations: { name: string }[];
          }[];
        }[];
      }[];
    };
    const run = sarif.runs[0];
    expect(run?.artifacts.map((a) => a.location.uri)).toEqual(['two.xlsx']);
    expect(
      run?.results.map((r) => {
        const at = r.locations[0];
        return [
          at?.physicalLocation.artifactLocation.uri,
          at?.physicalLocation.artifactLocation.index,
          at?.physicalLocation.region.startLine,
          at?.logicalLocations[0]?.name,
        ];
      }),
    ).toEqual(
      expect.arrayContaining([
        ['two.xlsx', 0, 2, 'Equity'],
        ['two.xlsx', 0, 5, 'Other funds'],
      ]),
    );
    const junit = runCli(['screen', file, '--format', 'junit']).stdout;
    expect(junit).toContain(`${file}[Other funds]`);
    const markdown = runCli(['screen', file, '--format', 'markdown']).stdout;
    expect(markdown).toContain('two.xlsx\\[Other funds\\]');
    expect(markdown).toContain('in 1 file (2 sheets of 1 workbook).');
    const table = runCli(['screen', file]);
    expect(table.stdout).toMatch(/in 1 file\(s\) \(2 sheets of 1 workbook\)/);
  });

  it('a sheet with no holdings table is an input whose lines are set aside with the reason, and still searched', () => {
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      book,
      XLSX.utils.aoa_to_sheet([
        ['Important information'],
        [],
        ['Issued by an example custodian. Not an offer.'],
        ['HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO LTD'],
      ]),
      'Cover',
    );
    XLSX.utils.book_append_sheet(
      book,
      XLSX.utils.aoa_to_sheet([
        ['Name', 'ISIN', 'Market Value'],
        ['APPLE INC', 'US0378331005', 30],
      ]),
      'Positions',
    );
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([]), 'Sheet3');
    const file = join(makeTempDir('xlsx-cover'), 'cover.xlsx');
    writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }));
    const { report, code } = screen(file);
    // The name on the cover sheet is found where it is, its value unknown: never cleared because of where it sits.
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.entity.id, f.source.file, f.source.line])).toEqual([['hikvision', `${file}[Cover]`, 4]]);
    expect(report.inputs.map((i) => [i.file, i.lines, i.skipped.map((s) => [s.line, s.reason, s.lines]), i.sheet?.holdingsTable])).toEqual([
      [
        `${file}[Cover]`,
        { total: 4, header: 0, screened: 0, skipped: 4 },
        [
          [1, 'no-holdings-sheet', 1],
          [2, 'blank', 1],
          [3, 'no-holdings-sheet', 1],
          [4, 'no-holdings-sheet', 1],
        ],
        false,
      ],
      [`${file}[Positions]`, { total: 2, header: 1, screened: 1, skipped: 0 }, [], true],
      // An empty sheet is said, with no lines.
      [`${file}[Sheet3]`, { total: 0, header: 0, screened: 0, skipped: 0 }, [], false],
    ]);
    const inspected = runCli(['inspect', file]);
    expect(inspected.exitCode).toBe(0);
    expect(inspected.stdout).toMatch(/sheet "Cover" .*; it holds no holdings table, so its lines are set aside/);
    expect(inspected.stdout).toMatch(/^File: +.*cover\.xlsx\[Positions\]$/m);
    const json = JSON.parse(runCli(['inspect', file, '--json']).stdout) as { sheets: { file: string }[] };
    expect(json.sheets.map((s) => s.file)).toEqual([`${file}[Cover]`, `${file}[Positions]`, `${file}[Sheet3]`]);
  });

  it('a workbook in which no sheet holds a holdings table ends in exit 2, one line naming its sheets', () => {
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Performance'], ['1 year', '5.2%']]), 'Performance');
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Distributions'], ['2020-12-15', 0.31]]), 'Distributions');
    const file = join(makeTempDir('xlsx-no-table'), 'none.xlsx');
    writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }));
    const run = runCli(['screen', file]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/none\.xlsx: no sheet \("Performance", "Distributions"\) has a header row with a security column/);
  });

  it('a holdings sheet that cannot be read ends the run in exit 2 naming the sheet, before any report', () => {
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      book,
      XLSX.utils.aoa_to_sheet([
        ['Name', 'Kurswert'],
        ['HIKVISION', 100],
      ]),
      'Depot A',
    );
    XLSX.utils.book_append_sheet(
      book,
      XLSX.utils.aoa_to_sheet([
        ['Name', 'Market Value'],
        ['DAHUA', 50],
      ]),
      'Depot B',
    );
    const file = join(makeTempDir('xlsx-unreadable-sheet'), 'depots.xlsx');
    writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }));
    // --columns names a header one holdings sheet has and the other lacks: as for a CSV file without it.
    const run = runCli(['screen', file, '--columns', 'value=Kurswert', '--format', 'json']);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/depots\.xlsx\[Depot B\]: --columns names "Kurswert", which no header row has/);
  });

  it('a sheet whose cells hold semicolons and tabs is read as the comma-separated text it is written as', () => {
    // More semicolons and tabs than commas on every line: sniffed, this text would be read as semicolon- or tab-separated.
    const rows = [
      ['Name', 'ISIN', 'Sector; Industry; Group', 'Market Value'],
      ['HANGZHOU HIKVISION DIGITAL; A; CNY', 'CNE100000PM8', 'Tech;\tHardware;\tCameras', 100],
      ['ZHEJIANG DAHUA TECHNOLOGY; A; CNY', 'CNE100000BJ4', 'Tech;\tHardware;\tCameras', 50],
      ['TENCENT HOLDINGS; LTD; HKD', 'KYG875721634', 'Media;\tInternet;\tGames', 25],
      ['INFOSYS; LTD; INR', 'INE009A01021', 'Tech;\tServices;\tIT', 20],
      ['SAMSUNG ELECTRONICS; CO; KRW', 'KR7005930003', 'Tech;\tHardware;\tChips', 10],
    ];
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), 'holdings');
    const file = join(makeTempDir('xlsx-semicolons-tabs'), 'semicolons-and-tabs-in-cells.xlsx');
    writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }));
    const { report, code } = screen(file);
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.entity.id, f.source.line]).sort()).toEqual([
      ['dahua', 3],
      ['hikvision', 2],
    ]);
    expect(report.inputs[0]?.rows).toMatchObject({ screened: 5, skipped: 0 });
    const inspected: unknown = JSON.parse(runCli(['inspect', file, '--json']).stdout);
    expect(inspected).toMatchObject({ delimiter: ',', sheet: { sheet: 'holdings' } });
  });

  it.for([
    { label: 'SpreadsheetML 2003 (.xls)', file: ISHARES_XLS, kind: 'spreadsheetml' },
    { label: 'XLSX', file: ISHARES_XLSX, kind: 'xlsx' },
  ])(
    'an iShares workbook as $label: its Holdings sheet screened as its CSV twin, its other sheets set aside and said',
    ({ file, kind }) => {
      const book = screen(file);
      const twin = screen(ISHARES_SHEET);
      expect(book.code).toBe(1);
      expect(book.report.inputs.map((i) => [i.file, i.sheet?.kind, i.sheet?.holdingsTable])).toEqual([
        [`${file}[Holdings]`, kind, true],
        [`${file}[Historical]`, kind, false],
        [`${file}[Performance]`, kind, false],
        [`${file}[Distributions]`, kind, false],
      ]);
      // The Holdings sheet line by line as the CSV: same findings at the same lines, the same set-aside lines.
      const holdings = { ...book.report, inputs: book.report.inputs.slice(0, 1) };
      expect(accounting(holdings)).toEqual(accounting(twin.report));
      expect(book.report.findings.map((f) => [f.entity.id, f.source.file, f.source.line]).sort()).toEqual([
        ['hikvision', `${file}[Holdings]`, 14],
        ['iflytek', `${file}[Holdings]`, 15],
      ]);
      // A date on a sheet of no holdings ("Performance as of") is not the holdings' date.
      expect(book.report.inputs.map((i) => i.asOf)).toEqual(['2020-12-21', null, null, null]);
      expect(book.report.inputs[2]?.skipped.map((s) => [s.line, s.reason])).toEqual([
        [1, 'no-holdings-sheet'],
        [2, 'blank'],
        [3, 'no-holdings-sheet'],
        [4, 'no-holdings-sheet'],
      ]);
    },
  );

  it('an Excel 97-2003 .xls (BIFF) is one line, exit 2, saying to save it as .xlsx or CSV', () => {
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      book,
      XLSX.utils.aoa_to_sheet([
        ['Name', 'Market Value'],
        ['HIKVISION', 1],
      ]),
      'holdings',
    );
    const file = join(makeTempDir('xls-biff'), 'holdings.xls');
    writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: 'biff8' }));
    for (const command of [
      ['screen', file],
      ['inspect', file],
    ]) {
      const run = runCli(command);
      expect(run.exitCode).toBe(2);
      expect(run.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(
          /holdings\.xls is an Excel 97-2003 workbook \(\.xls\) or a password-protected workbook, which is not read; .*save it as \.xlsx \(without a password\) or as CSV/,
        ),
      ]);
    }
  });

  it('--funds reads a fund as CSV: a workbook given there is refused by the same detection, saying what to do', () => {
    const dir = makeTempDir('xlsx-funds');
    const portfolio = join(dir, 'portfolio.csv');
    writeFileSync(portfolio, 'Name,Symbol,Market Value\nISHARES MSCI CHINA ETF,MCHI,1000\n');
    const run = runCli(['screen', portfolio, '--funds', `MCHI=${ISHARES_XLSX}`]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(
      /ishares-mchi-holdings\.xlsx is a workbook \(XLSX\); a fund's holdings are read here from CSV; save the sheet of holdings as CSV/,
    );
  });

  const hostile = (label: string, bytes: Buffer): string => {
    const file = join(makeTempDir(`xlsx-${label}`), `${label}.xlsx`);
    writeFileSync(file, bytes);
    return file;
  };

  it.for([
    {
      label: 'bomb',
      // Declares 1 kB; unpacks to 200 MB of zeros.
      bytes: () =>
        zip([
          { name: 'xl/workbook.xml', data: WORKBOOK_XML },
          { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(200 * 1024 * 1024), declare: 1024 },
        ]),
      says: /unpack to more than 64 MB/,
    },
    {
      label: 'declared',
      bytes: () =>
        zip([
          { name: 'xl/workbook.xml', data: WORKBOOK_XML },
          { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<x/>'), declare: 0xfffffff0 },
        ]),
      says: /declare \d+ MB unpacked/,
    },
    {
      label: 'million-cells',
      bytes: () =>
        zip([
          { name: 'xl/workbook.xml', data: WORKBOOK_XML },
          {
            name: 'xl/worksheets/sheet1.xml',
            data: Buffer.from(`<worksheet><sheetData><row r="1">${'<c/>'.repeat(1_000_000)}</row></sheetData></worksheet>`),
          },
        ]),
      says: /1,000,000 cells/,
    },
    { label: 'not-a-workbook', bytes: () => zip([{ name: 'readme.txt', data: Buffer.from('hello') }]), says: /no xl\/workbook\.xml/ },
    {
      // The cells are counted by the XML's own elements: a namespace prefix and a tab do not hide them, nor a part outside xl/worksheets/.
      label: 'prefixed-cells',
      bytes: () =>
        zip([
          { name: 'xl/workbook.xml', data: WORKBOOK_XML },
          {
            name: 'xl/elsewhere/data.xml',
            data: Buffer.from(
              `<x:worksheet xmlns:x="s"><x:sheetData><x:row>${'<x:c\tr="A1"/>'.repeat(600_000)}</x:row></x:sheetData></x:worksheet>`,
            ),
          },
        ]),
      says: /600,000 cells/,
    },
    {
      // A full <dimension> is not believed either way; one cell at XFD1048576 is a million lines.
      label: 'far-cell',
      bytes: () =>
        zip([
          { name: 'xl/workbook.xml', data: WORKBOOK_XML },
          {
            name: 'xl/worksheets/sheet1.xml',
            data: Buffer.from(
              '<worksheet><dimension ref="A1:XFD1048576"/><sheetData><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>',
            ),
          },
        ]),
      says: /reach row 1,048,576/,
    },
    {
      label: 'wide-sparse',
      bytes: () =>
        zip([
          { name: 'xl/workbook.xml', data: WORKBOOK_XML },
          {
            name: 'xl/worksheets/sheet1.xml',
            data: Buffer.from(
              `<worksheet><sheetData>${Array.from({ length: 150_000 }, (_, i) => `<row r="${i + 1}"><c r="Z${i + 1}"><v>1</v></c></row>`).join('')}</sheetData></worksheet>`,
            ),
          },
        ]),
      says: /span more than 2,000,000 cell places/,
    },
  ])('a $label workbook ends in one line and exit 2, under 200 MB', ({ label, bytes, says }) => {
    const run = screenMeasured(hostile(label, bytes()));
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')[0]).toMatch(says);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    if (run.maxRssKb !== null) expect(run.maxRssKb).toBeLessThan(200 * 1024);
  });
});

describe('SpreadsheetML 2003 is measured by its own elements before SheetJS reads it', () => {
  const spreadsheetMl = (body: string): string =>
    `<?xml version="1.0"?>\n<ss:Workbook xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><ss:Worksheet ss:Name="Holdings"><ss:Table>${body}</ss:Table></ss:Worksheet></ss:Workbook>\n`;

  it.for([
    { label: 'million-cells', body: () => `<ss:Row>${'<ss:Cell/>'.repeat(1_000_000)}</ss:Row>`, says: /1,000,000 cells/ },
    {
      label: 'far-row',
      body: () => '<ss:Row ss:Index="1048576"><ss:Cell><ss:Data ss:Type="Number">1</ss:Data></ss:Cell></ss:Row>',
      says: /reach row 1,048,576/,
    },
  ])('a $label SpreadsheetML file ends in one line and exit 2', ({ label, body, says }) => {
    const file = join(makeTempDir(`xml2003-${label}`), `${label}.xls`);
    writeFileSync(file, spreadsheetMl(body()));
    const run = runCli(['screen', file]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(says)]);
  });
});
