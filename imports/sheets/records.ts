import { FileRejected } from "../csv/decode";
import { MAX_COLUMNS, MAX_FIELD_CHARS, type CsvRecord } from "../csv/records";

/**
 * A row being read from a sheet, cell by cell, into the CSV path's record:
 * the cells in column order (gaps as empty cells), the row number as the
 * spreadsheet program shows it, blank rows left out as the CSV reader leaves
 * out blank lines. Bounds are the CSV reader's: 500 columns, a million
 * characters a cell.
 */
export class RowBuilder {
  private cells: string[] = [];
  private filled = false;

  constructor(private readonly where: () => string) {}

  /** The column letters of a 0-based index: 0 → A, 27 → AB. */
  static letters(index: number): string {
    let out = "";
    for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    return out;
  }

  set(column: number, value: string): void {
    if (value === "") return;
    if (column >= MAX_COLUMNS) {
      throw new FileRejected(`${this.where()}, colonna ${RowBuilder.letters(column)}: il foglio ha dati oltre la colonna ${MAX_COLUMNS} (${RowBuilder.letters(MAX_COLUMNS - 1)}), il massimo che si importa.`);
    }
    if (value.length > MAX_FIELD_CHARS) throw new FileRejected(`${this.where()}, colonna ${RowBuilder.letters(column)}: una cella supera 1.000.000 di caratteri.`);
    while (this.cells.length < column) this.cells.push("");
    this.cells[column] = value;
    if (value.trim() !== "") this.filled = true;
  }

  /** The record, or null for a blank row; the builder is ready for the next row. */
  take(line: number): CsvRecord | null {
    const record = this.filled ? { line, cells: this.cells } : null;
    this.cells = [];
    this.filled = false;
    return record;
  }
}

/** Text collected for one cell, bounded while it grows (a hostile cell never fills memory). */
export class CellText {
  private parts: string[] = [];
  private length = 0;
  constructor(private readonly where: () => string) {}

  add(text: string): void {
    this.length += text.length;
    if (this.length > MAX_FIELD_CHARS) throw new FileRejected(`${this.where()}: una cella supera 1.000.000 di caratteri.`);
    this.parts.push(text);
  }

  take(): string {
    const out = this.parts.length === 1 ? (this.parts[0] as string) : this.parts.join("");
    this.parts = [];
    this.length = 0;
    return out;
  }
}
