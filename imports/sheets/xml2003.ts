import { FileRejected } from "../csv/decode";
import type { CsvRecord } from "../csv/records";
import { parseXml, runToEnd } from "./xml";
import { CellText, RowBuilder } from "./records";
import { booleanText, dateShapeOf, dateText, decimalText, type DateShape } from "./values";

/**
 * Excel 2003 XML («Foglio di calcolo XML 2003», SpreadsheetML), which Excel
 * and many export tools save with an .xls name: one XML document with a
 * Worksheet per sheet, rows and cells that may skip ahead (ss:Index), and a
 * type on every Data element (Number, DateTime, String, Boolean, Error), so
 * numbers and dates come from the stored values. Styles say which numbers are
 * percentages and which parts a date shows.
 */
export interface Xml2003Sheet {
  name: string;
}

/** An attribute by its local name: "ss:Index", or "Index" where ss is the default namespace. */
function attr(a: Record<string, string>, name: string): string | undefined {
  if (a[`ss:${name}`] !== undefined) return a[`ss:${name}`];
  for (const [k, v] of Object.entries(a)) if (k === name || k.endsWith(`:${name}`)) return v;
  return undefined;
}

const NAMED_DATES: Record<string, DateShape> = { "short date": "day", "general date": "day", "medium date": "day", "long date": "day" };

export async function xml2003Sheets(chunks: AsyncIterable<string>): Promise<Xml2003Sheet[]> {
  const sheets: Xml2003Sheet[] = [];
  const seen = { workbook: false };
  await runToEnd(
    parseXml(
      chunks,
      "Il file Excel 2003 XML",
      {
        open(name, a) {
          if (name === "Workbook") seen.workbook = true;
          else if (name === "Worksheet") sheets.push({ name: attr(a, "Name") ?? `Foglio${sheets.length + 1}` });
        },
        close: () => {},
        text: () => {},
      },
      () => [],
    ),
  );
  if (!seen.workbook || sheets.length === 0) throw new FileRejected("Il file XML non è un foglio di calcolo Excel 2003 (SpreadsheetML) con fogli: esportarlo come .xlsx o CSV.");
  return sheets;
}

export function xml2003Records(chunks: AsyncIterable<string>, sheetIndex: number, sheetName: string): AsyncGenerator<CsvRecord> {
  const out: CsvRecord[] = [];
  const styles = new Map<string, { date: DateShape | null; percent: boolean }>();
  let styleId: string | null = null;
  let sheet = -1;
  let inSheet = false;
  let done = false;
  let rowNumber = 0;
  let column = 0;
  let cell: { style: string; span: number } | null = null;
  let data: string | null = null;
  let comment = 0;
  const where = () => `Foglio «${sheetName}», riga ${rowNumber}`;
  const row = new RowBuilder(where);
  const text = new CellText(() => `${where()}, colonna ${RowBuilder.letters(column)}`);

  const value = (type: string, raw: string, style: string): string => {
    const s = styles.get(style);
    if (type === "Number") {
      if (s?.percent) {
        const t = decimalText(raw, 2);
        if (t !== null) return `${t}%`;
      }
      return decimalText(raw) ?? raw;
    }
    if (type === "DateTime") {
      const date = new Date(/[zZ]$/.test(raw) ? raw : `${raw}Z`);
      return Number.isNaN(date.getTime()) ? raw : dateText(date, s?.date ?? "day", true);
    }
    if (type === "Boolean") return booleanText(raw);
    return raw;
  };

  const handlers = {
    open(name: string, a: Record<string, string>) {
      if (done) return;
      if (name === "Style") styleId = attr(a, "ID") ?? null;
      else if (name === "NumberFormat" && styleId) {
        const format = attr(a, "Format") ?? "";
        const named = NAMED_DATES[format.toLowerCase()];
        styles.set(styleId, { date: named ?? (format.toLowerCase() === "percent" ? null : dateShapeOf(format)), percent: format.toLowerCase() === "percent" || /%/.test(format) });
      } else if (name === "Worksheet") {
        sheet++;
        inSheet = sheet === sheetIndex;
      } else if (!inSheet) return;
      else if (name === "Row") {
        const index = Number(attr(a, "Index"));
        rowNumber = Number.isInteger(index) && index > rowNumber ? index : rowNumber + 1;
        column = 0;
      } else if (name === "Cell") {
        const index = Number(attr(a, "Index"));
        if (Number.isInteger(index) && index > column) column = index - 1;
        cell = { style: attr(a, "StyleID") ?? "", span: 1 + Math.min(Math.max(Number(attr(a, "MergeAcross") ?? 0) || 0, 0), 500) };
      } else if (name === "Comment") comment++;
      else if (name === "Data" && cell && comment === 0) data = attr(a, "Type") ?? "String";
    },
    close(name: string) {
      if (done) return;
      if (name === "Style") styleId = null;
      else if (name === "Worksheet" && inSheet) {
        inSheet = false;
        done = true;
      } else if (!inSheet) return;
      else if (name === "Comment") comment--;
      else if (name === "Cell" && cell) {
        const raw = text.take();
        row.set(column, data === null ? "" : value(data, raw, cell.style));
        column += cell.span;
        cell = null;
        data = null;
      } else if (name === "Row") {
        const record = row.take(rowNumber);
        if (record) out.push(record);
      }
    },
    text(t: string) {
      if (inSheet && cell && data !== null && comment === 0) text.add(t);
    },
  };
  return parseXml(chunks, `Il foglio «${sheetName}» del file Excel 2003 XML`, handlers, () => out.splice(0), () => done);
}
