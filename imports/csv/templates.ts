import { toCsv } from "@/lib/export/csv";
import { KINDS, type KindSpec } from "./kinds";

/**
 * The downloadable template of a kind: the header with the documented column
 * names and a few realistic example rows, written like every download
 * (lib/export/csv.ts: `;`-separated, UTF-8 with BOM, CRLF) so that Excel with
 * Italian settings opens it in columns with accents intact.
 */
export function templateCsv(kind: KindSpec["kind"]): string {
  const spec = KINDS[kind];
  return toCsv(
    spec.columns.map((c) => c.label),
    spec.examples.map((row) => [...row]),
  );
}
