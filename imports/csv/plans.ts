import { toNumber } from "@/db/queries/convert";
import type { Db } from "@/db/queries/zones";
import { defaultPlanName, parsePlanYears, type ObjectiveArea, type PlanActType } from "@/lib/targets/plan";
import type { RowOf } from "./kinds";
import type { KINDS } from "./kinds";
import type { ObjectiveDefinition } from "./context";

/**
 * The plans and objectives an `obiettivi` file names. Before its rows are
 * mapped, editions that do not exist yet are created and objectives added or
 * brought up to date, inside the import's transaction, so that a preview or
 * a rejected file leaves nothing behind. The batch keeps what it created and
 * what it changed (PlanUndo) so that undoing it restores both exactly.
 */
type ObiettiviRow = RowOf<typeof KINDS.obiettivi>;

interface PlanFields {
  name: string | null;
  actType: PlanActType | null;
  actNumber: string | null;
  actDate: string | null;
}

export interface PlanUndo {
  createdPlans: number[];
  createdObjectives: number[];
  previousPlans: { id: number; name: string; adopted_on: string | null; act_type: PlanActType | null; act_number: string | null }[];
  previousObjectives: { id: number; area: ObjectiveArea; title: string; description: string | null; office: string | null }[];
}

export const emptyPlanUndo = (): PlanUndo => ({ createdPlans: [], createdObjectives: [], previousPlans: [], previousObjectives: [] });

export function hasPlanChanges(u: PlanUndo): boolean {
  return u.createdPlans.length + u.createdObjectives.length + u.previousPlans.length + u.previousObjectives.length > 0;
}

const isoDate = (d: Date | string | null): string | null => (d === null ? null : typeof d === "string" ? d.slice(0, 10) : d.toISOString().slice(0, 10));

/** First non-empty value of each field wins; later rows are checked against it by the row mapper. */
async function collect(rows: AsyncIterable<ObiettiviRow | null>) {
  const plans = new Map<string, { startYear: number; endYear: number } & PlanFields>();
  const objectives = new Map<string, { years: string; code: string; def: Partial<ObjectiveDefinition> }>();
  for await (const f of rows) {
    if (f === null || f.plan === null) continue;
    const years = parsePlanYears(f.plan);
    if (!years) continue;
    const key = `${years.startYear}-${years.endYear}`;
    const p = plans.get(key) ?? { ...years, name: null, actType: null, actNumber: null, actDate: null };
    p.name ??= f.planName;
    p.actType ??= f.actType as PlanActType | null;
    p.actNumber ??= f.actNumber;
    p.actDate ??= f.actDate;
    plans.set(key, p);
    if (f.objective === null) continue;
    const o = objectives.get(`${key}|${f.objective}`) ?? { years: key, code: f.objective, def: {} };
    o.def.area ??= (f.area as ObjectiveArea | null) ?? undefined;
    o.def.title ??= f.objectiveTitle ?? undefined;
    o.def.description ??= f.objectiveDescription ?? undefined;
    o.def.office ??= f.office ?? undefined;
    objectives.set(`${key}|${f.objective}`, o);
  }
  return { plans, objectives };
}

export async function preparePlans(trx: Db, zoneCode: string, rows: AsyncIterable<ObiettiviRow | null>): Promise<PlanUndo> {
  const undo = emptyPlanUndo();
  const { plans, objectives } = await collect(rows);
  const planIds = new Map<string, number>();
  for (const [key, p] of plans) {
    const existing = await trx
      .selectFrom("plan")
      .select(["id", "name", "adopted_on", "act_type", "act_number"])
      .where("zone_code", "=", zoneCode)
      .where("start_year", "=", p.startYear)
      .where("end_year", "=", p.endYear)
      .executeTakeFirst();
    if (!existing) {
      const row = await trx
        .insertInto("plan")
        .values({ zone_code: zoneCode, name: p.name ?? defaultPlanName(p.startYear, p.endYear), start_year: p.startYear, end_year: p.endYear, adopted_on: p.actDate, act_type: p.actType, act_number: p.actNumber })
        .returning("id")
        .executeTakeFirstOrThrow();
      planIds.set(key, toNumber(row.id));
      undo.createdPlans.push(toNumber(row.id));
      continue;
    }
    const id = toNumber(existing.id);
    planIds.set(key, id);
    const change = {
      ...(p.name !== null && p.name !== existing.name ? { name: p.name } : {}),
      ...(p.actDate !== null && p.actDate !== isoDate(existing.adopted_on) ? { adopted_on: p.actDate } : {}),
      ...(p.actType !== null && p.actType !== existing.act_type ? { act_type: p.actType } : {}),
      ...(p.actNumber !== null && p.actNumber !== existing.act_number ? { act_number: p.actNumber } : {}),
    };
    if (Object.keys(change).length === 0) continue;
    undo.previousPlans.push({ id, name: existing.name, adopted_on: isoDate(existing.adopted_on), act_type: existing.act_type, act_number: existing.act_number });
    await trx.updateTable("plan").set(change).where("id", "=", id).execute();
  }

  for (const o of objectives.values()) {
    const planId = planIds.get(o.years);
    if (planId === undefined) continue;
    const existing = await trx
      .selectFrom("plan_objective")
      .select(["id", "area", "title", "description", "office"])
      .where("plan_id", "=", planId)
      .where("code", "=", o.code)
      .executeTakeFirst();
    if (!existing) {
      // A new objective needs its area and title; without them the row mapper reports the row.
      if (!o.def.area || !o.def.title) continue;
      const row = await trx
        .insertInto("plan_objective")
        .values({ zone_code: zoneCode, plan_id: planId, code: o.code, area: o.def.area, title: o.def.title, description: o.def.description ?? null, office: o.def.office ?? null })
        .returning("id")
        .executeTakeFirstOrThrow();
      undo.createdObjectives.push(toNumber(row.id));
      continue;
    }
    const change = {
      ...(o.def.area && o.def.area !== existing.area ? { area: o.def.area } : {}),
      ...(o.def.title && o.def.title !== existing.title ? { title: o.def.title } : {}),
      ...(o.def.description && o.def.description !== existing.description ? { description: o.def.description } : {}),
      ...(o.def.office && o.def.office !== existing.office ? { office: o.def.office } : {}),
    };
    if (Object.keys(change).length === 0) continue;
    undo.previousObjectives.push({ id: toNumber(existing.id), area: existing.area, title: existing.title, description: existing.description, office: existing.office });
    await trx.updateTable("plan_objective").set(change).where("id", "=", existing.id).execute();
  }
  return undo;
}

/** After the batch exists: the plans and objectives it created carry its id. */
export async function stampPlanChanges(trx: Db, undo: PlanUndo, batchId: number): Promise<void> {
  if (undo.createdPlans.length > 0) await trx.updateTable("plan").set({ batch_id: batchId }).where("id", "in", undo.createdPlans).execute();
  if (undo.createdObjectives.length > 0) await trx.updateTable("plan_objective").set({ batch_id: batchId }).where("id", "in", undo.createdObjectives).execute();
}

/**
 * Undo of the plan side of a batch, after its targets are gone: previous texts
 * back, then the objectives and plans it created removed. Refused (by the
 * caller's message) when a row of another batch still refers to them.
 */
export async function revertPlanChanges(trx: Db, undo: PlanUndo): Promise<{ removed: number; restored: number; blockedBy: string | null }> {
  for (const p of undo.previousPlans) {
    const { id, ...rest } = p;
    await trx.updateTable("plan").set(rest).where("id", "=", id).execute();
  }
  for (const o of undo.previousObjectives) {
    const { id, ...rest } = o;
    await trx.updateTable("plan_objective").set(rest).where("id", "=", id).execute();
  }
  let removed = 0;
  if (undo.createdObjectives.length > 0) {
    const used = await trx
      .selectFrom("target")
      .innerJoin("plan_objective", (j) => j.onRef("plan_objective.plan_id", "=", "target.plan_id").onRef("plan_objective.code", "=", "target.objective_code"))
      .select(["target.batch_id", "plan_objective.code"])
      .where("plan_objective.id", "in", undo.createdObjectives)
      .limit(1)
      .executeTakeFirst();
    if (used) return { removed, restored: 0, blockedBy: `l'obiettivo ${used.code} è usato dal caricamento ${String(used.batch_id)}` };
    removed += toNumber((await trx.deleteFrom("plan_objective").where("id", "in", undo.createdObjectives).executeTakeFirst()).numDeletedRows);
  }
  if (undo.createdPlans.length > 0) {
    const used = await trx.selectFrom("target").select("batch_id").where("plan_id", "in", undo.createdPlans).limit(1).executeTakeFirst();
    if (used) return { removed, restored: 0, blockedBy: `il piano è usato dal caricamento ${String(used.batch_id)}` };
    const objectivesLeft = await trx.selectFrom("plan_objective").select("code").where("plan_id", "in", undo.createdPlans).limit(1).executeTakeFirst();
    if (objectivesLeft) return { removed, restored: 0, blockedBy: `il piano ha l'obiettivo ${objectivesLeft.code} aggiunto da un altro caricamento` };
    removed += toNumber((await trx.deleteFrom("plan").where("id", "in", undo.createdPlans).executeTakeFirst()).numDeletedRows);
  }
  return { removed, restored: undo.previousPlans.length + undo.previousObjectives.length, blockedBy: null };
}
