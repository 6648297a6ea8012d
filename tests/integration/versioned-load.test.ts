import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createCommittedBatch } from "@/db/batches";
import { withImportSession } from "@/imports/load/session";
import {
  applyStage,
  changedValues,
  classify,
  createStage,
  OBSERVATION_SPEC,
  removeDuplicateKeys,
  StageWriter,
  type StagedRow,
} from "@/imports/load/versioned";
import { revertBatch, RevertError } from "@/imports/load/revert";
import { resetData, testEngines } from "@/tests/helpers/db";

function obs(line: number, istat: string, year: number, value: number | null): StagedRow {
  return {
    line,
    values: {
      indicator_code: "POP_TOT",
      zone_code: "UMB-11",
      comune_istat: istat,
      service_code: null,
      period: String(year),
      period_type: "year",
      period_start: `${year}-01-01`,
      period_end: `${year}-12-31`,
      year,
      value,
      numerator: null,
      denominator: null,
    },
  };
}

async function importRows(handle: DatabaseHandle, rows: StagedRow[], rollback = false) {
  return withImportSession(handle, { zoneCode: "UMB-11", rollback }, async (session) => {
    await createStage(session, OBSERVATION_SPEC);
    const writer = new StageWriter(session, OBSERVATION_SPEC);
    for (const r of rows) await writer.add(r);
    await writer.flush();
    const duplicates = await removeDuplicateKeys(session, OBSERVATION_SPEC);
    const counts = await classify(session, OBSERVATION_SPEC);
    const changes = await changedValues(session, OBSERVATION_SPEC, 10);
    const batchId = await createCommittedBatch(session.trx, {
      kind: "valori",
      zoneCode: "UMB-11",
      fileName: "prova.csv",
      fileHash: "h",
      userLabel: "test",
    });
    await applyStage(session, OBSERVATION_SPEC, batchId);
    return { batchId, counts, duplicates, changes };
  });
}

async function currentValues(handle: DatabaseHandle) {
  const rows = await handle.db
    .selectFrom("observation")
    .select(["comune_istat", "period", "value"])
    .where("zone_code", "=", "UMB-11")
    .where("replaced_by_batch", "is", null)
    .orderBy("comune_istat")
    .orderBy("period")
    .execute();
  return rows.map((r) => `${r.comune_istat}/${r.period}=${r.value === null ? "null" : Number(r.value)}`);
}

describe.each(testEngines())("versioned load on $name", (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await engine.open();
  });
  afterAll(async () => handle.close());
  beforeEach(async () => resetData(handle.db));

  it("inserts, then classifies a re-import as updated and unchanged", async () => {
    const first = await importRows(handle, [obs(2, "055022", 2024, 19000), obs(3, "055004", 2024, 11000)]);
    expect(first.counts).toEqual({ inserted: 2, updated: 0, unchanged: 0 });

    const second = await importRows(handle, [obs(2, "055022", 2024, 19000), obs(3, "055004", 2024, 10990.5), obs(4, "055003", 2024, null)]);
    expect(second.counts).toEqual({ inserted: 1, updated: 1, unchanged: 1 });
    expect(second.changes).toHaveLength(1);
    expect(Number(second.changes[0]?.before.value)).toBe(11000);
    expect(Number(second.changes[0]?.after.value)).toBe(10990.5);
    expect(await currentValues(handle)).toEqual(["055003/2024=null", "055004/2024=10990.5", "055022/2024=19000"]);
  });

  it("reports a repeated key as a duplicate of the first line", async () => {
    const result = await importRows(handle, [obs(2, "055022", 2024, 1), obs(5, "055022", 2024, 2)]);
    expect(result.duplicates).toEqual([{ line: 5, firstLine: 2 }]);
    expect(await currentValues(handle)).toEqual(["055022/2024=1"]);
  });

  it("writes nothing in a preview", async () => {
    const preview = await importRows(handle, [obs(2, "055022", 2024, 1)], true);
    expect(preview.counts.inserted).toBe(1);
    expect(await currentValues(handle)).toEqual([]);
    const batches = await handle.db.selectFrom("import_batch").select("id").execute();
    expect(batches).toHaveLength(0);
  });

  it("undo restores exactly the values a batch replaced", async () => {
    await importRows(handle, [obs(2, "055022", 2024, 100), obs(3, "055004", 2024, 200)]);
    const before = await currentValues(handle);
    const second = await importRows(handle, [obs(2, "055022", 2024, 101), obs(3, "055003", 2024, 300)]);
    expect(await currentValues(handle)).not.toEqual(before);
    const result = await revertBatch(handle, second.batchId, "test");
    expect(result).toMatchObject({ removed: 2, restored: 1 });
    expect(await currentValues(handle)).toEqual(before);
    await expect(revertBatch(handle, second.batchId, "test")).rejects.toThrow(RevertError);
  });

  it("refuses to undo a batch whose values a later batch replaced", async () => {
    const first = await importRows(handle, [obs(2, "055022", 2024, 100)]);
    const second = await importRows(handle, [obs(2, "055022", 2024, 101)]);
    await expect(revertBatch(handle, first.batchId, "test")).rejects.toThrow(`annullare prima il caricamento ${second.batchId}`);
  });
});
