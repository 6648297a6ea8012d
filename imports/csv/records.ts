import { FileRejected } from "./decode";

/**
 * A streaming CSV record reader (RFC 4180: quoted fields may hold the
 * delimiter, doubled quotes and newlines; CRLF, LF or CR line ends). Each
 * record carries the physical line where it starts, as a text editor counts
 * lines, so messages point at the right place even after multi-line fields.
 *
 * Linear in the input: runs of ordinary characters are taken as slices of the
 * chunk, a field is the join of its pieces, and whether a field is still blank
 * (so that a quote opens a quoted section) is a flag, never a re-scan.
 */
export interface CsvRecord {
  line: number;
  cells: string[];
}

export const MAX_FIELD_CHARS = 1_000_000;
export const MAX_COLUMNS = 500;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const NON_BLANK = /\S/;

export class RecordReader {
  private pieces: string[] = [];
  private fieldLength = 0;
  /** The field so far has a non-whitespace character (then a quote is a literal quote). */
  private fieldHasContent = false;
  private cells: string[] = [];
  private inQuotes = false;
  /** The previous character closed a quoted section (a quote that may be doubled). */
  private quoteClosed = false;
  private pendingCR = false;
  private line = 1;
  private recordLine = 1;
  private readonly out: CsvRecord[] = [];
  private readonly delimiterCode: number;

  constructor(delimiter: string) {
    if (delimiter.length !== 1) throw new Error("CSV delimiter must be one character");
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  /** Lines read so far (for messages about the place of a decoding error). */
  get currentLine(): number {
    return this.line;
  }

  private append(piece: string): void {
    if (piece.length === 0) return;
    this.fieldLength += piece.length;
    if (this.fieldLength > MAX_FIELD_CHARS) {
      throw new FileRejected(
        `Riga ${this.recordLine}: un campo supera 1.000.000 di caratteri${this.inQuotes ? " (virgolette non chiuse?)" : ""}.`,
      );
    }
    this.pieces.push(piece);
    if (!this.fieldHasContent && NON_BLANK.test(piece)) this.fieldHasContent = true;
  }

  private clearField(): void {
    this.pieces = [];
    this.fieldLength = 0;
    this.fieldHasContent = false;
  }

  private endField(): void {
    const pieces = this.pieces;
    this.cells.push(pieces.length === 0 ? "" : pieces.length === 1 ? (pieces[0] as string) : pieces.join(""));
    this.clearField();
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

  /** The physical line of `text[index]` if `text` were pushed next (for messages about a character in it). */
  lineAt(text: string, index: number): number {
    return lineOf(text, index, this.line, this.pendingCR);
  }

  /** After a CR at `index`: skips the LF of a CRLF, or remembers to skip it at the start of the next chunk. */
  private afterCR(text: string, index: number): number {
    if (index + 1 < text.length) return text.charCodeAt(index + 1) === LF ? index + 2 : index + 1;
    this.pendingCR = true;
    return index + 1;
  }

  /** Feeds decoded text; returns the records completed by it. */
  push(text: string): CsvRecord[] {
    const n = text.length;
    const d = this.delimiterCode;
    const delimiter = String.fromCharCode(d);
    // The next delimiter, LF, CR and quote at or after the current position (n: none), each found by
    // indexOf once per occurrence: a run of ordinary characters is cut without looking at each of them.
    let nextD = -1;
    let nextLF = -1;
    let nextCR = -1;
    let nextQuote = -1;
    const find = (cached: number, ch: string, from: number): number => {
      if (cached >= from) return cached;
      const at = text.indexOf(ch, from);
      return at === -1 ? n : at;
    };
    let i = 0;
    if (this.pendingCR && n > 0) {
      this.pendingCR = false;
      if (text.charCodeAt(0) === LF) i = 1;
    }
    while (i < n) {
      if (this.inQuotes) {
        // Up to the closing quote or a line break; doubled quotes ("" = a literal quote) are part of the run.
        let j = i;
        let doubled = false;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === QUOTE) {
            if (j + 1 < n && text.charCodeAt(j + 1) === QUOTE) {
              doubled = true;
              j += 2;
              continue;
            }
            break;
          }
          if (c === LF || c === CR) break;
          j++;
        }
        const run = text.slice(i, j);
        this.append(doubled ? run.replaceAll('""', '"') : run);
        if (j === n) break;
        const c = text.charCodeAt(j);
        if (c === QUOTE) {
          this.inQuotes = false;
          this.quoteClosed = true;
          i = j + 1;
        } else {
          this.line++;
          this.append("\n");
          i = c === CR ? this.afterCR(text, j) : j + 1;
        }
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === QUOTE && (this.quoteClosed || !this.fieldHasContent)) {
        if (this.quoteClosed) {
          // "" inside a quoted field: a literal quote.
          this.append('"');
          this.quoteClosed = false;
        } else {
          this.clearField(); // leading blanks before the opening quote are dropped
        }
        this.inQuotes = true;
        i++;
      } else if (c === d) {
        this.endField();
        i++;
      } else if (c === LF || c === CR) {
        this.endRecord();
        this.line++;
        this.recordLine = this.line;
        i = c === CR ? this.afterCR(text, i) : i + 1;
      } else {
        // A run of ordinary characters, up to the next delimiter or line break; a quote inside a
        // field that already has content is one of them.
        this.quoteClosed = false;
        nextD = find(nextD, delimiter, i + 1);
        nextLF = find(nextLF, "\n", i + 1);
        nextCR = find(nextCR, "\r", i + 1);
        let j = Math.min(nextD, nextLF, nextCR);
        if (!this.fieldHasContent) {
          nextQuote = find(nextQuote, '"', i + 1);
          // Tested at most once per run: a quote after blanks only opens a quoted section.
          if (nextQuote < j && !NON_BLANK.test(text.slice(i, nextQuote))) j = nextQuote;
        }
        this.append(text.slice(i, j));
        i = j;
      }
    }
    return this.out.splice(0, this.out.length);
  }

  /** Ends the input; returns the last record if the file does not end with a newline. */
  finish(): CsvRecord[] {
    if (this.inQuotes) {
      throw new FileRejected(`Riga ${this.recordLine}: virgolette aperte e mai chiuse fino alla fine del file.`);
    }
    if (this.fieldLength > 0 || this.cells.length > 0) this.endRecord();
    return this.out.splice(0, this.out.length);
  }
}

/** Line of `text[index]`, counting LF, CRLF and lone CR as one line break each. */
export function lineOf(text: string, index: number, startLine = 1, afterCR = false): number {
  let line = startLine;
  let cr = afterCR;
  for (let i = 0; i < index && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) {
      if (!cr) line++;
      cr = false;
    } else if (c === CR) {
      line++;
      cr = true;
    } else cr = false;
  }
  return line;
}

/**
 * Parses a text at once (detection samples, tests). `partial`: the text is the
 * start of a longer file, so an unfinished last record is left out.
 * `maxRecords`: stops once that many records are read (detection needs only
 * the first ones).
 */
export function parseRecords(text: string, delimiter: string, options: { partial?: boolean; maxRecords?: number } = {}): CsvRecord[] {
  const reader = new RecordReader(delimiter);
  const max = options.maxRecords ?? Number.POSITIVE_INFINITY;
  const records: CsvRecord[] = [];
  const STEP = 64 * 1024;
  for (let start = 0; start < text.length && records.length < max; start += STEP) {
    records.push(...reader.push(text.slice(start, start + STEP)));
  }
  if (records.length >= max) return records.slice(0, max);
  if (!options.partial) records.push(...reader.finish());
  return records.slice(0, max);
}
