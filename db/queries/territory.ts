import "server-only";
import type { Db } from "./zones";
import { POPULATION_INDICATOR } from "./comuni";
import { indicatorDefinitions, zoneYears } from "./indicators";
import { createHash } from "node:crypto";
import { maintainedValues } from "./zone-aggregates";
import { oncePerRequest } from "./request-memo";
import { valuesOf, zoneDefaultYear, zoneValuesAsShown, type ComuneValueAsShown, type ShownValue, type ZoneValueAsShown } from "./values";
import { peopleCountsOf } from "./values-disclosure";
import { seesUnprotectedCounts, type Principal } from "@/lib/auth/roles";
import { suppressedMarkIt } from "@/lib/disclosure";
import { dataVersion, publishableRegionCounts } from "./region-disclosure";
import { zoneDisclosureThreshold } from "./zone-settings";
import { zoneFragility, FragilityRequestError } from "./fragility";
import type { IndicatorDefinition } from "@/lib/catalog/schema";
import { aggregateIndicator } from "@/lib/indicators/aggregate";

/**
 * The Territorio page's data: for a zone and a year, each comune's values of
 * the chosen indicators as shown to the reader (db/queries/values.ts: the
 * same aggregation, completeness rule and disclosure control as every other
 * page, download and API), its fragility index and decile, and the zone and
 * regional figures computed by each indicator's rule.
 */
export interface TerritoryRow {
  istat: string;
  name: string;
  /** The values this reader sees (null when missing or withheld), for sorting and charts. */
  values: Record<string, number | null>;
  cells: Record<string, ComuneValueAsShown | undefined>;
  fragility: { index: number | null; decile: number | null; rank: number | null };
}

export interface TerritoryTable {
  year: number | null;
  years: number[];
  /** The zone's default year (zoneDefaultYear), which the page opens on. */
  defaultYear: number | null;
  indicators: IndicatorDefinition[];
  rows: TerritoryRow[];
  zone: Record<string, ZoneValueAsShown | undefined>;
  /** The ATS's own row (a value of the whole zone), by indicator, when any was imported. */
  zoneRow: Record<string, ShownValue | null> | null;
  /** Region: only when every zone of the region has the value; otherwise null with the reason. */
  region: RegionFigures;
  fragilityNote: string | null;
  /** Disclosure: the mark of a withheld value and the footnote with the rule (null when nothing is withheld or unpublishable). */
  mark: string;
  footnote: string | null;
}

export async function territoryTable(db: Db, zoneCode: string, codes: readonly string[], requestedYear: number | null, principal: Principal): Promise<TerritoryTable> {
  const [catalogue, years, defaultYear] = await Promise.all([indicatorDefinitions(db), zoneYears(db, zoneCode), zoneDefaultYear(db, zoneCode)]);
  const year = requestedYear !== null && years.includes(requestedYear) ? requestedYear : (defaultYear ?? years.at(-1) ?? null);
  if (year === null) {
    const region = await regionOf(db, zoneCode);
    const indicators = codes.map((c) => catalogue.find((d) => d.code === c)).filter((d): d is IndicatorDefinition => d !== undefined);
    return { year, years, defaultYear, indicators, rows: [], zone: {}, zoneRow: null, region: { name: region.name, values: {}, note: null, zones: region.zones.length, zonesWithData: 0 }, fragilityNote: null, mark: suppressedMarkIt(await zoneDisclosureThreshold(db, zoneCode)), footnote: null };
  }
  const shown = await zoneValuesAsShown(db, zoneCode, { principal, codes, years: [year] });
  const indicators = shown.indicators;
  let fragility: Awaited<ReturnType<typeof zoneFragility>> | null = null;
  let fragilityNote: string | null = null;
  try {
    fragility = await zoneFragility(db, zoneCode, { year, principal });
  } catch (error) {
    if (!(error instanceof FragilityRequestError)) throw error;
    fragilityNote = error.message;
  }
  const rows = shown.comuni.map((c) => {
    const f = fragility?.units.find((u) => u.unit === c.istat);
    const cells = Object.fromEntries(indicators.map((i) => [i.code, valuesOf(shown, i.code, year)?.comuni.find((x) => x.istat === c.istat)]));
    return {
      istat: c.istat,
      name: c.name,
      cells,
      values: Object.fromEntries(indicators.map((i) => [i.code, cells[i.code]?.value ?? null])),
      fragility: { index: f?.index ?? null, decile: f?.decile ?? null, rank: f?.rank ?? null },
    };
  });

  const regionFigures = await regionValues(db, zoneCode, indicators, year, catalogue, principal);
  return {
    year,
    years,
    defaultYear,
    indicators,
    rows,
    zone: Object.fromEntries(indicators.map((i) => [i.code, valuesOf(shown, i.code, year)?.zone])),
    zoneRow: indicators.some((i) => valuesOf(shown, i.code, year)?.zoneRow) ? Object.fromEntries(indicators.map((i) => [i.code, valuesOf(shown, i.code, year)?.zoneRow ?? null])) : null,
    region: regionFigures,
    fragilityNote,
    mark: shown.mark,
    footnote: shown.footnote,
  };
}

/**
 * Regional figures: each indicator's rule applied over all the comuni of the
 * region, computed zone by zone (every query stays scoped by zone) and then
 * combined: counts add, ratios are Σ numerators / Σ denominators, means weigh
 * each zone by its population (which equals weighting every comune by its own).
 * A value is given only when every zone of the region has it: an aggregate of
 * the zones that happen to have data is not the region, so the rest is "n.d.".
 *
 * Disclosure: the region's figure of a count of people (or of a rate on one)
 * is the sum of the zones' figures, one more published equation over every
 * zone's block (each with its own pattern and threshold). It reaches a
 * protected reader exactly when the exact audit of the whole hierarchy, region
 * × zones × comuni, passes with it shown (publishableRegionFigures): never
 * giving back a zone total, or through it a comune, that a zone withholds, and
 * not withheld merely because some zone withholds its total.
 *
 * The figures depend on the stored data and on whether the reader is
 * protected, not on who the reader is, and read every zone of the region
 * (~100 in Lombardia, 221 indicators on a scheda: 24,000 zone figures): they
 * are kept in this process by region, year, indicators and catalogue, with
 * the version of the data of region-disclosure.ts (import batches, the
 * zones' thresholds, the membership) read at each request, so that any
 * import or undo, here or in another process, makes the next reader
 * recompute. Never inside a transaction, which may have just written them.
 */
export async function regionValues(
  db: Db,
  zoneCode: string,
  indicators: readonly IndicatorDefinition[],
  year: number,
  catalogue: readonly IndicatorDefinition[],
  principal: Principal | null,
): Promise<RegionFigures> {
  const region = await regionOf(db, zoneCode);
  const protect = principal !== null && !seesUnprotectedCounts(principal);
  if (db.isTransaction) return computeRegionValues(db, region, indicators, year, catalogue, protect);
  const key = `${region.code}|${year}|${protect ? "protected" : "raw"}|${catalogueKey(catalogue)}|${indicators.map((d) => d.code).join(",")}`;
  const version = await dataVersion(db, region.code);
  let hit = regionCache.get(key);
  if (!hit || hit.version !== version) {
    hit = { version, figures: computeRegionValues(db, region, indicators, year, catalogue, protect) };
    regionCache.delete(key);
    regionCache.set(key, hit);
    const entry = hit;
    entry.figures.catch(() => regionCache.get(key) === entry && regionCache.delete(key));
    // Oldest first in a Map: drop it when full.
    if (regionCache.size > REGION_CACHE_ENTRIES) regionCache.delete(regionCache.keys().next().value!);
  }
  const figures = await hit.figures;
  return { ...figures, values: { ...figures.values } };
}

const REGION_CACHE_ENTRIES = 500;
const regionCache = new Map<string, { version: string; figures: Promise<RegionFigures> }>();

/** Forgets the kept region figures (tests that change stored rows without an import batch). */
export function clearRegionValuesCache(): void {
  regionCache.clear();
}

const catalogueKeys = new WeakMap<readonly IndicatorDefinition[], string>();
/** A digest of the catalogue's definitions (rules, formulas, flags): a changed definition is another key. */
function catalogueKey(catalogue: readonly IndicatorDefinition[]): string {
  let key = catalogueKeys.get(catalogue);
  if (key === undefined) {
    key = createHash("sha1").update(JSON.stringify(catalogue)).digest("base64url");
    catalogueKeys.set(catalogue, key);
  }
  return key;
}

async function computeRegionValues(
  db: Db,
  region: { code: string; name: string; zones: string[] },
  indicators: readonly IndicatorDefinition[],
  year: number,
  catalogue: readonly IndicatorDefinition[],
  protect: boolean,
): Promise<RegionFigures> {
  const byCode = new Map(catalogue.map((d) => [d.code, d]));
  const codes = [...new Set([...indicators.map((i) => i.code), POPULATION_INDICATOR])].filter((c) => catalogue.some((d) => d.code === c));
  // The zones' figures as maintained (db/queries/zone-aggregates.ts): one read, not every zone recomputed.
  const figures = new Map((await maintainedValues(db, region.zones, codes, [year])).map((f) => [`${f.zoneCode}|${f.code}`, f]));
  const values: Record<string, number | null> = {};
  const missing = new Set<string>();
  for (const def of indicators) {
    const units = region.zones.map((zone) => {
      const v = figures.get(`${zone}|${def.code}`);
      const population = figures.get(`${zone}|${POPULATION_INDICATOR}`);
      const ok = v?.status === "complete";
      return {
        unit: zone,
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
  // Only a figure that exists can give anything back: the zones' patterns are read for those alone.
  const protectedDefs =
    protect ? indicators.filter((d) => values[d.code] !== null && peopleCountsOf(d, byCode) !== null) : [];
  const withheld = new Set<string>();
  if (protectedDefs.length > 0) {
    const keysOf = (d: IndicatorDefinition) => {
      const c = peopleCountsOf(d, byCode)!;
      return [c.numerator, c.denominator].filter((k): k is string => k !== null);
    };
    // Counts first, then the rates on them (a rate's region figure is published with its counts').
    const keys = protectedDefs.flatMap(keysOf);
    const publishable = await publishableRegionCounts(db, region, protectedDefs.map((d) => d.code), keys, year, catalogue);
    for (const d of protectedDefs) if (!keysOf(d).every((k) => publishable.has(k))) withheld.add(d.code);
  }
  for (const code of withheld) values[code] = null;
  const zonesWithData = region.zones.length - missing.size;
  const notes = [
    missing.size > 0
      ? `n.d. = non disponibile: il valore regionale si calcola solo quando tutte le ${region.zones.length} zone della regione hanno il dato; nel ${year} ${zonesWithData === 1 ? "lo ha 1 zona" : `lo hanno ${zonesWithData} zone`} su ${region.zones.length}.`
      : null,
    withheld.size > 0
      ? "Il valore regionale di un conteggio di persone (o di un tasso calcolato su di esso) non è pubblicato quando, insieme ai valori pubblicati delle zone e dei comuni, permetterebbe di ricavare un valore oscurato."
      : null,
  ].filter((n) => n !== null);
  return { name: region.name, values, note: notes.length > 0 ? notes.join(" ") : null, zones: region.zones.length, zonesWithData };
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

function regionOf(db: Db, zoneCode: string): Promise<{ code: string; name: string; zones: string[] }> {
  return oncePerRequest(db, `region-of:${zoneCode}`, () => readRegionOf(db, zoneCode));
}

async function readRegionOf(db: Db, zoneCode: string): Promise<{ code: string; name: string; zones: string[] }> {
  const zone = await db.selectFrom("zone").innerJoin("region", "region.code", "zone.region_code").select(["region.code", "region.name"]).where("zone.code", "=", zoneCode).executeTakeFirstOrThrow();
  const zones = await db.selectFrom("zone").select("code").where("region_code", "=", zone.code).orderBy("number").execute();
  return { code: zone.code, name: zone.name, zones: zones.map((z) => z.code) };
}

/** Time series of one indicator: the zone's value and each comune's, for every year with data, as shown to the reader. */
export interface TerritorySeries {
  years: number[];
  zone: { year: number; value: number | null; shown: ZoneValueAsShown }[];
  comuni: { istat: string; name: string; values: Record<number, number | null>; cells: Record<number, ComuneValueAsShown> }[];
  mark: string;
  footnote: string | null;
}

export async function territorySeries(db: Db, zoneCode: string, code: string, principal: Principal): Promise<TerritorySeries> {
  const years = await zoneYears(db, zoneCode);
  const shown = await zoneValuesAsShown(db, zoneCode, { principal, codes: [code], years });
  const per = years.map((y) => valuesOf(shown, code, y)).filter((v) => v !== undefined);
  return {
    years,
    zone: per.map((v) => ({ year: v.year, value: v.zone.value, shown: v.zone })),
    comuni: shown.comuni.map((c) => {
      const cells = Object.fromEntries(per.map((v) => [v.year, v.comuni.find((x) => x.istat === c.istat)!]));
      return { istat: c.istat, name: c.name, cells, values: Object.fromEntries(years.map((y) => [y, cells[y]?.value ?? null])) };
    }),
    mark: shown.mark,
    footnote: shown.footnote,
  };
}
