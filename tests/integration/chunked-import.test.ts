import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import { createCommittedBatch } from "@/db/batches";
import { listObservations } from "@/db/queries/observations";
import { territoryValues, zoneYears } from "@/db/queries/indicators";
import { listComuniOfZone } from "@/db/queries/comuni";
import { publishBatch, recoverInterruptedImports } from "@/imports/load/chunked";
import { BLOCK_ROWS } from "@/imports/load/versioned";
import { testEngines } from "@/tests/helpers/db";
import { fixture, lf } from "@/tests/helpers/files";
import { importSuite, TEST_ZONE } from "@/tests/helpers/import-suite";
import { toNumber } from "@/db/queries/convert";

const COMUNI = ["055003", "055004", "055006", "055033", "055008", "055014", "055015", "055016", "055017", "055022", "055024", "055026"];

/** POP_TOT monthly for the 12 comuni: `rows` unique keys, every value + `shift`. */
function monthlyFile(rows: number, shift: number): string {
  const lines = ["indicatore;comune;periodo;valore"];
  for (let i = 0; i < rows; i++) {
    const m = Math.floor(i / COMUNI.length);
    lines.push(`POP_TOT;${COMUNI[i % COMUNI.length]};${String((m % 12) + 1).padStart(2, "0")}/${1900 + Math.floor(m / 12)};${1000 + (i % 7) + shift}`);
  }
  return fixture(lf(...lines));
}

for (const engine of testEngines()) {
  describe(`valori imports in chunks on ${engine.name}`, () => {
    const suite = importSuite(engine, { defaults: { kind: "valori", acceptWarnings: true } });
    const current = async () =>
      toNumber((await sql<{ n: string | number }>`select count(*) as n from observation where replaced_by_batch is null`.execute(suite.handle.db)).rows[0]?.n ?? 0);

    it("writes a file of several blocks, then replaces every value, with the same counts as one transaction", async () => {
      const rows = BLOCK_ROWS + 17;
      const first = await suite.run(monthlyFile(rows, 0));
      expect(first).toMatchObject({ status: "committed", inserted: rows, updated: 0 });
      const preview = await suite.run(monthlyFile(rows, 1), { dryRun: true });
      expect(preview).toMatchObject({ status: "previewed", inserted: 0, updated: rows, unchanged: 0 });
      const second = await suite.run(monthlyFile(rows, 1));
      expect(second).toMatchObject({ status: "committed", inserted: 0, updated: rows, unchanged: 0 });
      expect(await current()).toBe(rows);
      const batches = await suite.handle.db.selectFrom("import_batch").select("status").orderBy("id").execute();
      expect(batches.map((b) => b.status)).toEqual(["committed", "committed"]);
      // No staging table is left behind.
      const stages = await sql<{ n: string | number }>`select count(*) as n from pg_class where relname like 'import_stage_%'`.execute(suite.handle.db);
      expect(toNumber(stages.rows[0]?.n ?? 0)).toBe(0);
    }, 300_000);

    /** A batch caught half-way: a killed import leaves this behind. */
    async function halfWritten() {
      await suite.run(fixture(lf("indicatore;comune;anno;valore", "POP_TOT;055003;2020;100", "POP_TOT;055004;2020;200")));
      const db = suite.handle.db;
      const batchId = await createCommittedBatch(db, { kind: "valori", zoneCode: TEST_ZONE, fileName: "interrotto.csv", fileHash: "x", userLabel: "test", status: "applying" });
      const old = await db.selectFrom("observation").selectAll().where("comune_istat", "=", "055003").where("replaced_by_batch", "is", null).executeTakeFirstOrThrow();
      await db.updateTable("observation").set({ replaced_by_batch: batchId }).where("id", "=", old.id).execute();
      const copy = (comune: string, value: number) => sql`
        insert into observation (indicator_code, zone_code, comune_istat, service_code, period, period_type, period_start, period_end, year, value, batch_id)
        select indicator_code, zone_code, ${comune}, service_code, period, period_type, period_start, period_end, year, ${value}, ${batchId}
        from observation where id = ${old.id}`;
      await copy("055003", 999).execute(db);
      await copy("055006", 7).execute(db);
      return batchId;
    }
    const shown = async () => (await listObservations(suite.handle.db, TEST_ZONE, "POP_TOT", null)).map((r) => [r.istat, r.value]);

    it("readers see none of an applying batch until it is published, then all of it", async () => {
      const batchId = await halfWritten();
      expect(await shown()).toEqual([["055003", 100], ["055004", 200]].sort());
      await publishBatch(suite.handle.db, batchId);
      expect(await shown()).toEqual([["055003", 999], ["055004", 200], ["055006", 7]]);
    });

    it("the zone's years leave out a year that only an applying batch has, and count it once published", async () => {
      const batchId = await halfWritten();
      await sql`
        insert into observation (indicator_code, zone_code, comune_istat, period, period_type, period_start, period_end, year, value, batch_id)
        values ('POP_TOT', ${TEST_ZONE}, '055004', '2021', 'year', '2021-01-01', '2021-12-31', 2021, 210, ${batchId})`.execute(suite.handle.db);
      // The row the applying batch replaced still counts: its year stays.
      expect(await zoneYears(suite.handle.db, TEST_ZONE)).toEqual([2020]);
      // And the values read are the published ones: the row it replaced, none of its own.
      const values = async () => (await territoryValues(suite.handle.db, TEST_ZONE, ["POP_TOT"], [2020, 2021])).map((v) => [v.istat, v.year, v.value]).sort();
      expect(await values()).toEqual([["055003", 2020, 100], ["055004", 2020, 200]]);
      const population = async () => (await listComuniOfZone(suite.handle.db, TEST_ZONE)).find((c) => c.istat === "055003")?.population;
      expect(await population()).toBe(100);
      await publishBatch(suite.handle.db, batchId);
      expect(await zoneYears(suite.handle.db, TEST_ZONE)).toEqual([2020, 2021]);
      expect(await values()).toEqual([["055003", 2020, 999], ["055004", 2020, 200], ["055004", 2021, 210], ["055006", 2020, 7]]);
      expect(await population()).toBe(999);
    });

    it("at start-up a batch left applying is undone, marked failed, logged and audited", async () => {
      const batchId = await halfWritten();
      const logged: string[] = [];
      const recovered = await recoverInterruptedImports(suite.handle, (m) => logged.push(m));
      expect(recovered).toMatchObject([{ batchId, removed: 2, restored: 1 }]);
      expect(logged.join("\n")).toMatch(/Importazione interrotta: il caricamento \d+ \(interrotto\.csv, zona UMB-11\)/);
      expect(await shown()).toEqual([["055003", 100], ["055004", 200]]);
      expect(await current()).toBe(2);
      const batch = await suite.handle.db.selectFrom("import_batch").select("status").where("id", "=", batchId).executeTakeFirstOrThrow();
      expect(batch.status).toBe("failed");
      const audit = await suite.handle.db.selectFrom("audit_event").select("action").where("subject", "=", `import_batch:${batchId}`).execute();
      expect(audit.map((a) => a.action)).toEqual(["import.recover"]);
      // And the next import of the zone works.
      const next = await suite.run(fixture(lf("indicatore;comune;anno;valore", "POP_TOT;055003;2020;101")));
      expect(next).toMatchObject({ status: "committed", updated: 1 });
    });
  });
}
