// Bytes to text. Node's built-in TextDecoder (full ICU) decodes every encoding we meet, so no
// encoding library is needed: UTF-8 and UTF-16 by BOM, strict UTF-8, then GB18030 or windows-1252.

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
export function decodeWindows1252(bytes: Uint8Array): string {
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
 * Chinese text in GBK is runs of byte pairs both at or above 0xA1; European text in windows-1252 puts
 * single high bytes between ASCII letters. Counting both tells the two apart on real files.
 */
function looksLikeGbk(bytes: Uint8Array): boolean {
  let pairs = 0;
  let singles = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) continue;
    const next = bytes[i + 1] ?? 0;
    if (b >= 0x81 && b <= 0xfe && next >= 0xa1 && next <= 0xfe) {
      pairs++;
      i++;
    } else {
      singles++;
    }
  }
  return pairs > 0 && pairs >= singles * 2;
}

/**
 * Decodes a file's bytes. `forced` is the user's --encoding; otherwise the BOM, then strict UTF-8,
 * then a GBK/windows-1252 guess. Returns null when a forced encoding cannot decode the bytes.
 */
export function decodeBytes(bytes: Uint8Array, forced?: EncodingName): DecodedText | null {
  const b0 = bytes[0];
  const b1 = bytes[1];
  const b2 = bytes[2];
  const utf8Bom = b0 === 0xef && b1 === 0xbb && b2 === 0xbf;
  const utf16le = b0 === 0xff && b1 === 0xfe;
  const utf16be = b0 === 0xfe && b1 === 0xff;
  if (forced !== undefined) {
    const skip = (forced === 'utf-8' && utf8Bom ? 3 : 0) + ((forced === 'utf-16le' && utf16le) || (forced === 'utf-16be' && utf16be) ? 2 : 0);
    const text = decodeStrict(bytes.subarray(skip), forced);
    return text === null ? null : { text, encoding: forced, hadBom: skip > 0 };
  }
  if (utf8Bom) {
    const text = decodeStrict(bytes.subarray(3), 'utf-8');
    if (text !== null) return { text, encoding: 'utf-8', hadBom: true };
    // A BOM, then bytes that are not UTF-8: a re-saved file. Drop the BOM and guess as below.
    const rest = decodeBytes(bytes.subarray(3));
    return rest === null ? null : { ...rest, hadBom: true };
  }
  if (utf16le || utf16be) {
    const encoding = utf16le ? 'utf-16le' : 'utf-16be';
    const text = decodeStrict(bytes.subarray(2), encoding);
    if (text !== null) return { text, encoding, hadBom: true };
  }
  const utf8 = decodeStrict(bytes, 'utf-8');
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', hadBom: false };
  if (looksLikeGbk(bytes)) {
    const gbk = decodeStrict(bytes, 'gb18030');
    if (gbk !== null) return { text: gbk, encoding: 'gb18030', hadBom: false };
  }
  // windows-1252 maps every byte to a character, so this always succeeds.
  return { text: decodeWindows1252(bytes), encoding: 'windows-1252', hadBom: false };
}

/** Whether the bytes look like something other than text (NUL bytes outside UTF-16). */
export function looksBinary(bytes: Uint8Array, encoding: EncodingName): boolean {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return false;
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

/**
 * Chooses the encoding from the first bytes of a file (a stream's head): BOM, then strict UTF-8 over
 * the head (a character cut at the head's end is not an error), then the GBK/windows-1252 guess.
 */
export function detectEncoding(head: Uint8Array, forced?: EncodingName): { encoding: EncodingName; bomLength: number } {
  const b0 = head[0];
  const b1 = head[1];
  const b2 = head[2];
  const bom = b0 === 0xef && b1 === 0xbb && b2 === 0xbf ? 3 : (b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff) ? 2 : 0;
  if (forced !== undefined) {
    const own = (forced === 'utf-8' && bom === 3) || (forced === 'utf-16le' && b0 === 0xff && bom === 2) || (forced === 'utf-16be' && b0 === 0xfe && bom === 2);
    return { encoding: forced, bomLength: own ? bom : 0 };
  }
  if (bom === 2) return { encoding: b0 === 0xff ? 'utf-16le' : 'utf-16be', bomLength: 2 };
  const body = head.subarray(bom);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body, { stream: true });
    return { encoding: 'utf-8', bomLength: bom };
  } catch {
    return { encoding: looksLikeGbk(body) ? 'gb18030' : 'windows-1252', bomLength: bom };
  }
}

/**
 * A decoder for a stream of chunks. Not fatal: bytes that do not decode become U+FFFD, and the reader
 * reports every row that contains one instead of screening it.
 */
export function createChunkDecoder(encoding: EncodingName): (chunk: Uint8Array, final: boolean) => string {
  if (encoding === 'windows-1252') return (chunk) => decodeWindows1252(chunk);
  const decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: true });
  return (chunk, final) => decoder.decode(chunk, { stream: !final });
}
