import fs from "node:fs";
import { createDecoder, detectEncoding, FileRejected, type DetectedEncoding } from "./decode";
import { parseRecords, RecordReader, type CsvRecord } from "./records";

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

function readSample(filePath: string): Uint8Array {
  const fd = fs.openSync(filePath, "r");
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const n = fs.readSync(fd, buffer, 0, SAMPLE_BYTES, 0);
    return buffer.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/** The delimiter that splits most sample records into the same number (> 1) of fields. */
export function detectDelimiter(sampleText: string): string {
  let best: { delimiter: string; rows: number; fields: number } = { delimiter: ";", rows: 0, fields: 0 };
  for (const delimiter of DELIMITERS) {
    let records: CsvRecord[];
    try {
      records = parseRecords(sampleText, delimiter, { partial: true }).slice(0, 200);
    } catch {
      continue;
    }
    const counts = new Map<number, number>();
    for (const r of records) if (r.cells.length > 1) counts.set(r.cells.length, (counts.get(r.cells.length) ?? 0) + 1);
    for (const [fields, rows] of counts) {
      if (rows > best.rows || (rows === best.rows && fields > best.fields)) best = { delimiter, rows, fields };
    }
  }
  return best.delimiter;
}

export function detectDialect(filePath: string): { dialect: Dialect; sampleRecords: CsvRecord[] } {
  const sample = readSample(filePath);
  const encoding = detectEncoding(sample);
  const decoder = createDecoder(encoding);
  const text = decoder.write(sample.subarray(encoding.bomLength));
  const delimiter = detectDelimiter(text);
  return { dialect: { encoding, delimiter }, sampleRecords: parseRecords(text, delimiter, { partial: true }).slice(0, 60) };
}

/**
 * Streams every record of the file (blank lines skipped), with physical line
 * numbers. `onEncoding` receives the encoding actually used, once the file has
 * been read to the end (see createDecoder).
 */
export async function* readRecords(filePath: string, dialect: Dialect, onEncoding?: (encoding: string) => void): AsyncGenerator<CsvRecord> {
  const decoder = createDecoder(dialect.encoding);
  const reader = new RecordReader(dialect.delimiter);
  let skip = dialect.encoding.bomLength;
  const stream = fs.createReadStream(filePath, { highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let bytes: Uint8Array = chunk;
      if (skip > 0) {
        const cut = Math.min(skip, bytes.length);
        bytes = bytes.subarray(cut);
        skip -= cut;
      }
      let text: string;
      try {
        text = decoder.write(bytes);
      } catch (error) {
        if (error instanceof FileRejected) throw new FileRejected(`${error.message} (intorno alla riga ${reader.currentLine})`);
        throw error;
      }
      yield* reader.push(text);
    }
    yield* reader.push(decoder.end());
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
