import iconv from "iconv-lite";

/**
 * Encoding detection, per file and never asked: a BOM decides (UTF-8,
 * UTF-16 LE/BE); otherwise valid UTF-8 is UTF-8 and anything else is a
 * single-byte code page: Windows-1252 (a superset of ISO-8859-1 for text, as
 * Excel writes it) or, when the accented vowels are where DOS puts them, the
 * DOS code page 850 (old gestionali export in it). A byte that Windows-1252
 * leaves undefined is an error naming its place, never a silent "�".
 * Binary files are recognised by their magic numbers or by NUL bytes.
 */
export type Encoding = "UTF-8" | "UTF-8 con BOM" | "UTF-16LE" | "UTF-16BE" | "Windows-1252" | "DOS (CP850)";

export class FileRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FileRejected";
  }
}

const MAGIC: [number[], string][] = [
  [[0x50, 0x4b, 0x03, 0x04], "Il file è un archivio ZIP o un foglio Excel (.xlsx): aprirlo in Excel e salvarlo come «CSV (delimitato dal separatore di elenco)»."],
  [
    [0xd0, 0xcf, 0x11, 0xe0],
    "Il file è un foglio Excel 97-2003 in formato binario (.xls), che non si legge direttamente. Aprirlo in Excel e scegliere " +
      "File › Salva con nome › «Cartella di lavoro di Excel (*.xlsx)» oppure «CSV UTF-8 (delimitato da virgole) (*.csv)»; con LibreOffice Calc " +
      "File › Salva con nome › «Foglio elettronico ODF (.ods)» oppure «Testo CSV (.csv)». Poi importare il nuovo file.",
  ],
  [[0x25, 0x50, 0x44, 0x46], "Il file è un PDF, non un CSV: esportare i dati in formato CSV."],
  [[0x89, 0x50, 0x4e, 0x47], "Il file è un'immagine PNG, non un CSV."],
  [[0xff, 0xd8, 0xff], "Il file è un'immagine JPEG, non un CSV."],
  [[0x47, 0x49, 0x46, 0x38], "Il file è un'immagine GIF, non un CSV."],
  [[0x1f, 0x8b], "Il file è compresso (gzip): decomprimerlo prima di importarlo."],
];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b);
}

export interface DetectedEncoding {
  encoding: Encoding;
  /** Bytes of BOM to skip. */
  bomLength: number;
  /** iconv-lite name. */
  codec: string;
  /** The sample was plain ASCII: UTF-8 was assumed, not proven. */
  asciiOnly?: boolean;
}

/** Longest prefix of `bytes` that does not end inside a UTF-8 multi-byte sequence. */
function completeUtf8Prefix(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = bytes[end - back] as number;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    if (need > back) end -= back;
    break;
  }
  return bytes.subarray(0, end);
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Has at least one well-formed multi-byte UTF-8 sequence (evidence that the file is UTF-8). */
function hasUtf8Sequence(bytes: Uint8Array): boolean {
  for (let i = 0; i + 1 < bytes.length; i++) {
    const b = bytes[i] as number;
    const c = bytes[i + 1] as number;
    if (b >= 0xc2 && b <= 0xf4 && (c & 0xc0) === 0x80) return true;
  }
  return false;
}

/** The place of a byte, for messages: 1-based line (LF, CRLF or CR ends a line) and byte position in the file. */
class BytePosition {
  private line = 1;
  private cr = false;
  constructor(private offset: number) {}

  /** Where `bytes[index]` is, `bytes` being the next bytes after those already counted. */
  describe(bytes: Uint8Array, index: number): string {
    let line = this.line;
    let cr = this.cr;
    for (let i = 0; i < index; i++) {
      const b = bytes[i] as number;
      if (b === 0x0a) {
        if (!cr) line++;
        cr = false;
      } else if (b === 0x0d) {
        line++;
        cr = true;
      } else cr = false;
    }
    return `riga ${line}, byte ${(this.offset + index + 1).toLocaleString("it-IT")} del file`;
  }

  advance(bytes: Uint8Array): void {
    for (const b of bytes) {
      if (b === 0x0a) {
        if (!this.cr) this.line++;
        this.cr = false;
      } else if (b === 0x0d) {
        this.line++;
        this.cr = true;
      } else this.cr = false;
    }
    this.offset += bytes.length;
  }
}

/** Bytes Windows-1252 leaves undefined: a decoder would turn them into "�" without a word. */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
/** Accented vowels after a letter ("città", "perché", "più") in each code page. */
const CP850_VOWELS = new Set([0x85, 0x8a, 0x82, 0x8d, 0x95, 0x97, 0xa0, 0xa1, 0xa2, 0xa3, 0x90]);
const CP1252_VOWELS = new Set([0xe0, 0xe8, 0xe9, 0xec, 0xf2, 0xf9, 0xe1, 0xed, 0xf3, 0xfa, 0xc0, 0xc8, 0xc9, 0xcc, 0xd2, 0xd9]);
/** Typographic quotes, dashes and the euro sign, common in Windows-1252 text, rare in DOS text. */
const CP1252_PUNCTUATION = new Set([0x80, 0x91, 0x92, 0x93, 0x94, 0x96]);

const isAsciiLetter = (b: number) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);

/** Which single-byte code page the non-UTF-8 bytes read as Italian text in. */
function singleByteCodePage(bytes: Uint8Array): "win1252" | "cp850" {
  let dos = 0;
  let windows = 0;
  for (let i = 1; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b < 0x80) continue;
    if (CP1252_PUNCTUATION.has(b)) windows++;
    if (!isAsciiLetter(bytes[i - 1] as number)) continue;
    if (CP850_VOWELS.has(b)) dos++;
    else if (CP1252_VOWELS.has(b)) windows++;
  }
  return dos > windows ? "cp850" : "win1252";
}

const hex = (b: number) => `0x${b.toString(16).toUpperCase().padStart(2, "0")}`;

/** Refuses bytes undefined in Windows-1252, naming the first one and its place. */
function checkCp1252(bytes: Uint8Array, position: BytePosition): void {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b >= 0x81 && b <= 0x9d && CP1252_UNDEFINED.has(b)) {
      throw new FileRejected(
        `Il byte ${hex(b)} (${position.describe(bytes, i)}) non esiste nella codifica Windows-1252 del file: il testo ` +
          "non sarebbe letto correttamente. Aprire il file e salvarlo di nuovo come «CSV UTF-8».",
      );
    }
  }
}

/** Index of the first byte that is not valid UTF-8, or -1 (a sequence cut at the end counts as valid when `partial`). */
export function firstInvalidUtf8(bytes: Uint8Array, partial = false): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length) return partial ? -1 : i;
      const c = bytes[i + k] as number;
      if (c < (k === 1 ? low : 0x80) || c > (k === 1 ? high : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Detects the encoding from the first bytes of the file (a sample of up to 1 MB). */
export function detectEncoding(sample: Uint8Array): DetectedEncoding {
  if (sample.length === 0) throw new FileRejected("Il file è vuoto (0 byte).");
  if (startsWith(sample, [0xef, 0xbb, 0xbf])) return { encoding: "UTF-8 con BOM", bomLength: 3, codec: "utf8" };
  if (startsWith(sample, [0xff, 0xfe])) return { encoding: "UTF-16LE", bomLength: 2, codec: "utf16le" };
  if (startsWith(sample, [0xfe, 0xff])) return { encoding: "UTF-16BE", bomLength: 2, codec: "utf16be" };
  for (const [magic, message] of MAGIC) if (startsWith(sample, magic)) throw new FileRejected(message);

  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i] as number;
    if (b === 0) {
      throw new FileRejected(
        `Il file contiene byte nulli (il primo alla ${new BytePosition(0).describe(sample, i)}): non è un file di testo ` +
          "(forse un file binario o UTF-16 senza BOM).",
      );
    }
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) controls++;
  }
  if (controls > Math.max(8, sample.length / 200)) {
    throw new FileRejected("Il file contiene caratteri di controllo: non sembra un file di testo CSV.");
  }
  const prefix = completeUtf8Prefix(sample);
  if (isValidUtf8(prefix)) return { encoding: "UTF-8", bomLength: 0, codec: "utf8", asciiOnly: prefix.every((b) => b < 0x80) };
  if (hasUtf8Sequence(prefix)) {
    const at = firstInvalidUtf8(prefix);
    throw new FileRejected(
      "Codifica mista: il file contiene sia caratteri UTF-8 sia caratteri in un'altra codifica (Windows-1252)" +
        (at >= 0 ? `, il primo alla ${new BytePosition(0).describe(prefix, at)}` : "") +
        ". Salvarlo di nuovo con una sola codifica, per esempio «CSV UTF-8» in Excel.",
    );
  }
  if (singleByteCodePage(sample) === "cp850") return { encoding: "DOS (CP850)", bomLength: 0, codec: "cp850" };
  checkCp1252(sample, new BytePosition(0));
  return { encoding: "Windows-1252", bomLength: 0, codec: "win1252" };
}

export interface StreamDecoder {
  write(chunk: Uint8Array): string;
  end(): string;
  /** The encoding actually used: it changes when an ASCII-looking file turns out to be Windows-1252. */
  encoding(): Encoding;
}

function mixedEncoding(place: string): FileRejected {
  return new FileRejected(
    `Codifica mista: una parte del file non è UTF-8 valido (${place}; probabilmente Windows-1252). Salvarlo di nuovo con una sola codifica.`,
  );
}

/**
 * A streaming decoder for the detected encoding. UTF-8 is decoded strictly.
 * A file whose sample was plain ASCII may still be single-byte with its
 * first accented letter further on: at the first invalid byte, if no UTF-8
 * character has been seen so far, decoding continues as Windows-1252 or
 * CP850 (identical to ASCII for what came before). After a real UTF-8
 * character, an invalid byte is a mixed encoding and an error, never a silent
 * replacement character; so is a byte undefined in Windows-1252. Errors name
 * the line and the byte position.
 */
export function createDecoder(detected: DetectedEncoding): StreamDecoder {
  const position = new BytePosition(detected.bomLength);
  let singleByteEnd = () => "";
  const singleByte = (codec: string) => {
    const decoder = iconv.getDecoder(codec);
    singleByteEnd = () => decoder.end() ?? "";
    return (chunk: Uint8Array) => {
      if (codec === "win1252") checkCp1252(chunk, position);
      return decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    };
  };
  if (detected.codec !== "utf8") {
    // Single-byte code pages and UTF-16 (whose decoder may hold half a character between chunks).
    const write = singleByte(detected.codec);
    return {
      write: (chunk) => {
        const text = write(chunk);
        position.advance(chunk);
        return text;
      },
      end: () => singleByteEnd(),
      encoding: () => detected.encoding,
    };
  }
  let utf8 = new TextDecoder("utf-8", { fatal: true });
  let fallback: { write: (chunk: Uint8Array) => string; encoding: Encoding } | null = null;
  let sawMultibyte = false;
  let pending: Uint8Array = new Uint8Array(0);
  const decodeUtf8 = (chunk: Uint8Array, stream: boolean): string => {
    try {
      const text = utf8.decode(chunk, { stream });
      if (!sawMultibyte && /[^\x00-\x7f]/.test(text)) sawMultibyte = true;
      pending = stream ? chunk.subarray(Math.max(0, chunk.length - 3)) : new Uint8Array(0);
      return text;
    } catch {
      if (!detected.asciiOnly || sawMultibyte) throw mixedEncoding(position.describe(chunk, Math.max(0, firstInvalidUtf8(chunk, stream))));
      // Everything decoded so far was ASCII: restart this chunk in a single-byte code page.
      // A partial sequence held from the previous chunk is at most its last 3 bytes.
      const held = Uint8Array.from([...pending.filter((b) => b >= 0x80), ...chunk]);
      const codec = singleByteCodePage(held);
      fallback = { write: singleByte(codec), encoding: codec === "cp850" ? "DOS (CP850)" : "Windows-1252" };
      utf8 = new TextDecoder("utf-8", { fatal: true });
      return fallback.write(held);
    }
  };
  return {
    write: (chunk) => {
      const text = fallback ? fallback.write(chunk) : decodeUtf8(chunk, true);
      position.advance(chunk);
      return text;
    },
    end: () => (fallback ? singleByteEnd() : decodeUtf8(new Uint8Array(0), false)),
    encoding: () => fallback?.encoding ?? detected.encoding,
  };
}
