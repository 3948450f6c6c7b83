// Bytes to text. Node's built-in TextDecoder (full ICU) decodes every encoding we meet, so no
// encoding library is needed: UTF-8 and UTF-16 by BOM, strict UTF-8, then GB18030 or windows-1252.

import { isUtf8 } from 'node:buffer';

export type EncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'windows-1252';

export interface DecodedText {
  readonly text: string;
  readonly encoding: EncodingName;
  readonly hadBom: boolean;
}

export const ENCODINGS: readonly EncodingName[] = ['utf-8', 'utf-16le', 'utf-16be', 'gb18030', 'windows-1252'];

// Node's TextDecoder reads "windows-1252" as latin1 (nodejs/node#56542): 0x80–0x9F become C1 control
// characters instead of € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ. The WHATWG table for those 32 bytes:
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Decodes windows-1252 by the WHATWG table, whatever the runtime's TextDecoder does. */
function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const chunk: number[] = [];
  const flush = (): void => {
    out += String.fromCharCode(...chunk);
    chunk.length = 0;
  };
  for (const b of bytes) {
    chunk.push(b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b);
    if (chunk.length >= 8192) flush();
  }
  flush();
  return out;
}

function decodeStrict(bytes: Uint8Array, encoding: EncodingName): string | null {
  if (encoding === 'windows-1252') return decodeWindows1252(bytes);
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * A whole file's bytes as text, in the encoding its bytes favour (chooseEncoding, over all of them) or
 * the one forced with --encoding. Bytes that do not decode become U+FFFD and `clean` is false, so the
 * reader can mark those rows rather than hide them.
 */
export function decodeFile(bytes: Uint8Array, forced?: EncodingName): DecodedText & { readonly clean: boolean } {
  const sniffer = createEncodingSniffer();
  sniffer.push(bytes);
  const { encoding, bomLength } = chooseEncoding(sniffer.evidence(), forced);
  const body = bytes.subarray(bomLength);
  return { text: createChunkDecoder(encoding)(body, true), encoding, hadBom: bomLength > 0, clean: decodesCleanly(body, encoding) };
}

/**
 * Decodes a file's bytes for a reader that needs them whole (a --list CSV). `forced` is the user's
 * --encoding, and then null when the bytes are not valid in it; otherwise as decodeFile decides.
 */
export function decodeBytes(bytes: Uint8Array, forced?: EncodingName): DecodedText | null {
  if (forced === undefined) {
    const { text, encoding, hadBom } = decodeFile(bytes);
    return { text, encoding, hadBom };
  }
  const utf8Bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const skip =
    (forced === 'utf-8' && utf8Bom ? 3 : 0) +
    ((forced === 'utf-16le' && bytes[0] === 0xff && bytes[1] === 0xfe) || (forced === 'utf-16be' && bytes[0] === 0xfe && bytes[1] === 0xff)
      ? 2
      : 0);
  const text = decodeStrict(bytes.subarray(skip), forced);
  return text === null ? null : { text, encoding: forced, hadBom: skip > 0 };
}

/** Whether the bytes look like something other than text (NUL bytes outside UTF-16). */
export function looksBinary(bytes: Uint8Array, encoding: EncodingName): boolean {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return false;
  // The typed array's own search: a loop of 8 KB here ran in the interpreter, once per file.
  return bytes.subarray(0, Math.min(bytes.length, 8192)).includes(0);
}

/**
 * A decoder for a stream of chunks. Not fatal: bytes that do not decode become U+FFFD, and the reader
 * reports every row that contains one instead of screening it.
 */
/**
 * The bytes of a UTF-8 sequence begun at the end of a chunk that can still complete (its lead and the
 * continuation bytes so far allowed after it), 0 when the chunk ends between sequences or in one that
 * is already wrong (which then fails at once, as a streaming decoder fails).
 */
function openSequenceLength(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const lead = bytes[bytes.length - back] ?? 0;
    if (lead >= 0x80 && lead <= 0xbf) continue;
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length <= back) return 0;
    if (back === 1) return 1;
    // The byte after the lead has a narrower range for some leads (no overlong forms, no surrogates, nothing above U+10FFFF).
    const second = bytes[bytes.length - back + 1] ?? 0;
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    return second >= low && second <= high ? back : 0;
  }
  return 0;
}

/**
 * Whether a file's bytes, given chunk by chunk, are well-formed UTF-8 so far: what a fatal streaming
 * TextDecoder says, chunk for chunk, without building the text (Node's native check, on each chunk
 * with the open sequence of the one before).
 */
export function createUtf8Check(): (chunk: Uint8Array, final: boolean) => boolean {
  let open: Uint8Array = new Uint8Array(0);
  return (chunk, final) => {
    const bytes = open.length === 0 ? chunk : Buffer.concat([open, chunk]);
    const carried = final ? 0 : openSequenceLength(bytes);
    open = bytes.slice(bytes.length - carried);
    return isUtf8(bytes.subarray(0, bytes.length - carried));
  };
}

export function createChunkDecoder(encoding: EncodingName): (chunk: Uint8Array, final: boolean) => string {
  if (encoding === 'windows-1252') return (chunk) => decodeWindows1252(chunk);
  const decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: true });
  return (chunk, final) => decoder.decode(chunk, { stream: !final });
}

/** What a pass over a file's bytes learnt about their encoding. */
export interface EncodingEvidence {
  /** Length of a BOM at the start (UTF-8: 3, UTF-16: 2), 0 when none. */
  readonly bomLength: number;
  readonly utf16: 'utf-16le' | 'utf-16be' | null;
  /** Well-formed UTF-8 sequences of two bytes or more. */
  readonly utf8Sequences: number;
  /** Bytes that are not part of well-formed UTF-8. */
  readonly utf8Errors: number;
  /** Runs of high bytes that read as GBK text of two characters or more, or stand apart from Latin letters. */
  readonly gbkRuns: number;
  /** Runs of high bytes that read better as windows-1252: odd lengths, bytes GBK cannot pair, one pair between letters. */
  readonly latinRuns: number;
}

const isAsciiLetter = (b: number): boolean => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);

/**
 * Gathers encoding evidence chunk by chunk, so the verdict rests on the whole file, not on its first
 * bytes: a cp1252 "é" after 256 KB, or one stray byte in a UTF-8 Chinese file, is seen either way.
 */
export function createEncodingSniffer(): { push(chunk: Uint8Array): void; evidence(): EncodingEvidence } {
  let started = false;
  let bomLength = 0;
  let utf16: EncodingEvidence['utf16'] = null;
  let sequences = 0;
  let errors = 0;
  let gbkRuns = 0;
  let latinRuns = 0;
  // UTF-8 state: continuation bytes still expected, and the bytes of the sequence so far.
  let expect = 0;
  let pending = 0;
  // The current run of high bytes, for the GBK/windows-1252 vote.
  let run: number[] = [];
  let before = 0x20;
  const endRun = (after: number): void => {
    if (run.length === 0) return;
    let pairs = true;
    for (let i = 0; i < run.length; i += 2) {
      const lead = run[i] ?? 0;
      const trail = run[i + 1] ?? 0;
      if (i + 1 >= run.length || lead < 0x81 || lead > 0xfe || trail < 0xa1 || trail > 0xfe) pairs = false;
    }
    // One GBK character glued between Latin letters ("PARTICIPAÇÕES") is far likelier two accented letters.
    if (!pairs || (run.length === 2 && isAsciiLetter(before) && isAsciiLetter(after))) latinRuns++;
    else gbkRuns++;
    run = [];
  };
  const push = (chunk: Uint8Array): void => {
    let i = 0;
    if (!started && chunk.length > 0) {
      started = true;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) bomLength = 3;
      else if (chunk[0] === 0xff && chunk[1] === 0xfe) [bomLength, utf16] = [2, 'utf-16le'];
      else if (chunk[0] === 0xfe && chunk[1] === 0xff) [bomLength, utf16] = [2, 'utf-16be'];
      i = bomLength;
    }
    if (utf16 !== null) return;
    for (; i < chunk.length; i++) {
      const b = chunk[i] ?? 0;
      if (b < 0x80 && expect === 0 && run.length === 0) {
        // Between sequences and runs, a stretch of ASCII (most of most files) only moves `before` on.
        let last = i;
        while (last + 1 < chunk.length && (chunk[last + 1] ?? 0x80) < 0x80) last++;
        before = chunk[last] ?? b;
        i = last;
        continue;
      }
      if (b < 0x80) {
        if (expect > 0) errors += pending;
        expect = 0;
        pending = 0;
        endRun(b);
        before = b;
        continue;
      }
      run.push(b);
      if (expect > 0 && b >= 0x80 && b <= 0xbf) {
        pending++;
        if (--expect === 0) {
          sequences++;
          pending = 0;
        }
        continue;
      }
      if (expect > 0) errors += pending;
      expect = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
      pending = expect > 0 ? 1 : 0;
      if (expect === 0) errors++;
    }
  };
  return {
    push,
    evidence: () => {
      endRun(0x20);
      return { bomLength, utf16, utf8Sequences: sequences, utf8Errors: errors + pending, gbkRuns, latinRuns };
    },
  };
}

/**
 * The encoding a file is read in, from the evidence of all its bytes. A file that is UTF-8 but for a
 * few stray bytes stays UTF-8 (the lines with those bytes are reported); only a file whose high bytes
 * are mostly not UTF-8 is read as GB18030 or windows-1252, whichever its runs of high bytes favour.
 */
export function chooseEncoding(evidence: EncodingEvidence, forced?: EncodingName): { encoding: EncodingName; bomLength: number } {
  if (forced !== undefined) {
    const own = (forced === 'utf-8' && evidence.bomLength === 3) || (forced === evidence.utf16 && evidence.bomLength === 2);
    return { encoding: forced, bomLength: own ? evidence.bomLength : 0 };
  }
  if (evidence.utf16 !== null) return { encoding: evidence.utf16, bomLength: 2 };
  const mostlyUtf8 = evidence.utf8Errors === 0 || evidence.utf8Sequences >= evidence.utf8Errors * 10;
  if (mostlyUtf8) return { encoding: 'utf-8', bomLength: evidence.bomLength };
  return { encoding: evidence.gbkRuns > evidence.latinRuns ? 'gb18030' : 'windows-1252', bomLength: evidence.bomLength };
}

/** Whether the bytes decode in the encoding without a replacement character standing for bad bytes. */
function decodesCleanly(bytes: Uint8Array, encoding: EncodingName): boolean {
  if (encoding === 'windows-1252') return true;
  try {
    new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
