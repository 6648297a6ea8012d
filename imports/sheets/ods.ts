import { FileRejected } from "../csv/decode";
import type { CsvRecord } from "../csv/records";
import { parseXml, runToEnd } from "./xml";
import { CellText, RowBuilder } from "./records";
import type { ZipArchive } from "./zip";
import { booleanText, dateText, decimalText, type DateShape } from "./values";

/**
 * Reading .ods (OpenDocument spreadsheet, ISO/IEC 26300): every sheet is a
 * table:table of content.xml, read as a stream. Cells carry their type and
 * value in attributes (office:value-type, office:value, office:date-value),
 * so numbers and dates never come from the displayed text; which parts of a
 * date the cell shows comes from its data style. Repeated rows and cells
 * (table:number-rows-repeated, used for the million empty rows LibreOffice
 * writes after the data) are expanded only when they hold something.
 */
export interface OdsSheet {
  name: string;
  hidden: boolean;
}

/** LibreOffice's limit; a repeat count beyond it is hostile. */
const MAX_ROWS = 1_048_576;

interface Styles {
  /** Data style name → which date parts it shows. */
  dates: Map<string, DateShape>;
  /** Cell style name → its data style name. */
  cells: Map<string, string>;
}

/** Date styles (number:date-style and which of day, month, year they show) and the cell styles that use them. */
function styleHandlers(styles: Styles) {
  let dateStyle: { name: string; day: boolean; month: boolean; year: boolean } | null = null;
  return {
    open(name: string, a: Record<string, string>) {
      if (name === "date-style") dateStyle = { name: a["style:name"] ?? "", day: false, month: false, year: false };
      else if (dateStyle && (name === "day" || name === "month" || name === "year")) dateStyle[name] = true;
      else if (name === "style" && a["style:data-style-name"] && a["style:name"]) styles.cells.set(a["style:name"], a["style:data-style-name"]);
    },
    close(name: string) {
      if (name === "date-style" && dateStyle) {
        styles.dates.set(dateStyle.name, dateStyle.day ? "day" : dateStyle.month ? "month" : "year");
        dateStyle = null;
      }
    },
  };
}

async function readStyles(zip: ZipArchive): Promise<Styles> {
  const styles: Styles = { dates: new Map(), cells: new Map() };
  if (!zip.has("styles.xml")) return styles;
  const h = styleHandlers(styles);
  await runToEnd(parseXml(zip.text("styles.xml", 64 * 1024 * 1024), "Gli stili del file .ods", { ...h, text: () => {} }, () => []));
  return styles;
}

/**
 * The sheets' names, in order: content.xml is read through once (its
 * tables are one after the other, so there is no index to read instead).
 */
export async function odsSheets(zip: ZipArchive): Promise<OdsSheet[]> {
  const sheets: OdsSheet[] = [];
  const hiddenStyles = new Set<string>();
  let tableStyle: string | null = null;
  await runToEnd(
    parseXml(
      zip.text("content.xml"),
      "Il contenuto del file .ods",
      {
        open(name, a) {
          if (name === "style" && a["style:family"] === "table") tableStyle = a["style:name"] ?? null;
          else if (name === "table-properties" && tableStyle && a["table:display"] === "false") hiddenStyles.add(tableStyle);
          else if (name === "table") sheets.push({ name: a["table:name"] ?? `Foglio${sheets.length + 1}`, hidden: hiddenStyles.has(a["table:style-name"] ?? "") });
        },
        close(name) {
          if (name === "style") tableStyle = null;
        },
        text: () => {},
      },
      () => [],
    ),
  );
  if (sheets.length === 0) throw new FileRejected("Il file .ods non contiene fogli.");
  return sheets;
}

/** The rows of the sheet at `index` (0-based), streamed. */
export async function* odsRecords(zip: ZipArchive, sheetIndex: number, sheetName: string): AsyncGenerator<CsvRecord> {
  const styles = await readStyles(zip);
  const h = styleHandlers(styles);
  const out: CsvRecord[] = [];
  let table = -1;
  let inSheet = false;
  let rowNumber = 0;
  let rowRepeat = 1;
  let column = 0;
  let cell: { value: string | null; repeat: number; covered: boolean } | null = null;
  let paragraphs = 0;
  let annotation = 0;
  let done = false;
  const where = () => `Foglio «${sheetName}», riga ${rowNumber}`;
  const row = new RowBuilder(where);
  const text = new CellText(() => `${where()}, colonna ${RowBuilder.letters(column)}`);

  const typedValue = (a: Record<string, string>): string | null => {
    switch (a["office:value-type"]) {
      case "float":
      case "currency":
        return decimalText(a["office:value"] ?? "");
      case "percentage": {
        const t = decimalText(a["office:value"] ?? "", 2);
        return t === null ? null : `${t}%`;
      }
      case "date": {
        const raw = a["office:date-value"] ?? "";
        const date = new Date(raw.length <= 10 ? `${raw}T00:00:00Z` : `${raw.replace(/([+-]\d\d:\d\d|Z)$/, "")}Z`);
        if (Number.isNaN(date.getTime())) return null;
        const dataStyle = styles.cells.get(a["table:style-name"] ?? "");
        return dateText(date, (dataStyle && styles.dates.get(dataStyle)) || "day", true);
      }
      case "boolean":
        return booleanText(a["office:boolean-value"] ?? "");
      default:
        return null; // string, time, or no type: the cell's text
    }
  };

  const endRow = () => {
    const record = row.take(rowNumber);
    if (record) {
      out.push(record);
      // A repeated row with data is the same row again (rare: LibreOffice repeats identical rows).
      for (let i = 1; i < rowRepeat; i++) out.push({ line: rowNumber + i, cells: [...record.cells] });
    }
    rowNumber += rowRepeat - 1;
  };

  const handlers = {
    open(name: string, a: Record<string, string>) {
      if (done) return;
      h.open(name, a);
      if (name === "table") {
        table++;
        inSheet = table === sheetIndex;
        return;
      }
      if (!inSheet) return;
      if (name === "table-row") {
        rowRepeat = Math.max(1, Math.min(Number(a["table:number-rows-repeated"] ?? 1) || 1, MAX_ROWS));
        rowNumber++;
        if (rowNumber + rowRepeat - 1 > MAX_ROWS) rowRepeat = Math.max(1, MAX_ROWS - rowNumber + 1);
        column = 0;
      } else if (name === "table-cell" || name === "covered-table-cell") {
        cell = { value: typedValue(a), repeat: Math.max(1, Number(a["table:number-columns-repeated"] ?? 1) || 1), covered: name === "covered-table-cell" };
        paragraphs = 0;
      } else if (cell && name === "annotation") annotation++;
      else if (cell && annotation === 0) {
        if (name === "p") {
          if (paragraphs++ > 0) text.add("\n");
        } else if (name === "s") text.add(" ".repeat(Math.min(Number(a["text:c"] ?? 1) || 1, 1000)));
        else if (name === "tab") text.add("\t");
        else if (name === "line-break") text.add("\n");
      }
    },
    close(name: string) {
      if (done) return;
      h.close(name);
      if (name === "table" && inSheet) {
        inSheet = false;
        done = true;
      }
      if (!inSheet) return;
      if (name === "annotation") annotation--;
      else if ((name === "table-cell" || name === "covered-table-cell") && cell) {
        const shown = text.take();
        const value = cell.value ?? shown;
        if (value !== "") for (let i = 0; i < cell.repeat; i++) row.set(column + i, value);
        column += cell.repeat;
        cell = null;
      } else if (name === "table-row") endRow();
    },
    text(t: string) {
      if (inSheet && cell && annotation === 0 && paragraphs > 0) text.add(t);
    },
  };
  // Once the sheet has ended, the rest of content.xml (the next sheets) is not read.
  yield* parseXml(zip.text("content.xml"), `Il foglio «${sheetName}» del file .ods`, handlers, () => out.splice(0), () => done);
}
