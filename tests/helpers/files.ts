import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import iconv from "iconv-lite";

/** Writes test fixtures with exact bytes (encodings, BOMs, line ends) to a temporary folder. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "osservatorio-fixtures-"));
let n = 0;

export type FixtureEncoding = "utf8" | "utf8bom" | "win1252" | "utf16le";

export function fixture(content: string | Uint8Array, encoding: FixtureEncoding = "utf8", name?: string): string {
  const file = path.join(dir, name ?? `f${++n}.csv`);
  let bytes: Uint8Array;
  if (typeof content !== "string") bytes = content;
  else if (encoding === "utf8") bytes = Buffer.from(content, "utf8");
  else if (encoding === "utf8bom") bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(content, "utf8")]);
  else if (encoding === "win1252") bytes = iconv.encode(content, "win1252");
  else bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(content, "utf16le")]);
  fs.writeFileSync(file, bytes);
  return file;
}

/** Lines joined with CRLF, as Excel writes them. */
export const crlf = (...lines: string[]) => lines.join("\r\n") + "\r\n";
export const lf = (...lines: string[]) => lines.join("\n") + "\n";
