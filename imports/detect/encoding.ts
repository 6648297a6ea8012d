import iconv from "iconv-lite";
import { FileError } from "../validate/errors";
import { binaryFormatMessage } from "./magic";
import { findUtf8InLatin, lineAtOffset, scanUtf8 } from "./utf8-scan";

/**
 * Encoding detection, per file and never asked: a BOM decides (UTF-8,
 * UTF-16 LE/BE); otherwise valid UTF-8 is UTF-8 and anything else is
 * Windows-1252 (Excel's "CSV" on Italian Windows; a superset of ISO-8859-1
 * for printable text). A file with both real UTF-8 sequences and stray high
 * bytes is an error that names the line, never a silent guess.
 */
export type EncodingName = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1252";

export const ENCODING_LABELS_IT: Record<EncodingName, string> = {
  "utf-8": "UTF-8",
  "utf-8-bom": "UTF-8 con BOM",
  "utf-16le": "UTF-16 LE (Unicode) con BOM",
  "utf-16be": "UTF-16 BE (Unicode) con BOM",
  "windows-1252": "Windows-1252 (ISO-8859-1)",
};

export interface DetectedEncoding {
  encoding: EncodingName;
  bomLength: number;
  /** UTF-8 without any non-ASCII byte in the sample: the rest of the file may still turn out Windows-1252. */
  asciiOnly: boolean;
}

const mixedMessage = (line: number) =>
  `Codifica mista alla riga ${line}: il file contiene sia caratteri UTF-8 sia caratteri in un'altra codifica (Windows-1252). ` +
  "Salvalo di nuovo con una sola codifica, per esempio «CSV UTF-8» in Excel.";

export function mixedEncodingError(line: number): FileError {
  return new FileError("mixed-encoding", mixedMessage(line), line);
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b);
}

/** Rejects NUL bytes and runs of control characters: not a text file. */
function checkControlBytes(sample: Uint8Array): void {
  let controls = 0;
  let nulEven = 0;
  let nulOdd = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i] as number;
    if (b === 0) {
      if (i % 2 === 0) nulEven++;
      else nulOdd++;
    } else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && !(b === 0x1a && i === sample.length - 1)) {
      controls++;
    }
  }
  const nul = nulEven + nulOdd;
  if (nul > 0) {
    // Text in UTF-16 has a NUL in every other byte.
    const utf16 = sample.length >= 8 && Math.max(nulEven, nulOdd) > sample.length / 3 && Math.min(nulEven, nulOdd) === 0;
    throw new FileError(
      "binary",
      utf16
        ? "Il file sembra in UTF-16 ma senza BOM: salvalo come «CSV UTF-8» oppure come «Testo Unicode» da Excel."
        : "Il file contiene byte nulli: non è un file di testo CSV (forse un file binario).",
    );
  }
  if (controls > Math.max(8, sample.length / 100)) {
    throw new FileError("binary", "Il file contiene molti caratteri di controllo: non sembra un file di testo CSV.");
  }
}

/**
 * Detects the encoding from the first bytes of the file. `sample` may end in
 * the middle of a character. Throws FileError for empty, binary and mixed files.
 */
export function detectEncoding(sample: Uint8Array): DetectedEncoding {
  if (sample.length === 0) throw new FileError("empty", "Il file è vuoto (0 byte).");
  if (startsWith(sample, [0xef, 0xbb, 0xbf])) return { encoding: "utf-8-bom", bomLength: 3, asciiOnly: false };
  if (startsWith(sample, [0xff, 0xfe, 0x00, 0x00])) {
    throw new FileError("binary", "Il file è in UTF-32, non supportato: salvalo come «CSV UTF-8».");
  }
  if (startsWith(sample, [0xff, 0xfe])) return { encoding: "utf-16le", bomLength: 2, asciiOnly: false };
  if (startsWith(sample, [0xfe, 0xff])) return { encoding: "utf-16be", bomLength: 2, asciiOnly: false };
  const binary = binaryFormatMessage(sample);
  if (binary) throw new FileError("binary", binary);
  checkControlBytes(sample);

  const scan = scanUtf8(sample);
  if (scan.firstInvalid < 0) return { encoding: "utf-8", bomLength: 0, asciiOnly: scan.multibyte === 0 };
  if (scan.multibyte > 0) {
    // Name the minority: the stray bytes in a UTF-8 file, the UTF-8 in a Windows-1252 one.
    const at = scan.invalid > scan.multibyte ? scan.firstMultibyte : scan.firstInvalid;
    throw mixedEncodingError(lineAtOffset(sample, at));
  }
  return { encoding: "windows-1252", bomLength: 0, asciiOnly: false };
}

export interface StreamDecoder {
  /** Decodes the next chunk (the BOM, if any, must already be removed). Throws FileError on mixed encodings. */
  write(chunk: Uint8Array): string;
  end(): string;
  /** The encoding in force: an ASCII-only UTF-8 start switches to Windows-1252 at its first stray byte. */
  readonly encoding: EncodingName;
}

/**
 * A streaming decoder for the detected encoding, with bounded memory. UTF-8 is
 * checked strictly: a stray byte after real UTF-8 is a mixed encoding, named by line.
 */
export function createStreamDecoder(detected: DetectedEncoding): StreamDecoder {
  if (detected.encoding === "utf-16le" || detected.encoding === "utf-16be") {
    const decoder = new TextDecoder(detected.encoding);
    return {
      encoding: detected.encoding,
      write: (chunk) => decoder.decode(chunk, { stream: true }),
      end: () => decoder.decode(),
    };
  }
  return new EightBitDecoder(detected);
}

class EightBitDecoder implements StreamDecoder {
  encoding: EncodingName;
  private sawUtf8: boolean;
  private pending: Uint8Array = new Uint8Array(0);
  private lines = 0;
  private readonly utf8 = new TextDecoder("utf-8");

  constructor(detected: DetectedEncoding) {
    this.encoding = detected.encoding;
    this.sawUtf8 = detected.encoding === "utf-8-bom" || (detected.encoding === "utf-8" && !detected.asciiOnly);
  }

  write(chunk: Uint8Array): string {
    const bytes = this.pending.length > 0 ? concat(this.pending, chunk) : chunk;
    this.pending = new Uint8Array(0);
    if (bytes.indexOf(0) >= 0) {
      throw new FileError("binary", `Il file contiene byte nulli alla riga ${lineAtOffset(bytes, bytes.indexOf(0), this.lines)}: non è un file di testo CSV.`);
    }
    if (this.encoding === "windows-1252") return this.latinText(bytes);
    const scan = scanUtf8(bytes);
    if (scan.firstInvalid >= 0) {
      if (this.sawUtf8 || scan.multibyte > 0) throw mixedEncodingError(lineAtOffset(bytes, scan.firstInvalid, this.lines));
      // Only ASCII so far: the file was Windows-1252 all along.
      this.encoding = "windows-1252";
      return this.latinText(bytes);
    }
    if (scan.multibyte > 0) this.sawUtf8 = true;
    const complete = bytes.length - scan.incompleteTail;
    if (scan.incompleteTail > 0) this.pending = bytes.slice(complete);
    return this.countAndDecode(bytes.subarray(0, complete), (b) => this.utf8.decode(b));
  }

  end(): string {
    if (this.pending.length === 0) return "";
    const rest = this.pending;
    this.pending = new Uint8Array(0);
    if (this.encoding === "windows-1252" || !this.sawUtf8) {
      this.encoding = "windows-1252";
      return this.countAndDecode(rest, decodeLatin);
    }
    throw mixedEncodingError(this.lines + 1);
  }

  private latinText(bytes: Uint8Array): string {
    const at = findUtf8InLatin(bytes);
    if (at >= 0) throw mixedEncodingError(lineAtOffset(bytes, at, this.lines));
    // A pair split across chunks would slip through; keep the last byte for the next round.
    const last = bytes[bytes.length - 1];
    if (last === 0xc3 || last === 0xc2 || last === 0xe2) {
      this.pending = bytes.slice(bytes.length - 1);
      return this.countAndDecode(bytes.subarray(0, bytes.length - 1), decodeLatin);
    }
    return this.countAndDecode(bytes, decodeLatin);
  }

  private countAndDecode(bytes: Uint8Array, decode: (b: Uint8Array) => string): string {
    for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) this.lines++;
    return decode(bytes);
  }
}

/** iconv-lite, because Node's TextDecoder("windows-1252") decodes 0x80–0x9F as ISO-8859-1 controls (’ € “ ” lost). */
function decodeLatin(bytes: Uint8Array): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "win1252");
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Whole-buffer convenience: detects, strips the BOM and decodes. */
export function decodeBytes(bytes: Uint8Array): { text: string; encoding: EncodingName } {
  const detected = detectEncoding(bytes);
  const decoder = createStreamDecoder(detected);
  const text = decoder.write(bytes.subarray(detected.bomLength)) + decoder.end();
  return { text, encoding: decoder.encoding };
}
