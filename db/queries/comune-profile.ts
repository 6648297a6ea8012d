import "server-only";
import type { Db } from "./zones";
import { indicatorDefinitions, zoneYears } from "./indicators";
import { valuesOf, zoneDefaultYear, zoneValuesAsShown, type ComuneValueAsShown, type ZoneValueAsShown } from "./values";
import type { Principal } from "@/lib/auth/roles";
import { zoneFragility, FragilityRequestError } from "./fragility";
import { regionValues } from "./territory";
import { listResources, listServices, type ResourceRow, type ServiceRow } from "./resources";
import type { IndicatorDefinition } from "@/lib/catalog/schema";
import { oncePerRequest } from "./request-memo";

/** Everything the scheda comune shows, for one comune: indicators over the years, zone comparison, rank, fragility, resources, services. */
export interface ComuneProfile {
  istat: string;
  name: string;
  province: string;
  zoneCode: string;
  zoneName: string;
  years: number[];
  latestYear: number | null;
  regionName: string;
  regionNote: string | null;
  indicators: {
    def: IndicatorDefinition;
    /** The values this reader sees, by year (null when missing or withheld). */
    series: Record<number, number | null>;
    cells: Record<number, ComuneValueAsShown>;
    latest: number | null;
    latestCell: ComuneValueAsShown | null;
    zone: number | null;
    zoneCell: ZoneValueAsShown | null;
    region: number | null;
    /** 1 = highest value among the zone's comuni in the latest year. */
    rank: number | null;
    /** 1 = the best value by polarity (the lowest when lower is better); null for a descriptive indicator. */
    bestRank: number | null;
    of: number;
  }[];
  fragility: {
    index: number | null;
    rank: number | null;
    decile: number | null;
    ranked: number;
    /** Why there are no deciles (all equal, one comune), or null. */
    nonDiscrimination: string | null;
    /** The index is withheld from this reader because a component is a rate on a withheld count. */
    withheld: boolean;
    exclusionReason: string | null;
    components: { indicator: string; name: string; unit: string; decimals: number; value: number | null; normalized: number | null; withheld: boolean }[];
  } | null;
  resources: ResourceRow[];
  services: ServiceRow[];
  /** Disclosure: the mark of a withheld value and the footnote with the rule. */
  mark: string;
  footnote: string | null;
}

/**
 * The comune and its zone, once per request (request-memo.ts): the page's
 * title, the page itself and its figures all ask for it.
 */
export function comuneZone(db: Db, istat: string) {
  return oncePerRequest(db, `comune-zone:${istat}`, () => readComuneZone(db, istat));
}

async function readComuneZone(db: Db, istat: string) {
  return db
    .selectFrom("comune")
    .innerJoin("zone", "zone.code", "comune.zone_code")
    .select(["comune.istat", "comune.name", "comune.province", "zone.code as zoneCode", "zone.name as zoneName", "zone.region_code as regionCode"])
    .where("comune.istat", "=", istat)
    .executeTakeFirst();
}

/** The scheda comune's figures (indicators, fragility, region): all of comuneProfile but its resources and services, which the page loads as widgets of their own. */
export type ComuneFigures = Omit<ComuneProfile, "resources" | "services">;

/** The years the scheda comune's page shows (its tables and trend lines): the zone's latest five. */
export const SCHEDA_YEARS = 5;

export interface ComuneFiguresOptions {
  /**
   * Only the zone's latest `lastYears` years (and the default year, when older): what the page shows.
   * Default every year of the zone (the API and the downloads).
   */
  lastYears?: number;
}

export async function comuneProfile(db: Db, istat: string, principal: Principal, options: ComuneFiguresOptions = {}): Promise<ComuneProfile | null> {
  const figures = await comuneFigures(db, istat, principal, options);
  if (!figures) return null;
  const [resources, services] = await Promise.all([listResources(db, figures.zoneCode, { comune: istat }), listServices(db, figures.zoneCode)]);
  return { ...figures, resources, services };
}

export async function comuneFigures(db: Db, istat: string, principal: Principal, options: ComuneFiguresOptions = {}): Promise<ComuneFigures | null> {
  const comune = await comuneZone(db, istat);
  if (!comune) return null;
  const [catalogue, zoneYearList, defaultYear] = await Promise.all([indicatorDefinitions(db), zoneYears(db, comune.zoneCode), zoneDefaultYear(db, comune.zoneCode)]);
  const last = options.lastYears;
  const years = last === undefined ? zoneYearList : zoneYearList.filter((y, i) => i >= zoneYearList.length - last || y === defaultYear);
  // The whole zone is read: the rank and the disclosure pattern are decided over every comune.
  const shown = await zoneValuesAsShown(db, comune.zoneCode, { principal, years });
  const latestYear = shown.defaultYear ?? years.at(-1) ?? null;
  const region =
    latestYear === null
      ? { name: await regionName(db, comune.regionCode), values: {} as Record<string, number | null>, note: null }
      : await regionValues(db, comune.zoneCode, catalogue, latestYear, catalogue, principal);
  const indicators = shown.indicators
    .map((def) => {
      const cells = Object.fromEntries(
        years.map((y) => [y, valuesOf(shown, def.code, y)?.comuni.find((c) => c.istat === istat)]).filter((e): e is [number, ComuneValueAsShown] => e[1] !== undefined),
      );
      const series = Object.fromEntries(years.map((y) => [y, cells[y]?.value ?? null]));
      const latestValues = latestYear === null ? undefined : valuesOf(shown, def.code, latestYear);
      const latestCell = latestYear === null ? null : (cells[latestYear] ?? null);
      const latest = latestCell?.value ?? null;
      const peers = (latestValues?.comuni ?? []).filter((c) => c.value !== null).map((c) => c.value as number);
      const rank = latest === null ? null : peers.filter((p) => p > latest).length + 1;
      const bestRank = latest === null || def.polarity === 0 ? null : peers.filter((p) => (def.polarity === 1 ? p > latest : p < latest)).length + 1;
      const zoneCell = latestValues?.zone ?? null;
      return { def, series, cells, latest, latestCell, zone: zoneCell?.value ?? null, zoneCell, region: region.values[def.code] ?? null, rank, bestRank, of: peers.length };
    })
    .filter((i) => Object.values(i.cells).some((c) => c.status !== "missing"));

  let fragility: ComuneProfile["fragility"] = null;
  if (latestYear !== null) {
    try {
      const result = await zoneFragility(db, comune.zoneCode, { year: latestYear, principal });
      const unit = result.units.find((u) => u.unit === istat);
      if (unit) {
        fragility = {
          index: unit.index,
          rank: unit.rank,
          decile: unit.decile,
          ranked: result.units.filter((u) => u.rank !== null).length,
          nonDiscrimination: result.nonDiscriminationReason,
          components: unit.components.map((c) => {
            const def = catalogue.find((d) => d.code === c.indicator);
            return { ...c, name: def?.name ?? c.indicator, unit: def?.unit ?? "", decimals: def?.decimals ?? 1, withheld: (result.withheld[istat] ?? []).includes(c.indicator) };
          }),
          withheld: (result.withheld[istat] ?? []).length > 0,
          exclusionReason: unit.exclusionReason,
        };
      }
    } catch (error) {
      if (!(error instanceof FragilityRequestError)) throw error;
    }
  }

  return { istat, name: comune.name, province: comune.province, zoneCode: comune.zoneCode, zoneName: comune.zoneName, years, latestYear, regionName: region.name, regionNote: region.note, indicators, fragility, mark: shown.mark, footnote: shown.footnote };
}

async function regionName(db: Db, code: string): Promise<string> {
  const row = await db.selectFrom("region").select("name").where("code", "=", code).executeTakeFirst();
  return row?.name ?? code;
}
