import { formatDate, formatValue } from "@/lib/format";
import { TARGET_KIND_LABELS_IT, type Milestone, type TargetKind } from "./status";
import { PLAN_ACT_TYPE_LABELS_IT, type PlanActType } from "./plan";

/**
 * The words pages, downloads and the API use for a target: what it asks
 * ("al massimo 5.000 in ogni anno", "da 24,5 (2023) a 33 entro il 2027") and
 * the act that adopted its plan.
 */
export function targetSentence(
  t: { kind: TargetKind; baselineYear: number | null; baselineValue: number | null; targetYear: number; targetValue: number; milestones: readonly Milestone[] },
  unit: string,
  decimals: number,
): string {
  const f = (v: number) => formatValue(v, unit, decimals, { withUnit: true });
  if (t.kind === "floor") return `almeno ${f(t.targetValue)} in ogni anno`;
  if (t.kind === "ceiling") return `al massimo ${f(t.targetValue)} in ogni anno`;
  const from = t.baselineValue !== null && t.baselineYear !== null ? `da ${f(t.baselineValue)} (${t.baselineYear}) ` : "";
  const steps = t.milestones.length > 0 ? `, passando per ${t.milestones.map((m) => `${f(m.value)} nel ${m.year}`).join(" e ")}` : "";
  if (t.baselineValue !== null && Math.abs(t.baselineValue - t.targetValue) < 1e-9) return `mantenere ${f(t.targetValue)} fino al ${t.targetYear}`;
  return `${from}a ${f(t.targetValue)} entro il ${t.targetYear}${steps}`;
}

export function kindLabel(kind: TargetKind): string {
  return TARGET_KIND_LABELS_IT[kind];
}

/** "Accordo di programma n. 5/2024 del 27/06/2024", or what is known of it. */
export function planActText(plan: { actType: PlanActType | null; actNumber: string | null; adoptedOn: string | null }): string | null {
  const parts = [plan.actType ? PLAN_ACT_TYPE_LABELS_IT[plan.actType] : "Atto", plan.actNumber ? `n. ${plan.actNumber}` : null, plan.adoptedOn ? `del ${formatDate(plan.adoptedOn)}` : null].filter(Boolean);
  return plan.actType || plan.actNumber || plan.adoptedOn ? parts.join(" ") : null;
}
