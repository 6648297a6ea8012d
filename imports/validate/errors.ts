/**
 * The two kinds of problem an import reports. A file-level problem stops the
 * file (nothing can be read reliably); a row problem rejects one row (or one
 * value of a wide row) and names where it is, as a text editor shows it.
 */
export interface RowError {
  /** Physical line in the file, 1-based, counting title rows and newlines inside quoted fields. */
  line: number;
  /** The column header as written in the file ("" when the whole row is at fault). */
  column: string;
  /** The raw cell (truncated for very long cells). */
  value: string;
  /** Italian, without the location prefix: "non è un numero valido". */
  message: string;
}

export type FileErrorCode =
  | "empty"
  | "binary"
  | "mixed-encoding"
  | "no-header"
  | "header-only"
  | "field-too-long"
  | "too-many-columns"
  | "unterminated-quote"
  | "unknown-column"
  | "duplicate-column"
  | "missing-column"
  | "unknown-kind"
  | "ambiguous-kind"
  | "unknown-format"
  /** Anything unexpected: a bug, reported without details to the user. */
  | "unreadable";

/** A problem with the whole file. `message` is complete Italian for the user. */
export class FileError extends Error {
  constructor(
    readonly code: FileErrorCode,
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = "FileError";
  }
}

export interface FileIssue {
  code: FileErrorCode;
  message: string;
  line?: number;
}

const MAX_SHOWN = 80;

/** Cell text as shown in messages: long cells are cut so reports stay readable. */
export function shownValue(value: string): string {
  return value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
}

export function rowError(line: number, column: string, value: string, message: string): RowError {
  return { line, column, value: shownValue(value), message };
}

/** `Riga 12, colonna "valore": "1.234,5,6" non è un numero valido.` */
export function formatRowError(e: RowError): string {
  const where = e.column ? `Riga ${e.line}, colonna "${e.column}"` : `Riga ${e.line}`;
  const what = e.value !== "" ? `"${e.value}" ${e.message}` : capitalise(e.message);
  return `${where}: ${what}${/[.!?]$/.test(what) ? "" : "."}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Turns anything thrown by the pipeline into a message the user may read; unexpected errors stay generic. */
export function toFileIssue(error: unknown): FileIssue {
  if (error instanceof FileError) return { code: error.code, message: error.message, line: error.line };
  return { code: "unreadable", message: "Il file non può essere letto: non sembra un CSV valido." };
}
