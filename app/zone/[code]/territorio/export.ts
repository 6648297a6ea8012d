import { territorySeries, territoryTable } from "@/db/queries/territory";
import { indicatorDefinitions } from "@/db/queries/indicators";
import type { Db } from "@/db/queries/zones";
import type { CsvValue } from "@/lib/export/csv";
import { roundTo, type ExportTable } from "@/lib/export/table";
import type { Principal } from "@/lib/auth/roles";
import { exportNote, exportValue } from "@/lib/territory/shown";
import { parseTerritorySearch, territorySortKey } from "./search-params";
import { sortRowsBy } from "@/lib/territory/sort";

/**
 * The Territorio tables as header and rows, for the CSV and XLSX downloads:
 * `tabella=comuni` (default) is the table of the comuni with zone and region,
 * `tabella=graduatoria` the ranking chart's data, `tabella=serie` the time series of the chosen indicator.
 * Values are those the page shows the same reader: a withheld count is the
 * mark ("< 3"), and the last column says why a cell is special (partial
 * zone figure, "non pubblicabile"), followed by the rule.
 */
export async function territoryExport(db: Db, code: string, searchParams: URLSearchParams, principal: Principal): Promise<ExportTable | null> {
  const search = parseTerritorySearch(Object.fromEntries(searchParams));
  if (searchParams.get("tabella") === "serie") {
    const def = (await indicatorDefinitions(db)).find((d) => d.code === search.series);
    const d = def?.decimals ?? 1;
    const series = def ? await territorySeries(db, code, def.code, principal) : null;
    const years = series?.years ?? [];
    const round = (x: number | null) => roundTo(x, d);
    const header = ["codice ISTAT", "territorio", ...years.map((y) => (def ? `${y} (${def.unit})` : String(y))), "note"];
    const rows: CsvValue[][] = series
      ? [
          ...series.comuni.map((c) => [c.istat, c.name, ...years.map((y) => exportValue(c.cells[y], round, series.mark)), notesOf(years.map((y) => [y, exportNote(c.cells[y], d, series.mark)]))]),
          ["", "Zona", ...series.zone.map((p) => exportValue(p.shown, round, series.mark)), notesOf(series.zone.map((p) => [p.year, exportNote(p.shown, d, series.mark)]))],
        ]
      : [];
    if (series?.footnote) rows.push(["", series.footnote]);
    return { fileBase: `serie-${code}-${def?.code ?? "indicatore"}`, sheet: def ? def.name : "Serie storica", header, rows };
  }
  if (searchParams.get("tabella") === "graduatoria") {
    const def = (await indicatorDefinitions(db)).find((d) => d.code === search.series);
    if (!def) return null;
    const table = await territoryTable(db, code, [def.code], search.year, principal);
    const ranked = table.rows
      .map((r) => ({ istat: r.istat, name: r.name, value: r.values[def.code] ?? null, note: exportNote(r.cells[def.code], def.decimals, table.mark) }))
      .filter((r): r is { istat: string; name: string; value: number; note: string } => r.value !== null)
      .sort((a, b) => b.value - a.value);
    return {
      fileBase: `graduatoria-${code}-${def.code}-${table.year ?? ""}`,
      sheet: `Graduatoria ${table.year ?? ""}`.trim(),
      header: ["posizione", "codice ISTAT", "comune", `${def.name} (${def.unit})`, "note"],
      rows: ranked.map((r, i) => [i + 1, r.istat, r.name, roundTo(r.value, def.decimals), r.note]),
    };
  }
  const table = await territoryTable(db, code, search.indicators, search.year, principal);
  const header = ["codice ISTAT", "comune", ...table.indicators.map((d) => `${d.name} (${d.unit})`), "indice di fragilità", "decile di fragilità", "note"];
  const cell = (v: Parameters<typeof exportValue>[0], decimals: number) => exportValue(v, (x) => roundTo(x, decimals), table.mark);
  // Rows in the page's order (ordina, verso), zone and region last.
  const rows: CsvValue[][] = sortRowsBy(table.rows, territorySortKey(search.sort), search.direction).map((r) => [
    r.istat,
    r.name,
    ...table.indicators.map((d) => cell(r.cells[d.code], d.decimals)),
    roundTo(r.fragility.index, 1),
    r.fragility.decile,
    notesOf(table.indicators.map((d) => [d.name, exportNote(r.cells[d.code], d.decimals, table.mark)])),
  ]);
  if (table.zoneRow) rows.push(["", "Ambito (ATS)", ...table.indicators.map((d) => cell(table.zoneRow?.[d.code] ?? undefined, d.decimals)), null, null, ""]);
  rows.push(["", "Zona", ...table.indicators.map((d) => cell(table.zone[d.code], d.decimals)), null, null, notesOf(table.indicators.map((d) => [d.name, exportNote(table.zone[d.code], d.decimals, table.mark)]))]);
  rows.push(["", table.region.name, ...table.indicators.map((d) => roundTo(table.region.values[d.code], d.decimals)), null, null, table.region.note ?? ""]);
  if (table.footnote) rows.push(["", table.footnote]);
  return { fileBase: `territorio-${code}-${table.year ?? ""}`, sheet: `Territorio ${table.year ?? ""}`.trim(), header, rows };
}

/** "Indicatore: nota" for every cell of a row that has one. */
function notesOf(pairs: [string | number, string][]): string {
  return pairs.filter(([, n]) => n !== "").map(([k, n]) => `${k}: ${n}`).join(" · ");
}
