import writeXlsxFile, { type Row } from "write-excel-file/node";
import type { CsvValue } from "./csv";

/**
 * The same tables as the CSV downloads, as an Excel workbook. Text cells are
 * written as text, never as formulas, so a cell such as "=1+1" stays text;
 * a number with its decimals (ExportNumber) gets the number format that
 * prints it as the page does ("#,##0.0": Excel shows 1.234,5 with Italian settings).
 */
export interface XlsxSheet {
  name: string;
  header: readonly string[];
  rows: readonly (readonly CsvValue[])[];
  /** Lines under the table (notes, the disclosure footnote), after an empty row. */
  notes?: readonly string[];
}

/** The Excel number format of a number printed with these decimals. */
export function numberFormat(decimals: number): string {
  return decimals > 0 ? `#,##0.${"0".repeat(Math.min(decimals, 10))}` : "#,##0";
}

function cell(v: CsvValue) {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return { value: v, type: String };
  if (typeof v === "number") return Number.isFinite(v) ? { value: v, type: Number } : null;
  return Number.isFinite(v.value) ? { value: v.value, type: Number, format: numberFormat(v.decimals) } : null;
}

function sheetData(s: XlsxSheet): Row[] {
  return [
    s.header.map((h) => ({ value: h, type: String, fontWeight: "bold" as const })),
    ...s.rows.map((r) => r.map(cell)),
    ...(s.notes && s.notes.length > 0 ? [[null], ...s.notes.map((n) => [{ value: n, type: String }])] : []),
  ];
}

/** A worksheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
export function sheetNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((raw) => {
    const base = raw.replace(/[:\\/?*[\]]/g, " ").replace(/^'+|'+$/g, "").trim().slice(0, 31) || "Foglio";
    let name = base;
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)} ${i}`;
    used.add(name.toLowerCase());
    return name;
  });
}

export async function toXlsxBook(sheets: readonly XlsxSheet[]): Promise<Buffer> {
  const names = sheetNames(sheets.map((s) => s.name));
  return writeXlsxFile(sheets.map((s, i) => ({ data: sheetData(s), sheet: names[i]!, stickyRowsCount: 1 }))).toBuffer();
}

export async function toXlsx(sheetName: string, header: readonly string[], rows: readonly (readonly CsvValue[])[], notes?: readonly string[]): Promise<Buffer> {
  return toXlsxBook([{ name: sheetName, header, rows, ...(notes ? { notes } : {}) }]);
}

export function xlsxResponse(fileName: string, body: Buffer): Response {
  return new Response(new Uint8Array(body), {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="${fileName.replace(/[^\w.-]/g, "_")}"`,
      "cache-control": "no-store",
    },
  });
}
