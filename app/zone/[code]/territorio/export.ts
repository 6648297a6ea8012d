import { territoryTable } from "@/db/queries/territory";
import type { Db } from "@/db/queries/zones";
import type { CsvValue } from "@/lib/export/csv";
import { parseTerritorySearch } from "./search-params";

/** The Territorio table as header and rows, for the CSV and XLSX downloads. */
export async function territoryExport(db: Db, code: string, searchParams: URLSearchParams) {
  const search = parseTerritorySearch(Object.fromEntries(searchParams));
  const table = await territoryTable(db, code, search.indicators, search.year);
  const header = ["codice ISTAT", "comune", ...table.indicators.map((d) => `${d.name} (${d.unit})`), "indice di fragilità", "decile"];
  const rows: CsvValue[][] = table.rows.map((r) => [r.istat, r.name, ...table.indicators.map((d) => r.values[d.code] ?? null), r.fragility.index, r.fragility.decile]);
  rows.push(["", "Zona", ...table.indicators.map((d) => table.zone[d.code]?.value ?? null), null, null]);
  rows.push(["", table.region.name, ...table.indicators.map((d) => table.region.values[d.code] ?? null), null, null]);
  return { fileBase: `territorio-${code}-${table.year ?? ""}`, header, rows };
}
