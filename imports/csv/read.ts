import fs from "node:fs";
import { createDecoder, detectEncoding, FileRejected, type DetectedEncoding } from "./decode";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { lineOf, parseRecords, RecordReader, type CsvRecord } from "./records";

/**
 * Reading a CSV file: detection on a sample (encoding, delimiter), then a
 * streaming pass over the whole file with bounded memory. The file is read
 * from disk, so the import can pass over it twice (first to learn each
 * column's number convention, then to load).
 */
const SAMPLE_BYTES = 1024 * 1024;
const DELIMITERS = [";", ",", "\t", "|"] as const;

export interface Dialect {
  encoding: DetectedEncoding;
  delimiter: string;
}

interface Sample {
  bytes: Uint8Array;
  /** The sample is the whole file: its last line is complete even without a final newline. */
  complete: boolean;
}

function readSample(filePath: string): Sample {
  const fd = fs.openSync(filePath, "r");
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES + 1);
    const n = fs.readSync(fd, buffer, 0, SAMPLE_BYTES + 1, 0);
    return { bytes: buffer.subarray(0, Math.min(n, SAMPLE_BYTES)), complete: n <= SAMPLE_BYTES };
  } finally {
    fs.closeSync(fd);
  }
}

/** Records read for delimiter detection: enough to see the table's shape, never the whole sample per candidate. */
const DETECTION_RECORDS = 200;

/**
 * The delimiter that splits most sample records into the same number (> 1)
 * of fields, with the records it gives (so the sample is not parsed again).
 */
function detectDelimiterAndRecords(sampleText: string, complete: boolean): { delimiter: string; records: CsvRecord[] } {
  const parse = (delimiter: string) => parseRecords(sampleText, delimiter, { partial: !complete, maxRecords: DETECTION_RECORDS });
  let best: { delimiter: string; rows: number; fields: number; records: CsvRecord[] } | null = null;
  for (const delimiter of DELIMITERS) {
    let records: CsvRecord[];
    try {
      records = parse(delimiter);
    } catch {
      continue;
    }
    const counts = new Map<number, number>();
    for (const r of records) if (r.cells.length > 1) counts.set(r.cells.length, (counts.get(r.cells.length) ?? 0) + 1);
    for (const [fields, rows] of counts) {
      if (!best || rows > best.rows || (rows === best.rows && fields > best.fields)) best = { delimiter, rows, fields, records };
    }
  }
  // No delimiter splits the records: ";" (whose error, if any, is the message).
  return best ?? { delimiter: ";", records: parse(";") };
}

/** The delimiter that splits most sample records into the same number (> 1) of fields. */
export function detectDelimiter(sampleText: string): string {
  return detectDelimiterAndRecords(sampleText, false).delimiter;
}

function nulByte(line: number): FileRejected {
  return new FileRejected(
    `Riga ${line}: il file contiene un byte nullo (carattere 0), che non può stare in un file di testo. ` +
      "Il file è forse danneggiato o non è un CSV: esportarlo di nuovo come CSV.",
  );
}

export function detectDialect(filePath: string): { dialect: Dialect; sampleRecords: CsvRecord[] } {
  const sample = readSample(filePath);
  const encoding = detectEncoding(sample.bytes);
  const decoder = createDecoder(encoding);
  const body = sample.bytes.subarray(encoding.bomLength);
  const text = decoder.write(body) + (sample.complete ? decoder.end() : "");
  const nul = text.indexOf("\0");
  if (nul !== -1) throw nulByte(lineOf(text, nul));
  const { delimiter, records } = detectDelimiterAndRecords(text, sample.complete);
  return { dialect: { encoding, delimiter }, sampleRecords: records.slice(0, 60) };
}

/** How long the parser may hold the event loop before letting other requests through. */
const YIELD_EVERY_MS = 20;

/**
 * Streams every record of the file (blank lines skipped), with physical line
 * numbers. `onEncoding` receives the encoding actually used, once the file has
 * been read to the end (see createDecoder). Every YIELD_EVERY_MS it lets the
 * event loop run (setImmediate), so a large or hostile file never stops the
 * server from answering other users.
 */
export async function* readRecords(filePath: string, dialect: Dialect, onEncoding?: (encoding: string) => void): AsyncGenerator<CsvRecord> {
  const decoder = createDecoder(dialect.encoding);
  const reader = new RecordReader(dialect.delimiter);
  let skip = dialect.encoding.bomLength;
  let lastYield = performance.now();
  const stream = fs.createReadStream(filePath, { highWaterMark: 64 * 1024 });
  const parse = (text: string): CsvRecord[] => {
    const nul = text.indexOf("\0");
    if (nul !== -1) throw nulByte(reader.lineAt(text, nul));
    return reader.push(text);
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let bytes: Uint8Array = chunk;
      if (skip > 0) {
        const cut = Math.min(skip, bytes.length);
        bytes = bytes.subarray(cut);
        skip -= cut;
      }
      // Decoding errors name their own line and byte position.
      for (const record of parse(decoder.write(bytes))) {
        yield record;
        if (performance.now() - lastYield > YIELD_EVERY_MS) {
          await yieldToEventLoop();
          lastYield = performance.now();
        }
      }
    }
    yield* parse(decoder.end());
    yield* reader.finish();
    onEncoding?.(decoder.encoding());
  } finally {
    stream.destroy();
  }
}

/** A footer note such as "Fonte: ISTAT" or "(*) dati provvisori": one non-empty cell that reads like a note. */
export function isNoteRow(cells: readonly string[]): boolean {
  const filled = cells.filter((c) => c.trim() !== "");
  return filled.length === 1 && /^\s*(fonte|fonti|note?|nota|elaborazion|dati provvisori|\(\*|\*)/i.test(filled[0] as string);
}
