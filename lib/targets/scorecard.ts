import { evaluateTarget, expectedValue, isMaintenance, TARGET_STATUS_LABELS_IT, type Milestone, type TargetKind, type TargetSpec, type TargetStatus } from "./status";
import { projectTarget, type Projection } from "./projection";
import type { TargetProvenance } from "./plan";

/**
 * A target judged in one territory and year, from the values as shown to the
 * reader (db/queries/values.ts): status, expected value, projection and the
 * series it rests on. A value withheld from this reader (a small count of
 * people) gives no status and no projection: either would reveal it.
 */

export interface TargetDefinition {
  id: number;
  planId: number | null;
  objectiveCode: string | null;
  indicatorCode: string;
  /** null: a target of the zone as a whole. */
  comune: string | null;
  serviceCode: string | null;
  kind: TargetKind;
  provenance: TargetProvenance;
  baselineYear: number | null;
  baselineValue: number | null;
  targetYear: number;
  targetValue: number;
  milestones: Milestone[];
  tolerance: number | null;
  legalSource: string | null;
  note: string | null;
  batchId: number | null;
}

/** One year's value as this reader is shown it. */
export interface ShownPoint {
  year: number;
  value: number | null;
  /** Withheld from this reader by disclosure control. */
  withheld: boolean;
  /** A zone figure some comuni lack (value null, partial figure apart). */
  partial: boolean;
}

export type CellStatus = TargetStatus | "riservato";

export const CELL_STATUS_LABELS_IT: Record<CellStatus, { label: string; symbol: string }> = {
  ...TARGET_STATUS_LABELS_IT,
  riservato: { label: "Riservato", symbol: "*" },
};

export interface TargetCell {
  /** null: the zone. */
  territory: string | null;
  year: number;
  value: number | null;
  withheld: boolean;
  partial: boolean;
  status: CellStatus;
  expected: number | null;
  progressRatio: number | null;
  gap: number | null;
  projection: Projection;
  /** The baseline used for this territory (a comune under a zone target starts from its own value). */
  baseline: { year: number; value: number } | null;
  targetValue: number;
}

export const COMUNE_RULE_IT =
  "Nei comuni un obiettivo di zona si legge con lo stesso valore da raggiungere e il valore di partenza del comune nell'anno base (per un mantenimento, il comune mantiene il proprio valore di partenza). Un obiettivo fissato per un solo comune vale solo per quel comune.";

export function specOf(t: TargetDefinition, polarity: 1 | -1 | 0): TargetSpec {
  return {
    kind: t.kind,
    baselineYear: t.baselineYear,
    baselineValue: t.baselineValue,
    targetYear: t.targetYear,
    targetValue: t.targetValue,
    polarity,
    milestones: t.milestones,
    tolerance: t.tolerance,
  };
}

/** A zone target read for one comune: its own baseline, the zone's target (its own baseline for a maintenance target). */
export function specForComune(zoneSpec: TargetSpec, series: readonly ShownPoint[]): TargetSpec {
  if (zoneSpec.kind === "floor" || zoneSpec.kind === "ceiling" || zoneSpec.baselineYear === null) return zoneSpec;
  const own = series.find((p) => p.year === zoneSpec.baselineYear && !p.withheld)?.value ?? null;
  const maintenance = isMaintenance(zoneSpec);
  // Milestones are the zone's path; a comune starting elsewhere is judged on the straight line to the target.
  return { ...zoneSpec, baselineValue: own, milestones: [], targetValue: maintenance && own !== null ? own : zoneSpec.targetValue };
}

export function evaluateCell(spec: TargetSpec, territory: string | null, series: readonly ShownPoint[], year: number): TargetCell {
  const point = series.find((p) => p.year === year) ?? { year, value: null, withheld: false, partial: false };
  const baseline = spec.baselineYear !== null && spec.baselineValue !== null ? { year: spec.baselineYear, value: spec.baselineValue } : null;
  const anyWithheld = series.some((p) => p.withheld && p.year <= year);
  const projection = anyWithheld
    ? { band: "non_calcolabile" as const, slope: null, projected: null, missShare: null, points: [], reason: "alcuni valori sono riservati" }
    : projectTarget(spec, series, year);
  if (point.withheld) {
    return { territory, year, value: null, withheld: true, partial: false, status: "riservato", expected: expectedValue(spec, year), progressRatio: null, gap: null, projection, baseline, targetValue: spec.targetValue };
  }
  const evaluation = evaluateTarget(spec, { year, value: point.value });
  return {
    territory,
    year,
    value: point.value,
    withheld: false,
    partial: point.partial,
    status: evaluation.status,
    expected: evaluation.expected,
    progressRatio: evaluation.progressRatio,
    gap: evaluation.gap,
    projection,
    baseline,
    targetValue: spec.targetValue,
  };
}

/** Counts of the statuses, every status present (0 when none). */
export function countStatuses(statuses: readonly CellStatus[]): Record<CellStatus, number> {
  const counts = Object.fromEntries(Object.keys(CELL_STATUS_LABELS_IT).map((k) => [k, 0])) as Record<CellStatus, number>;
  for (const s of statuses) counts[s]++;
  return counts;
}
