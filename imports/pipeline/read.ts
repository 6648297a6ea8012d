import { detectDelimiter, detectHeader, detectLineEnding, isBlankRecord, isNoteRow, type Delimiter, type LineEnding } from "../detect/dialect";
import { createStreamDecoder, detectEncoding, type DetectedEncoding, type EncodingName } from "../detect/encoding";
import { markupFormatMessage } from "../detect/magic";
import { CsvTokenizer, tokenize, type TokenizerLimits } from "../parse/tokenizer";
import { FileError } from "../validate/errors";
import { LIMITS } from "../validate/limits";

/**
 * The streaming reader: detects encoding, delimiter and header on the first
 * ~64 KB, then streams records with bounded memory (one chunk, one record and
 * a few held-back note rows at a time). `rows` can be iterated once; it
 * throws FileError for problems found later in the file (mixed encoding,
 * unclosed quote, giant field).
 */
export type CsvSource = Uint8Array | AsyncIterable<Uint8Array>;

export interface ReadOptions {
  /** Forces the delimiter instead of detecting it. */
  delimiter?: Delimiter;
  /** Kind-aware header test (see kinds/detect-kind.ts looksLikeHeader). */
  isHeader?: (cells: readonly string[]) => boolean;
  sampleBytes?: number;
  limits?: TokenizerLimits;
}

export interface SkippedLine {
  line: number;
  text: string;
  reason: "titolo" | "nota";
}

export interface CsvInfo {
  /** Final once `rows` is exhausted: an ASCII-only start may turn out to be Windows-1252 further down. */
  encoding: EncodingName;
  delimiter: Delimiter;
  lineEnding: LineEnding;
  /** Physical line (1-based) where the header record starts. */
  headerLine: number;
  /** Header cells, trimmed, inner whitespace and newlines folded to one space. */
  headers: string[];
  /** Title rows above the header and footer notes after the data (filled in as rows are read). */
  skipped: SkippedLine[];
}

export interface CsvRow {
  /** Physical line where the record starts. */
  line: number;
  cells: string[];
}

export interface CsvReading {
  info: CsvInfo;
  rows: AsyncIterable<CsvRow>;
}

const CHUNK = 1024 * 1024;
/** Note-like rows held back to see whether data follows (then they are data). */
const MAX_HELD_NOTES = 50;

async function* asChunks(source: CsvSource): AsyncGenerator<Uint8Array> {
  if (source instanceof Uint8Array) {
    for (let i = 0; i < source.length; i += CHUNK) yield source.subarray(i, i + CHUNK);
    return;
  }
  for await (const chunk of source) if (chunk.length > 0) yield chunk;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const rowText = (cells: readonly string[]) => cells.filter((c) => c.trim() !== "").join(" ").replace(/\s+/g, " ").slice(0, 200);

/** The sample grows up to this size when the header is not in the first part (long title blocks, small chunks). */
const MAX_SAMPLE = 1024 * 1024;

export async function readCsv(source: CsvSource, opts: ReadOptions = {}): Promise<CsvReading> {
  const limits = opts.limits ?? LIMITS;
  const iterator = asChunks(source)[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let whole = false;
  const readUpTo = async (bytes: number) => {
    while (!whole && headBytes < bytes) {
      const next = await iterator.next();
      if (next.done) whole = true;
      else {
        head.push(next.value);
        headBytes += next.value.length;
      }
    }
  };

  let target = opts.sampleBytes ?? LIMITS.sampleBytes;
  for (;;) {
    await readUpTo(target);
    const sample = concat(head);
    const detected = detectEncoding(sample);
    const sampleDecoder = createStreamDecoder(detected);
    const text = sampleDecoder.write(sample.subarray(detected.bomLength)) + (whole ? sampleDecoder.end() : "");
    const markup = markupFormatMessage(text);
    if (markup) throw new FileError("binary", markup);
    if (whole && text.trim() === "") throw new FileError("empty", "Il file non contiene dati: solo spazi o righe vuote.");

    const delimiter = opts.delimiter ?? detectDelimiter(text, { complete: whole }).delimiter;
    const records = tokenize(text, delimiter, { partial: !whole, limits });
    const headerIndex = detectHeader(records, { isHeader: opts.isHeader });
    const header = records[headerIndex];
    // Without a header, or with nothing after it yet, a bigger sample may tell more.
    const sure = whole || (header !== undefined && headerIndex < records.length - 1) || headBytes >= MAX_SAMPLE;
    if (!sure) {
      target = Math.min(MAX_SAMPLE, Math.max(target * 2, headBytes + 1));
      continue;
    }
    if (!header) {
      throw new FileError("no-header", "Non trovo la riga di intestazione con i nomi delle colonne tra le prime 30 righe del file.");
    }
    const info: CsvInfo = {
      encoding: sampleDecoder.encoding,
      delimiter,
      lineEnding: detectLineEnding(text),
      headerLine: header.line,
      headers: header.cells.map((h) => h.replace(/\s+/g, " ").trim()),
      skipped: records
        .slice(0, headerIndex)
        .filter((r) => !isBlankRecord(r.cells))
        .map((r) => ({ line: r.line, text: rowText(r.cells), reason: "titolo" as const })),
    };
    return { info, rows: streamRows(info, detected, header.endLine, head, iterator, limits) };
  }
}

async function* streamRows(
  info: CsvInfo,
  detected: DetectedEncoding,
  afterHeader: number,
  head: readonly Uint8Array[],
  iterator: AsyncIterator<Uint8Array>,
  limits: TokenizerLimits,
): AsyncGenerator<CsvRow> {
  const delimiter = info.delimiter;
  const decoder = createStreamDecoder(detected);
  const tokenizer = new CsvTokenizer(delimiter, limits);
  const held: CsvRow[] = [];
  function* emit(records: Iterable<{ line: number; cells: string[] }>): Generator<CsvRow> {
    for (const r of records) {
      if (r.line <= afterHeader || isBlankRecord(r.cells)) continue;
      if (isNoteRow(r.cells) && held.length < MAX_HELD_NOTES) {
        held.push({ line: r.line, cells: r.cells });
        continue;
      }
      // Data after a note: the note was inside the table, so it is a row like any other.
      yield* held.splice(0);
      yield { line: r.line, cells: r.cells };
    }
  }
  let bom = detected.bomLength;
  const feed = async function* (): AsyncGenerator<Uint8Array> {
    yield* head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  };
  for await (const chunk of feed()) {
    const cut = Math.min(bom, chunk.length);
    bom -= cut;
    const bytes = cut > 0 ? chunk.subarray(cut) : chunk;
    const decoded = decoder.write(bytes);
    info.encoding = decoder.encoding;
    yield* emit(tokenizer.push(decoded));
  }
  yield* emit(tokenizer.push(decoder.end()));
  info.encoding = decoder.encoding;
  yield* emit(tokenizer.finish());
  for (const note of held) info.skipped.push({ line: note.line, text: rowText(note.cells), reason: "nota" });
}
