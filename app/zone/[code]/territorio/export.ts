import { territorySeries, territoryTable } from "@/db/queries/territory";
import { indicatorDefinitions } from "@/db/queries/indicators";
import type { Db } from "@/db/queries/zones";
import type { CsvValue } from "@/lib/export/csv";
import { roundTo, type ExportTable } from "@/lib/export/table";
import { parseTerritorySearch, territorySortKey } from "./search-params";
import { sortRowsBy } from "@/lib/territory/sort";

/**
 * The Territorio tables as header and rows, for the CSV and XLSX downloads:
 * `tabella=comuni` (default) is the table of the comuni with zone and region,
 * `tabella=graduatoria` the ranking chart's data, `tabella=serie` the time series of the chosen indicator.
 */
export async function territoryExport(db: Db, code: string, searchParams: URLSearchParams): Promise<ExportTable | null> {
  const search = parseTerritorySearch(Object.fromEntries(searchParams));
  if (searchParams.get("tabella") === "serie") {
    const def = (await indicatorDefinitions(db)).find((d) => d.code === search.series);
    const d = def?.decimals ?? 1;
    const series = def ? await territorySeries(db, code, def.code) : { years: [], zone: [], comuni: [] };
    const header = ["codice ISTAT", "territorio", ...series.years.map(String)];
    const rows: CsvValue[][] = [
      ...series.comuni.map((c) => [c.istat, c.name, ...series.years.map((y) => roundTo(c.values[y], d))]),
      ["", "Zona", ...series.zone.map((p) => roundTo(p.value, d))],
    ];
    return { fileBase: `serie-${code}-${def?.code ?? "indicatore"}`, sheet: def ? def.name : "Serie storica", header: def ? [...header.slice(0, 2), ...header.slice(2).map((y) => `${y} (${def.unit})`)] : header, rows };
  }
  if (searchParams.get("tabella") === "graduatoria") {
    const def = (await indicatorDefinitions(db)).find((d) => d.code === search.series);
    if (!def) return null;
    const table = await territoryTable(db, code, [def.code], search.year);
    const ranked = table.rows
      .map((r) => ({ istat: r.istat, name: r.name, value: r.values[def.code] ?? null }))
      .filter((r): r is { istat: string; name: string; value: number } => r.value !== null)
      .sort((a, b) => b.value - a.value);
    return {
      fileBase: `graduatoria-${code}-${def.code}-${table.year ?? ""}`,
      sheet: `Graduatoria ${table.year ?? ""}`.trim(),
      header: ["posizione", "codice ISTAT", "comune", `${def.name} (${def.unit})`],
      rows: ranked.map((r, i) => [i + 1, r.istat, r.name, roundTo(r.value, def.decimals)]),
    };
  }
  const table = await territoryTable(db, code, search.indicators, search.year);
  const header = ["codice ISTAT", "comune", ...table.indicators.map((d) => `${d.name} (${d.unit})`), "indice di fragilità", "decile di fragilità"];
  // Rows in the page's order (ordina, verso), zone and region last.
  const rows: CsvValue[][] = sortRowsBy(table.rows, territorySortKey(search.sort), search.direction).map((r) => [r.istat, r.name, ...table.indicators.map((d) => roundTo(r.values[d.code], d.decimals)), roundTo(r.fragility.index, 1), r.fragility.decile]);
  rows.push(["", "Zona", ...table.indicators.map((d) => roundTo(table.zone[d.code]?.value, d.decimals)), null, null]);
  rows.push(["", table.region.name, ...table.indicators.map((d) => roundTo(table.region.values[d.code], d.decimals)), null, null]);
  return { fileBase: `territorio-${code}-${table.year ?? ""}`, sheet: `Territorio ${table.year ?? ""}`.trim(), header, rows };
}
