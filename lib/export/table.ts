import { csvResponse, toCsv, type CsvValue } from "./csv";
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
}

export type ExportFormat = "csv" | "xlsx";

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
  if (format === "csv") return csvResponse(`${table.fileBase}.csv`, toCsv(table.header, table.rows));
  return xlsxResponse(`${table.fileBase}.xlsx`, await toXlsx(table.sheet, table.header, table.rows));
}
