import yauzl from "yauzl";
import { FileRejected } from "../csv/decode";

/**
 * The zip container of .xlsx and .ods files, read with yauzl: the central
 * directory is read from the end of the file on disk (random access, so the
 * sheet can be read twice without unpacking it anywhere), entries are
 * inflated as streams by node's zlib, and yauzl checks each entry's bytes
 * against the sizes the directory declares. On top of that, every entry is
 * bounded before it is opened: a zip bomb (a small file that inflates to
 * gigabytes) is refused by its declared size or its compression ratio, and
 * the declared size is then enforced while inflating.
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
    return new ZipArchive(zip, entries, label);
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
    const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
      this.zip.openReadStream(found.entry, (error, s) => (error ? reject(damaged(this.label, error)) : resolve(s))),
    );
    const decoder = new TextDecoder("utf-8", { fatal: true });
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        let text: string;
        try {
          text = decoder.decode(chunk, { stream: true });
        } catch {
          throw new FileRejected(`La parte «${found.name}» del file ${this.label} non è testo UTF-8 valido: il file è danneggiato.`);
        }
        if (text) yield text;
      }
    } catch (error) {
      throw error instanceof FileRejected ? error : damaged(this.label, error);
    } finally {
      (stream as unknown as { destroy?: () => void }).destroy?.();
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
