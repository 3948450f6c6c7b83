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

interface Report {
  readonly findings: readonly {
    status: string;
    entity: { id: string };
    source: { line: number };
    holding: { name: string | null };
    score: number;
  }[];
  readonly inputs: readonly {
    rows: unknown;
    lines: unknown;
    skipped: readonly { line: number; reason: string }[];
    asOf: string | null;
    values: string;
  }[];
}

function screen(file: string): { report: Report; code: number | null } {
  const run = runCli(['screen', file, '--format', 'json']);
  const parsed: unknown = JSON.parse(run.stdout);
  // The report's shape is checked by the schema tests; here only what the two readings must share.
  return { report: parsed as Report, code: run.exitCode };
}

/** What a workbook and its CSV twin must agree on: every finding with its line, and every line's bucket. */
function accounting(r: Report): unknown {
  return {
    findings: r.findings.map((f) => [f.status, f.entity.id, f.source.line, f.holding.name, f.score]),
    inputs: r.inputs.map((i) => [i.rows, i.lines, i.skipped.map((s) => [s.line, s.reason]), i.asOf, i.values]),
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
    expect(run.stdout).toMatch(/^Workbook: +XLSX; sheet "holdings" read as CSV text, row N of the sheet on line N/m);
    const json: unknown = JSON.parse(runCli(['inspect', WORKBOOK, '--json']).stdout);
    expect(json).toMatchObject({ sheet: 'holdings', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('a workbook with data on two sheets is refused rather than read in part', () => {
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
        ['Name', 'ISIN', 'Market Value'],
        ['DAHUA', 'CNE100000BJ4', 50],
      ]),
      'Other',
    );
    const file = join(makeTempDir('xlsx-two-sheets'), 'two.xlsx');
    writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }));
    const run = runCli(['screen', file]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/sheets "Equity", "Other" all hold data/);
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
    expect(inspected).toMatchObject({ delimiter: ',', sheet: 'holdings' });
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
  ])('a $label workbook ends in one line and exit 2, under 200 MB', ({ label, bytes, says }) => {
    const run = screenMeasured(hostile(label, bytes()));
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')[0]).toMatch(says);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    if (run.maxRssKb !== null) expect(run.maxRssKb).toBeLessThan(200 * 1024);
  });
});
