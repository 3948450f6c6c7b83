// Hostile inputs, one row per class of issue 15: each is built in a temporary folder, run through the
// built bin under a 256 MB heap (node --max-old-space-size=256), and must end with the exit code it
// should, stderr of one line (or the few lines a gathered warning takes) and no stack trace.

import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, REAL, ROOT } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const HEAP_MB = 256;
const LISTING = join(ROOT, 'fixtures/pension/nystrs-style-listing.csv');
const LOOK_THROUGH = join(ROOT, 'fixtures/look-through/vwo-eem-emxc-and-a-stock.csv');

let dir = '';
beforeAll(() => {
  dir = makeTempDir('hostile');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  readonly status: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The built bin under a 256 MB heap, from `cwd`, stdout to a pipe or to the file descriptor given. */
function run(args: readonly string[], options: { cwd?: string; stdout?: number } = {}): Run {
  const result = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, BIN, ...args], {
    cwd: options.cwd ?? dir,
    env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' },
    stdio: ['ignore', options.stdout ?? 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, signal: result.signal, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Exit code as expected, within the heap (no signal, no 134), and stderr of `lines` lines without a stack. */
function expectHandled(r: Run, code: number, lines = 1): string[] {
  expect(r.signal, r.stderr).toBeNull();
  expect(r.status, r.stderr).toBe(code);
  expect(r.stderr).not.toMatch(/\n\s+at |unexpected error|RangeError|heap out of memory/);
  const stderr = r.stderr.split('\n').filter((l) => l !== '');
  expect(stderr, r.stderr).toHaveLength(lines);
  return stderr;
}

function hasMkfifo(): boolean {
  return spawnSync('mkfifo', ['--version'], { stdio: 'ignore' }).error === undefined;
}

function fifo(path: string): boolean {
  if (!hasMkfifo()) return false;
  return spawnSync('mkfifo', [path]).status === 0;
}

describe('1. unbounded reads: a side file is read within its size limit', () => {
  it.each([
    // The config and data limits are tested on readSideFile itself (test/io/files.test.ts).
    ['--ignore-file', 'ignore.json', /larger than 8 MB, the most read for an ignore file/],
    ['--list', 'list.csv', /larger than 32 MB, the most read for a list file/],
  ])('a 4 GB %s (sparse) is refused before it is read', (flag, name, message) => {
    const path = join(dir, `huge-${name}`);
    writeFileSync(path, '');
    truncateSync(path, 4 * 1024 ** 3);
    const [line] = expectHandled(run(['screen', LISTING, flag, path]), 2);
    expect(line).toMatch(message);
    expect(line).toContain(path);
  });

  it('an XML text run of 6 MB stops the read with the line where it starts', () => {
    const xml = file(
      'long-text.xml',
      `<informationTable>\n<infoTable>\n<nameOfIssuer>${'A'.repeat(6 * 1024 * 1024)}</nameOfIssuer></infoTable></informationTable>\n`,
    );
    const [line] = expectHandled(run(['screen', xml]), 2);
    expect(line).toMatch(/long-text\.xml:3: one tag, text or comment runs on for more than 4 MB/);
  });
});

describe('2. small but pathological: repeated warnings are gathered', () => {
  it('10,000 unused ignore rules print two notes and one line for the rest', () => {
    const rules = Array.from({ length: 10_000 }, (_, i) => ({
      entity: 'megvii',
      reason: `rule ${i}`,
      expires: '2099-01-01',
      account: `nobody-${i}`,
    }));
    const ignore = file('many-rules.json', JSON.stringify({ ignore: rules }));
    const lines = expectHandled(run(['screen', LISTING, '--ignore-file', ignore]), 1, 3);
    expect(lines[0]).toMatch(/^note: .*ignore\[0\] \(megvii\) matched nothing/);
    expect(lines[1]).toMatch(/ignore\[1\] \(megvii\) matched nothing/);
    expect(lines[2]).toBe('note: … and 9,998 more like this');
  });
});

describe('3. the file system: only regular files are opened, links out of a folder are not followed', () => {
  it('a FIFO given as the holdings file is a usage error, not a hang', (ctx) => {
    const path = join(dir, 'pipe.csv');
    if (!fifo(path)) {
      ctx.skip('mkfifo is not installed here: the FIFO row is skipped');
      return;
    }
    const [line] = expectHandled(run(['screen', path]), 2);
    expect(line).toContain(`${path} is a named pipe (FIFO), not a file`);
  });

  it('a FIFO and a link to /etc/passwd in a --funds folder are left out, each said once, nothing of passwd echoed', async (ctx) => {
    const funds = join(dir, 'funds');
    mkdirSync(funds);
    symlinkSync('/etc/passwd', join(funds, 'VWO.csv'));
    const made = fifo(join(funds, 'EEM.csv'));
    const r = run(['screen', LOOK_THROUGH, '--funds', funds, '--as-of', '2020-09-30', '-q']);
    const lines = expectHandled(r, 1, made ? 2 : 1);
    expect(lines.join('\n')).toContain(`${join(funds, 'VWO.csv')}: left out, it is a symbolic link out of the folder`);
    if (made) expect(lines.join('\n')).toContain(`${join(funds, 'EEM.csv')}: left out, it is a named pipe (FIFO)`);
    else await ctx.annotate('mkfifo is not installed here: only the link was tried');
    expect(r.stderr + r.stdout).not.toMatch(/root:|\/bin\/(?:ba)?sh/);
  });

  it('a device and a directory given as files are usage errors naming them', () => {
    expect(expectHandled(run(['screen', LISTING, '--data', '/dev/zero']), 2)[0]).toContain('/dev/zero is a character device, not a file');
    expect(expectHandled(run(['screen', dir]), 2)[0]).toContain(`${dir} is a directory, not a file`);
  });

  it('a file that cannot be read (EACCES) is one line naming it', (ctx) => {
    const path = file('locked.csv', readFileSync(LISTING, 'utf8'));
    spawnSync('chmod', ['000', path]);
    if (process.getuid?.() === 0) {
      ctx.skip('running as root, which reads a file whatever its mode: EACCES cannot be made here');
      return;
    }
    expect(expectHandled(run(['screen', path]), 2)[0]).toContain(`${path} cannot be read (permission denied)`);
  });

  it('a broken N-PORT shows no more of itself than a short excerpt', () => {
    const base = readFileSync(join(REAL, 'formats/sec_nport_p_sec_sample1.xml'), 'utf8');
    const broken = file('broken.xml', base.replace('<invstOrSec>', `<invstOrSec>&${'x'.repeat(5000)}`));
    const [line] = expectHandled(run(['screen', broken]), 2);
    expect(line?.length).toBeLessThan(500);
  });
});

describe('4. output: never over an input, written whole, every write failure exit 2', () => {
  it('-o naming an input is refused and the input is left as it was', () => {
    const input = file('input.csv', readFileSync(LISTING, 'utf8'));
    const before = readFileSync(input, 'utf8');
    expect(expectHandled(run(['screen', input, '-o', 'input.csv']), 2)[0]).toContain('the report would overwrite it');
    expect(readFileSync(input, 'utf8')).toBe(before);
  });

  it('-o naming a --funds file given through a link is refused too', () => {
    const fund = file('VWO-holdings.csv', readFileSync(join(REAL, 'formats/vanguard_etf_holdings_details_VWO_2020-09-30.csv'), 'utf8'));
    symlinkSync(fund, join(dir, 'link-to-fund.csv'));
    expect(expectHandled(run(['screen', LOOK_THROUGH, '--funds', `VWO=${fund}`, '-o', 'link-to-fund.csv']), 2)[0]).toContain(
      'the report would overwrite it',
    );
  });

  it('-o /dev/full and stdout on /dev/full are exit 2 with one line, not a stack trace and exit 1', () => {
    expect(expectHandled(run(['screen', LISTING, '-o', '/dev/full']), 2)[0]).toContain(
      'cannot write /dev/full: no space left on the device',
    );
    const full = openSync('/dev/full', 'w');
    try {
      expect(expectHandled(run(['screen', LISTING, '-f', 'json'], { stdout: full }), 2)[0]).toContain(
        'cannot write standard output: no space left on the device',
      );
    } finally {
      closeSync(full);
    }
  });

  it('a report replaces the old file whole and leaves no temporary file behind', () => {
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'report.json'), 'old');
    expectHandled(run(['screen', LISTING, '-f', 'json', '-o', join(out, 'report.json')]), 1, 0);
    expect(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))).toMatchObject({ schemaVersion: 1 });
    expect(readdirSync(out)).toEqual(['report.json']);
  });
});

describe('5. messages: our words, naming file and line; a repeated key is a usage error', () => {
  it("an unclosed quote is our sentence with the line, not csv-parse's", () => {
    const csv = file('unclosed.csv', 'Name,Value\nHIKVISION,100\n"DAHUA,200\nIFLYTEK,300\n');
    const [line] = expectHandled(run(['screen', csv]), 2);
    expect(line).toContain('unclosed.csv:3: a quoted field opens here and is never closed');
    expect(line).not.toMatch(/Quote Not Closed|Invalid|Opening quote/i);
  });

  it.each([
    [['--columns', 'name=Name,name=Value'], /--columns: name is named twice/],
    [['--funds', 'VWO=a.csv', '--funds', 'vwo=b.csv'], /--funds vwo=b\.csv: already given \(--funds VWO=a\.csv\)/],
  ])('%j', (args, message) => {
    expect(expectHandled(run(['screen', LISTING, ...args]), 2)[0]).toMatch(message);
  });
});

describe('6. config: paths in a config file are its own', () => {
  it("a relative ignoreFile in a config resolves against the config's folder, and --config against the run's folder", () => {
    const project = join(dir, 'project');
    mkdirSync(join(project, 'policy'), { recursive: true });
    writeFileSync(
      join(project, 'policy', 'rules.json'),
      JSON.stringify({ ignore: [{ entity: 'hikvision', reason: 'board decision 2026-10-01', expires: '2099-01-01' }] }),
    );
    writeFileSync(join(project, 'policy', 'config.json'), JSON.stringify({ ignoreFile: 'rules.json', format: 'json' }));
    const r = run(['screen', LISTING, '--config', 'policy/config.json'], { cwd: project });
    expectHandled(r, 1, 0);
    const report: unknown = JSON.parse(r.stdout);
    expect(JSON.stringify(report)).toContain('"status":"ignored"');
    expect(existsSync(join(project, 'rules.json'))).toBe(false);
  });
});

describe('5. messages: a key given twice in a config or ignore file', () => {
  it('is a usage error naming the line, not a silent last-wins', () => {
    const config = file('twice.config.json', '{\n  "format": "json",\n  "format": "csv"\n}\n');
    const [line] = expectHandled(run(['screen', LISTING, '--config', config]), 2);
    expect(line).toContain(`${config}:3: "format" is given twice in one object`);
  });
});
