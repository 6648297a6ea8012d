import { tokenize, type CsvRecord } from "../parse/tokenizer";

/**
 * The dialect of a CSV file: delimiter, line endings, and where the header
 * is. Detected on a decoded sample of the file (a few tens of kilobytes).
 */
export const DELIMITERS = [";", "\t", ",", "|"] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export const DELIMITER_LABELS_IT: Record<Delimiter, string> = {
  ";": "punto e virgola (;)",
  ",": "virgola (,)",
  "\t": "tabulazione",
  "|": "barra verticale (|)",
};

export type LineEnding = "CRLF" | "LF" | "CR" | "nessuno";

export function detectLineEnding(text: string): LineEnding {
  const crlf = text.match(/\r\n/g)?.length ?? 0;
  const lf = (text.match(/\n/g)?.length ?? 0) - crlf;
  const cr = (text.match(/\r/g)?.length ?? 0) - crlf;
  if (crlf === 0 && lf === 0 && cr === 0) return "nessuno";
  if (crlf >= lf && crlf >= cr) return "CRLF";
  return lf >= cr ? "LF" : "CR";
}

export function isBlankRecord(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === "");
}

function filled(cells: readonly string[]): string[] {
  return cells.filter((c) => c.trim() !== "");
}

export interface DelimiterGuess {
  delimiter: Delimiter;
  /** The usual number of fields per record with this delimiter. */
  fields: number;
  /** How many sample records have exactly that number. */
  consistentRecords: number;
}

/**
 * The delimiter that splits the most sample records into the same number
 * (> 1) of fields, quotes respected. Ties follow the order ; tab , | (Italian
 * Excel first). A file that no delimiter splits is a single column: ";".
 */
export function detectDelimiter(sampleText: string, opts: { complete?: boolean; maxRecords?: number } = {}): DelimiterGuess {
  const maxRecords = opts.maxRecords ?? 500;
  let best: DelimiterGuess = { delimiter: ";", fields: 1, consistentRecords: 0 };
  for (const delimiter of DELIMITERS) {
    let records: CsvRecord[];
    try {
      records = tokenize(sampleText, delimiter, { partial: !opts.complete });
    } catch {
      continue; // too many columns, a giant field or an open quote with this delimiter: not this one
    }
    const counts = new Map<number, number>();
    for (const r of records.slice(0, maxRecords)) {
      if (isBlankRecord(r.cells) || r.cells.length < 2) continue;
      counts.set(r.cells.length, (counts.get(r.cells.length) ?? 0) + 1);
    }
    // This delimiter's usual width: the most frequent, the wider on a tie.
    let mine: DelimiterGuess = { delimiter, fields: 1, consistentRecords: 0 };
    for (const [fields, n] of counts) {
      if (n > mine.consistentRecords || (n === mine.consistentRecords && fields > mine.fields)) mine = { delimiter, fields, consistentRecords: n };
    }
    if (mine.consistentRecords > best.consistentRecords) best = mine;
  }
  return best;
}

const NOTE = /^\s*(fonte|fonti|note?\b|nota\b|n\.\s?b\.|legenda|elaborazion[ei]|dati provvisori|\(\*+\)|\*+|\(\d{1,2}\)|\(?[a-z]\)\s)/i;

/**
 * A note such as "Fonte: ISTAT", "Note: dati provvisori" or "(*) stima":
 * a row with one filled cell that reads like a note. Totals rows are data, not notes.
 */
export function isNoteRow(cells: readonly string[]): boolean {
  const f = filled(cells);
  return f.length === 1 && NOTE.test(f[0] as string);
}

function looksNumeric(cell: string): boolean {
  return /^[\s+\-−]*[\d.,\s\u00a0%€]+$/.test(cell.trim()) && /\d/.test(cell);
}

export interface HeaderOptions {
  /** Kind-aware test ("at least two known columns"); without it a shape heuristic decides. */
  isHeader?: (cells: readonly string[]) => boolean;
  /** Records examined for the header. */
  maxScan?: number;
}

/**
 * Index (in `records`) of the header row. Title and note rows above it are
 * skipped: a header has at least two filled cells, mostly not numbers, and
 * (without `isHeader`) at least half as many filled cells as the usual row.
 */
export function detectHeader(records: readonly CsvRecord[], opts: HeaderOptions = {}): number {
  const maxScan = Math.min(records.length, opts.maxScan ?? 30);
  if (opts.isHeader) {
    for (let i = 0; i < maxScan; i++) {
      const r = records[i] as CsvRecord;
      if (!isBlankRecord(r.cells) && opts.isHeader(r.cells)) return i;
    }
  }
  const widths = new Map<number, number>();
  for (const r of records) {
    const w = filled(r.cells).length;
    if (w > 1) widths.set(w, (widths.get(w) ?? 0) + 1);
  }
  const usual = [...widths.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 1;
  for (let i = 0; i < maxScan; i++) {
    const cells = (records[i] as CsvRecord).cells;
    const f = filled(cells);
    if (f.length < 2 || isNoteRow(cells)) continue;
    if (f.length * 2 < usual) continue;
    if (f.filter(looksNumeric).length * 2 > f.length) continue;
    return i;
  }
  return -1;
}
