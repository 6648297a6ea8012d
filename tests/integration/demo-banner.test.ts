import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createCommittedBatch } from "@/db/batches";
import { loadDemoDataset } from "@/db/demo/load";
import { generateDemoDataset } from "@/db/demo/generate";
import { zoneHasDemoData } from "@/db/queries/observations";
import { runImport } from "@/imports/run";
import { fixture, lf } from "@/tests/helpers/files";
import { testEngines } from "@/tests/helpers/db";
import { emptySuite } from "@/tests/helpers/demo-suite";

/**
 * «Dati dimostrativi» (issue 17) only where the data shown comes from a demo
 * batch: decided by the zone's current rows, not by a batch's list of zones.
 */
describe.each(testEngines())("the demo banner's rule on $name", (engine) => {
  const suite = emptySuite(engine);

  it("a demo batch with no rows of the zone (an old one, listing no zones) marks no zone", async () => {
    await createCommittedBatch(suite.handle.db, { kind: "demo", zoneCode: null, fileName: "dati-dimostrativi (vecchi)", fileHash: "vecchio", userLabel: "npm run demo", format: "demo", report: { note: "senza elenco di zone" } });
    for (const zone of ["UMB-11", "UMB-02"]) expect(await zoneHasDemoData(suite.handle.db, zone), zone).toBe(false);
  });

  it("marks the zones whose current figures are the demo's; a real import elsewhere is not demo data", async () => {
    await loadDemoDataset(suite.handle.db, generateDemoDataset({ years: [2024, 2025] }));
    expect(await zoneHasDemoData(suite.handle.db, "UMB-11")).toBe(true);
    expect(await zoneHasDemoData(suite.handle.db, "UMB-10")).toBe(true);
    // Zona 2 (Perugia) has no demo rows: its own import does not make it demo data.
    const report = await runImport(suite.handle, {
      fileName: "perugia.csv",
      filePath: fixture(lf("indicatore;comune;periodo;valore", "POP_TOT;054039;2025;162.000")),
      kind: null,
      zoneCode: "UMB-02",
      dryRun: false,
      validOnly: false,
      userLabel: "test",
    });
    expect(report.status).toBe("committed");
    expect(await zoneHasDemoData(suite.handle.db, "UMB-02")).toBe(false);
  }, 120_000);

  it("a zone whose demo rows have all been replaced by real data is no longer demo data", async () => {
    const real = await createCommittedBatch(suite.handle.db, { kind: "valori", zoneCode: "UMB-10", fileName: "reali.csv", fileHash: "reali", userLabel: "test" });
    const demo = sql`(select id from import_batch where kind = 'demo')`;
    // One demo row left current still marks the zone…
    await sql`update observation set replaced_by_batch = ${real} where zone_code = 'UMB-10' and batch_id in ${demo}`.execute(suite.handle.db);
    expect(await zoneHasDemoData(suite.handle.db, "UMB-10")).toBe(true);
    // …and once every table's demo rows are replaced, nothing does.
    for (const table of ["service", "staff_position", "resource", "budget_line", "isee_distribution", "target", "leps_item"]) {
      await sql`update ${sql.table(table)} set replaced_by_batch = ${real} where zone_code = 'UMB-10' and batch_id in ${demo}`.execute(suite.handle.db);
    }
    expect(await zoneHasDemoData(suite.handle.db, "UMB-10")).toBe(false);
    expect(await zoneHasDemoData(suite.handle.db, "UMB-11")).toBe(true);
  }, 60_000);
});
