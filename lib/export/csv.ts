/**
 * CSV downloads in two dialects:
 * - "excel-it" (the default), for Excel with Italian settings: `;` separator,
 *   decimal comma, UTF-8 with BOM, CRLF;
 * - "standard", for programs and open data portals (RFC 4180): `,` separator,
 *   decimal point, UTF-8 without BOM, CRLF.
 * In both, text cells that a spreadsheet would run as formulas (starting with
 * = + - @, tab or CR) are neutralised with a leading apostrophe.
 */

/** A number with the decimals it prints with: the XLSX cell gets that number format, the CSV the rounded value. */
export interface ExportNumber {
  value: number;
  decimals: number;
}

export type CsvValue = string | number | ExportNumber | null | undefined;
export type CsvDialect = "excel-it" | "standard";

const DIALECTS: Record<CsvDialect, { separator: string; decimal: string; bom: string }> = {
  "excel-it": { separator: ";", decimal: ",", bom: "\uFEFF" },
  standard: { separator: ",", decimal: ".", bom: "" },
};

/** The number a cell holds (rounded to its decimals), or null. */
export function cellNumber(value: CsvValue): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (value && typeof value === "object") {
    if (!Number.isFinite(value.value)) return null;
    const rounded = Number(value.value.toFixed(value.decimals));
    return Object.is(rounded, -0) ? 0 : rounded;
  }
  return null;
}

/** A text that a spreadsheet would read as a formula gets a leading apostrophe. */
export function neutralised(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvCell(value: CsvValue, dialect: CsvDialect = "excel-it"): string {
  if (value === null || value === undefined) return "";
  const { separator, decimal } = DIALECTS[dialect];
  if (typeof value !== "string") {
    const n = cellNumber(value);
    return n === null ? "" : String(n).replace(".", decimal);
  }
  const safe = neutralised(value);
  return safe.includes(separator) || /["\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[], dialect: CsvDialect = "excel-it"): string {
  const { separator, bom } = DIALECTS[dialect];
  const line = (r: readonly CsvValue[]) => r.map((v) => csvCell(v, dialect)).join(separator);
  return bom + [line(header), ...rows.map(line)].join("\r\n") + "\r\n";
}

export function csvResponse(fileName: string, body: string, headers: HeadersInit = {}): Response {
  const out = new Headers(headers);
  out.set("content-type", "text/csv; charset=utf-8");
  out.set("content-disposition", `attachment; filename="${fileName.replace(/[^\w.-]/g, "_")}"`);
  if (!out.has("cache-control")) out.set("cache-control", "no-store");
  return new Response(body, { headers: out });
}
