import Papa from "papaparse";
import { KINDS, type KindSpec } from "./kinds";

/**
 * The downloadable template of a kind: the header with the documented column
 * names and a few realistic example rows, `;`-separated with a UTF-8 BOM so
 * that Excel with Italian settings opens it in columns with accents intact.
 */
export function templateCsv(kind: KindSpec["kind"]): string {
  const spec = KINDS[kind];
  const body = Papa.unparse([spec.columns.map((c) => c.label), ...spec.examples.map((row) => [...row])], {
    delimiter: ";",
    newline: "\r\n",
  });
  return `\uFEFF${body}\r\n`;
}
