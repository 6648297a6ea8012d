import { KINDS } from "./index";
import type { KindName } from "./types";

/**
 * Downloadable templates: the header and a few realistic rows, `;`-separated,
 * CRLF, UTF-8 with BOM so that Excel with Italian settings opens them right.
 */
function csvCell(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function templateText(kind: KindName): string {
  const def = KINDS[kind];
  const rows = [def.columns.map((c) => c.label), ...def.examples];
  return rows.map((r) => r.map(csvCell).join(";")).join("\r\n") + "\r\n";
}

export function templateCsv(kind: KindName): Uint8Array {
  const body = new TextEncoder().encode(templateText(kind));
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf], 0);
  out.set(body, 3);
  return out;
}

export function templateFileName(kind: KindName): string {
  return `modello-${kind}.csv`;
}
