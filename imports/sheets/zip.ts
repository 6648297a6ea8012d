import fs from "node:fs";
import zlib from "node:zlib";
import yauzl from "yauzl";
import { FileRejected } from "../csv/decode";

/**
 * The zip container of .xlsx and .ods files. yauzl reads and checks the
 * central directory from the end of the file on disk and each entry's local
 * header (random access, so the sheet can be read twice without unpacking it
 * anywhere); the entry's data is then read from the file and inflated as a
 * stream by node's zlib, its length and CRC-32 checked against the directory.
 * Every entry is bounded before it is opened: a zip bomb (a small file that
 * inflates to gigabytes) is refused by its declared size or its compression
 * ratio, and the declared size is enforced while inflating.
 */
export const MAX_ENTRY_BYTES = 2 * 1024 * 1024 * 1024;
/** Spreadsheet XML compresses 5–20×; a long run of one repeated cell can reach ~100×. Deflate's ceiling is ~1032×. */
export const MAX_RATIO = 200;
/** Below this an entry is never refused for its ratio (a tiny file of repeated spaces). */
const RATIO_FREE_BYTES = 8 * 1024 * 1024;
const MAX_ENTRIES = 10_000;

export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  entry: yauzl.Entry;
}

export class ZipArchive {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    readonly entries: ReadonlyMap<string, ZipEntry>,
    private readonly label: string,
    private readonly filePath: string,
  ) {}

  static async open(filePath: string, label: string): Promise<ZipArchive> {
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(filePath, { lazyEntries: true, autoClose: false, strictFileNames: false }, (error, file) => (error ? reject(damaged(label, error)) : resolve(file))),
    );
    if (zip.entryCount > MAX_ENTRIES) {
      zip.close();
      throw new FileRejected(`Il file ${label} contiene ${zip.entryCount.toLocaleString("it-IT")} parti compresse: troppe per un foglio di calcolo.`);
    }
    const entries = new Map<string, ZipEntry>();
    try {
      await new Promise<void>((resolve, reject) => {
        zip.on("entry", (entry: yauzl.Entry) => {
          // Names are case-insensitive in practice (some writers use "xl/SharedStrings.xml").
          entries.set(entry.fileName.replace(/^\/+/, "").toLowerCase(), { name: entry.fileName, compressedSize: entry.compressedSize, uncompressedSize: entry.uncompressedSize, entry });
          zip.readEntry();
        });
        zip.on("end", () => resolve());
        zip.on("error", (error: Error) => reject(damaged(label, error)));
        zip.readEntry();
      });
    } catch (error) {
      zip.close();
      throw error;
    }
    return new ZipArchive(zip, entries, label, filePath);
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  close(): void {
    this.zip.close();
  }

  /**
   * The entry's text, streamed in chunks of decoded UTF-8; `maxBytes` lowers
   * the bound for parts that are held whole (workbook, relationships, styles).
   */
  async *text(name: string, maxBytes = MAX_ENTRY_BYTES): AsyncGenerator<string> {
    const found = this.entries.get(name.toLowerCase());
    if (!found) throw new FileRejected(`Nel file ${this.label} manca la parte «${name}»: il file è danneggiato o incompleto.`);
    const { compressedSize, uncompressedSize } = found;
    if (uncompressedSize > maxBytes || (uncompressedSize > RATIO_FREE_BYTES && uncompressedSize > compressedSize * MAX_RATIO)) {
      throw new FileRejected(
        `Il file ${this.label} si espande in modo anomalo (la parte «${found.name}» passa da ${compressedSize.toLocaleString("it-IT")} a ` +
          `${uncompressedSize.toLocaleString("it-IT")} byte una volta decompressa): non viene letto. Se è un foglio legittimo, salvarlo come CSV.`,
      );
    }
    const { entry } = found;
    if (entry.isEncrypted()) throw new FileRejected(`Il file ${this.label} è protetto da password: salvarlo senza password e importarlo di nuovo.`);
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      throw new FileRejected(`La parte «${found.name}» del file ${this.label} usa una compressione che non si legge (metodo ${entry.compressionMethod}): salvarlo di nuovo dal programma che l'ha creato.`);
    }
    const { fileDataStart } = await this.zip.readLocalFileHeaderPromise(entry, { minimal: true }).catch((error: unknown) => {
      throw damaged(this.label, error);
    });
    // The data is read in 1 MB blocks and inflated into 1 MB chunks: each chunk is one trip through
    // zlib's thread pool, and with yauzl's 16 KB default a sheet read six times slower than a CSV.
    const raw = fs.createReadStream(this.filePath, { start: fileDataStart, end: fileDataStart + Math.max(0, compressedSize - 1), highWaterMark: 1 << 20 });
    let stream: NodeJS.ReadableStream & { destroy(error?: Error): void } = raw;
    if (entry.compressionMethod === 8) {
      const inflate = zlib.createInflateRaw({ chunkSize: 1 << 20 });
      raw.on("error", (error) => inflate.destroy(error));
      stream = raw.pipe(inflate);
    }
    const decoder = new TextDecoder("utf-8", { fatal: true });
    let bytes = 0;
    let crc = 0;
    try {
      for await (const chunk of (compressedSize === 0 ? [] : stream) as AsyncIterable<Buffer>) {
        // The declared size bounds the inflation: a header that lies about it stops here, not at the disk's end.
        bytes += chunk.length;
        if (bytes > uncompressedSize) throw damaged(this.label, new Error("too many bytes"));
        crc = zlib.crc32(chunk, crc);
        let text: string;
        try {
          text = decoder.decode(chunk, { stream: true });
        } catch {
          throw new FileRejected(`La parte «${found.name}» del file ${this.label} non è testo UTF-8 valido: il file è danneggiato.`);
        }
        if (text) yield text;
      }
      if (bytes !== uncompressedSize || crc !== entry.crc32) throw damaged(this.label, new Error("crc"));
    } catch (error) {
      throw error instanceof FileRejected ? error : damaged(this.label, error);
    } finally {
      stream.destroy();
      raw.destroy();
    }
  }

  /** A small entry whole (workbook, relationships, styles, the ODS manifest). */
  async whole(name: string, maxBytes: number): Promise<string> {
    let out = "";
    for await (const chunk of this.text(name, maxBytes)) out += chunk;
    return out;
  }
}

function damaged(label: string, error: unknown): FileRejected {
  const detail = error instanceof Error ? error.message : "";
  return new FileRejected(
    `Il file ${label} è danneggiato o incompleto e non si può aprire${/invalid|corrupt|crc|too (many|few) bytes|signature/i.test(detail) ? " (l'archivio compresso non è integro)" : ""}: ` +
      "salvarlo di nuovo dal programma che l'ha creato, oppure come CSV.",
  );
}
