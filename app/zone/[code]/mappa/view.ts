import type { Db } from "@/db/queries/zones";
import { zoneBoundaries, type ComuneBoundary } from "@/db/queries/boundaries";
import { listComuniOfZone } from "@/db/queries/comuni";
import { indicatorDefinitions, territoryValues, zoneYears } from "@/db/queries/indicators";
import type { IndicatorDefinition } from "@/lib/catalog/schema";
import { classOf, quantileBreaks, type ClassBreaks } from "@/lib/geo/classes";
import { roundTo, type ExportTable } from "@/lib/export/table";
import { parseMapSearch } from "./search-params";

/** One comune on the map and in its table: value, class, and whether its boundary exists. */
export interface MapRow {
  istat: string;
  name: string;
  value: number | null;
  classNumber: number | null;
  hasBoundary: boolean;
}

export interface MapView {
  boundaries: ComuneBoundary[];
  catalogue: IndicatorDefinition[];
  def: IndicatorDefinition | undefined;
  years: number[];
  year: number | undefined;
  rows: MapRow[];
  breaks: ClassBreaks | null;
}

/** The map's data for the URL filters: every comune of the zone, with or without a boundary. */
export async function mapView(db: Db, code: string, params: Record<string, string | string[] | undefined>): Promise<MapView> {
  const search = parseMapSearch(params);
  const [boundaries, catalogue, years, comuni] = await Promise.all([zoneBoundaries(db, code), indicatorDefinitions(db), zoneYears(db, code), listComuniOfZone(db, code)]);
  const def = catalogue.find((d) => d.code === search.indicator) ?? catalogue[0];
  const year = search.year !== null && years.includes(search.year) ? search.year : years[years.length - 1];
  const values = def && year !== undefined ? await territoryValues(db, code, [def.code], [year], catalogue) : [];
  const withShape = new Set(boundaries.map((b) => b.istat));
  const valueOf = new Map(values.filter((v) => v.istat !== null).map((v) => [v.istat as string, v.value]));
  // Classes over the comuni that are drawn, so that the legend describes the map.
  const breaks = quantileBreaks(comuni.filter((c) => withShape.has(c.istat)).map((c) => valueOf.get(c.istat) ?? null).filter((v): v is number => v !== null));
  const rows = comuni
    .map((c) => {
      const value = valueOf.get(c.istat) ?? null;
      const hasBoundary = withShape.has(c.istat);
      return { istat: c.istat, name: c.name, value, hasBoundary, classNumber: breaks && hasBoundary ? classOf(value, breaks) : null };
    })
    .sort((a, b) => a.name.localeCompare(b.name, "it"));
  return { boundaries, catalogue, def, years, year, rows, breaks };
}

/** The map's data as a table, for the CSV and XLSX downloads. */
export async function mapExport(db: Db, code: string, searchParams: URLSearchParams): Promise<ExportTable | null> {
  const view = await mapView(db, code, Object.fromEntries(searchParams));
  if (!view.def || view.year === undefined) return null;
  return {
    fileBase: `mappa-${code}-${view.def.code}-${view.year}`,
    sheet: `Mappa ${view.year}`,
    header: ["codice ISTAT", "comune", `${view.def.name} (${view.def.unit})`, "classe sulla mappa"],
    rows: view.rows.map((r) => [r.istat, r.name, roundTo(r.value, view.def?.decimals ?? 1), r.classNumber]),
  };
}
