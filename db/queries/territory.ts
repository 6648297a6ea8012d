import type { Db } from "./zones";
import { listComuniOfZone } from "./comuni";
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
  region: { name: string; values: Record<string, number | null>; note: string | null };
  fragilityNote: string | null;
}

export async function territoryTable(db: Db, zoneCode: string, codes: readonly string[], requestedYear: number | null): Promise<TerritoryTable> {
  const [catalogue, years, comuni] = await Promise.all([indicatorDefinitions(db), zoneYears(db, zoneCode), listComuniOfZone(db, zoneCode)]);
  const indicators = codes.map((c) => catalogue.find((d) => d.code === c)).filter((d): d is IndicatorDefinition => d !== undefined);
  const year = requestedYear !== null && years.includes(requestedYear) ? requestedYear : (years[years.length - 1] ?? null);
  if (year === null) {
    const region = await regionOf(db, zoneCode);
    return { year, years, indicators, rows: [], zone: {}, region: { name: region.name, values: {}, note: null }, fragilityNote: null };
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
 * Regional figures: each indicator's rule applied over the zones of the
 * region, each zone as a unit (Σ numerators / Σ denominators for rates).
 * A value is given only when every zone of the region has it.
 */
export async function regionValues(
  db: Db,
  zoneCode: string,
  indicators: readonly IndicatorDefinition[],
  year: number,
  catalogue: readonly IndicatorDefinition[],
): Promise<{ name: string; values: Record<string, number | null>; note: string | null }> {
  const region = await regionOf(db, zoneCode);
  const perZone = await Promise.all(
    region.zones.map(async (z) => zoneValues(db, z, indicators.map((i) => i.code), [year], (await listComuniOfZone(db, z)).map((c) => c.istat), catalogue)),
  );
  const values: Record<string, number | null> = {};
  let missingZones = 0;
  for (const def of indicators) {
    const units = perZone.map((zv, i) => {
      const v = zv.find((x) => x.code === def.code);
      return { unit: region.zones[i] as string, value: v?.value ?? null, numerator: v?.numerator ?? null, denominator: v?.denominator ?? null, weight: null };
    });
    // A population-weighted mean needs each zone's population: not aggregated across zones here.
    const result = def.aggregation === "weighted_mean" ? null : aggregateIndicator(def, units);
    values[def.code] = result?.value ?? null;
    missingZones = Math.max(missingZones, result?.coverage.missing.length ?? 0);
  }
  const note = missingZones > 0 ? `Il valore regionale richiede i dati di tutte le ${region.zones.length} zone della regione: ne mancano ${missingZones}.` : null;
  return { name: region.name, values, note };
}

async function regionOf(db: Db, zoneCode: string): Promise<{ name: string; zones: string[] }> {
  const zone = await db.selectFrom("zone").innerJoin("region", "region.code", "zone.region_code").select(["region.code", "region.name"]).where("zone.code", "=", zoneCode).executeTakeFirstOrThrow();
  const zones = await db.selectFrom("zone").select("code").where("region_code", "=", zone.code).orderBy("number").execute();
  return { name: zone.name, zones: zones.map((z) => z.code) };
}

/** Zone values of one indicator over every year with data (time series). */
export async function zoneSeries(db: Db, zoneCode: string, code: string): Promise<{ year: number; value: number | null }[]> {
  const [years, comuni] = await Promise.all([zoneYears(db, zoneCode), listComuniOfZone(db, zoneCode)]);
  const values = await zoneValues(db, zoneCode, [code], years, comuni.map((c) => c.istat));
  return values.map((v) => ({ year: v.year, value: v.value }));
}
