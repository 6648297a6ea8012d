import { DATASET_KINDS, type DatasetKind } from "@/lib/batches";
import { toCsv } from "@/lib/export/csv";

/**
 * The report of a preview or a commit: the same object reaches the command
 * line (--json), the web page and the import_batch row, so the CLI and the
 * web page show the same preview for the same file.
 */
export { DATASET_KINDS, type DatasetKind };

export const DATASET_KIND_LABELS_IT: Record<DatasetKind, string> = {
  comuni: "Elenco comuni ISTAT",
  indicatori: "Catalogo degli indicatori",
  valori: "Valori degli indicatori",
  obiettivi: "Obiettivi del Piano sociale di zona",
  servizi: "Servizi della zona",
  bilancio: "Bilancio (stanziato, impegnato, liquidato, pagato)",
  risorse: "Risorse e punti di accesso",
  confini: "Confini comunali (GeoJSON/TopoJSON)",
};

export interface RowError {
  /** Line number as a text editor shows it in the original file (1-based). */
  line: number;
  column: string;
  value: string;
  message: string;
}

export interface ValueChange {
  line: number;
  /** What changes, in words: e.g. "POP_TOT · Narni · 2024". */
  label: string;
  before: string;
  after: string;
}

export type ImportStatus = "previewed" | "committed" | "unchanged" | "rejected";

export interface ImportReport {
  batchId: number | null;
  status: ImportStatus;
  fileName: string;
  fileHash: string;
  fileSize: number;
  kind: DatasetKind | null;
  zoneCode: string | null;
  encoding: string | null;
  delimiter: string | null;
  headerLine: number | null;
  format: string | null;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Problems with the file as a whole (nothing can be imported). */
  fileErrors: string[];
  errors: RowError[];
  /** Total row errors; `errors` keeps at most MAX_REPORTED_ERRORS of them. */
  errorsTotal: number;
  /**
   * Values that are valid but unusual (lib/indicators/plausibility.ts): a commit
   * writes them only when the user accepts them; `warnings` keeps at most
   * MAX_REPORTED_ERRORS of them.
   */
  warnings: RowError[];
  warningsTotal: number;
  changes: ValueChange[];
  notes: string[];
}

export const MAX_REPORTED_ERRORS = 5_000;
export const MAX_REPORTED_CHANGES = 500;

/**
 * The report as stored in import_batch.report (jsonb): PostgreSQL refuses the
 * NUL character in JSON text, so any left in a message or value is made visible.
 */
export function storableReport<T>(report: T): T {
  const visible = (_key: string, value: unknown) => (typeof value === "string" ? value.replace(/\u0000/g, "\ufffd") : value);
  return JSON.parse(JSON.stringify(report, visible)) as T;
}

/** The one-object summary printed by `npm run import -- … --json`. */
export function cliJson(report: ImportReport) {
  return {
    batchId: report.batchId,
    status: report.status,
    kind: report.kind,
    encoding: report.encoding,
    delimiter: report.delimiter,
    format: report.format,
    rowsRead: report.rowsRead,
    inserted: report.inserted,
    updated: report.updated,
    unchanged: report.unchanged,
    rejected: report.rejected,
    fileErrors: report.fileErrors,
    errors: report.errors,
    warnings: report.warnings,
  };
}

/** The error list as a CSV for Excel with Italian settings (`;`, UTF-8 with BOM). */
export function errorsCsv(report: Pick<ImportReport, "fileName" | "fileErrors" | "errors">): string {
  return toCsv(
    ["file", "riga", "colonna", "valore", "messaggio"],
    [
      ...report.fileErrors.map((message) => [report.fileName, null, null, null, message]),
      ...report.errors.map((e) => [report.fileName, e.line, e.column, e.value, e.message]),
    ],
  );
}
