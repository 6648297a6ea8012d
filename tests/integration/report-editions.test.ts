import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildReport } from "@/db/queries/report";
import { approveReport, getEdition, listEditions, publishEdition, shareReportDraft } from "@/db/queries/report-editions";
import { reportDraft, saveReportText } from "@/db/queries/report-texts";
import { runImport } from "@/imports/run";
import { documentTables, type ReportDocument } from "@/lib/report/model";
import { testEngines } from "@/tests/helpers/db";
import { demoSuite } from "@/tests/helpers/demo-suite";
import { fixture, lf } from "@/tests/helpers/files";

const ZONE = "UMB-11";
const ACTOR = "pianificatore@esempio.it";
const narniPopulation = (doc: ReportDocument) => documentTables(doc).find((t) => t.table.id === "demografia-comuni")!.table.rows.find((r) => r.header === "Narni")!.cells[0]!.text;

describe.each(testEngines())("report editions ($name)", (engine) => {
  const suite = demoSuite(engine);

  it("refuses to publish a draft the Conferenza has not approved", async () => {
    await expect(publishEdition(suite.handle.db, ZONE, 2025, ACTOR)).rejects.toThrow(/approvazione della Conferenza/);
    expect(await listEditions(suite.handle.db, ZONE)).toEqual([]);
  });

  it("publishing freezes: an import after publication changes the draft, not the edition", async () => {
    const db = suite.handle.db;
    await saveReportText(db, ZONE, 2025, "introduzione", "Testo approvato.", ACTOR);
    await approveReport(db, ZONE, 2025, { number: "12/2026", date: "2026-03-15" }, ACTOR);
    expect(await reportDraft(db, ZONE, 2025)).toMatchObject({ status: "approvata", deliberationNumber: "12/2026", deliberationDate: "2026-03-15" });
    const first = await publishEdition(db, ZONE, 2025, ACTOR);
    expect(first).toMatchObject({ number: 1, deliberationNumber: "12/2026", supersededAt: null });
    // The draft goes back to bozza for the next round.
    expect((await reportDraft(db, ZONE, 2025))?.status).toBe("bozza");
    const published = (await getEdition(db, ZONE, 2025, 1))!;
    expect(published.batches.length).toBeGreaterThan(0);
    expect(published.batches.map((b) => b.id).sort((a, b) => a - b)).toEqual(published.document.batchIds);
    const before = narniPopulation(published.document);

    const file = fixture(lf("indicatore;comune;periodo;valore", "POP_TOT;Narni;2025;12345"));
    const run = await runImport(suite.handle, { fileName: path.basename(file), filePath: file, kind: null, zoneCode: ZONE, dryRun: false, validOnly: false, userLabel: "analista@esempio.it", acceptWarnings: true, currentYear: 2025 });
    expect(run.status).toBe("committed");
    await saveReportText(db, ZONE, 2025, "introduzione", "Testo cambiato dopo la pubblicazione.", ACTOR);

    const draft = await buildReport(db, ZONE, 2025);
    expect(narniPopulation(draft)).toBe("12.345");
    expect(draft.introduction?.body).toBe("Testo cambiato dopo la pubblicazione.");
    const again = (await getEdition(db, ZONE, 2025, 1))!;
    expect(narniPopulation(again.document)).toBe(before);
    expect(before).not.toBe("12.345");
    expect(again.document.introduction?.body).toBe("Testo approvato.");
    expect(again.document).toEqual(published.document);
  });

  it("a new edition supersedes the previous one; both stay readable", async () => {
    const db = suite.handle.db;
    await expect(publishEdition(db, ZONE, 2025, ACTOR)).rejects.toThrow(/approvazione/);
    await approveReport(db, ZONE, 2025, { number: "20/2026", date: "2026-05-02" }, ACTOR);
    const second = await publishEdition(db, ZONE, 2025, ACTOR);
    expect(second.number).toBe(2);
    const editions = await listEditions(db, ZONE, 2025);
    expect(editions.map((e) => [e.number, e.supersededByNumber])).toEqual([
      [2, null],
      [1, 2],
    ]);
    expect(narniPopulation((await getEdition(db, ZONE, 2025, 2))!.document)).toBe("12.345");
    expect(narniPopulation((await getEdition(db, ZONE, 2025, 1))!.document)).not.toBe("12.345");
  });

  it("sharing a draft is recorded on the draft", async () => {
    await shareReportDraft(suite.handle.db, ZONE, 2024, true, ACTOR);
    expect((await reportDraft(suite.handle.db, ZONE, 2024))?.shared).toBe(true);
    await shareReportDraft(suite.handle.db, ZONE, 2024, false, ACTOR);
    expect((await reportDraft(suite.handle.db, ZONE, 2024))?.shared).toBe(false);
  });
});
