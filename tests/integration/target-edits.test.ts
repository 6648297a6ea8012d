import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { generateDemoDataset } from "@/db/demo/generate";
import { loadDemoDataset } from "@/db/demo/load";
import { planScorecard, targetHistory } from "@/db/queries/targets";
import { createObjective, createPlan, recentAppChanges, retireTarget, saveTarget, undoAppChange } from "@/db/queries/target-edits";
import { listAudit } from "@/db/queries/audit";
import { ObjectiveForm, PlanForm, TargetForm } from "@/lib/targets/schema";
import type { Principal } from "@/lib/auth/roles";
import { resetData, testEngines } from "@/tests/helpers/db";

/**
 * A planner's changes to the Piano in the app: each is a versioned batch
 * with its audit event, visible in the target's history, and undone by the
 * import's own undo so that the Piano is exactly as before.
 */
const ZONE = "UMB-10";
const PLANNER: Principal = { kind: "user", id: "p", label: "pianificatore@esempio.it", role: "pianificatore", zones: [ZONE], regions: [], readOnly: false };

const form = (fields: Record<string, string>) =>
  TargetForm.parse({ zone: ZONE, objectiveCode: "", comune: "", kind: "trajectory", provenance: "psz", baselineYear: "", baselineValue: "", milestones: "", tolerance: "", legalSource: "", note: "", ...fields });

describe.each(testEngines())("in-app changes to the Piano ($name)", (engine) => {
  let handle: DatabaseHandle;
  let planId: number;
  beforeAll(async () => {
    handle = await engine.open();
    await resetData(handle.db);
    await loadDemoDataset(handle.db, generateDemoDataset());
    planId = (await planScorecard(handle.db, ZONE, PLANNER)).plan!.id;
  }, 120_000);
  afterAll(async () => {
    await resetData(handle.db);
    await handle.close();
  });

  const copertura = async () => (await planScorecard(handle.db, ZONE, PLANNER)).targets.find((t) => t.target.indicatorCode === "COPERTURA_SAD" && t.target.comune === null)!;

  it("edits a target as a new version, audited with the previous values, and undoes it exactly", async () => {
    const before = await copertura();
    const fields = { planId: String(planId), indicatorCode: "COPERTURA_SAD", kind: "trajectory", targetYear: String(before.target.targetYear), objectiveCode: before.target.objectiveCode ?? "" };
    // A target below the baseline for an indicator where higher is better is refused, on its field, with the import's words.
    const wrong = await saveTarget(handle.db, ZONE, form({ ...fields, baselineYear: "2023", baselineValue: "2,0", targetValue: "1,0" }), PLANNER.label, before.target.id);
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.fieldErrors.targetValue).toMatch(/peggiore del valore di partenza.*più alto/);
    // The value reached already: the status becomes "raggiunto".
    const value = before.cell.value!;
    const edit = await saveTarget(handle.db, ZONE, form({ ...fields, baselineYear: String(before.target.baselineYear), baselineValue: String(before.target.baselineValue).replace(".", ","), targetValue: String(value - 0.01).replace(".", ",") }), PLANNER.label, before.target.id);
    expect(edit.ok).toBe(true);
    const after = await copertura();
    expect(after.target.id).not.toBe(before.target.id);
    expect(after.target.targetValue).toBeCloseTo(value - 0.01, 6);
    expect(after.cell.status).toBe("raggiunto");
    const history = await targetHistory(handle.db, ZONE, after.target);
    expect(history.map((h) => [h.current, h.inApp])).toEqual([[false, false], [true, true]]);
    expect(history[1]!.by).toBe(PLANNER.label);
    const audit = (await listAudit(handle.db, { action: "target.edit" }))[0]!;
    expect(audit).toMatchObject({ actor: PLANNER.label, zoneCode: ZONE, subject: `target:${after.target.id}` });
    expect((audit.details as { previous: { targetValue: number } }).previous.targetValue).toBeCloseTo(before.target.targetValue, 6);

    // A refused edit wrote nothing: no batch, no audit.
    const changes = await recentAppChanges(handle.db, ZONE);
    expect(changes.map((c) => c.action)).toEqual(["target.edit"]);
    const undo = await undoAppChange(handle, ZONE, changes[0]!.batchId, PLANNER.label);
    expect(undo).toEqual({ ok: true });
    const restored = await copertura();
    expect(restored.target).toEqual(before.target);
    expect(restored.cell.status).toBe(before.cell.status);
    expect((await targetHistory(handle.db, ZONE, restored.target)).length).toBe(1);
    expect((await listAudit(handle.db, { action: "target.undo" }))[0]).toMatchObject({ actor: PLANNER.label, subject: `import_batch:${changes[0]!.batchId}` });
    expect((await recentAppChanges(handle.db, ZONE))[0]!.status).toBe("reverted");
    expect(await undoAppChange(handle, ZONE, changes[0]!.batchId, PLANNER.label)).toEqual({ ok: false, error: "Questa modifica è già stata annullata." });
    // Only this zone's changes: another zone's planner cannot name it.
    expect((await undoAppChange(handle, "UMB-11", changes[0]!.batchId, PLANNER.label)).ok).toBe(false);
  });

  it("creates a plan, an objective and a target in it; refuses a second target of the same kind and year; retires and brings back", async () => {
    const plan = await createPlan(handle.db, ZONE, PlanForm.parse({ zone: ZONE, name: "Piano sociale di zona 2027–2029", startYear: "2027", endYear: "2029", actType: "deliberazione", actNumber: "3", actDate: "2026-11-30" }), PLANNER.label);
    expect(plan.ok).toBe(true);
    const newPlan = plan.ok ? plan.id : 0;
    const twice = await createPlan(handle.db, ZONE, PlanForm.parse({ zone: ZONE, name: "Di nuovo", startYear: "2027", endYear: "2029", actType: "", actNumber: "", actDate: "" }), PLANNER.label);
    expect(twice.ok ? null : twice.fieldErrors.endYear).toMatch(/Esiste già l'edizione 2027–2029/);
    const objective = await createObjective(handle.db, ZONE, ObjectiveForm.parse({ zone: ZONE, planId: String(newPlan), code: "OB9", area: "anziani", title: "Più domiciliarità", description: "", office: "" }), PLANNER.label);
    expect(objective.ok).toBe(true);
    const unknownObjective = await saveTarget(handle.db, ZONE, form({ planId: String(newPlan), indicatorCode: "COPERTURA_SAD", targetYear: "2029", targetValue: "3", objectiveCode: "OB99" }), PLANNER.label);
    expect(unknownObjective.ok ? null : unknownObjective.fieldErrors.objectiveCode).toMatch(/OB99 non è nel piano/);
    const created = await saveTarget(handle.db, ZONE, form({ planId: String(newPlan), indicatorCode: "COPERTURA_SAD", targetYear: "2029", targetValue: "3", objectiveCode: "OB9", milestones: "2028: 2,5" }), PLANNER.label);
    expect(created.ok).toBe(true);
    const again = await saveTarget(handle.db, ZONE, form({ planId: String(newPlan), indicatorCode: "COPERTURA_SAD", targetYear: "2029", targetValue: "4" }), PLANNER.label);
    expect(again.ok ? null : again.fieldErrors.targetYear).toMatch(/Esiste già un obiettivo/);
    const card = await planScorecard(handle.db, ZONE, PLANNER, { planId: newPlan });
    expect(card.plan).toMatchObject({ name: "Piano sociale di zona 2027–2029", actType: "deliberazione", actNumber: "3", adoptedOn: "2026-11-30" });
    expect(card.targets.map((t) => [t.target.indicatorCode, t.objective?.code, t.target.milestones])).toEqual([["COPERTURA_SAD", "OB9", [{ year: 2028, value: 2.5 }]]]);
    // The objective cannot be undone while a target uses it: the target's change first.
    const changes = await recentAppChanges(handle.db, ZONE);
    expect(changes.slice(0, 3).map((c) => c.action)).toEqual(["target.create", "objective.create", "plan.create"]);
    expect((await undoAppChange(handle, ZONE, changes[1]!.batchId, PLANNER.label)).ok).toBe(false);

    const id = card.targets[0]!.target.id;
    expect((await retireTarget(handle.db, ZONE, id, PLANNER.label)).ok).toBe(true);
    expect((await planScorecard(handle.db, ZONE, PLANNER, { planId: newPlan })).targets).toEqual([]);
    expect((await retireTarget(handle.db, ZONE, id, PLANNER.label)).ok).toBe(false);
    const retire = (await recentAppChanges(handle.db, ZONE))[0]!;
    expect(retire).toMatchObject({ action: "target.retire", targetId: id });
    expect(await undoAppChange(handle, ZONE, retire.batchId, PLANNER.label)).toEqual({ ok: true });
    expect((await planScorecard(handle.db, ZONE, PLANNER, { planId: newPlan })).targets.map((t) => t.target.id)).toEqual([id]);
    // Undo in order: the target, the objective, the plan; then nothing of it is left.
    for (const c of changes.slice(0, 3)) expect(await undoAppChange(handle, ZONE, c.batchId, PLANNER.label), c.action).toEqual({ ok: true });
    expect((await planScorecard(handle.db, ZONE, PLANNER)).plans.map((p) => p.id)).not.toContain(newPlan);
    const actions = (await listAudit(handle.db, { actor: PLANNER.label, limit: 50 })).map((a) => a.action);
    for (const a of ["plan.create", "objective.create", "target.create", "target.retire", "target.undo", "import.revert"]) expect(actions).toContain(a);
  });
});
