import "server-only";
import { sql } from "kysely";
import type { Db } from "./zones";
import type { DatabaseHandle } from "@/db/client";
import { createCommittedBatch, sha256 } from "@/db/batches";
import { recordAudit } from "./audit";
import { toNumber, toNumberOrNull } from "./convert";
import { revertBatch, RevertError } from "@/imports/load/revert";
import { emptyPlanUndo, type PlanUndo } from "@/imports/csv/plans";
import { targetValueIssues, type ObjectiveFormInput, type PlanFormInput, type TargetFormField, type TargetFormInput } from "@/lib/targets/schema";
import type { TargetField } from "@/lib/targets/validate";

/**
 * A planner's changes to the Piano in the app, versioned as imports version
 * rows: every change is a committed batch of kind `obiettivi` (source "app")
 * that replaces the current row of the target (replaced_by_batch) and, unless
 * it retires it, adds the new row. So every version stays, the target page
 * lists them, and an undo is the import's own undo (imports/load/revert.ts):
 * the row the change replaced is current again. A plan or an objective
 * created here records itself in the batch's planUndo, as an `obiettivi` file
 * does. Each change, and each undo, is audited in its transaction.
 */

export type EditAction = "target.create" | "target.edit" | "target.retire" | "plan.create" | "objective.create";

export const EDIT_ACTION_LABELS_IT: Record<EditAction, string> = {
  "target.create": "Obiettivo creato",
  "target.edit": "Obiettivo modificato",
  "target.retire": "Obiettivo ritirato",
  "plan.create": "Edizione del piano creata",
  "objective.create": "Obiettivo del piano creato",
};

/** What the batch of an in-app change keeps in its report. */
export interface AppChangeReport {
  source: "app";
  action: EditAction;
  /** The target row the change wrote (create, edit) or retired. */
  targetId?: number;
  indicator?: string;
  summary: string;
  planUndo?: PlanUndo;
}

export type EditResult<F extends string> = { ok: true; batchId: number; id: number } | { ok: false; error: string; fieldErrors: Partial<Record<F, string>> };

const lockZone = (trx: Db, zoneCode: string) => sql`select pg_advisory_xact_lock(hashtext(${`osservatorio:import:${zoneCode}`}))`.execute(trx);

/** The import's transaction rule: the same lock as imports, so an edit and an import of the zone never interleave. */
async function inTransaction<T>(db: Db, zoneCode: string, work: (trx: Db) => Promise<T>): Promise<T> {
  const run = async (trx: Db) => {
    await lockZone(trx, zoneCode);
    return work(trx);
  };
  if ("isTransaction" in db && db.isTransaction) return run(db);
  return db.transaction().execute(run);
}

async function newBatch(trx: Db, zoneCode: string, actor: string, report: AppChangeReport, counts: { inserted: number; updated: number }): Promise<number> {
  return createCommittedBatch(trx, {
    kind: "obiettivi",
    zoneCode,
    fileName: `Modifica nell'applicazione: ${report.summary}`.slice(0, 255),
    fileHash: sha256(JSON.stringify({ ...report, at: Date.now(), actor })),
    userLabel: actor,
    format: "app",
    counts: { rowsRead: 1, inserted: counts.inserted, updated: counts.updated, unchanged: 0, rejected: 0 },
    report,
  });
}

const TARGET_FIELD_OF: Record<TargetField, TargetFormField> = {
  kind: "kind",
  baselineYear: "baselineYear",
  baselineValue: "baselineValue",
  targetYear: "targetYear",
  targetValue: "targetValue",
  milestones: "milestones",
  tolerance: "tolerance",
};

/** The form's values for the audit, without the zone (the event has its own). */
const withoutZone = <T extends { zone: string }>(input: T): Omit<T, "zone"> => Object.fromEntries(Object.entries(input).filter(([k]) => k !== "zone")) as Omit<T, "zone">;

const capital = (m: string) => m.charAt(0).toUpperCase() + m.slice(1) + (m.endsWith(".") ? "" : ".");

/**
 * Creates a target (replaceId undefined) or a new version of the current
 * target replaceId. Which target it is (plan, indicator, territory, kind,
 * target year) does not change with an edit: to move it, retire it and
 * create another.
 */
export async function saveTarget(db: Db, zoneCode: string, input: TargetFormInput, actor: string, replaceId?: number): Promise<EditResult<TargetFormField>> {
  return inTransaction(db, zoneCode, async (trx) => {
    const fieldErrors: Partial<Record<TargetFormField, string>> = {};
    const refuse = (error = "Controllare i campi segnalati.") => ({ ok: false as const, error, fieldErrors });
    const plan = await trx.selectFrom("plan").select(["id", "start_year", "end_year"]).where("zone_code", "=", zoneCode).where("id", "=", input.planId).executeTakeFirst();
    if (!plan) fieldErrors.planId = "Piano non trovato in questa zona.";
    if (input.objectiveCode !== null && plan) {
      const objective = await trx.selectFrom("plan_objective").select("id").where("plan_id", "=", plan.id).where("code", "=", input.objectiveCode).executeTakeFirst();
      if (!objective) fieldErrors.objectiveCode = `L'obiettivo ${input.objectiveCode} non è nel piano: crearlo prima.`;
    }
    const indicator = await trx.selectFrom("indicator").select(["code", "polarity"]).where("code", "=", input.indicatorCode).executeTakeFirst();
    if (!indicator) fieldErrors.indicatorCode = "Indicatore non presente nel catalogo.";
    if (input.comune !== null) {
      const comune = await trx.selectFrom("comune").select("istat").where("istat", "=", input.comune).where("zone_code", "=", zoneCode).executeTakeFirst();
      if (!comune) fieldErrors.comune = "Il comune non fa parte della zona.";
    }
    if (indicator) {
      const values = { kind: input.kind, baselineYear: input.baselineYear, baselineValue: input.baselineValue, targetYear: input.targetYear, targetValue: input.targetValue, milestones: input.milestones, tolerance: input.tolerance };
      for (const p of targetValueIssues(values, indicator.polarity)) fieldErrors[TARGET_FIELD_OF[p.field]] ??= capital(p.message);
    }
    const key = { plan_id: input.planId, indicator_code: input.indicatorCode, comune_istat: input.comune, target_year: input.targetYear, kind: input.kind };
    let previous: Awaited<ReturnType<typeof currentTargetRow>> = undefined;
    if (replaceId !== undefined) {
      previous = await currentTargetRow(trx, zoneCode, replaceId);
      if (!previous) return refuse("L'obiettivo è stato modificato o ritirato nel frattempo: ricaricare la pagina.");
      const moved =
        toNumberOrNull(previous.plan_id) !== key.plan_id || previous.indicator_code !== key.indicator_code || previous.comune_istat !== key.comune_istat || previous.target_year !== key.target_year || previous.kind !== key.kind;
      if (moved) return refuse("Piano, indicatore, territorio, tipo e anno obiettivo non si cambiano con una modifica: ritirare l'obiettivo e crearne uno nuovo.");
    }
    if (Object.keys(fieldErrors).length > 0) return refuse();
    let clash = trx
      .selectFrom("target")
      .select("id")
      .where("zone_code", "=", zoneCode)
      .where("plan_id", "=", key.plan_id)
      .where("indicator_code", "=", key.indicator_code)
      .where("target_year", "=", key.target_year)
      .where("kind", "=", key.kind)
      .where("service_code", "is", null)
      .where("replaced_by_batch", "is", null);
    clash = key.comune_istat === null ? clash.where("comune_istat", "is", null) : clash.where("comune_istat", "=", key.comune_istat);
    if (replaceId !== undefined) clash = clash.where("id", "<>", replaceId);
    if (await clash.executeTakeFirst()) {
      fieldErrors.targetYear = "Esiste già un obiettivo dello stesso tipo per questo indicatore, territorio e anno: modificare quello.";
      return refuse();
    }

    const action: EditAction = replaceId === undefined ? "target.create" : "target.edit";
    const summary = `${input.indicatorCode}${input.comune ? ` (${input.comune})` : ""} ${input.targetYear}`;
    const batchId = await newBatch(trx, zoneCode, actor, { source: "app", action, indicator: input.indicatorCode, summary }, { inserted: replaceId === undefined ? 1 : 0, updated: replaceId === undefined ? 0 : 1 });
    if (previous) await trx.updateTable("target").set({ replaced_by_batch: batchId }).where("id", "=", previous.id).execute();
    const row = await trx
      .insertInto("target")
      .values({
        zone_code: zoneCode,
        plan_id: input.planId,
        indicator_code: input.indicatorCode,
        comune_istat: input.comune,
        service_code: null,
        baseline_year: input.baselineYear,
        baseline_value: input.baselineValue === null ? null : String(input.baselineValue),
        target_year: input.targetYear,
        target_value: String(input.targetValue),
        legal_source: input.legalSource,
        note: input.note,
        objective_code: input.objectiveCode,
        kind: input.kind,
        provenance: input.provenance,
        milestones: JSON.stringify([...input.milestones].sort((a, b) => a.year - b.year)),
        tolerance: input.tolerance === null ? null : String(input.tolerance),
        batch_id: batchId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const id = toNumber(row.id);
    await trx.updateTable("import_batch").set({ report: JSON.stringify({ source: "app", action, indicator: input.indicatorCode, summary, targetId: id } satisfies AppChangeReport) }).where("id", "=", batchId).execute();
    await recordAudit(trx, { actor, action, zoneCode, subject: `target:${id}`, details: { batchId, values: withoutZone(input), previous: previous ? targetRowDetails(previous) : null } });
    return { ok: true as const, batchId, id };
  });
}

async function currentTargetRow(trx: Db, zoneCode: string, id: number) {
  return trx.selectFrom("target").selectAll().where("zone_code", "=", zoneCode).where("id", "=", id).where("replaced_by_batch", "is", null).executeTakeFirst();
}

function targetRowDetails(r: NonNullable<Awaited<ReturnType<typeof currentTargetRow>>>) {
  return {
    id: toNumber(r.id),
    baselineYear: r.baseline_year,
    baselineValue: toNumberOrNull(r.baseline_value),
    targetValue: toNumber(r.target_value),
    milestones: r.milestones,
    tolerance: toNumberOrNull(r.tolerance),
    provenance: r.provenance,
    objectiveCode: r.objective_code,
    legalSource: r.legal_source,
    note: r.note,
  };
}

/** Retires a current target: its row is replaced by a batch that adds nothing (undo makes it current again). */
export async function retireTarget(db: Db, zoneCode: string, id: number, actor: string): Promise<EditResult<never>> {
  return inTransaction(db, zoneCode, async (trx) => {
    const previous = await currentTargetRow(trx, zoneCode, id);
    if (!previous) return { ok: false as const, error: "L'obiettivo è già stato modificato o ritirato: ricaricare la pagina.", fieldErrors: {} };
    const summary = `ritiro ${previous.indicator_code}${previous.comune_istat ? ` (${previous.comune_istat})` : ""} ${previous.target_year}`;
    const batchId = await newBatch(trx, zoneCode, actor, { source: "app", action: "target.retire", indicator: previous.indicator_code, summary, targetId: id }, { inserted: 0, updated: 1 });
    await trx.updateTable("target").set({ replaced_by_batch: batchId }).where("id", "=", id).execute();
    await recordAudit(trx, { actor, action: "target.retire", zoneCode, subject: `target:${id}`, details: { batchId, previous: targetRowDetails(previous) } });
    return { ok: true as const, batchId, id };
  });
}

export async function createPlan(db: Db, zoneCode: string, input: PlanFormInput, actor: string): Promise<EditResult<"name" | "startYear" | "endYear">> {
  return inTransaction(db, zoneCode, async (trx) => {
    const same = await trx.selectFrom("plan").select("id").where("zone_code", "=", zoneCode).where("start_year", "=", input.startYear).where("end_year", "=", input.endYear).executeTakeFirst();
    if (same) return { ok: false as const, error: "Controllare i campi segnalati.", fieldErrors: { endYear: `Esiste già l'edizione ${input.startYear}–${input.endYear} per questa zona.` } };
    const row = await trx
      .insertInto("plan")
      .values({ zone_code: zoneCode, name: input.name, start_year: input.startYear, end_year: input.endYear, adopted_on: input.actDate, act_type: input.actType, act_number: input.actNumber })
      .returning("id")
      .executeTakeFirstOrThrow();
    const id = toNumber(row.id);
    const planUndo = { ...emptyPlanUndo(), createdPlans: [id] };
    const batchId = await newBatch(trx, zoneCode, actor, { source: "app", action: "plan.create", summary: `piano ${input.startYear}–${input.endYear}`, planUndo }, { inserted: 1, updated: 0 });
    await trx.updateTable("plan").set({ batch_id: batchId }).where("id", "=", id).execute();
    await recordAudit(trx, { actor, action: "plan.create", zoneCode, subject: `plan:${id}`, details: { batchId, values: withoutZone(input) } });
    return { ok: true as const, batchId, id };
  });
}

export async function createObjective(db: Db, zoneCode: string, input: ObjectiveFormInput, actor: string): Promise<EditResult<"planId" | "code">> {
  return inTransaction(db, zoneCode, async (trx) => {
    const plan = await trx.selectFrom("plan").select("id").where("zone_code", "=", zoneCode).where("id", "=", input.planId).executeTakeFirst();
    if (!plan) return { ok: false as const, error: "Controllare i campi segnalati.", fieldErrors: { planId: "Piano non trovato in questa zona." } };
    const same = await trx.selectFrom("plan_objective").select("id").where("plan_id", "=", input.planId).where("code", "=", input.code).executeTakeFirst();
    if (same) return { ok: false as const, error: "Controllare i campi segnalati.", fieldErrors: { code: `Il piano ha già l'obiettivo ${input.code}.` } };
    const row = await trx
      .insertInto("plan_objective")
      .values({ zone_code: zoneCode, plan_id: input.planId, code: input.code, area: input.area, title: input.title, description: input.description, office: input.office })
      .returning("id")
      .executeTakeFirstOrThrow();
    const id = toNumber(row.id);
    const planUndo = { ...emptyPlanUndo(), createdObjectives: [id] };
    const batchId = await newBatch(trx, zoneCode, actor, { source: "app", action: "objective.create", summary: `obiettivo ${input.code}`, planUndo }, { inserted: 1, updated: 0 });
    await trx.updateTable("plan_objective").set({ batch_id: batchId }).where("id", "=", id).execute();
    await recordAudit(trx, { actor, action: "objective.create", zoneCode, subject: `plan_objective:${id}`, details: { batchId, values: withoutZone(input) } });
    return { ok: true as const, batchId, id };
  });
}

export interface AppChange {
  batchId: number;
  action: EditAction;
  summary: string;
  indicator: string | null;
  targetId: number | null;
  by: string | null;
  at: Date | null;
  status: "committed" | "reverted";
}

/** The zone's in-app changes to the Piano, newest first. */
export async function recentAppChanges(db: Db, zoneCode: string, limit = 10): Promise<AppChange[]> {
  const rows = await db
    .selectFrom("import_batch")
    .select(["id", "report", "user_label", "committed_at", "status"])
    .where("zone_code", "=", zoneCode)
    .where("kind", "=", "obiettivi")
    .where(sql<boolean>`report->>'source' = 'app'`)
    .where("status", "in", ["committed", "reverted"])
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const report = r.report as AppChangeReport;
    return {
      batchId: toNumber(r.id),
      action: report.action,
      summary: report.summary,
      indicator: report.indicator ?? null,
      targetId: report.targetId ?? null,
      by: r.user_label,
      at: r.committed_at,
      status: r.status as "committed" | "reverted",
    };
  });
}

/**
 * Undoes one in-app change of the zone (the import's undo of its batch), and
 * audits it. Refused, with the import's message, when a later change or
 * import replaced what it wrote: that one is undone first.
 */
export async function undoAppChange(handle: DatabaseHandle, zoneCode: string, batchId: number, actor: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const batch = await handle.db.selectFrom("import_batch").select(["id", "zone_code", "status", "report"]).where("id", "=", batchId).executeTakeFirst();
  const report = batch?.report as Partial<AppChangeReport> | undefined;
  if (!batch || batch.zone_code !== zoneCode || report?.source !== "app") return { ok: false, error: "Modifica non trovata in questa zona." };
  if (batch.status !== "committed") return { ok: false, error: "Questa modifica è già stata annullata." };
  try {
    await revertBatch(handle, batchId, actor);
  } catch (error) {
    if (error instanceof RevertError) return { ok: false, error: error.message.replace(/caricamento/g, "modifica o caricamento") };
    throw error;
  }
  await recordAudit(handle.db, { actor, action: "target.undo", zoneCode, subject: `import_batch:${batchId}`, details: { undone: report.action, summary: report.summary, targetId: report.targetId ?? null } });
  return { ok: true };
}
