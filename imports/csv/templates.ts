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

/**
 * A template of given rows in the kind's layout (the same header and format as
 * templateCsv): the gaps of the Completezza page as `valori` rows to fill in.
 */
export function rowsTemplateCsv(kind: KindSpec["kind"], rows: readonly (readonly string[])[]): string {
  return toCsv(
    KINDS[kind].columns.map((c) => c.label),
    rows,
  );
}
