// The only place that opens files named by the user, and the only place that writes a report to one.
// A path given as a file must be a regular file (a FIFO would hang the run, a device such as
// /dev/zero would never end, a directory is a mistake); side files are read with a size limit that
// fits their kind; a folder given with --funds is listed without following links out of it; a report
// is written to a temporary file in the same folder and renamed over the target, and is refused when
// the target is one of the files this run read. Every failure is a ScreenerError of one line naming
// the path, which the CLI turns into exit 2.

import {
  accessSync,
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InputError, UsageError } from '../errors.js';

/** What a side file is; each kind has its own size limit. */
export type SideFileKind = 'config' | 'ignore' | 'list' | 'data' | 'import' | 'fund' | 'rates';

const MB = 1024 * 1024;

/**
 * Largest side file read, by kind. A config or ignore file is a few kilobytes (10,000 rules are 2 MB);
 * our list of the 28 entities is 110 kB and a converted Consolidated Screening List a few MB; the
 * official files `lists import` reads are up to 30 MB today; a fund's own holdings file (VWO, 5,038
 * lines) is 1 MB. Holdings files given to screen are streamed and have no limit.
 */
export const SIDE_FILE_LIMITS: Readonly<Record<SideFileKind, number>> = {
  config: 1 * MB,
  ignore: 8 * MB,
  list: 32 * MB,
  data: 32 * MB,
  import: 128 * MB,
  fund: 64 * MB,
  rates: 1 * MB,
};

const KIND_WORDS: Readonly<Record<SideFileKind, string>> = {
  config: 'a config file',
  ignore: 'an ignore file',
  list: 'a list file',
  data: 'a data file',
  import: 'a file to import',
  fund: "a fund's holdings file",
  rates: 'a rates file (--fx-file)',
};

/** Why a file cannot be read, in words after its path: "… does not exist". */
function whyNotRead(code: string): string {
  switch (code) {
    case 'ENOENT':
      return 'does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read (permission denied)';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'ENOTDIR':
      return 'does not exist (a part of the path is not a folder)';
    case 'ELOOP':
      return 'is a loop of symbolic links';
    case 'ENAMETOOLONG':
      return 'is too long a path';
    case 'EMFILE':
    case 'ENFILE':
      return 'cannot be opened: too many files are open';
    case 'EIO':
      return 'cannot be read (input/output error)';
    case 'EAGAIN':
      return 'is not ready to be read (a pipe or device with nothing written to it)';
    default:
      return `cannot be read${code === '' ? '' : ` (${code})`}`;
  }
}

/** Why a file cannot be written, in words after "cannot write PATH: ". */
function whyNotWritten(code: string): string {
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'its folder does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'no space left on the device';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EPIPE':
      return 'the program reading it closed the pipe';
    case 'EFBIG':
      return 'the file would be too large';
    case 'EIO':
      return 'input/output error';
    default:
      return code === '' ? 'the write failed' : `the write failed (${code})`;
  }
}

/** The code of a Node file-system error, '' for anything else. */
export function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';
}

/** A file-system failure as the tool's one-line error naming the path. */
export function fileError(path: string, error: unknown, writing = false, hint?: string): InputError {
  const code = errorCode(error);
  return new InputError(
    writing ? 'UNWRITABLE' : 'UNREADABLE',
    path,
    null,
    writing ? `cannot write ${path}: ${whyNotWritten(code)}` : `${path} ${whyNotRead(code)}`,
    {
      hint: hint ?? (writing ? 'check the path, its folder and the free space' : 'check the path'),
      cause: error,
    },
  );
}

/** What a non-regular file is, in words. */
function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Files this run has opened, by real path and by device and inode, so -o cannot overwrite one. */
const opened = { paths: new Set<string>(), inodes: new Set<string>() };

function remember(path: string, stats: Stats): void {
  opened.inodes.add(`${stats.dev}:${stats.ino}`);
  try {
    opened.paths.add(realpathSync(path));
  } catch {
    opened.paths.add(resolve(path));
  }
}

/**
 * Opens a path given as a file: a regular file, or a usage error naming what it is instead. Opened
 * non-blocking, so that a FIFO is refused instead of waiting for a writer.
 */
function openRegular(path: string): { fd: number; size: number } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw fileError(path, error);
  }
  let stats: Stats;
  try {
    stats = fstatSync(fd);
  } catch (error) {
    closeSync(fd);
    throw fileError(path, error);
  }
  if (!stats.isFile()) {
    closeSync(fd);
    throw new UsageError(`${path} is ${kindOf(stats)}, not a file`, {
      hint: stats.isDirectory() ? 'give the path of a file in it' : 'give the path of a regular file, or "-" for standard input',
    });
  }
  remember(path, stats);
  return { fd, size: stats.size };
}

/** Whole megabytes for a message: "8 MB". */
function megabytes(bytes: number): string {
  return `${Math.round(bytes / MB).toLocaleString('en-US')} MB`;
}

/**
 * Reads a side file whole, refusing one larger than its kind's limit before reading it (and while
 * reading, for files whose size the system does not know in advance).
 */
export function readSideFile(path: string, kind: SideFileKind): Buffer {
  const limit = SIDE_FILE_LIMITS[kind];
  const { fd, size } = openRegular(path);
  const tooLarge = (): UsageError =>
    new UsageError(`${path} is larger than ${megabytes(limit)}, the most read for ${KIND_WORDS[kind]}`, {
      hint: 'check that this is the file you meant',
    });
  try {
    if (size > limit) throw tooLarge();
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(size - total, 64 * 1024), limit + 1 - total));
      let read: number;
      try {
        read = readSync(fd, chunk, 0, chunk.length, null);
      } catch (error) {
        throw fileError(path, error);
      }
      if (read === 0) break;
      total += read;
      if (total > limit) throw tooLarge();
      chunks.push(chunk.subarray(0, read));
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** A side file as UTF-8 text (a leading byte-order mark dropped). */
export function readSideText(path: string, kind: SideFileKind): string {
  return readSideFile(path, kind)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
}

/** The name a holdings file is reported under: the path as given, or "<stdin>" for "-". */
export function holdingsName(path: string): string {
  return path === '-' ? '<stdin>' : path;
}

/**
 * The size in bytes of a holdings file openHoldingsStream would read: null for standard input ("-"), and
 * for a path that is not a regular file or cannot be looked at (openHoldingsStream then says why).
 */
export function holdingsFileSize(path: string): number | null {
  if (path === '-') return null;
  try {
    const stats = statSync(path);
    return stats.isFile() ? stats.size : null;
  } catch {
    return null;
  }
}

/**
 * Bytes of a holdings file in chunks of `chunkSize`, whatever its size; "-" is standard input. A file is
 * read with readSync, not an fs.ReadStream: a screen reads nothing else meanwhile, and a start-up then
 * loads neither Node's file streams nor a Readable's async iterator (about 3 ms of a 10-row screen).
 * Each chunk is a buffer of its own: a reader may keep one while it reads the next.
 */
export function openHoldingsStream(path: string, chunkSize = 1 << 16): AsyncIterable<unknown> {
  if (path === '-') return process.stdin;
  const { fd } = openRegular(path);
  return {
    // eslint-disable-next-line @typescript-eslint/require-await -- it reads synchronously on purpose (above); readers take an async iterable, as of standard input
    async *[Symbol.asyncIterator]() {
      try {
        for (;;) {
          const chunk = Buffer.allocUnsafeSlow(chunkSize);
          let read: number;
          try {
            read = readSync(fd, chunk, 0, chunkSize, null);
          } catch (error) {
            throw fileError(path, error);
          }
          if (read === 0) return;
          yield read === chunkSize ? chunk : chunk.subarray(0, read);
        }
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** A folder given with --funds: its files, and what was left out of it and why. */
export interface FolderListing {
  /** Names of the regular files in it, and of links to regular files inside it; sorted. */
  readonly files: readonly string[];
  /** One line for each entry that was not taken (a link out of the folder, a FIFO, a subfolder). */
  readonly notes: readonly string[];
}

/**
 * Lists a folder without following links out of it: a symbolic link that resolves to a file inside
 * the folder is taken, one that leads elsewhere (/etc/passwd) is left out with a note, and so is
 * anything that is not a regular file. `accept` picks the names worth a look (VWO.csv), so that
 * notes are only given for entries that would have been read. Null when the path is not a folder.
 */
export function listFolder(path: string, accept: (name: string) => boolean = () => true): FolderListing | null {
  try {
    if (!statSync(path).isDirectory()) return null;
  } catch {
    return null;
  }
  let root: string;
  let names: string[];
  try {
    root = realpathSync(path);
    names = readdirSync(path).sort();
  } catch (error) {
    throw fileError(path, error);
  }
  const files: string[] = [];
  const notes: string[] = [];
  for (const name of names) {
    if (!accept(name)) continue;
    const full = join(path, name);
    let stats: Stats;
    try {
      stats = lstatSync(full);
    } catch (error) {
      notes.push(`${full}: left out, it ${whyNotRead(errorCode(error))}`);
      continue;
    }
    if (stats.isSymbolicLink()) {
      let target: string;
      try {
        target = realpathSync(full);
      } catch {
        notes.push(`${full}: left out, it is a symbolic link to nothing`);
        continue;
      }
      const inside = relative(root, target);
      if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
        notes.push(`${full}: left out, it is a symbolic link out of the folder ${path}`);
        continue;
      }
      try {
        stats = statSync(full);
      } catch (error) {
        notes.push(`${full}: left out, it ${whyNotRead(errorCode(error))}`);
        continue;
      }
    }
    if (stats.isDirectory()) continue;
    if (!stats.isFile()) {
      notes.push(`${full}: left out, it is ${kindOf(stats)}`);
      continue;
    }
    files.push(name);
  }
  return { files, notes };
}

/** The identity of a path that may not exist yet: its real path, and its inode when it exists. */
function identity(path: string): { real: string; inode: string | null; stats: Stats | null } {
  let stats: Stats | null = null;
  try {
    stats = statSync(path);
  } catch {
    stats = null;
  }
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    try {
      real = join(realpathSync(dirname(path)), basename(path));
    } catch {
      real = resolve(path);
    }
  }
  return { real, inode: stats === null ? null : `${stats.dev}:${stats.ino}`, stats };
}

/** Refuses an output path that is one of the files this run read (its real path or the same inode). */
export function checkOutputPath(path: string, flag = '-o'): void {
  const target = identity(path);
  if (opened.paths.has(target.real) || (target.inode !== null && opened.inodes.has(target.inode))) {
    throw new UsageError(`${flag} ${path} is one of the input files; the report would overwrite it`, {
      hint: 'write the report to another file',
    });
  }
}

/** Refuses an output path that is one of the paths named as inputs, before anything is read. */
export function refuseOutputAmong(output: string | null, inputs: readonly string[], flag = '-o'): void {
  if (output === null) return;
  const target = identity(output);
  for (const input of inputs) {
    const other = identity(input);
    if (other.real === target.real || (other.inode !== null && other.inode === target.inode)) {
      throw new UsageError(`${flag} ${output} is the input ${input}; the report would overwrite it`, {
        hint: 'write the report to another file',
      });
    }
  }
}

/**
 * Refuses, before anything is screened, a report path that cannot be written: a directory, a folder that
 * does not exist or is not a folder, a file or folder without write permission, a read-only file system.
 * A screen of a large portfolio should not end in "cannot write".
 */
export function checkWritable(path: string, flag = '-o', shown = path): void {
  const target = identity(path);
  if (target.stats !== null && target.stats.isDirectory())
    throw new UsageError(`${flag} ${shown} is a directory`, { hint: 'give the path of a file to write' });
  try {
    // The folder with a trailing separator: a file where the folder should be is ENOTDIR.
    if (target.stats === null) accessSync(`${dirname(resolve(path))}${sep}`, constants.W_OK);
    else accessSync(path, constants.W_OK);
  } catch (error) {
    throw fileError(shown, error, true);
  }
}

/**
 * Writes a report: refused when the target is an input; into a temporary file in the target's folder,
 * then renamed over it, so a reader never sees half a report and a failed write leaves the old file.
 * A target that exists and is not a regular file (/dev/null, /dev/full, a pipe) is written directly.
 */
/**
 * Eight hex digits that make a temporary file's name unlikely to be another's: it is created exclusively
 * ('wx'), so a name taken is an error, never a file overwritten, and nothing relies on it being guessed
 * hard. Not crypto's randomBytes: loading node:crypto cost a run that needs none ~2 ms.
 */
function uniqueSuffix(): string {
  return Math.floor(Math.random() * 0x1_0000_0000)
    .toString(16)
    .padStart(8, '0');
}

export function writeReport(path: string, text: string, flag = '-o'): void {
  checkOutputPath(path, flag);
  const target = identity(path);
  if (target.stats !== null && target.stats.isDirectory())
    throw new UsageError(`${flag} ${path} is a directory`, { hint: 'give the path of a file to write' });
  if (target.stats !== null && !target.stats.isFile()) {
    try {
      writeFileSync(path, text);
    } catch (error) {
      throw fileError(path, error, true);
    }
    return;
  }
  // Through a link, the file it points to is replaced and the link kept.
  const destination = target.stats === null ? path : target.real;
  const temporary = join(dirname(destination), `.${basename(destination)}.${process.pid}.${uniqueSuffix()}.tmp`);
  try {
    writeFileSync(temporary, text, { flag: 'wx', mode: target.stats === null ? 0o666 : target.stats.mode & 0o777 });
    renameSync(temporary, destination);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Not created, or already renamed: nothing to clean up.
    }
    throw fileError(path, error, true);
  }
}
