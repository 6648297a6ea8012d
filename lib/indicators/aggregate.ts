import type { Aggregation, IndicatorDefinition } from "@/lib/catalog/schema";

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

/** Aggregates by a catalogue definition: its rule and, for ratios, its scale. */
export function aggregateIndicator(
  def: Pick<IndicatorDefinition, "aggregation" | "formula">,
  units: readonly UnitValue[],
  options: Omit<AggregateOptions, "scale"> = {},
): AggregateResult {
  return aggregate(def.aggregation, units, { ...options, scale: def.formula?.scale ?? 1 });
}
