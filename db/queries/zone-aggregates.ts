import { sql } from "kysely";
import type { Db } from "./zones";
import { toNumber, toNumberOrNull } from "./convert";
import { currentObservation } from "./current";
import { POPULATION_INDICATOR } from "./comuni";
import { indicatorDefinitions, loadZoneInputs, zoneValuesFrom, type ZoneValue } from "./indicators";
import { readZoneMembersByYear } from "./membership";
import { formulaInputs, type IndicatorDefinition } from "@/lib/catalog/schema";

/**
 * The zone figures maintained in the database (table zone_aggregate, migration
 * 0025): each indicator's zone figure for each year, by the same function the
 * pages use (zoneValuesFrom: the catalogue's rule, derived indicators from the
 * zone values of their inputs), computed once when the data changes instead of
 * at every request. The region's figure reads its zones' rows in one query
 * (db/queries/territory.ts regionValues), the pages' default year one row,
 * and the zone figure every page, download and API shows (db/queries/values.ts)
 * one row with its batches and missing comuni (zone_aggregate_source, 0021).
 *
 * Refreshed in the transaction that changes the inputs — the final publish of
 * an import, an undo, the demo load — and only for what changed: the zones,
 * years and indicators of the batch's rows, with every indicator computed from
 * them. Not maintained here: figures by service (service_code is not null) and
 * sub-annual periods, which the zone figures never read.
 */

export interface AggregateScope {
  zoneCode: string;
  /** Years to recompute; undefined: every year of the zone (rows of years left without data go). */
  years?: readonly number[];
  /** Indicators whose inputs changed; undefined: all. Their dependants are recomputed too. */
  codes?: readonly string[];
}

/** Rows written per insert statement. */
const INSERT_ROWS = 500;

/**
 * `codes` and every indicator whose zone figure depends on them: formulas
 * reading them (to a fixed point), and population-weighted means when the
 * population changed (it is their weight).
 */
export function dependentCodes(codes: readonly string[], catalogue: readonly IndicatorDefinition[]): string[] {
  const out = new Set(codes);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of catalogue) {
      if (out.has(d.code)) continue;
      const reads = d.formula ? formulaInputs(d.formula).some((c) => out.has(c)) : false;
      const weighed = d.aggregation === "weighted_mean" && out.has(POPULATION_INDICATOR);
      if (reads || weighed) {
        out.add(d.code);
        grew = true;
      }
    }
  }
  return [...out];
}

/** Years with a current yearly value (not by service) in the zone. */
async function zoneValueYears(db: Db, zoneCode: string): Promise<number[]> {
  const rows = await db
    .selectFrom("observation")
    .select("year")
    .distinct()
    .where("zone_code", "=", zoneCode)
    .where("period_type", "=", "year")
    .where("service_code", "is", null)
    .where(currentObservation())
    .execute();
  return rows.map((r) => toNumber(r.year)).sort((a, b) => a - b);
}

/**
 * Which figures have a row: not those with no contributing data ("empty") or
 * not aggregated by rule ("none"): a reader takes a missing row as not complete.
 */
export const isMaintained = (v: Pick<ZoneValue, "status">): v is ZoneValue & { status: MaintainedFigure["status"] } => v.status !== "empty" && v.status !== "not_aggregable";

/** Where the figure comes from (table zone_aggregate_source, migration 0021). */
const sourceRowOf = (zoneCode: string, v: ZoneValue) => ({
  zone_code: zoneCode,
  indicator_code: v.code,
  year: v.year,
  batch_ids: v.batchIds,
  missing: v.coverage.missing,
});

const rowOf = (zoneCode: string, v: ZoneValue & { status: MaintainedFigure["status"] }) => ({
  zone_code: zoneCode,
  indicator_code: v.code,
  year: v.year,
  status: v.status,
  value: v.value,
  partial_value: v.partialValue,
  numerator: v.numerator,
  denominator: v.denominator,
  contributing: v.coverage.contributing,
  total: v.coverage.total,
  source: v.source,
});

/** Recomputes the zone figures of one scope, in `trx` (a transaction: readers see before or after). */
export async function refreshZoneAggregates(trx: Db, scope: AggregateScope, catalogue?: readonly IndicatorDefinition[]): Promise<void> {
  const defs = catalogue ?? (await indicatorDefinitions(trx));
  const known = new Set(defs.map((d) => d.code));
  const codes = scope.codes ? dependentCodes(scope.codes, defs).filter((c) => known.has(c)) : defs.map((d) => d.code);
  if (codes.length === 0) return;
  // The comuni a year's figure is over: the zone's members in that year (db/queries/membership.ts).
  const comuni = await readZoneMembersByYear(trx, scope.zoneCode);
  let years: readonly number[];
  if (scope.years) {
    years = [...new Set(scope.years)];
    if (years.length === 0) return;
  } else years = await zoneValueYears(trx, scope.zoneCode);
  for (const table of ["zone_aggregate_source", "zone_aggregate"] as const) {
    const remove = trx.deleteFrom(table).where("zone_code", "=", scope.zoneCode).where("indicator_code", "in", codes);
    await (scope.years ? remove.where("year", "in", years) : remove).execute();
  }
  // A year at a time: memory stays bounded by one year of the zone's rows.
  for (const year of years) {
    const stored = await loadZoneInputs(trx, scope.zoneCode, codes, [year], defs);
    const figures = zoneValuesFrom(stored, codes, [year], comuni, defs).filter(isMaintained);
    const rows = figures.map((v) => rowOf(scope.zoneCode, v));
    const sources = figures.map((v) => sourceRowOf(scope.zoneCode, v));
    for (let i = 0; i < rows.length; i += INSERT_ROWS) {
      await trx.insertInto("zone_aggregate").values(rows.slice(i, i + INSERT_ROWS)).execute();
      await trx.insertInto("zone_aggregate_source").values(sources.slice(i, i + INSERT_ROWS)).execute();
    }
  }
}

/** Every zone with data, every year, every indicator (first fill after migration 0025, the demo load, tests). */
export async function refreshAllZoneAggregates(trx: Db): Promise<void> {
  const catalogue = await indicatorDefinitions(trx);
  const zones = await trx.selectFrom("zone").select("code").orderBy("code").execute();
  for (const table of ["zone_aggregate_source", "zone_aggregate"] as const) await trx.deleteFrom(table).where("zone_code", "not in", zones.length > 0 ? zones.map((z) => z.code) : [""]).execute();
  for (const z of zones) await refreshZoneAggregates(trx, { zoneCode: z.code }, catalogue);
}

/**
 * What a batch's observations change: per zone, the years and indicators of
 * its yearly rows (the rows it replaced have the same keys). Read while the
 * rows are there: before an undo deletes them, after an import wrote them.
 */
export async function batchAggregateScopes(db: Db, batchId: number): Promise<AggregateScope[]> {
  const rows = await db
    .selectFrom("observation")
    .select(["zone_code", "indicator_code", "year"])
    .distinct()
    .where("batch_id", "=", batchId)
    .where("period_type", "=", "year")
    .where("service_code", "is", null)
    .execute();
  const byZone = new Map<string, { years: Set<number>; codes: Set<string> }>();
  for (const r of rows) {
    let s = byZone.get(r.zone_code);
    if (!s) byZone.set(r.zone_code, (s = { years: new Set(), codes: new Set() }));
    s.years.add(toNumber(r.year));
    s.codes.add(r.indicator_code);
  }
  return [...byZone].map(([zoneCode, s]) => ({ zoneCode, years: [...s.years], codes: [...s.codes] }));
}

/**
 * What a reference import (catalogue, comuni list) changes: a definition
 * changes its indicator's figures (and its dependants') in every zone; a
 * comune added, moved or suppressed changes every figure of its zones.
 */
export async function referenceAggregateScopes(
  db: Db,
  undo: { table: "indicator" | "comune" | "zone"; inserted: readonly string[]; previous: readonly Record<string, unknown>[]; zones?: readonly string[] },
): Promise<AggregateScope[]> {
  // A `zone` import changes which comuni every figure of its zones is over.
  if (undo.table === "zone") return [...new Set(undo.zones ?? [])].sort().map((zoneCode) => ({ zoneCode }));
  if (undo.table === "indicator") {
    const codes = [...undo.inserted, ...undo.previous.map((r) => String(r.code))];
    if (codes.length === 0) return [];
    const zones = await zonesWithValues(db);
    return zones.map((zoneCode) => ({ zoneCode, codes }));
  }
  const istat = [...undo.inserted, ...undo.previous.map((r) => String(r.istat))];
  const zones = new Set(undo.previous.map((r) => r.zone_code).filter((z): z is string => typeof z === "string"));
  if (istat.length > 0) {
    const now = await db.selectFrom("comune").select("zone_code").where("istat", "in", istat).where("zone_code", "is not", null).execute();
    for (const r of now) if (r.zone_code) zones.add(r.zone_code);
  }
  return [...zones].sort().map((zoneCode) => ({ zoneCode }));
}

async function zonesWithValues(db: Db): Promise<string[]> {
  const rows = await db.selectFrom("zone").select("code").where((eb) => eb.exists(eb.selectFrom("observation").select(sql.lit(1).as("one")).whereRef("observation.zone_code", "=", "zone.code"))).orderBy("code").execute();
  return rows.map((r) => r.code);
}

export async function refreshScopes(trx: Db, scopes: readonly AggregateScope[]): Promise<void> {
  if (scopes.length === 0) return;
  const catalogue = await indicatorDefinitions(trx);
  for (const scope of scopes) await refreshZoneAggregates(trx, scope, catalogue);
}

/** A maintained zone figure, as read back. */
export interface MaintainedFigure {
  zoneCode: string;
  code: string;
  year: number;
  status: "complete" | "incomplete" | "undefined";
  value: number | null;
  partialValue: number | null;
  numerator: number | null;
  denominator: number | null;
  contributing: number;
  total: number;
  source: "comuni" | "comuni_and_zone_row" | "zone_row";
  /** Import batches the figure comes from (zone_aggregate_source). */
  batchIds: number[];
  /** The comuni of the year that lack the value (coverage.missing), in ISTAT order. */
  missing: string[];
}

/** The maintained figures of some zones, indicators and years (one indexed read: zone_code leads the key). */
export async function maintainedFigures(db: Db, zones: readonly string[], codes: readonly string[], years: readonly number[]): Promise<MaintainedFigure[]> {
  if (zones.length === 0 || codes.length === 0 || years.length === 0) return [];
  const rows = await db
    .selectFrom("zone_aggregate as a")
    .leftJoin("zone_aggregate_source as s", (j) => j.onRef("s.zone_code", "=", "a.zone_code").onRef("s.indicator_code", "=", "a.indicator_code").onRef("s.year", "=", "a.year"))
    .selectAll("a")
    .select(["s.batch_ids", "s.missing"])
    .where("a.zone_code", "in", zones)
    .where("a.indicator_code", "in", codes)
    .where("a.year", "in", years)
    .execute();
  return rows.map((r) => ({
    zoneCode: r.zone_code,
    code: r.indicator_code,
    year: toNumber(r.year),
    status: r.status,
    value: toNumberOrNull(r.value),
    partialValue: toNumberOrNull(r.partial_value),
    numerator: toNumberOrNull(r.numerator),
    denominator: toNumberOrNull(r.denominator),
    contributing: toNumber(r.contributing),
    total: toNumber(r.total),
    source: r.source,
    batchIds: (r.batch_ids ?? []).map(toNumber),
    missing: r.missing ?? [],
  }));
}

/** The figures alone (no batches, no missing comuni) of some zones: what a region's figure is computed from. */
export async function maintainedValues(
  db: Db,
  zones: readonly string[],
  codes: readonly string[],
  years: readonly number[],
): Promise<Pick<MaintainedFigure, "zoneCode" | "code" | "year" | "status" | "value" | "numerator" | "denominator">[]> {
  if (zones.length === 0 || codes.length === 0 || years.length === 0) return [];
  const rows = await db
    .selectFrom("zone_aggregate")
    .select(["zone_code", "indicator_code", "year", "status", "value", "numerator", "denominator"])
    .where("zone_code", "in", zones)
    .where("indicator_code", "in", codes)
    .where("year", "in", years)
    .execute();
  return rows.map((r) => ({
    zoneCode: r.zone_code,
    code: r.indicator_code,
    year: toNumber(r.year),
    status: r.status,
    value: toNumberOrNull(r.value),
    numerator: toNumberOrNull(r.numerator),
    denominator: toNumberOrNull(r.denominator),
  }));
}

/** Latest year ≤ currentYear in which the zone's figure of `code` (or of any input indicator, code null) is complete. */
export async function latestCompleteYear(db: Db, zoneCode: string, code: string | null, currentYear: number): Promise<number | null> {
  let query = db
    .selectFrom("zone_aggregate as a")
    .select(({ fn }) => fn.max("a.year").as("year"))
    .where("a.zone_code", "=", zoneCode)
    .where("a.status", "=", "complete")
    .where("a.value", "is not", null)
    .where("a.year", "<=", currentYear);
  if (code !== null) query = query.where("a.indicator_code", "=", code);
  else
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("indicator as i")
          .select(sql.lit(1).as("one"))
          .whereRef("i.code", "=", "a.indicator_code")
          .where((w) => w.or([w("i.numerator_code", "is", null), w("i.denominator_code", "is", null)])),
      ),
    );
  const row = await query.executeTakeFirst();
  return toNumberOrNull(row?.year ?? null);
}

/** Everything a batch changes in the zone figures: its observations' scopes, and a reference list's (its undo record). */
export async function aggregateScopesOf(db: Db, batchId: number, undo: unknown): Promise<AggregateScope[]> {
  const scopes = await batchAggregateScopes(db, batchId);
  if (isReferenceUndo(undo)) scopes.push(...(await referenceAggregateScopes(db, undo)));
  return scopes;
}

function isReferenceUndo(undo: unknown): undo is { table: "indicator" | "comune" | "zone"; inserted: string[]; previous: Record<string, unknown>[]; zones?: string[] } {
  if (typeof undo !== "object" || undo === null) return false;
  const u = undo as Record<string, unknown>;
  return (u.table === "indicator" || u.table === "comune" || u.table === "zone") && Array.isArray(u.inserted) && Array.isArray(u.previous);
}
