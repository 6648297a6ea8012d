import "server-only";
import type { Db } from "./zones";
import { listComuniOfZone, POPULATION_INDICATOR } from "./comuni";
import { indicatorDefinitions, territoryValues, zoneValues, zoneYears, type ZoneValue } from "./indicators";
import { zoneFragility, FragilityRequestError } from "./fragility";
import type { IndicatorDefinition } from "@/lib/catalog/schema";
import { aggregateIndicator } from "@/lib/indicators/aggregate";

/**
 * The Territorio page's data: for a zone and a year, each comune's values of
 * the chosen indicators, its fragility index and decile, and the zone and
 * regional figures computed by each indicator's aggregation rule.
 */
export interface TerritoryRow {
  istat: string;
  name: string;
  values: Record<string, number | null>;
  fragility: { index: number | null; decile: number | null; rank: number | null };
}

export interface TerritoryTable {
  year: number | null;
  years: number[];
  indicators: IndicatorDefinition[];
  rows: TerritoryRow[];
  zone: Record<string, ZoneValue | undefined>;
  /** Region: only when every zone of the region has the value; otherwise null with the reason. */
  region: RegionFigures;
  fragilityNote: string | null;
}

export async function territoryTable(db: Db, zoneCode: string, codes: readonly string[], requestedYear: number | null): Promise<TerritoryTable> {
  const [catalogue, years, comuni] = await Promise.all([indicatorDefinitions(db), zoneYears(db, zoneCode), listComuniOfZone(db, zoneCode)]);
  const indicators = codes.map((c) => catalogue.find((d) => d.code === c)).filter((d): d is IndicatorDefinition => d !== undefined);
  const year = requestedYear !== null && years.includes(requestedYear) ? requestedYear : (years[years.length - 1] ?? null);
  if (year === null) {
    const region = await regionOf(db, zoneCode);
    return { year, years, indicators, rows: [], zone: {}, region: { name: region.name, values: {}, note: null, zones: region.zones.length, zonesWithData: 0 }, fragilityNote: null };
  }
  const istat = comuni.map((c) => c.istat);
  const [values, zone] = await Promise.all([
    territoryValues(db, zoneCode, indicators.map((i) => i.code), [year], catalogue),
    zoneValues(db, zoneCode, indicators.map((i) => i.code), [year], istat, catalogue),
  ]);
  let fragility: Awaited<ReturnType<typeof zoneFragility>> | null = null;
  let fragilityNote: string | null = null;
  try {
    fragility = await zoneFragility(db, zoneCode, { year });
  } catch (error) {
    if (!(error instanceof FragilityRequestError)) throw error;
    fragilityNote = error.message;
  }
  const index = new Map(values.map((v) => [`${v.istat}|${v.code}`, v.value]));
  const rows = comuni.map((c) => {
    const f = fragility?.units.find((u) => u.unit === c.istat);
    return {
      istat: c.istat,
      name: c.name,
      values: Object.fromEntries(indicators.map((i) => [i.code, index.get(`${c.istat}|${i.code}`) ?? null])),
      fragility: { index: f?.index ?? null, decile: f?.decile ?? null, rank: f?.rank ?? null },
    };
  });

  const regionFigures = await regionValues(db, zoneCode, indicators, year, catalogue);
  return { year, years, indicators, rows, zone: Object.fromEntries(zone.map((z) => [z.code, z])), region: regionFigures, fragilityNote };
}

/**
 * Regional figures: each indicator's rule applied over all the comuni of the
 * region, computed zone by zone (every query stays scoped by zone) and then
 * combined: counts add, ratios are Σ numerators / Σ denominators, means weigh
 * each zone by its population (which equals weighting every comune by its own).
 * A value is given only when every zone of the region has it: an aggregate of
 * the zones that happen to have data is not the region, so the rest is "n.d.".
 */
export async function regionValues(
  db: Db,
  zoneCode: string,
  indicators: readonly IndicatorDefinition[],
  year: number,
  catalogue: readonly IndicatorDefinition[],
): Promise<RegionFigures> {
  const region = await regionOf(db, zoneCode);
  const codes = [...new Set([...indicators.map((i) => i.code), POPULATION_INDICATOR])].filter((c) => catalogue.some((d) => d.code === c));
  const perZone = await Promise.all(
    region.zones.map(async (z) => zoneValues(db, z, codes, [year], (await listComuniOfZone(db, z)).map((c) => c.istat), catalogue)),
  );
  const values: Record<string, number | null> = {};
  const missing = new Set<string>();
  for (const def of indicators) {
    const units = perZone.map((zv, i) => {
      const v = zv.find((x) => x.code === def.code);
      const population = zv.find((x) => x.code === POPULATION_INDICATOR);
      const ok = v?.status === "complete";
      return {
        unit: region.zones[i] as string,
        value: ok ? v.value : null,
        numerator: ok ? v.numerator : null,
        denominator: ok ? v.denominator : null,
        weight: population?.status === "complete" ? population.value : null,
      };
    });
    const result = aggregateIndicator(def, units);
    values[def.code] = result.value;
    if (result.status !== "not_aggregable") result.coverage.missing.forEach((z) => missing.add(z));
  }
  const zonesWithData = region.zones.length - missing.size;
  const note =
    missing.size > 0
      ? `n.d. = non disponibile: il valore regionale si calcola solo quando tutte le ${region.zones.length} zone della regione hanno il dato; nel ${year} ${zonesWithData === 1 ? "lo ha 1 zona" : `lo hanno ${zonesWithData} zone`} su ${region.zones.length}.`
      : null;
  return { name: region.name, values, note, zones: region.zones.length, zonesWithData };
}

export interface RegionFigures {
  name: string;
  values: Record<string, number | null>;
  /** Why some values are n.d., in Italian; null when every value could be computed. */
  note: string | null;
  zones: number;
  /** Zones that have every indicator asked for (complete over their comuni). */
  zonesWithData: number;
}

async function regionOf(db: Db, zoneCode: string): Promise<{ name: string; zones: string[] }> {
  const zone = await db.selectFrom("zone").innerJoin("region", "region.code", "zone.region_code").select(["region.code", "region.name"]).where("zone.code", "=", zoneCode).executeTakeFirstOrThrow();
  const zones = await db.selectFrom("zone").select("code").where("region_code", "=", zone.code).orderBy("number").execute();
  return { name: zone.name, zones: zones.map((z) => z.code) };
}

/** Time series of one indicator: the zone's value and each comune's, for every year with data. */
export interface TerritorySeries {
  years: number[];
  zone: { year: number; value: number | null }[];
  comuni: { istat: string; name: string; values: Record<number, number | null> }[];
}

export async function territorySeries(db: Db, zoneCode: string, code: string): Promise<TerritorySeries> {
  const [years, comuni, catalogue] = await Promise.all([zoneYears(db, zoneCode), listComuniOfZone(db, zoneCode), indicatorDefinitions(db)]);
  const [zone, values] = await Promise.all([
    zoneValues(db, zoneCode, [code], years, comuni.map((c) => c.istat), catalogue),
    territoryValues(db, zoneCode, [code], years, catalogue),
  ]);
  const index = new Map(values.filter((v) => v.istat !== null).map((v) => [`${v.istat}|${v.year}`, v.value]));
  return {
    years,
    zone: zone.map((v) => ({ year: v.year, value: v.value })),
    comuni: comuni.map((c) => ({ istat: c.istat, name: c.name, values: Object.fromEntries(years.map((y) => [y, index.get(`${c.istat}|${y}`) ?? null])) })),
  };
}
