import { FileRejected } from "../csv/decode";
import type { CsvRecord } from "../csv/records";
import { parseXml, runToEnd } from "./xml";
import { CellText, RowBuilder } from "./records";
import type { ZipArchive } from "./zip";
import { booleanText, BUILTIN_DATE_FORMATS, BUILTIN_PERCENT_FORMATS, dateShapeOf, dateText, decimalText, isPercentFormat, serialDate, type DateShape } from "./values";

/**
 * Reading .xlsx (Office Open XML, ECMA-376): the workbook names the sheets,
 * the relationships say which part holds each, the styles say which numbers
 * are dates or percentages, the shared strings hold the text cells point to.
 * A sheet's rows are streamed from its part; only the shared strings are held
 * in memory, within MAX_SHARED_CHARS.
 */
export interface XlsxSheet {
  name: string;
  hidden: boolean;
  part: string;
}

export interface XlsxBook {
  sheets: XlsxSheet[];
  date1904: boolean;
  styles: CellStyle[];
  sharedStrings: string[];
}

interface CellStyle {
  date: DateShape | null;
  percent: boolean;
}

const SMALL_PART = 32 * 1024 * 1024;
/** Text of the shared strings: ~2 bytes a character in memory; beyond this the file is refused (as CSV it streams). */
export const MAX_SHARED_CHARS = 40_000_000;
const MAX_SHARED_XML_BYTES = 256 * 1024 * 1024;

/** Attributes of every element of a small part, in document order (workbook, relationships, styles). */
async function elements(zip: ZipArchive, part: string, where: string): Promise<{ name: string; attributes: Record<string, string> }[]> {
  const out: { name: string; attributes: Record<string, string> }[] = [];
  const none = (): never[] => [];
  await runToEnd(parseXml(zip.text(part, SMALL_PART), where, { open: (name, attributes) => out.push({ name, attributes }), close: () => {}, text: () => {} }, none));
  return out;
}

/** The part a relationship points to, from the folder of the part that names it. */
function resolveTarget(fromFolder: string, target: string): string {
  const parts = (target.startsWith("/") ? target.slice(1) : `${fromFolder}${target}`).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

async function relationships(zip: ZipArchive, relsPart: string, fromFolder: string): Promise<Map<string, { type: string; part: string }>> {
  const out = new Map<string, { type: string; part: string }>();
  if (!zip.has(relsPart)) return out;
  for (const e of await elements(zip, relsPart, "Il file .xlsx")) {
    if (e.name !== "Relationship" || !e.attributes.Id || !e.attributes.Target || e.attributes.TargetMode === "External") continue;
    out.set(e.attributes.Id, { type: e.attributes.Type ?? "", part: resolveTarget(fromFolder, e.attributes.Target) });
  }
  return out;
}

const typeIs = (type: string, name: string) => type.endsWith(`/${name}`);

export async function openXlsx(zip: ZipArchive): Promise<XlsxBook> {
  const root = await relationships(zip, "_rels/.rels", "");
  const workbookPart = [...root.values()].find((r) => typeIs(r.type, "officeDocument"))?.part ?? "xl/workbook.xml";
  if (!zip.has(workbookPart)) throw new FileRejected("Il file .xlsx non contiene una cartella di lavoro (xl/workbook.xml): non è un foglio Excel valido.");
  const folder = workbookPart.includes("/") ? workbookPart.slice(0, workbookPart.lastIndexOf("/") + 1) : "";
  const rels = await relationships(zip, `${folder}_rels/${workbookPart.slice(folder.length)}.rels`, folder);
  const sheets: XlsxSheet[] = [];
  let date1904 = false;
  for (const e of await elements(zip, workbookPart, "La cartella di lavoro del file .xlsx")) {
    if (e.name === "workbookPr") date1904 = e.attributes.date1904 === "1" || e.attributes.date1904 === "true";
    if (e.name !== "sheet") continue;
    const id = e.attributes["r:id"] ?? Object.entries(e.attributes).find(([k]) => k.endsWith(":id"))?.[1];
    const rel = id ? rels.get(id) : undefined;
    // Chart sheets and dialog sheets have no cells.
    if (!rel || !typeIs(rel.type, "worksheet") || !zip.has(rel.part)) continue;
    sheets.push({ name: e.attributes.name ?? `Foglio${sheets.length + 1}`, hidden: e.attributes.state === "hidden" || e.attributes.state === "veryHidden", part: rel.part });
  }
  if (sheets.length === 0) throw new FileRejected("Il file .xlsx non contiene fogli di lavoro con celle.");
  const stylesPart = [...rels.values()].find((r) => typeIs(r.type, "styles"))?.part;
  const sharedPart = [...rels.values()].find((r) => typeIs(r.type, "sharedStrings"))?.part;
  return {
    sheets,
    date1904,
    styles: stylesPart && zip.has(stylesPart) ? await readStyles(zip, stylesPart) : [],
    sharedStrings: sharedPart && zip.has(sharedPart) ? await readSharedStrings(zip, sharedPart) : [],
  };
}

/** Each cell style (cellXfs, by index): whether its number format is a date (and which parts) or a percentage. */
async function readStyles(zip: ZipArchive, part: string): Promise<CellStyle[]> {
  const custom = new Map<number, string>();
  const styles: CellStyle[] = [];
  let inCellXfs = false;
  for (const e of await elements(zip, part, "Gli stili del file .xlsx")) {
    if (e.name === "numFmt") custom.set(Number(e.attributes.numFmtId), e.attributes.formatCode ?? "");
    else if (e.name === "cellXfs") inCellXfs = true;
    else if (e.name === "cellStyleXfs" || e.name === "dxfs") inCellXfs = false;
    else if (e.name === "xf" && inCellXfs) {
      const id = Number(e.attributes.numFmtId ?? 0);
      const code = custom.get(id);
      styles.push(code !== undefined ? { date: dateShapeOf(code), percent: isPercentFormat(code) } : { date: BUILTIN_DATE_FORMATS.get(id) ?? null, percent: BUILTIN_PERCENT_FORMATS.has(id) });
    }
  }
  return styles;
}

/** "_x000D_" and the like: characters XML cannot hold, as Excel escapes them. */
const unescapeXstring = (s: string) => (s.includes("_x") ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s);

async function readSharedStrings(zip: ZipArchive, part: string): Promise<string[]> {
  const strings: string[] = [];
  let total = 0;
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  const where = () => `Il testo condiviso n. ${strings.length + 1} del file .xlsx`;
  const text = new CellText(where);
  const handlers = {
    open(name: string) {
      if (name === "si") inSi = true;
      else if (name === "rPh") phonetic++;
      else if (name === "t" && inSi && phonetic === 0) inT = true;
    },
    close(name: string) {
      if (name === "t") inT = false;
      else if (name === "rPh") phonetic--;
      else if (name === "si") {
        const s = unescapeXstring(text.take());
        total += s.length;
        if (total > MAX_SHARED_CHARS) {
          throw new FileRejected(
            `Il file .xlsx contiene più di ${MAX_SHARED_CHARS.toLocaleString("it-IT")} caratteri di testo condiviso: troppo per leggerlo senza esaurire la memoria. ` +
              "Salvarlo come «CSV UTF-8» e importare il CSV, che si legge a flusso senza limiti di dimensione.",
          );
        }
        strings.push(s);
        inSi = false;
      }
    },
    text(t: string) {
      if (inT) text.add(t);
    },
  };
  await runToEnd(parseXml(zip.text(part, MAX_SHARED_XML_BYTES), "Il testo condiviso del file .xlsx", handlers, () => []));
  return strings;
}

/** "B12" → column 1; null when the reference is not a cell's. */
function columnOf(ref: string): number | null {
  let col = 0;
  let i = 0;
  for (; i < ref.length && i < 4; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return i === 0 ? null : col - 1;
}

/**
 * The rows of one sheet, streamed: each cell's stored value written as the
 * CSV path reads it (values.ts); formulas give their cached result, never
 * their text.
 */
export function xlsxRecords(zip: ZipArchive, book: XlsxBook, sheet: XlsxSheet): AsyncGenerator<CsvRecord> {
  const out: CsvRecord[] = [];
  let rowNumber = 0;
  let nextColumn = 0;
  let cell: { column: number; type: string; style: number } | null = null;
  let collecting: "v" | "t" | null = null;
  let inInline = false;
  let phonetic = 0;
  const where = () => `Foglio «${sheet.name}», riga ${rowNumber}`;
  const row = new RowBuilder(where);
  const text = new CellText(() => `${where()}, colonna ${RowBuilder.letters(cell?.column ?? 0)}`);
  let value = "";

  const cellValue = (c: { column: number; type: string; style: number }, raw: string): string => {
    switch (c.type) {
      case "s": {
        const s = book.sharedStrings[Number(raw)];
        if (s === undefined) throw new FileRejected(`${where()}, colonna ${RowBuilder.letters(c.column)}: la cella rimanda a un testo condiviso che non esiste; il file è danneggiato.`);
        return s;
      }
      case "inlineStr":
      case "str":
        return unescapeXstring(raw);
      case "b":
        return raw === "" ? "" : booleanText(raw);
      case "e":
        return raw;
      case "d": {
        const date = new Date(raw.length <= 10 ? `${raw}T00:00:00Z` : /[zZ]|[+-]\d\d:?\d\d$/.test(raw) ? raw : `${raw}Z`);
        return Number.isNaN(date.getTime()) ? raw : dateText(date, book.styles[c.style]?.date ?? "day", true);
      }
      default: {
        if (raw.trim() === "") return "";
        const style = book.styles[c.style];
        if (style?.date) {
          const date = serialDate(Number(raw), book.date1904);
          if (date) return dateText(date, style.date, true);
        }
        if (style?.percent) {
          const t = decimalText(raw, 2);
          if (t !== null) return `${t}%`;
        }
        return decimalText(raw) ?? raw;
      }
    }
  };

  const handlers = {
    open(name: string, a: Record<string, string>) {
      if (name === "row") {
        const r = Number(a.r);
        rowNumber = Number.isInteger(r) && r > rowNumber ? r : rowNumber + 1;
        nextColumn = 0;
      } else if (name === "c") {
        const column = a.r ? (columnOf(a.r) ?? nextColumn) : nextColumn;
        nextColumn = column + 1;
        cell = { column, type: a.t ?? "n", style: Number(a.s ?? 0) };
        value = "";
      } else if (cell) {
        if (name === "v") collecting = "v";
        else if (name === "is") inInline = true;
        else if (name === "rPh") phonetic++;
        else if (name === "t" && inInline && phonetic === 0) collecting = "t";
      }
    },
    close(name: string) {
      if (name === "v" || name === "t") {
        if (collecting) value += text.take();
        collecting = null;
      } else if (name === "is") inInline = false;
      else if (name === "rPh") phonetic--;
      else if (name === "c" && cell) {
        row.set(cell.column, cellValue(cell, value));
        cell = null;
      } else if (name === "row") {
        const record = row.take(rowNumber);
        if (record) out.push(record);
      }
    },
    text(t: string) {
      if (collecting) text.add(t);
    },
  };
  return parseXml(zip.text(sheet.part), `Il foglio «${sheet.name}» del file .xlsx`, handlers, () => out.splice(0));
}
