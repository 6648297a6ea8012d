import iconv from "iconv-lite";

/**
 * Encoding detection, per file and never asked: a BOM decides (UTF-8,
 * UTF-16 LE/BE); otherwise valid UTF-8 is UTF-8 and anything else is
 * Windows-1252 (a superset of ISO-8859-1 for text, as Excel writes it).
 * Binary files are recognised by their magic numbers or by NUL bytes.
 */
export type Encoding = "UTF-8" | "UTF-8 con BOM" | "UTF-16LE" | "UTF-16BE" | "Windows-1252";

export class FileRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FileRejected";
  }
}

const MAGIC: [number[], string][] = [
  [[0x50, 0x4b, 0x03, 0x04], "Il file è un archivio ZIP o un foglio Excel (.xlsx): aprirlo in Excel e salvarlo come «CSV (delimitato dal separatore di elenco)»."],
  [[0xd0, 0xcf, 0x11, 0xe0], "Il file è un foglio Excel 97-2003 (.xls): aprirlo in Excel e salvarlo come CSV."],
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

/** Detects the encoding from the first bytes of the file (a sample of up to 1 MB). */
export function detectEncoding(sample: Uint8Array): DetectedEncoding {
  if (sample.length === 0) throw new FileRejected("Il file è vuoto (0 byte).");
  if (startsWith(sample, [0xef, 0xbb, 0xbf])) return { encoding: "UTF-8 con BOM", bomLength: 3, codec: "utf8" };
  if (startsWith(sample, [0xff, 0xfe])) return { encoding: "UTF-16LE", bomLength: 2, codec: "utf16le" };
  if (startsWith(sample, [0xfe, 0xff])) return { encoding: "UTF-16BE", bomLength: 2, codec: "utf16be" };
  for (const [magic, message] of MAGIC) if (startsWith(sample, magic)) throw new FileRejected(message);

  let controls = 0;
  for (const b of sample) {
    if (b === 0) throw new FileRejected("Il file contiene byte nulli: non è un file di testo (forse un file binario o UTF-16 senza BOM).");
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) controls++;
  }
  if (controls > Math.max(8, sample.length / 200)) {
    throw new FileRejected("Il file contiene caratteri di controllo: non sembra un file di testo CSV.");
  }
  const prefix = completeUtf8Prefix(sample);
  if (isValidUtf8(prefix)) return { encoding: "UTF-8", bomLength: 0, codec: "utf8", asciiOnly: prefix.every((b) => b < 0x80) };
  if (hasUtf8Sequence(prefix)) {
    throw new FileRejected(
      "Codifica mista: il file contiene sia caratteri UTF-8 sia caratteri in un'altra codifica (Windows-1252). " +
        "Salvarlo di nuovo con una sola codifica, per esempio «CSV UTF-8» in Excel.",
    );
  }
  return { encoding: "Windows-1252", bomLength: 0, codec: "win1252" };
}

export interface StreamDecoder {
  write(chunk: Uint8Array): string;
  end(): string;
  /** The encoding actually used: it changes when an ASCII-looking file turns out to be Windows-1252. */
  encoding(): Encoding;
}

const MIXED_MESSAGE =
  "Codifica mista: una parte del file non è UTF-8 valido (probabilmente Windows-1252). Salvarlo di nuovo con una sola codifica.";

/**
 * A streaming decoder for the detected encoding. UTF-8 is decoded strictly.
 * A file whose sample was plain ASCII may still be Windows-1252 with its
 * first accented letter further on: at the first invalid byte, if no UTF-8
 * character has been seen so far, decoding continues as Windows-1252
 * (identical to ASCII for what came before). After a real UTF-8 character,
 * an invalid byte is a mixed encoding and an error, never a silent
 * replacement character.
 */
export function createDecoder(detected: DetectedEncoding): StreamDecoder {
  if (detected.codec !== "utf8") {
    const decoder = iconv.getDecoder(detected.codec);
    return {
      write: (chunk) => decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)),
      end: () => decoder.end() ?? "",
      encoding: () => detected.encoding,
    };
  }
  let utf8 = new TextDecoder("utf-8", { fatal: true });
  let fallback: ReturnType<typeof iconv.getDecoder> | null = null;
  let sawMultibyte = false;
  let pending: Uint8Array = new Uint8Array(0);
  const decodeUtf8 = (chunk: Uint8Array, stream: boolean): string => {
    try {
      const text = utf8.decode(chunk, { stream });
      if (!sawMultibyte && /[^\x00-\x7f]/.test(text)) sawMultibyte = true;
      pending = stream ? chunk.subarray(Math.max(0, chunk.length - 3)) : new Uint8Array(0);
      return text;
    } catch {
      if (!detected.asciiOnly || sawMultibyte) throw new FileRejected(MIXED_MESSAGE);
      // Everything decoded so far was ASCII: restart this chunk as Windows-1252.
      // A partial sequence held from the previous chunk is at most its last 3 bytes.
      fallback = iconv.getDecoder("win1252");
      utf8 = new TextDecoder("utf-8", { fatal: true });
      const held = pending.filter((b) => b >= 0x80);
      return fallback.write(Buffer.from([...held, ...chunk]));
    }
  };
  return {
    write: (chunk) => (fallback ? fallback.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)) : decodeUtf8(chunk, true)),
    end: () => (fallback ? (fallback.end() ?? "") : decodeUtf8(new Uint8Array(0), false)),
    encoding: () => (fallback ? "Windows-1252" : detected.encoding),
  };
}
