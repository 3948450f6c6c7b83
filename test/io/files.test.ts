import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkOutputPath,
  fileError,
  listFolder,
  readSideFile,
  refuseOutputAmong,
  SIDE_FILE_LIMITS,
  writeReport,
} from '../../src/io/files.js';
import { makeTempDir } from '../support/temp-dir.js';

let dir = '';
beforeAll(() => {
  dir = makeTempDir('io');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A Node-style file-system error with a code. */
function fsError(code: string): Error {
  return Object.assign(new Error(`${code}: something`), { code });
}

describe('fileError: one line naming the path for each file-system failure', () => {
  it.each([
    ['ENOENT', false, 'x.csv does not exist'],
    ['EACCES', false, 'x.csv cannot be read (permission denied)'],
    ['EISDIR', false, 'x.csv is a directory, not a file'],
    ['ENOSPC', true, 'cannot write x.csv: no space left on the device'],
    ['EPIPE', true, 'cannot write x.csv: the program reading it closed the pipe'],
    ['EACCES', true, 'cannot write x.csv: permission denied'],
    ['ENOENT', true, 'cannot write x.csv: its folder does not exist'],
    ['EWHATEVER', false, 'x.csv cannot be read (EWHATEVER)'],
  ])('%s (writing: %s)', (code, writing, message) => {
    const error = fileError('x.csv', fsError(code), writing);
    expect(error.message).toBe(message);
    expect(error.message).not.toContain('\n');
  });
});

describe('readSideFile', () => {
  it('reads a file within its limit and refuses one over it, before reading it', () => {
    const small = join(dir, 'small.json');
    writeFileSync(small, '{"ignore":[]}');
    expect(readSideFile(small, 'ignore').toString()).toBe('{"ignore":[]}');
    const big = join(dir, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, SIDE_FILE_LIMITS.config + 1);
    expect(() => readSideFile(big, 'config')).toThrow(/big\.json is larger than 1 MB, the most read for a config file/);
    truncateSync(big, SIDE_FILE_LIMITS.data + 1);
    expect(() => readSideFile(big, 'data')).toThrow(/big\.json is larger than 32 MB, the most read for a data file/);
  });

  it('refuses a directory and a device, naming what they are', () => {
    expect(() => readSideFile(dir, 'list')).toThrow(`${dir} is a directory, not a file`);
    expect(() => readSideFile('/dev/zero', 'list')).toThrow('/dev/zero is a character device, not a file');
    expect(() => readSideFile(join(dir, 'missing.csv'), 'list')).toThrow(`${join(dir, 'missing.csv')} does not exist`);
  });
});

describe('listFolder', () => {
  it('takes files and links to files inside the folder, and leaves out links out of it with a note', () => {
    const funds = join(dir, 'funds');
    mkdirSync(join(funds, 'sub'), { recursive: true });
    writeFileSync(join(funds, 'VWO.csv'), 'x');
    writeFileSync(join(funds, 'sub', 'EEM.csv'), 'x');
    symlinkSync(join(funds, 'sub', 'EEM.csv'), join(funds, 'EEM.csv'));
    symlinkSync('/etc/passwd', join(funds, 'IEMG.csv'));
    symlinkSync(join(dir, 'nowhere'), join(funds, 'ACWI.csv'));
    expect(listFolder(funds)).toEqual({
      files: ['EEM.csv', 'VWO.csv'],
      notes: [
        `${join(funds, 'ACWI.csv')}: left out, it is a symbolic link to nothing`,
        `${join(funds, 'IEMG.csv')}: left out, it is a symbolic link out of the folder ${funds}`,
      ],
    });
    expect(listFolder(join(funds, 'VWO.csv'))).toBeNull();
  });
});

describe('writeReport', () => {
  it('replaces a file whole through a temporary file in its folder, and leaves nothing else', () => {
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'r.json'), 'old');
    writeReport(join(out, 'r.json'), 'new');
    expect(readFileSync(join(out, 'r.json'), 'utf8')).toBe('new');
    expect(readdirSync(out)).toEqual(['r.json']);
  });

  it('refuses a file this run read, by its real path or through a link', () => {
    const input = join(dir, 'read-me.csv');
    writeFileSync(input, 'Name,Value\n');
    readSideFile(input, 'fund');
    symlinkSync(input, join(dir, 'link.csv'));
    expect(() => checkOutputPath(join(dir, 'link.csv'))).toThrow(/is one of the input files/);
    expect(() => writeReport(input, 'x')).toThrow(/is one of the input files/);
    expect(readFileSync(input, 'utf8')).toBe('Name,Value\n');
    expect(() => refuseOutputAmong(join(dir, '.', 'read-me.csv'), [input])).toThrow(/is the input/);
    expect(() => refuseOutputAmong(join(dir, 'other.json'), [input])).not.toThrow();
  });

  it('fails with one line for a folder that does not exist', () => {
    expect(() => writeReport(join(dir, 'no', 'such', 'r.json'), 'x')).toThrow(
      `cannot write ${join(dir, 'no', 'such', 'r.json')}: its folder does not exist`,
    );
  });
});

describe('writeReport through a link', () => {
  it('replaces the file the link points to and keeps the link', () => {
    const real = join(dir, 'real-report.json');
    writeFileSync(real, 'old');
    symlinkSync(real, join(dir, 'report-link.json'));
    writeReport(join(dir, 'report-link.json'), 'new');
    expect(readFileSync(real, 'utf8')).toBe('new');
    expect(lstatSync(join(dir, 'report-link.json')).isSymbolicLink()).toBe(true);
  });
});
