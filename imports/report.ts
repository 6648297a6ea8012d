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
  leps: "LEPS qualitativi (stato, evidenza, data)",
  servizi: "Servizi della zona",
  personale: "Personale dei servizi (tempi pieni equivalenti)",
  isee: "ISEE degli utenti di un servizio (per fascia o per utente)",
  bilancio: "Bilancio (stanziato, impegnato, liquidato, pagato)",
  risorse: "Risorse e punti di accesso",
  confini: "Confini comunali (GeoJSON/TopoJSON)",
  zone: "Zone sociali / ATS e comuni membri nel tempo",
};

/** The column mapping's word for a column that is not read (--map "Note=ignora", the preview's choice). */
export const IGNORE = "ignora";

/** Request header carrying the id of a file uploaded for a preview (never the query string: it ends up in logs). */
export const UPLOAD_ID_HEADER = "X-Upload-Id";

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
  /** The spreadsheet's sheet that was read, and every sheet of the file (absent for CSV). */
  sheet?: string;
  sheets?: string[];
  /** How the file's columns were read (CSV kinds): the field each fills, null where ignored. */
  mapping?: ColumnMapping[];
  /**
   * The columns cannot all be read without the user's choice (an unknown or
   * ambiguous column, a required field missing): the preview asks for the
   * column mapping.
   */
  mappingNeeded?: boolean;
  /** The mapping saved for the zone that was applied (found by the file's headers, or named with --mapping). */
  savedMapping?: SavedMappingInfo | null;
  /** The mapping the commit saves (preview: will save), under this name; null when nothing is saved. */
  mappingSave?: { name: string; replaces: boolean } | null;
  /** SDMX-CSV: the dimension values of the file and the indicator each combination makes. */
  sdmx?: SdmxReport;
}

export interface SavedMappingInfo {
  name: string;
  /** true: found by the file's headers; false: named by the user. */
  automatic: boolean;
  savedBy: string | null;
  /** ISO 8601. */
  savedAt: string;
}

/** A combination of an SDMX-CSV file's dimension values and the indicator it makes (null: ignored; undefined: not yet chosen). */
export interface SdmxSeries {
  when: Record<string, string>;
  /** Labels of the values, when the file has them ("9: totale"). */
  labels: Record<string, string>;
  rows: number;
  indicator: string | null | undefined;
}

export interface SdmxReport {
  dataflow: string | null;
  /** The dimensions that tell series apart (REF_AREA and TIME_PERIOD aside). */
  dimensions: string[];
  series: SdmxSeries[];
  /** More combinations than are listed. */
  truncated: boolean;
}

export interface ColumnMapping {
  /** 0-based position in the header row. */
  index: number;
  header: string;
  /** The kind's field (kinds.ts), or null: the column is ignored. */
  field: string | null;
  /** The field's name as templates write it. */
  label: string | null;
  /** How sure the match is, 0–100 (100: exact or chosen by the user). */
  score: number | null;
  /** Where the choice came from: the user's mapping, a saved mapping, or the header itself. */
  origin?: "chosen" | "saved" | "guessed" | null;
  /** The fields this header could be, best first (header-match.ts's ranking), for the mapping form. */
  candidates?: { field: string; label: string; score: number }[];
  /** A few values of the column, as the file writes them. */
  samples?: string[];
}

/** What the report says about the column mapping, in words (the same for the terminal and the page). */
export function mappingSentences(report: Pick<ImportReport, "status" | "savedMapping" | "mappingSave">): string[] {
  const out: string[] = [];
  const used = report.savedMapping;
  if (used) {
    const when = new Date(used.savedAt).toLocaleDateString("it-IT", { timeZone: "Europe/Rome" });
    out.push(
      `Applicata la corrispondenza delle colonne «${used.name}» ${used.automatic ? "salvata per i file con queste intestazioni" : "scelta per nome"} (${used.savedBy ? `${used.savedBy}, ` : ""}${when}).`,
    );
  }
  const save = report.mappingSave;
  if (save && report.status === "committed") {
    out.push(`Corrispondenza delle colonne salvata come «${save.name}»${save.replaces ? " (al posto di quella di prima)" : ""}: si applica da sola ai prossimi file con le stesse intestazioni.`);
  } else if (save && report.status === "previewed") {
    out.push(`Confermando l'importazione, la corrispondenza delle colonne sarà salvata come «${save.name}»${save.replaces ? " (al posto di quella di prima)" : ""} e applicata ai prossimi file con le stesse intestazioni.`);
  }
  return out;
}

/** Enough to fix a file; the rest are counted (errorsTotal) and the report stays small. */
export const MAX_REPORTED_ERRORS = 1_000;
/** Characters of a cell repeated in an error (cells may hold up to a million). */
export const MAX_ERROR_VALUE_CHARS = 120;
const MAX_MESSAGE_CHARS = 600;

/**
 * A fresh copy of a short string. A slice of a long string may keep the whole
 * long string alive in memory (V8 sliced strings): a kept error must not.
 */
function detached(text: string): string {
  return text.split("").join("");
}

/** `text` cut to `max` characters (never inside a surrogate pair), with "…" when cut. */
export function shortText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return detached(text.slice(0, end)) + "…";
}

/** A row error as it is kept and reported: the cell cut to MAX_ERROR_VALUE_CHARS, in the message too. */
export function compactRowError(error: RowError): RowError {
  if (error.value.length <= MAX_ERROR_VALUE_CHARS && error.message.length <= MAX_MESSAGE_CHARS && error.column.length <= MAX_ERROR_VALUE_CHARS) {
    return error;
  }
  const value = shortText(error.value, MAX_ERROR_VALUE_CHARS);
  const message = error.value.length > MAX_ERROR_VALUE_CHARS ? error.message.split(error.value).join(value) : error.message;
  return { line: error.line, column: shortText(error.column, MAX_ERROR_VALUE_CHARS), value, message: shortText(message, MAX_MESSAGE_CHARS) };
}

/** A file-level message, likewise bounded (it may quote header cells). */
export function compactMessage(message: string): string {
  return shortText(message, MAX_MESSAGE_CHARS * 2);
}
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
    ...(report.sheet !== undefined ? { sheet: report.sheet, sheets: report.sheets ?? [] } : {}),
    format: report.format,
    rowsRead: report.rowsRead,
    inserted: report.inserted,
    updated: report.updated,
    unchanged: report.unchanged,
    rejected: report.rejected,
    fileErrors: report.fileErrors,
    errors: report.errors,
    warnings: report.warnings,
    notes: report.notes,
    mapping: report.mapping ?? [],
    mappingNeeded: report.mappingNeeded ?? false,
    savedMapping: report.savedMapping ?? null,
    mappingSave: report.mappingSave ?? null,
    ...(report.sdmx ? { sdmx: report.sdmx } : {}),
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
