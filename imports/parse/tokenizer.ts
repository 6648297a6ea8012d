import { FileError } from "../validate/errors";
import { LIMITS } from "../validate/limits";

/**
 * An incremental RFC 4180 tokenizer that keeps physical line numbers: a record
 * starts on `line` and ends on `endLine` (different when a quoted field holds
 * newlines). CRLF, LF and lone CR all end a line. Lenient like Excel: a quote
 * inside an unquoted field is a literal character.
 */
export interface CsvRecord {
  line: number;
  endLine: number;
  cells: string[];
}

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

export interface TokenizerLimits {
  maxFieldChars: number;
  maxColumns: number;
}

export class CsvTokenizer {
  private state = State.FieldStart;
  private field = "";
  private cells: string[] = [];
  private line = 1;
  private recordLine = 1;
  private quoteLine = 1;
  private started = false;
  private heldCR = false;
  private readonly delim: number;

  constructor(
    delimiter: string,
    private readonly limits: TokenizerLimits = LIMITS,
  ) {
    if (delimiter.length !== 1) throw new Error("delimiter must be one character");
    this.delim = delimiter.charCodeAt(0);
  }

  /** The physical line the tokenizer has reached. */
  get currentLine(): number {
    return this.line;
  }

  push(chunk: string): CsvRecord[] {
    let text = this.heldCR ? `\r${chunk}` : chunk;
    this.heldCR = text.endsWith("\r");
    if (this.heldCR) text = text.slice(0, -1);
    text = text.replace(/\r\n?/g, "\n");
    const out: CsvRecord[] = [];
    const n = text.length;
    let seg = 0;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      switch (this.state) {
        case State.FieldStart:
          this.started = true;
          if (c === 0x22) {
            this.state = State.Quoted;
            this.quoteLine = this.line;
            seg = i + 1;
            break;
          }
          this.state = State.Unquoted;
          seg = i;
        // falls through: the character belongs to the unquoted field
        case State.Unquoted:
          if (c === this.delim) {
            this.append(text, seg, i);
            this.endField();
            this.state = State.FieldStart;
          } else if (c === 0x0a) {
            this.append(text, seg, i);
            out.push(this.endRecord());
          }
          break;
        case State.Quoted:
          if (c === 0x22) {
            this.append(text, seg, i);
            this.state = State.QuoteInQuoted;
          } else if (c === 0x0a) {
            this.line++;
          }
          break;
        case State.QuoteInQuoted:
          if (c === 0x22) {
            this.state = State.Quoted;
            seg = i; // the second quote of "" is kept as a literal quote
          } else if (c === this.delim) {
            this.endField();
            this.state = State.FieldStart;
          } else if (c === 0x0a) {
            out.push(this.endRecord());
          } else {
            this.state = State.Unquoted;
            seg = i;
          }
          break;
      }
    }
    if (this.state === State.Unquoted || this.state === State.Quoted) this.append(text, seg, n);
    return out;
  }

  /** The last record (a file need not end with a newline). Throws on an unclosed quote. */
  finish(): CsvRecord[] {
    if (this.heldCR) {
      this.heldCR = false;
      return [...this.push("\n"), ...this.finish()];
    }
    if (this.state === State.Quoted) {
      throw new FileError(
        "unterminated-quote",
        `Virgolette non chiuse: il campo che inizia alla riga ${this.quoteLine} non termina prima della fine del file.`,
        this.quoteLine,
      );
    }
    if (!this.started) return [];
    const record = this.endRecord();
    this.line--; // no newline was read
    record.endLine = this.line;
    return [record];
  }

  private append(text: string, from: number, to: number): void {
    if (to <= from) return;
    if (this.field.length + (to - from) > this.limits.maxFieldChars) {
      const quoted = this.state === State.Quoted;
      throw new FileError(
        "field-too-long",
        quoted
          ? `Un campo tra virgolette aperto alla riga ${this.quoteLine} supera ${this.limits.maxFieldChars.toLocaleString("it-IT")} caratteri: probabilmente mancano le virgolette di chiusura.`
          : `Alla riga ${this.recordLine} un campo supera ${this.limits.maxFieldChars.toLocaleString("it-IT")} caratteri: non sembra una tabella CSV.`,
        quoted ? this.quoteLine : this.recordLine,
      );
    }
    this.field += text.slice(from, to);
  }

  private endField(): void {
    this.cells.push(this.field);
    this.field = "";
    if (this.cells.length > this.limits.maxColumns) {
      throw new FileError(
        "too-many-columns",
        `La riga ${this.recordLine} ha più di ${this.limits.maxColumns.toLocaleString("it-IT")} colonne: il file non sembra una tabella valida (controlla il separatore).`,
        this.recordLine,
      );
    }
  }

  private endRecord(): CsvRecord {
    this.endField();
    const record: CsvRecord = { line: this.recordLine, endLine: this.line, cells: this.cells };
    this.cells = [];
    this.state = State.FieldStart;
    this.started = false;
    this.line++;
    this.recordLine = this.line;
    return record;
  }
}

/** Tokenizes a whole string (tests, samples). With `partial`, an unfinished last record is dropped instead of failing. */
export function tokenize(text: string, delimiter: string, opts: { partial?: boolean; limits?: TokenizerLimits } = {}): CsvRecord[] {
  const t = new CsvTokenizer(delimiter, opts.limits);
  const records = t.push(text);
  if (opts.partial) return records;
  return [...records, ...t.finish()];
}
