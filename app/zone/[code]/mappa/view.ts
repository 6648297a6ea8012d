import type { Db } from "@/db/queries/zones";
import { zoneBoundaries, type ComuneBoundary } from "@/db/queries/boundaries";
import { listComuniOfZone } from "@/db/queries/comuni";
import { indicatorDefinitions } from "@/db/queries/indicators";
import { valuesOf, zoneValuesAsShown, type ComuneValueAsShown } from "@/db/queries/values";
import type { Principal } from "@/lib/auth/roles";
import { exportNote, exportValue } from "@/lib/territory/shown";
import type { IndicatorDefinition } from "@/lib/catalog/schema";
import { classOf, quantileBreaks, type ClassBreaks } from "@/lib/geo/classes";
import { roundTo, type ExportTable } from "@/lib/export/table";
import { parseMapSearch } from "./search-params";

/** One comune on the map and in its table: value, class, and whether its boundary exists. */
export interface MapRow {
  istat: string;
  name: string;
  /** As shown to the reader: null when missing or withheld (then not coloured). */
  value: number | null;
  cell: ComuneValueAsShown | undefined;
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
  mark: string;
  footnote: string | null;
}

/** The map's data for the URL filters: every comune of the zone, with or without a boundary, values as shown to `principal`. */
export async function mapView(db: Db, code: string, params: Record<string, string | string[] | undefined>, principal: Principal): Promise<MapView> {
  const search = parseMapSearch(params);
  const [boundaries, catalogue, comuni] = await Promise.all([zoneBoundaries(db, code), indicatorDefinitions(db), listComuniOfZone(db, code)]);
  const def = catalogue.find((d) => d.code === search.indicator) ?? catalogue[0];
  const probe = await zoneValuesAsShown(db, code, { principal, codes: def ? [def.code] : [], years: [] });
  const years = probe.years;
  const year = search.year !== null && years.includes(search.year) ? search.year : (probe.defaultYear ?? years.at(-1));
  const shown = def && year !== undefined ? await zoneValuesAsShown(db, code, { principal, codes: [def.code], years: [year] }) : null;
  const cells = new Map((shown && def && year !== undefined ? (valuesOf(shown, def.code, year)?.comuni ?? []) : []).map((c) => [c.istat, c]));
  const withShape = new Set(boundaries.map((b) => b.istat));
  const valueOf = (istat: string) => cells.get(istat)?.value ?? null;
  // Classes over the comuni that are drawn, so that the legend describes the map.
  const breaks = quantileBreaks(comuni.filter((c) => withShape.has(c.istat)).map((c) => valueOf(c.istat)).filter((v): v is number => v !== null));
  const rows = comuni
    .map((c) => {
      const value = valueOf(c.istat);
      const hasBoundary = withShape.has(c.istat);
      return { istat: c.istat, name: c.name, value, cell: cells.get(c.istat), hasBoundary, classNumber: breaks && hasBoundary ? classOf(value, breaks) : null };
    })
    .sort((a, b) => a.name.localeCompare(b.name, "it"));
  return { boundaries, catalogue, def, years, year, rows, breaks, mark: shown?.mark ?? probe.mark, footnote: shown?.footnote ?? null };
}

/** The map's data as a table, for the CSV and XLSX downloads. */
export async function mapExport(db: Db, code: string, searchParams: URLSearchParams, principal: Principal): Promise<ExportTable | null> {
  const view = await mapView(db, code, Object.fromEntries(searchParams), principal);
  if (!view.def || view.year === undefined) return null;
  const d = view.def.decimals;
  return {
    fileBase: `mappa-${code}-${view.def.code}-${view.year}`,
    sheet: `Mappa ${view.year}`,
    header: ["codice ISTAT", "comune", `${view.def.name} (${view.def.unit})`, "classe sulla mappa", "note"],
    rows: [
      ...view.rows.map((r) => [r.istat, r.name, exportValue(r.cell, (x) => roundTo(x, d), view.mark), r.classNumber, exportNote(r.cell, d, view.mark)]),
      ...(view.footnote ? [["", view.footnote]] : []),
    ],
  };
}
