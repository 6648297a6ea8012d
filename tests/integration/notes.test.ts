import { describe, expect, it } from "vitest";
import { addNote, deleteNote, notesForReport, notesOn } from "@/db/queries/notes";
import { planScorecard } from "@/db/queries/targets";
import { saveTarget } from "@/db/queries/target-edits";
import { listAudit } from "@/db/queries/audit";
import { TargetForm } from "@/lib/targets/schema";
import { targetNoteKey } from "@/lib/notes";
import type { Principal } from "@/lib/auth/roles";
import { formatMilestones } from "@/lib/targets/validate";
import { testEngines } from "@/tests/helpers/db";
import { demoSuite } from "@/tests/helpers/demo-suite";

/** Notes: dated, signed, audited, soft-deleted by their author or an administrator, kept for the report, and a target's notes follow it through its edits. */
const ZONE = "UMB-11";
const PLANNER: Principal = { kind: "user", id: "p", label: "pianificatrice@esempio.it", role: "pianificatore", zones: [ZONE], regions: [], readOnly: false };

describe.each(testEngines())("notes ($name)", (engine) => {
  const suite = demoSuite(engine);

  it("the demo has notes on an indicator, a target and a comune of the zone, for the report", async () => {
    const report = await notesForReport(suite.handle.db, ZONE);
    expect(report.indicator.map((g) => g.key)).toEqual(["RESIDENTI_PER_AS"]);
    expect(report.comune.map((g) => g.key)).toEqual(["055022"]);
    const nidi = (await planScorecard(suite.handle.db, ZONE, PLANNER)).targets.find((t) => t.target.indicatorCode === "COPERTURA_NIDI" && t.target.comune === null)!;
    expect(report.target.map((g) => g.key)).toEqual([targetNoteKey(nidi.target)]);
  });

  it("adds a note audited, keeps it on the target through an edit, and deletes it softly, only by its author or an administrator", async () => {
    const card = await planScorecard(suite.handle.db, ZONE, PLANNER);
    const t = card.targets.find((x) => x.target.indicatorCode === "COPERTURA_SAD" && x.target.comune === null)!;
    const key = targetNoteKey(t.target);
    const id = await addNote(suite.handle.db, ZONE, { subjectKind: "target", subjectKey: key, body: "Il dato 2025 di Amelia è provvisorio.", notedOn: "2025-10-01" }, PLANNER.label);
    expect((await listAudit(suite.handle.db, { action: "note.add" }))[0]).toMatchObject({ actor: PLANNER.label, subject: `note:${id}`, zoneCode: ZONE });

    const edit = await saveTarget(
      suite.handle.db,
      ZONE,
      TargetForm.parse({
        zone: ZONE,
        planId: String(t.target.planId),
        objectiveCode: t.target.objectiveCode ?? "",
        indicatorCode: t.target.indicatorCode,
        comune: "",
        kind: t.target.kind,
        provenance: t.target.provenance,
        baselineYear: String(t.target.baselineYear ?? ""),
        baselineValue: t.target.baselineValue === null ? "" : String(t.target.baselineValue).replace(".", ","),
        targetYear: String(t.target.targetYear),
        targetValue: String(t.target.targetValue + 1).replace(".", ","),
        milestones: formatMilestones(t.target.milestones),
        tolerance: "",
        legalSource: "",
        note: "",
      }),
      PLANNER.label,
      t.target.id,
    );
    expect(edit.ok).toBe(true);
    const edited = (await planScorecard(suite.handle.db, ZONE, PLANNER)).targets.find((x) => x.target.indicatorCode === "COPERTURA_SAD" && x.target.comune === null)!;
    expect(edited.target.id).not.toBe(t.target.id);
    expect((await notesOn(suite.handle.db, ZONE, [{ kind: "target", key: targetNoteKey(edited.target) }])).map((n) => [n.body, n.notedOn, n.author])).toEqual([["Il dato 2025 di Amelia è provvisorio.", "2025-10-01", PLANNER.label]]);

    expect(await deleteNote(suite.handle.db, ZONE, id, { label: "altro@esempio.it", admin: false })).toEqual({ ok: false, error: "Solo chi ha scritto la nota, o un amministratore, la può eliminare." });
    expect(await deleteNote(suite.handle.db, "UMB-06", id, { label: PLANNER.label, admin: true })).toMatchObject({ ok: false });
    expect(await deleteNote(suite.handle.db, ZONE, id, { label: PLANNER.label, admin: false })).toEqual({ ok: true });
    expect(await notesOn(suite.handle.db, ZONE, [{ kind: "target", key: key }])).toEqual([]);
    const row = await suite.handle.db.selectFrom("note").select(["deleted_by", "body"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ deleted_by: PLANNER.label, body: "Il dato 2025 di Amelia è provvisorio." });
    expect((await listAudit(suite.handle.db, { action: "note.delete" }))[0]).toMatchObject({ actor: PLANNER.label, subject: `note:${id}` });
    expect((await notesForReport(suite.handle.db, ZONE)).target.flatMap((g) => g.notes.map((n) => n.id))).not.toContain(id);
    // An administrator deletes anyone's note.
    const other = await addNote(suite.handle.db, ZONE, { subjectKind: "comune", subjectKey: "055022", body: "Nota da togliere.", notedOn: "2025-10-02" }, "altro@esempio.it");
    expect(await deleteNote(suite.handle.db, ZONE, other, { label: "admin@esempio.it", admin: true })).toEqual({ ok: true });
  });
});
