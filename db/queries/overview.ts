import "server-only";
import type { Db } from "./zones";
import { valuesOf, zoneValuesAsShown, type ComuneValueAsShown, type ZoneValueAsShown } from "./values";
import type { Principal } from "@/lib/auth/roles";

/**
 * The overview's key figures: counts and the rates derived from them, each
 * comune's and the zone's, from the values as shown (the one aggregation:
 * the zone's figure only when every comune has the data, otherwise "n.d."
 * with the partial figure and its coverage). The year is the zone's default
 * year, the same Territorio, Fragilità and the scheda comune open on.
 */
export const OVERVIEW_INDICATORS = {
  population: "POP_TOT",
  share65plus: "PERC_65_PLUS",
  share75plus: "PERC_75_PLUS",
  oldAgeIndex: "INDICE_VECCHIAIA",
  shareForeigners: "PERC_STRANIERI",
} as const;

export type OverviewFigure = keyof typeof OVERVIEW_INDICATORS;

export interface OverviewRow {
  istat: string;
  name: string;
  figures: Record<OverviewFigure, ComuneValueAsShown | undefined>;
}

export interface ZoneOverview {
  year: number | null;
  comuni: OverviewRow[];
  zone: Record<OverviewFigure, ZoneValueAsShown | undefined>;
  mark: string;
  footnote: string | null;
}

export async function zoneOverview(db: Db, zoneCode: string, principal: Principal): Promise<ZoneOverview> {
  const shown = await zoneValuesAsShown(db, zoneCode, { principal, codes: Object.values(OVERVIEW_INDICATORS) });
  const year = shown.defaultYear;
  const entries = Object.entries(OVERVIEW_INDICATORS) as [OverviewFigure, string][];
  const of = (code: string) => (year === null ? undefined : valuesOf(shown, code, year));
  return {
    year,
    comuni: shown.comuni.map((c) => ({
      istat: c.istat,
      name: c.name,
      figures: Object.fromEntries(entries.map(([k, code]) => [k, of(code)?.comuni.find((x) => x.istat === c.istat)])) as OverviewRow["figures"],
    })),
    zone: Object.fromEntries(entries.map(([k, code]) => [k, of(code)?.zone])) as ZoneOverview["zone"],
    mark: shown.mark,
    footnote: shown.footnote,
  };
}
