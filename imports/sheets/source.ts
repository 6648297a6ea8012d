import fs from "node:fs";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { createDecoder, detectEncoding, FileRejected, type DetectedEncoding } from "../csv/decode";
import { detectDialect, readRecords } from "../csv/read";
import type { CsvRecord } from "../csv/records";
import { ZipArchive } from "./zip";
import { openXlsx, xlsxRecords } from "./xlsx";
import { odsRecords, odsSheets } from "./ods";
import { htmlRecords, htmlTables } from "./html";
import { xml2003Records, xml2003Sheets } from "./xml2003";

/**
 * Where an import's rows come from: a CSV file, or one sheet of a
 * spreadsheet (.xlsx, .ods, and the HTML and Excel 2003 XML files that Excel
 * and many web applications save with an .xls name). Every source gives the
 * CSV path's records (the cells as text, the line or row number as the user's
 * program shows it), so header detection, title rows, notes, totals and
 * every check after that are the same for all of them.
 */
export interface TableSource {
  /** What the report shows as "codifica": the text encoding, or the spreadsheet's format. */
  encoding: string;
  /** The CSV delimiter (null for a spreadsheet). */
  delimiter: string | null;
  /** The delimiter the number conventions follow (";" for sheets: a comma is decimal, as values.ts writes numbers). */
  conventionDelimiter: string;
  /** The first records, for the header and kind detection. */
  sampleRecords: CsvRecord[];
  /** Every record, streamed; can be called again for another pass. */
  records(onEncoding?: (encoding: string) => void): AsyncGenerator<CsvRecord>;
  /** The sheet read (null for a CSV) and every sheet of the file, for the preview's choice. */
  sheet: string | null;
  sheets: string[];
  /** What the preview says about how the file was read. */
  notes: string[];
  close(): void;
}

export interface SourceOptions {
  /** The sheet to read: its name or its number (1 = the first); default the first sheet with data. */
  sheet?: string | null;
}

const SAMPLE_RECORDS = 60;
const YIELD_EVERY_MS = 20;

/** Lets other requests through now and then while a large sheet is read (as read.ts does for CSV). */
async function* yielding(records: AsyncIterable<CsvRecord>): AsyncGenerator<CsvRecord> {
  let last = performance.now();
  for await (const r of records) {
    yield r;
    if (performance.now() - last > YIELD_EVERY_MS) {
      await yieldToEventLoop();
      last = performance.now();
    }
  }
}

async function firstRecords(records: AsyncIterable<CsvRecord>, n: number): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  if (n <= 0) return out;
  for await (const r of records) {
    out.push(r);
    if (out.length >= n) break;
  }
  return out;
}

function head(filePath: string, bytes: number): Buffer {
  const fd = fs.openSync(filePath, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    return buffer.subarray(0, fs.readSync(fd, buffer, 0, bytes, 0));
  } finally {
    fs.closeSync(fd);
  }
}

const quoted = (names: readonly string[]) => names.map((n) => `«${n}»`).join(", ");

interface Sheet {
  name: string;
  hidden: boolean;
  records: () => AsyncGenerator<CsvRecord>;
}

/**
 * The sheet the user asked for (by name, ignoring case and outer spaces, or
 * by number), or the first visible sheet with data; with its sample.
 */
async function chooseSheet(sheets: Sheet[], wanted: string | null | undefined, fileLabel: string): Promise<{ sheet: Sheet; sample: CsvRecord[]; notes: string[] }> {
  const names = sheets.map((s) => s.name);
  if (wanted != null && wanted.trim() !== "") {
    const w = wanted.trim();
    const byName = sheets.find((s) => s.name.trim().toLowerCase() === w.toLowerCase());
    const number = /^\d+$/.test(w) ? Number(w) : NaN;
    const sheet = byName ?? (number >= 1 && number <= sheets.length ? sheets[number - 1] : undefined);
    if (!sheet) throw new FileRejected(`Il foglio «${w}» non c'è nel file ${fileLabel}. Fogli del file: ${quoted(names)}.`);
    const sample = await firstRecords(sheet.records(), SAMPLE_RECORDS);
    if (sample.length === 0) throw new FileRejected(`Il foglio «${sheet.name}» è vuoto. Fogli del file: ${quoted(names)}.`);
    return { sheet, sample, notes: sheets.length > 1 ? [`Letto il foglio «${sheet.name}», scelto tra ${sheets.length}: ${quoted(names)}.`] : [] };
  }
  for (const sheet of sheets) {
    if (sheet.hidden) continue;
    const sample = await firstRecords(sheet.records(), SAMPLE_RECORDS);
    if (sample.length === 0) continue;
    const others = names.filter((n) => n !== sheet.name);
    const notes = others.length > 0 ? [`Letto il foglio «${sheet.name}», il primo con dati; il file ha anche ${quoted(others)}: per leggerne un altro, sceglierlo.`] : [];
    return { sheet, sample, notes };
  }
  throw new FileRejected(`Tutti i fogli del file ${fileLabel} sono vuoti${sheets.length > 1 ? ` (${quoted(names)})` : ""}.`);
}

function sheetSource(format: string, chosen: { sheet: Sheet; sample: CsvRecord[]; notes: string[] }, sheets: Sheet[], close: () => void): TableSource {
  return {
    encoding: format,
    delimiter: null,
    conventionDelimiter: ";",
    sampleRecords: chosen.sample,
    records: () => yielding(chosen.sheet.records()),
    sheet: chosen.sheet.name,
    sheets: sheets.map((s) => s.name),
    notes: chosen.notes,
    close,
  };
}

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

async function openZip(filePath: string, options: SourceOptions): Promise<TableSource> {
  const zip = await ZipArchive.open(filePath, "(un archivio ZIP, come i fogli .xlsx e .ods)");
  try {
    if (zip.has("xl/workbook.xml") || zip.has("_rels/.rels") && !zip.has("mimetype")) {
      const book = await openXlsx(zip);
      const sheets = book.sheets.map((s) => ({ name: s.name, hidden: s.hidden, records: () => xlsxRecords(zip, book, s) }));
      return sheetSource("Excel (.xlsx)", await chooseSheet(sheets, options.sheet, ".xlsx"), sheets, () => zip.close());
    }
    if (zip.has("word/document.xml")) throw new FileRejected("Il file è un documento Word (.docx), non un foglio di calcolo: esportare i dati come .xlsx o CSV.");
    if (zip.has("ppt/presentation.xml")) throw new FileRejected("Il file è una presentazione PowerPoint (.pptx), non un foglio di calcolo.");
    if (zip.has("content.xml") && zip.has("mimetype")) {
      const mime = (await zip.whole("mimetype", 1024)).trim();
      if (mime !== "application/vnd.oasis.opendocument.spreadsheet") {
        throw new FileRejected(`Il file è un documento OpenDocument (${mime || "tipo sconosciuto"}), non un foglio di calcolo .ods: esportare i dati come .ods, .xlsx o CSV.`);
      }
      const found = await odsSheets(zip);
      const sheets = found.map((s, i) => ({ name: s.name, hidden: s.hidden, records: () => odsRecords(zip, i, s.name) }));
      return sheetSource("OpenDocument (.ods)", await chooseSheet(sheets, options.sheet, ".ods"), sheets, () => zip.close());
    }
    throw new FileRejected("Il file è un archivio ZIP che non contiene un foglio di calcolo (.xlsx o .ods): estrarre il file CSV o il foglio e importare quello.");
  } catch (error) {
    zip.close();
    throw error;
  }
}

/** The file's text, decoded in chunks as the CSV reader decodes it (encoding detected on the first megabyte). */
async function* textChunks(filePath: string, detected: DetectedEncoding): AsyncGenerator<string> {
  const decoder = createDecoder(detected);
  let skip = detected.bomLength;
  const stream = fs.createReadStream(filePath, { highWaterMark: 64 * 1024 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let bytes: Uint8Array = chunk;
      if (skip > 0) {
        const cut = Math.min(skip, bytes.length);
        bytes = bytes.subarray(cut);
        skip -= cut;
      }
      const text = decoder.write(bytes);
      if (text) yield text;
    }
    const rest = decoder.end();
    if (rest) yield rest;
  } finally {
    stream.destroy();
  }
}

/** What a text file that starts with "<" is: Excel 2003 XML, an HTML page, or neither. */
function markupKind(sample: string): "xml2003" | "html" | "other" | null {
  const start = sample.replace(/^\uFEFF/, "").trimStart();
  if (!start.startsWith("<")) return null;
  if (/urn:schemas-microsoft-com:office:spreadsheet|progid="Excel\.Sheet"/i.test(sample) && /<(\w+:)?Workbook[\s>]/.test(sample)) return "xml2003";
  if (/<(html|table|!doctype html|body|meta)[\s>]/i.test(sample)) return "html";
  return start.startsWith("<?xml") ? "other" : null;
}

async function openMarkup(filePath: string, kind: "xml2003" | "html", detected: DetectedEncoding, options: SourceOptions): Promise<TableSource> {
  const chunks = () => textChunks(filePath, detected);
  if (kind === "xml2003") {
    const found = await xml2003Sheets(chunks());
    const sheets = found.map((s, i) => ({ name: s.name, hidden: false, records: () => xml2003Records(chunks(), i, s.name) }));
    return sheetSource("Excel 2003 XML", await chooseSheet(sheets, options.sheet, "Excel 2003 XML"), sheets, () => {});
  }
  const found = await htmlTables(chunks());
  if (found.length === 0) throw new FileRejected("Il file è una pagina HTML senza tabelle: non ci sono dati da importare. Aprirlo in Excel e salvarlo come .xlsx o CSV.");
  const sheets = found.map((t, i) => ({ name: t.name, hidden: false, records: () => htmlRecords(chunks(), i, t.name) }));
  return sheetSource("pagina HTML (salvata come .xls)", await chooseSheet(sheets, options.sheet, "HTML"), sheets, () => {});
}

/** Opens the file as CSV or as a spreadsheet, recognised by its content (the extension can lie). */
export async function openSource(filePath: string, options: SourceOptions = {}): Promise<TableSource> {
  const bytes = head(filePath, 64 * 1024);
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return openZip(filePath, options);
  if (bytes.length > 0 && !startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    const detected = detectEncoding(bytes);
    const decoder = createDecoder(detected);
    const kind = markupKind(decoder.write(bytes.subarray(detected.bomLength)));
    if (kind === "xml2003" || kind === "html") return openMarkup(filePath, kind, detected, options);
    if (kind === "other") {
      throw new FileRejected("Il file è XML ma non un foglio di calcolo che si legga (Excel 2003 XML, .xlsx, .ods) né un CSV: esportare i dati come CSV o .xlsx.");
    }
  }
  const { dialect, sampleRecords } = detectDialect(filePath);
  return {
    encoding: dialect.encoding.encoding,
    delimiter: dialect.delimiter,
    conventionDelimiter: dialect.delimiter,
    sampleRecords,
    records: (onEncoding) => readRecords(filePath, dialect, onEncoding),
    sheet: null,
    sheets: [],
    notes: [],
    close: () => {},
  };
}
