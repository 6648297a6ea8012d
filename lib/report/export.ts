import type { CsvValue } from "@/lib/export/csv";
import type { ExportTable } from "@/lib/export/table";
import type { XlsxSheet } from "@/lib/export/xlsx";
import { documentTables, type ReportCell, type ReportDocument, type ReportTable } from "./model";

/**
 * The report's tables as downloads (CSV in both dialects, XLSX), read from
 * the document itself: the same disclosure-controlled cells the page, the
 * PDF and the editions print, so a download can never show more than the
 * report. A withheld figure is the mark ("< 3"), never a number; a missing
 * one is an empty cell; a figure keeps the decimals it prints with.
 */

/** One cell of a download: a number with its decimals, the mark of a withheld value, a text, or empty. */
export function exportCell(c: ReportCell): CsvValue {
  if (c.state === "shown" && c.value !== null) return { value: c.value, decimals: c.decimals ?? 0 };
  if (c.state === "missing") return null;
  return c.text;
}

const columnLabel = (c: ReportTable["columns"][number]) => (c.unit && c.unit !== "persone" ? `${c.label} (${c.unit})` : c.label);

export function reportTableRows(table: ReportTable): { header: string[]; rows: CsvValue[][] } {
  return {
    header: [table.rowHeader, ...table.columns.map(columnLabel)],
    rows: table.rows.map((r) => [r.header, ...r.cells.map(exportCell)]),
  };
}

/** The file name of a document's downloads: relazione-UMB-11-2025-bozza, relazione-UMB-11-2025-edizione-2. */
export function reportFileBase(doc: ReportDocument, edition: number | null): string {
  return `relazione-${doc.zone.code}-${doc.year}-${edition === null ? "bozza" : `edizione-${edition}`}`;
}

/** One table of the document, by id, as a download; null if the document has no such table. */
export function reportTableExport(doc: ReportDocument, tableId: string, edition: number | null): ExportTable | null {
  const found = documentTables(doc).find((t) => t.table.id === tableId);
  if (!found) return null;
  const { header, rows } = reportTableRows(found.table);
  return { fileBase: `${reportFileBase(doc, edition)}-${tableId}`, sheet: found.table.caption, header, rows, notes: [`${found.where}: ${found.table.caption}`, ...found.table.notes] };
}

/** Every table of the document as a workbook: an index sheet, then one sheet per table in reading order. */
export function reportWorkbook(doc: ReportDocument, edition: number | null, status: string): XlsxSheet[] {
  const tables = documentTables(doc);
  const index: XlsxSheet = {
    name: "Indice",
    header: ["foglio", "sezione", "tabella", "identificativo"],
    rows: tables.map((t, i) => [String(i + 1), t.where, t.table.caption, t.table.id]),
    notes: [`${doc.zone.name}, relazione annuale ${doc.year}: ${status}.`, `Tutela del segreto statistico: ${doc.disclosure.footnote}`],
  };
  return [index, ...tables.map((t, i) => ({ name: `${i + 1} ${t.table.id}`, ...reportTableRows(t.table), notes: [`${t.where}: ${t.table.caption}`, ...t.table.notes] }))];
}
