import "server-only";
import type { Db } from "./zones";
import { toIsoDate, toNumber, toNumberOrNull } from "./convert";
import { zoneYears } from "./indicators";
import { zoneValuesAsShown, type IndicatorYearValues, type ShownValue } from "./values";
import type { IndicatorDefinition } from "@/lib/catalog/schema";
import type { Principal } from "@/lib/auth/roles";
import type { ObjectiveArea, PlanActType } from "@/lib/targets/plan";
import type { Milestone } from "@/lib/targets/status";
import { evaluateCell, specForComune, specOf, type ShownPoint, type TargetCell, type TargetDefinition } from "@/lib/targets/scorecard";

/**
 * The Piano sociale di zona as the pages and the API read it: editions,
 * objectives, current targets, and each target judged in the zone and in
 * every comune from the values as shown to the reader (so a withheld count
 * gives no status, exactly as on Territorio).
 */

export interface PlanInfo {
  id: number;
  name: string;
  startYear: number;
  endYear: number;
  adoptedOn: string | null;
  actType: PlanActType | null;
  actNumber: string | null;
}

export interface ObjectiveInfo {
  planId: number;
  code: string;
  area: ObjectiveArea;
  title: string;
  description: string | null;
  office: string | null;
}

export async function zonePlans(db: Db, zoneCode: string): Promise<PlanInfo[]> {
  const rows = await db
    .selectFrom("plan")
    .select(["id", "name", "start_year", "end_year", "adopted_on", "act_type", "act_number"])
    .where("zone_code", "=", zoneCode)
    .orderBy("start_year", "desc")
    .execute();
  return rows.map((r) => ({
    id: toNumber(r.id),
    name: r.name,
    startYear: r.start_year,
    endYear: r.end_year,
    adoptedOn: toIsoDate(r.adopted_on),
    actType: r.act_type,
    actNumber: r.act_number,
  }));
}

const milestonesOf = (raw: unknown): Milestone[] =>
  Array.isArray(raw)
    ? raw
        .map((m: unknown) => (m && typeof m === "object" ? (m as { year?: unknown; value?: unknown }) : {}))
        .filter((m): m is { year: number; value: number } => typeof m.year === "number" && typeof m.value === "number")
        .map((m) => ({ year: m.year, value: m.value }))
        .sort((a, b) => a.year - b.year)
    : [];

/** The current targets of a zone (one plan, or all), zone-scoped. */
export async function currentTargets(db: Db, zoneCode: string, options: { planId?: number; id?: number } = {}): Promise<TargetDefinition[]> {
  let q = db.selectFrom("target").selectAll().where("zone_code", "=", zoneCode).where("replaced_by_batch", "is", null);
  if (options.planId !== undefined) q = q.where("plan_id", "=", options.planId);
  if (options.id !== undefined) q = q.where("id", "=", options.id);
  const rows = await q.orderBy("objective_code").orderBy("indicator_code").orderBy("comune_istat").orderBy("kind").execute();
  return rows.map((r) => ({
    id: toNumber(r.id),
    planId: toNumberOrNull(r.plan_id),
    objectiveCode: r.objective_code,
    indicatorCode: r.indicator_code,
    comune: r.comune_istat,
    serviceCode: r.service_code,
    kind: r.kind,
    provenance: r.provenance,
    baselineYear: r.baseline_year,
    baselineValue: toNumberOrNull(r.baseline_value),
    targetYear: r.target_year,
    targetValue: toNumber(r.target_value),
    milestones: milestonesOf(r.milestones),
    tolerance: toNumberOrNull(r.tolerance),
    legalSource: r.legal_source,
    note: r.note,
    batchId: toNumberOrNull(r.batch_id),
  }));
}

export async function planObjectives(db: Db, zoneCode: string, planId: number): Promise<ObjectiveInfo[]> {
  const rows = await db
    .selectFrom("plan_objective")
    .select(["plan_id", "code", "area", "title", "description", "office"])
    .where("zone_code", "=", zoneCode)
    .where("plan_id", "=", planId)
    .orderBy("code")
    .execute();
  return rows.map((r) => ({ planId: toNumber(r.plan_id), code: r.code, area: r.area, title: r.title, description: r.description, office: r.office }));
}

export interface EvaluatedTarget {
  target: TargetDefinition;
  indicator: IndicatorDefinition;
  objective: ObjectiveInfo | null;
  /** The target's own territory: the zone, or its comune. */
  cell: TargetCell;
  /** Zone targets: one per comune of the zone, read with the comune's baseline; comune targets: their comune. */
  comuni: TargetCell[];
  series: { zone: ShownPoint[]; comuni: Record<string, ShownPoint[]> };
  /** No comune has a value of this indicator in any year (e.g. social workers of the ATS). */
  zoneOnly: boolean;
}

export interface PlanScorecard {
  plans: PlanInfo[];
  plan: PlanInfo | null;
  objectives: ObjectiveInfo[];
  year: number | null;
  years: number[];
  comuni: { istat: string; name: string }[];
  targets: EvaluatedTarget[];
  mark: string;
  footnote: string | null;
  protected: boolean;
}

const pointOf = (year: number, v: ShownValue | undefined): ShownPoint => ({
  year,
  value: v && v.disclosure !== "suppressed" ? v.value : null,
  withheld: v?.disclosure === "suppressed",
  partial: v?.status === "partial",
});

/**
 * The plan (default: the one covering the year, else the latest) with every
 * current target judged in `year` (default: the pages' default year).
 */
export async function planScorecard(db: Db, zoneCode: string, principal: Principal, options: { planId?: number; year?: number; targetId?: number } = {}): Promise<PlanScorecard> {
  const [plans, years] = await Promise.all([zonePlans(db, zoneCode), zoneYears(db, zoneCode)]);
  const targets = await currentTargets(db, zoneCode, { planId: options.planId, id: options.targetId });
  const planId = options.planId ?? (options.targetId !== undefined ? (targets[0]?.planId ?? undefined) : undefined);
  const shown = await zoneValuesAsShown(db, zoneCode, { principal, codes: [...new Set(targets.map((t) => t.indicatorCode))], years });
  const year = options.year !== undefined && years.includes(options.year) ? options.year : shown.defaultYear;
  const plan =
    (planId !== undefined ? plans.find((p) => p.id === planId) : undefined) ??
    (year !== null ? plans.find((p) => p.startYear <= year && p.endYear >= year) : undefined) ??
    plans[0] ??
    null;
  const inPlan = options.targetId !== undefined || options.planId !== undefined ? targets : targets.filter((t) => plan !== null && t.planId === plan.id);
  const objectives = plan ? await planObjectives(db, zoneCode, plan.id) : [];
  const byIndicator = new Map<string, IndicatorYearValues[]>();
  for (const v of shown.values) byIndicator.set(v.indicator, [...(byIndicator.get(v.indicator) ?? []), v]);
  const defs = new Map(shown.indicators.map((d) => [d.code, d]));

  const evaluated: EvaluatedTarget[] = [];
  for (const t of inPlan) {
    const indicator = defs.get(t.indicatorCode);
    if (!indicator || year === null) continue;
    const values = (byIndicator.get(t.indicatorCode) ?? []).sort((a, b) => a.year - b.year);
    const zoneSeries = values.map((v) => pointOf(v.year, v.zone));
    const comuneSeries: Record<string, ShownPoint[]> = {};
    for (const c of shown.comuni) comuneSeries[c.istat] = values.map((v) => pointOf(v.year, v.comuni.find((x) => x.istat === c.istat)));
    const zoneOnly = Object.values(comuneSeries).every((s) => s.every((p) => p.value === null && !p.withheld));
    const spec = specOf(t, indicator.polarity);
    const comuni =
      t.comune === null
        ? shown.comuni.map((c) => evaluateCell(specForComune(spec, comuneSeries[c.istat] ?? []), c.istat, comuneSeries[c.istat] ?? [], year))
        : [evaluateCell(spec, t.comune, comuneSeries[t.comune] ?? [], year)];
    const cell = t.comune === null ? evaluateCell(spec, null, zoneSeries, year) : comuni[0]!;
    evaluated.push({
      target: t,
      indicator,
      objective: objectives.find((o) => o.code === t.objectiveCode) ?? null,
      cell,
      comuni,
      series: { zone: zoneSeries, comuni: comuneSeries },
      zoneOnly,
    });
  }
  return {
    plans,
    plan,
    objectives,
    year,
    years,
    comuni: shown.comuni,
    targets: evaluated,
    mark: shown.mark,
    footnote: shown.footnote,
    protected: shown.protected,
  };
}

export interface TargetVersion {
  id: number;
  current: boolean;
  targetValue: number;
  baselineValue: number | null;
  milestones: Milestone[];
  batchId: number | null;
  fileName: string | null;
  committedAt: Date | null;
  by: string | null;
  /** Written by a planner in the app (db/queries/target-edits.ts), not by a file. */
  inApp: boolean;
}

/** Every stored version of a target (same plan, indicator, territory, service, kind and year), oldest first. */
export async function targetHistory(db: Db, zoneCode: string, t: TargetDefinition): Promise<TargetVersion[]> {
  let q = db
    .selectFrom("target")
    .leftJoin("import_batch", "import_batch.id", "target.batch_id")
    .select(["target.id", "target.replaced_by_batch", "target.target_value", "target.baseline_value", "target.milestones", "target.batch_id", "import_batch.file_name", "import_batch.committed_at", "import_batch.user_label", "import_batch.format"])
    .where("target.zone_code", "=", zoneCode)
    .where("target.indicator_code", "=", t.indicatorCode)
    .where("target.kind", "=", t.kind)
    .where("target.target_year", "=", t.targetYear);
  q = t.planId === null ? q.where("target.plan_id", "is", null) : q.where("target.plan_id", "=", t.planId);
  q = t.comune === null ? q.where("target.comune_istat", "is", null) : q.where("target.comune_istat", "=", t.comune);
  q = t.serviceCode === null ? q.where("target.service_code", "is", null) : q.where("target.service_code", "=", t.serviceCode);
  const rows = await q.orderBy("target.id").execute();
  return rows.map((r) => ({
    id: toNumber(r.id),
    current: r.replaced_by_batch === null,
    targetValue: toNumber(r.target_value),
    baselineValue: toNumberOrNull(r.baseline_value),
    milestones: milestonesOf(r.milestones),
    batchId: toNumberOrNull(r.batch_id),
    fileName: r.file_name,
    committedAt: r.committed_at,
    by: r.user_label,
    inApp: r.format === "app",
  }));
}
