import { FileRejected } from "./decode";

/**
 * A streaming CSV record reader (RFC 4180: quoted fields may hold the
 * delimiter, doubled quotes and newlines; CRLF, LF or CR line ends). Each
 * record carries the physical line where it starts, as a text editor counts
 * lines, so messages point at the right place even after multi-line fields.
 */
export interface CsvRecord {
  line: number;
  cells: string[];
}

export const MAX_FIELD_CHARS = 1_000_000;
export const MAX_COLUMNS = 500;

export class RecordReader {
  private field = "";
  private cells: string[] = [];
  private inQuotes = false;
  /** The previous character closed a quoted section (a quote that may be doubled). */
  private quoteClosed = false;
  private pendingCR = false;
  private line = 1;
  private recordLine = 1;
  private readonly out: CsvRecord[] = [];

  constructor(private readonly delimiter: string) {}

  /** Lines read so far (for messages about the place of a decoding error). */
  get currentLine(): number {
    return this.line;
  }

  private endField(): void {
    this.cells.push(this.field);
    this.field = "";
    this.quoteClosed = false;
    if (this.cells.length > MAX_COLUMNS) {
      throw new FileRejected(`Riga ${this.recordLine}: più di ${MAX_COLUMNS} colonne. Il file non sembra una tabella di dati valida.`);
    }
  }

  private endRecord(): void {
    this.endField();
    // A blank line is not a record.
    if (!(this.cells.length === 1 && this.cells[0] === "")) this.out.push({ line: this.recordLine, cells: this.cells });
    this.cells = [];
  }

  /** Feeds decoded text; returns the records completed by it. */
  push(text: string): CsvRecord[] {
    const d = this.delimiter;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i] as string;
      if (this.pendingCR) {
        this.pendingCR = false;
        if (ch === "\n") continue;
      }
      if (this.inQuotes) {
        if (ch === '"') {
          this.inQuotes = false;
          this.quoteClosed = true;
        } else {
          if (ch === "\n" || ch === "\r") {
            this.line++;
            if (ch === "\r") this.pendingCR = true;
            this.field += "\n";
          } else this.field += ch;
          if (this.field.length > MAX_FIELD_CHARS) {
            throw new FileRejected(`Riga ${this.recordLine}: un campo supera 1.000.000 di caratteri (virgolette non chiuse?).`);
          }
        }
        continue;
      }
      if (ch === '"') {
        if (this.quoteClosed) {
          // "" inside a quoted field: a literal quote.
          this.field += '"';
          this.inQuotes = true;
          this.quoteClosed = false;
        } else if (this.field.trim() === "") {
          this.field = "";
          this.inQuotes = true;
        } else {
          this.field += ch;
        }
      } else if (ch === d) {
        this.endField();
      } else if (ch === "\n" || ch === "\r") {
        if (ch === "\r") this.pendingCR = true;
        this.endRecord();
        this.line++;
        this.recordLine = this.line;
      } else {
        this.quoteClosed = false;
        this.field += ch;
        if (this.field.length > MAX_FIELD_CHARS) {
          throw new FileRejected(`Riga ${this.recordLine}: un campo supera 1.000.000 di caratteri.`);
        }
      }
    }
    return this.out.splice(0, this.out.length);
  }

  /** Ends the input; returns the last record if the file does not end with a newline. */
  finish(): CsvRecord[] {
    if (this.inQuotes) {
      throw new FileRejected(`Riga ${this.recordLine}: virgolette aperte e mai chiuse fino alla fine del file.`);
    }
    if (this.field !== "" || this.cells.length > 0) this.endRecord();
    return this.out.splice(0, this.out.length);
  }
}

/** Parses a whole text at once (detection samples, tests). */
export function parseRecords(text: string, delimiter: string, options: { partial?: boolean } = {}): CsvRecord[] {
  const reader = new RecordReader(delimiter);
  const records = reader.push(text);
  if (options.partial) return records;
  return [...records, ...reader.finish()];
}
