import { csvResponse, toCsv, type CsvDialect, type CsvValue } from "./csv";
import { toXlsx, xlsxResponse } from "./xlsx";
import { InvalidInputError } from "@/lib/errors";

/** A table as a page shows it, ready for download as CSV or XLSX. */
export interface ExportTable {
  /** File name without extension (only letters, digits, "-", "_" and "." survive). */
  fileBase: string;
  /** Worksheet name of the XLSX file (at most 31 characters are kept). */
  sheet: string;
  header: string[];
  rows: CsvValue[][];
  /** Lines under the table in the XLSX file (the CSV holds the table only). */
  notes?: string[];
}

/** "csv": for Italian Excel (`;`, decimal comma, BOM); "csv-standard": `,` and decimal point; "xlsx". */
export type ExportFormat = "csv" | "csv-standard" | "xlsx";

/** The CSV dialect a download asks for: `formato=standard` in the query, else Italian Excel. */
export function csvFormatOf(search: URLSearchParams): ExportFormat {
  const f = search.get("formato");
  if (f === null || f === "" || f === "excel") return "csv";
  if (f === "standard") return "csv-standard";
  throw new ExportRequestError(`Formato «${f}» sconosciuto: excel (separatore «;», virgola decimale) oppure standard (separatore «,», punto decimale).`);
}

/** A download cannot be produced for these filters; the message (Italian) goes to the user with a 400. */
export class ExportRequestError extends InvalidInputError {}

/**
 * Rounds a value to the decimals the page shows, so that a download and the
 * page agree cell by cell (2.675 → 2.68 with 2 decimals, as on the page).
 */
export function roundTo(value: number | null | undefined, decimals: number): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const rounded = Number(value.toFixed(decimals));
  return Object.is(rounded, -0) ? 0 : rounded;
}

export async function exportResponse(format: ExportFormat, table: ExportTable): Promise<Response> {
  if (format !== "xlsx") {
    const dialect: CsvDialect = format === "csv" ? "excel-it" : "standard";
    return csvResponse(`${table.fileBase}.csv`, toCsv(table.header, table.rows, dialect));
  }
  return xlsxResponse(`${table.fileBase}.xlsx`, await toXlsx(table.sheet, table.header, table.rows, table.notes));
}
