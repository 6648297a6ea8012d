import fs from "node:fs";
import { createHash } from "node:crypto";
import type { DatabaseHandle } from "@/db/client";
import { importBoundaries } from "./geo/import-boundaries";
import { BoundaryFileRejected } from "./geo/boundaries";
import { runCsvImport } from "./csv/run-csv";
import type { DatasetKind, ImportReport } from "./report";

/** One import, from the CLI or the web page: the same code path for both. */
export interface ImportRequest {
  fileName: string;
  /** The file on disk (the CLI's argument, or the web upload's temporary copy). */
  filePath: string;
  /** null: recognised from the file. */
  kind: DatasetKind | null;
  zoneCode: string | null;
  dryRun: boolean;
  /** Commit the valid rows and record the rejected ones (otherwise any error writes nothing). */
  validOnly: boolean;
  userLabel: string | null;
  /**
   * Whether this caller may change the reference data every zone shares (the
   * indicator catalogue, the comuni list): administrators and the command line.
   */
  allowReferenceKinds?: boolean;
  /**
   * The user has seen the preview's warnings (a tenfold jump, a period outside
   * 1990 … this year) and confirms them: without this a commit with warnings
   * writes nothing (CLI --accept-warnings, the web page's tick box, the API's
   * acceptWarnings=true).
   */
  acceptWarnings?: boolean;
  /**
   * The user's column mapping (CLI --map, the API's map=, the web form):
   * "header=field", "header=ignora", or for SDMX-CSV "DIM=value,…=INDICATOR".
   * A commit with a mapping saves it for the zone, keyed by the file's headers.
   */
  map?: readonly string[];
  /**
   * A mapping saved for the zone, by name (CLI --mapping, the API's mapping=):
   * applied instead of the one found by the file's headers; with `map`, the
   * name under which the commit saves the mapping.
   */
  mappingName?: string;
  /** The current year for the period warnings; defaults to today's (tests pass it). */
  currentYear?: number;
  /** The spreadsheet's sheet to read, by name or number (1 = the first); default the first sheet with data. */
  sheet?: string | null;
  /** Called now and then with the rows read so far (web progress bar). */
  onProgress?: (rowsRead: number) => void;
  /** Called at the end of each phase of a CSV or spreadsheet import with its duration (tests/bench/import.ts). */
  onPhase?: (phase: ImportPhase, milliseconds: number) => void;
}

/** The phases of a table import, in order, as the import benchmark reports them. */
export type ImportPhase = "conventions" | "read" | "stage" | "duplicates" | "jumps" | "classify" | "changes" | "apply" | "publish";

export async function fileSha256(filePath: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of fs.createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export function emptyReport(request: ImportRequest, fileHash: string, fileSize: number): ImportReport {
  return {
    batchId: null,
    status: request.dryRun ? "previewed" : "rejected",
    fileName: request.fileName,
    fileHash,
    fileSize,
    kind: request.kind,
    zoneCode: request.zoneCode,
    encoding: null,
    delimiter: null,
    headerLine: null,
    format: null,
    rowsRead: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    fileErrors: [],
    errors: [],
    errorsTotal: 0,
    warnings: [],
    warningsTotal: 0,
    changes: [],
    notes: [],
  };
}

function looksLikeJson(filePath: string, fileName: string): boolean {
  if (/\.(geo|topo)?json$/i.test(fileName)) return true;
  const fd = fs.openSync(filePath, "r");
  try {
    const head = Buffer.alloc(64);
    const n = fs.readSync(fd, head, 0, 64, 0);
    return /^\s*\{/.test(head.subarray(0, n).toString("utf8").replace(/^\uFEFF/, ""));
  } finally {
    fs.closeSync(fd);
  }
}

/** Boundaries must fit in memory to be simplified; CSVs stream. */
const MAX_BOUNDARY_BYTES = 200 * 1024 * 1024;

async function runBoundaryImport(handle: DatabaseHandle, request: ImportRequest, base: ImportReport): Promise<ImportReport> {
  if (base.fileSize > MAX_BOUNDARY_BYTES) {
    return { ...base, kind: "confini", fileErrors: ["Il file dei confini supera 200 MB: semplificarlo o limitarlo alla regione prima di importarlo."] };
  }
  try {
    const result = await importBoundaries(handle, {
      fileName: request.fileName,
      text: fs.readFileSync(request.filePath, "utf8"),
      zoneCode: request.zoneCode,
      dryRun: request.dryRun,
      userLabel: request.userLabel,
    });
    const status: ImportReport["status"] = request.dryRun
      ? "previewed"
      : result.batchId !== null
        ? "committed"
        : "unchanged";
    return {
      ...base,
      kind: "confini",
      status,
      batchId: result.batchId,
      encoding: "UTF-8",
      format: `${result.format} (codice in "${result.codeProperty}")`,
      rowsRead: result.rowsRead,
      inserted: result.inserted,
      updated: result.updated,
      unchanged: result.unchanged,
      rejected: result.rejected,
      errors: result.errors,
      errorsTotal: result.errors.length,
      notes: [
        `Geometrie semplificate: da ${result.positionsBefore} a ${result.positionsAfter} vertici.`,
        ...(result.outsideZone > 0 ? [`${result.outsideZone} comuni fuori dalla zona sono stati ignorati.`] : []),
      ],
    };
  } catch (error) {
    if (error instanceof BoundaryFileRejected) return { ...base, kind: "confini", fileErrors: [error.message] };
    throw error;
  }
}

/** A file name as the user gave it, without control characters (PostgreSQL refuses NUL in text and JSON). */
export function cleanFileName(name: string): string {
  const cleaned = name.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 255);
  return cleaned || "file";
}

export async function runImport(handle: DatabaseHandle, original: ImportRequest): Promise<ImportReport> {
  const request = { ...original, fileName: cleanFileName(original.fileName) };
  const fileSize = fs.statSync(request.filePath).size;
  const base = emptyReport(request, await fileSha256(request.filePath), fileSize);
  if (fileSize === 0) return { ...base, fileErrors: ["Il file è vuoto (0 byte)."] };
  if (request.zoneCode) {
    const zone = await handle.db.selectFrom("zone").select("code").where("code", "=", request.zoneCode).executeTakeFirst();
    if (!zone) return { ...base, fileErrors: [`Zona sociale "${request.zoneCode}" non trovata.`] };
  }
  if (request.kind === "confini" || (request.kind === null && looksLikeJson(request.filePath, request.fileName))) {
    return runBoundaryImport(handle, request, base);
  }
  return runCsvImport(handle, request, base);
}
