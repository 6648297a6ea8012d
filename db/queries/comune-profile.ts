import "server-only";
import type { Db } from "./zones";
import { listComuniOfZone } from "./comuni";
import { indicatorDefinitions, territoryValues, zoneValues, zoneYears } from "./indicators";
import { zoneFragility, FragilityRequestError } from "./fragility";
import { regionValues } from "./territory";
import { listResources, listServices, type ResourceRow, type ServiceRow } from "./resources";
import type { IndicatorDefinition } from "@/lib/catalog/schema";

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
    series: Record<number, number | null>;
    latest: number | null;
    zone: number | null;
    region: number | null;
    /** 1 = highest value among the zone's comuni in the latest year. */
    rank: number | null;
    of: number;
  }[];
  fragility: { index: number | null; rank: number | null; decile: number | null; ranked: number; components: { indicator: string; name: string; unit: string; decimals: number; value: number | null; normalized: number | null }[] } | null;
  resources: ResourceRow[];
  services: ServiceRow[];
}

export async function comuneZone(db: Db, istat: string) {
  return db
    .selectFrom("comune")
    .innerJoin("zone", "zone.code", "comune.zone_code")
    .select(["comune.istat", "comune.name", "comune.province", "zone.code as zoneCode", "zone.name as zoneName", "zone.region_code as regionCode"])
    .where("comune.istat", "=", istat)
    .executeTakeFirst();
}

export async function comuneProfile(db: Db, istat: string): Promise<ComuneProfile | null> {
  const comune = await comuneZone(db, istat);
  if (!comune) return null;
  const [catalogue, years, comuni] = await Promise.all([indicatorDefinitions(db), zoneYears(db, comune.zoneCode), listComuniOfZone(db, comune.zoneCode)]);
  const codes = catalogue.map((d) => d.code);
  const latestYear = years[years.length - 1] ?? null;
  const [values, zone] = await Promise.all([
    territoryValues(db, comune.zoneCode, codes, years, catalogue),
    latestYear === null ? Promise.resolve([]) : zoneValues(db, comune.zoneCode, codes, [latestYear], comuni.map((c) => c.istat), catalogue),
  ]);
  const region = latestYear === null ? { name: await regionName(db, comune.regionCode), values: {} as Record<string, number | null>, note: null } : await regionValues(db, comune.zoneCode, catalogue, latestYear, catalogue);
  const indicators = catalogue
    .map((def) => {
      const own = values.filter((v) => v.istat === istat && v.code === def.code);
      const series = Object.fromEntries(years.map((y) => [y, own.find((v) => v.year === y)?.value ?? null]));
      const latest = latestYear === null ? null : (series[latestYear] ?? null);
      const peers = values.filter((v) => v.istat !== null && v.code === def.code && v.year === latestYear && v.value !== null).map((v) => v.value as number);
      const rank = latest === null ? null : peers.filter((p) => p > latest).length + 1;
      return { def, series, latest, zone: zone.find((z) => z.code === def.code)?.value ?? null, region: region.values[def.code] ?? null, rank, of: peers.length };
    })
    .filter((i) => Object.values(i.series).some((v) => v !== null));

  let fragility: ComuneProfile["fragility"] = null;
  if (latestYear !== null) {
    try {
      const result = await zoneFragility(db, comune.zoneCode, { year: latestYear });
      const unit = result.units.find((u) => u.unit === istat);
      if (unit) {
        fragility = {
          index: unit.index,
          rank: unit.rank,
          decile: unit.decile,
          ranked: result.units.filter((u) => u.rank !== null).length,
          components: unit.components.map((c) => {
            const def = catalogue.find((d) => d.code === c.indicator);
            return { ...c, name: def?.name ?? c.indicator, unit: def?.unit ?? "", decimals: def?.decimals ?? 1 };
          }),
        };
      }
    } catch (error) {
      if (!(error instanceof FragilityRequestError)) throw error;
    }
  }

  const [resources, services] = await Promise.all([listResources(db, comune.zoneCode, { comune: istat }), listServices(db, comune.zoneCode)]);
  return { istat, name: comune.name, province: comune.province, zoneCode: comune.zoneCode, zoneName: comune.zoneName, years, latestYear, regionName: region.name, regionNote: region.note, indicators, fragility, resources, services };
}

async function regionName(db: Db, code: string): Promise<string> {
  const row = await db.selectFrom("region").select("name").where("code", "=", code).executeTakeFirst();
  return row?.name ?? code;
}
