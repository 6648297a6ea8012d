/**
 * A byte-level UTF-8 check that says where the first bad byte is (to name the
 * line of a mixed-encoding file) and how much real UTF-8 it has seen (the
 * evidence that a file is UTF-8 at all).
 */
export interface Utf8Scan {
  /** Offset of the first byte that is not valid UTF-8, or -1. */
  firstInvalid: number;
  /** Bytes that are not valid UTF-8 (also after the first). */
  invalid: number;
  /** Well-formed multi-byte sequences seen (also after the first invalid byte). */
  multibyte: number;
  /** Offset of the first well-formed multi-byte sequence, or -1. */
  firstMultibyte: number;
  /** Bytes at the end that start a sequence the chunk does not finish. */
  incompleteTail: number;
}

/** Expected length of the sequence led by `b`, 0 when `b` cannot lead. */
function sequenceLength(b: number): number {
  if (b < 0x80) return 1;
  if (b >= 0xc2 && b <= 0xdf) return 2;
  if (b >= 0xe0 && b <= 0xef) return 3;
  if (b >= 0xf0 && b <= 0xf4) return 4;
  return 0;
}

/** True when byte `i + 1` may follow lead `lead` (excludes overlongs and surrogates). */
function validSecond(lead: number, b: number): boolean {
  if (lead === 0xe0) return b >= 0xa0 && b <= 0xbf;
  if (lead === 0xed) return b >= 0x80 && b <= 0x9f;
  if (lead === 0xf0) return b >= 0x90 && b <= 0xbf;
  if (lead === 0xf4) return b >= 0x80 && b <= 0x8f;
  return (b & 0xc0) === 0x80;
}

export function scanUtf8(bytes: Uint8Array): Utf8Scan {
  let firstInvalid = -1;
  let invalid = 0;
  let multibyte = 0;
  let firstMultibyte = -1;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = sequenceLength(b);
    if (len === 0) {
      if (firstInvalid < 0) firstInvalid = i;
      invalid++;
      i++;
      continue;
    }
    if (i + len > n) {
      // Maybe finished by the next chunk: valid so far?
      let ok = i + 1 >= n || validSecond(b, bytes[i + 1] as number);
      for (let k = i + 2; ok && k < n; k++) ok = ((bytes[k] as number) & 0xc0) === 0x80;
      if (ok) return { firstInvalid, invalid, multibyte, firstMultibyte, incompleteTail: n - i };
      if (firstInvalid < 0) firstInvalid = i;
      invalid++;
      i++;
      continue;
    }
    let ok = validSecond(b, bytes[i + 1] as number);
    for (let k = i + 2; ok && k < i + len; k++) ok = ((bytes[k] as number) & 0xc0) === 0x80;
    if (!ok) {
      if (firstInvalid < 0) firstInvalid = i;
      invalid++;
      i++;
      continue;
    }
    if (firstMultibyte < 0) firstMultibyte = i;
    multibyte++;
    i += len;
  }
  return { firstInvalid, invalid, multibyte, firstMultibyte, incompleteTail: 0 };
}

/** 1-based line of byte `offset`, counting LF bytes before it. */
export function lineAtOffset(bytes: Uint8Array, offset: number, linesBefore = 0): number {
  let line = linesBefore + 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * UTF-8 that was read as Windows-1252 and saved again shows "Ã" or "Â"
 * followed by a continuation byte, or E2 80 xx (typographic quotes, €).
 * Italian text in Windows-1252 never has those pairs. Returns the offset or -1.
 */
export function findUtf8InLatin(bytes: Uint8Array): number {
  for (let i = 0; i + 1 < bytes.length; i++) {
    const b = bytes[i] as number;
    const c = bytes[i + 1] as number;
    if ((b === 0xc3 || b === 0xc2) && c >= 0x80 && c <= 0xbf) return i;
    if (b === 0xe2 && (c === 0x80 || c === 0x82) && i + 2 < bytes.length && ((bytes[i + 2] as number) & 0xc0) === 0x80) return i;
  }
  return -1;
}
