import { scaleOfUnit, type Aggregation, type IndicatorDefinition, type ZoneRowRole } from "@/lib/catalog/schema";

/** One unit's figures for one indicator and period (a comune, or any member of a group). */
export interface UnitValue {
  unit: string;
  value: number | null;
  /** For ratio indicators: the unit's numerator and denominator (the value alone cannot be re-weighted). */
  numerator?: number | null;
  denominator?: number | null;
  /** For weighted means: the unit's population. */
  weight?: number | null;
}

export type AggregateStatus =
  /** every unit contributed */
  | "complete"
  /** some units lack the figures the rule needs: the value is withheld unless allowPartial */
  | "incomplete"
  /** no unit contributed */
  | "empty"
  /** the zero denominator (ratio) or zero total weight makes the value undefined */
  | "undefined"
  /** rule "none": not aggregated by design */
  | "not_aggregable";

export interface AggregateResult {
  rule: Aggregation;
  /** The group value; null unless status is complete (or allowPartial and some units contributed). */
  value: number | null;
  status: AggregateStatus;
  /** The value over the contributing units only, for display as "parziale". */
  partialValue: number | null;
  /** Σ numerators and Σ denominators (ratio) or Σ value·weight and Σ weight (weighted_mean). */
  numerator: number | null;
  denominator: number | null;
  coverage: { contributing: number; total: number; missing: string[] };
}

export interface AggregateOptions {
  /** Scale factor of a ratio (100 for %, 1000 for per 1.000). Default 1. */
  scale?: number;
  /** Return the value over the contributing units even when some units are missing. Default false. */
  allowPartial?: boolean;
}

const isNum = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v);

/**
 * Aggregates units into a group (a zone) by the indicator's rule.
 * - sum: Σ values.
 * - ratio: Σ numerators / Σ denominators × scale, never the mean of the units' rates.
 * - weighted_mean: Σ value·weight / Σ weight, the weight being population.
 * - none: not aggregated (null).
 * A unit missing what the rule needs is listed in coverage.missing and makes
 * the result "incomplete": we do not guess the missing part.
 */
export function aggregate(rule: Aggregation, units: readonly UnitValue[], options: AggregateOptions = {}): AggregateResult {
  const scale = options.scale ?? 1;
  const total = units.length;
  const base = { rule, coverage: { contributing: 0, total, missing: [] as string[] } };
  if (rule === "none")
    return { ...base, value: null, status: "not_aggregable", partialValue: null, numerator: null, denominator: null };

  let num = 0;
  let den = 0;
  const missing: string[] = [];
  for (const u of units) {
    if (rule === "sum") {
      if (isNum(u.value)) num += u.value;
      else missing.push(u.unit);
    } else if (rule === "ratio") {
      if (isNum(u.numerator) && isNum(u.denominator)) {
        num += u.numerator;
        den += u.denominator;
      } else missing.push(u.unit);
    } else {
      if (isNum(u.value) && isNum(u.weight) && u.weight >= 0) {
        num += u.value * u.weight;
        den += u.weight;
      } else missing.push(u.unit);
    }
  }
  const contributing = total - missing.length;
  const coverage = { contributing, total, missing };

  let partialValue: number | null = null;
  let undefinedValue = false;
  if (contributing > 0) {
    if (rule === "sum") partialValue = num;
    else if (den === 0) undefinedValue = true;
    else partialValue = rule === "ratio" ? (num / den) * scale : num / den;
  }
  const status: AggregateStatus =
    contributing === 0 ? "empty" : undefinedValue ? "undefined" : missing.length > 0 ? "incomplete" : "complete";
  const value = status === "complete" || (status === "incomplete" && options.allowPartial) ? partialValue : null;
  return {
    rule,
    value,
    status,
    partialValue,
    numerator: contributing > 0 ? num : null,
    denominator: rule === "sum" || contributing === 0 ? null : den,
    coverage,
  };
}

type ScaleSource = Pick<IndicatorDefinition, "aggregation" | "formula" | "unit"> & { scale?: number | undefined };

/**
 * The scale of a ratio, so that the zone's Σ num / Σ den is on the same scale
 * as its comuni' values: the formula's; the catalogue's; the one the comuni'
 * own values show (value ÷ (num / den), a power of ten); the unit's (% → 100).
 */
export function scaleOfRatio(def: ScaleSource, units: readonly UnitValue[] = []): number {
  if (def.formula) return def.formula.scale;
  if (def.scale !== undefined) return def.scale;
  for (const u of units) {
    if (!isNum(u.value) || !isNum(u.numerator) || !isNum(u.denominator) || u.numerator === 0 || u.denominator === 0) continue;
    const implied = u.value / (u.numerator / u.denominator);
    if (!(implied > 0)) continue;
    const power = 10 ** Math.round(Math.log10(implied));
    if (Math.abs(implied / power - 1) < 0.05) return power;
  }
  return scaleOfUnit(def.unit) ?? 1;
}

/** Aggregates by a catalogue definition: its rule and, for ratios, its scale. */
export function aggregateIndicator(
  def: Pick<IndicatorDefinition, "aggregation" | "formula"> & Partial<Pick<IndicatorDefinition, "unit">> & { scale?: number | undefined },
  units: readonly UnitValue[],
  options: Omit<AggregateOptions, "scale"> = {},
): AggregateResult {
  const scale = def.aggregation === "ratio" ? scaleOfRatio({ unit: "", ...def }, units) : 1;
  return aggregate(def.aggregation, units, { ...options, scale });
}

/** Where a zone figure comes from. */
export type ZoneSource =
  /** the comuni alone */
  | "comuni"
  /** the comuni plus the ATS's own row (a component) */
  | "comuni_and_zone_row"
  /** the zone-level row alone: an alternative total, or a component when no comune has data */
  | "zone_row";
/** The statuses zone_aggregate stores, as its check lists them: an empty or non-aggregable figure has no row. */
export const STORED_AGGREGATE_STATUSES: readonly AggregateStatus[] = ["complete", "incomplete", "undefined"];
/** Every ZoneSource, as zone_aggregate.source's check lists them (tests/integration/enums.test.ts). */
export const ZONE_SOURCES: readonly ZoneSource[] = ["comuni", "comuni_and_zone_row", "zone_row"];

export interface ZoneAggregate extends AggregateResult {
  source: ZoneSource;
  /** The zone-level row's value when there is one, whether used or not. */
  zoneRowValue: number | null;
}

/**
 * The zone figure of one indicator and period, by the catalogue's rule for
 * zone-level rows (the one aggregation every page, export and API uses):
 * - "component" (counts only): Σ comuni + the ATS's row. Complete when every
 *   comune has its value; when no comune has one, the ATS's row alone is the
 *   zone (the comuni employ or spend nothing of their own).
 * - "alternative": the comuni's aggregate; the zone row is the zone's total
 *   only when no comune has data.
 * A partial aggregate is never the zone's value: `value` is null and
 * `partialValue` with `coverage` says "parziale: 11 comuni su 12".
 */
export function aggregateZone(
  def: Pick<IndicatorDefinition, "aggregation" | "formula"> & Partial<Pick<IndicatorDefinition, "unit">> & { zoneRow?: ZoneRowRole; scale?: number | undefined },
  units: readonly UnitValue[],
  zoneRow: UnitValue | null = null,
): ZoneAggregate {
  const comuni = aggregateIndicator(def, units);
  const rowValue = zoneRow && isNum(zoneRow.value) ? zoneRow.value : null;
  const role: ZoneRowRole = def.zoneRow ?? "alternative";
  const fromRow = (): ZoneAggregate => ({
    ...comuni,
    value: rowValue,
    partialValue: null,
    status: "complete",
    numerator: zoneRow && isNum(zoneRow.numerator) ? zoneRow.numerator : def.aggregation === "sum" ? rowValue : null,
    denominator: zoneRow && isNum(zoneRow.denominator) ? zoneRow.denominator : null,
    source: "zone_row",
    zoneRowValue: rowValue,
  });
  if (rowValue === null) return { ...comuni, source: "comuni", zoneRowValue: null };
  if (comuni.status === "empty" || comuni.status === "not_aggregable") return fromRow();
  if (role === "component" && def.aggregation === "sum") {
    const add = (v: number | null) => (v === null ? null : v + rowValue);
    return {
      ...comuni,
      value: add(comuni.value),
      partialValue: add(comuni.partialValue),
      numerator: add(comuni.numerator),
      source: "comuni_and_zone_row",
      zoneRowValue: rowValue,
    };
  }
  return { ...comuni, source: "comuni", zoneRowValue: rowValue };
}
