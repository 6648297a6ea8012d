import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { resetData, testEngines } from "@/tests/helpers/db";
import { englishIn, failuresOf, hostileFile, runHostileFuzz, summary } from "@/tests/fuzz/hostile-files";
import { contentSum, userTables, writeMark } from "@/tests/fuzz/db-state";

/**
 * The hostile-file harness of tests/fuzz/hostile-files.ts with a small count,
 * on each engine: 0 unexpected errors, 0 partial writes, 0 English messages,
 * 0 preview/commit disagreements. The long run is recorded in docs/affidabilita.md.
 */
const COUNT = Number(process.env.FUZZ_COUNT ?? 100);

describe("the harness itself", () => {
  it("generates the same file for the same seed and number, and different ones otherwise", () => {
    expect(hostileFile(7, 3).bytes.equals(hostileFile(7, 3).bytes)).toBe(true);
    expect(hostileFile(7, 3).bytes.equals(hostileFile(7, 4).bytes)).toBe(false);
  });
  it("detects English words outside quoted user text", () => {
    expect(englishIn("Invalid option: expected one of …")).toBe("Invalid");
    expect(englishIn('Riga 3, colonna "value": "the" non è un numero valido.')).toBeNull();
  });
});

describe.each(testEngines())("hostile files on $name", (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await engine.open();
    await resetData(handle.db);
  });
  afterAll(async () => handle.close());

  it("tells a committed write from a rolled-back one, and an undone change from a kept one", async () => {
    const tables = await userTables(handle);
    const mark = await writeMark(handle, tables);
    const content = await contentSum(handle, tables);
    const rename = (name: string) => handle.db.updateTable("funding_source").set({ name }).where("code", "=", "FNA");
    const original = (await handle.db.selectFrom("funding_source").select("name").where("code", "=", "FNA").executeTakeFirstOrThrow()).name;
    await handle.db
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable("funding_source").set({ name: "cambiato" }).where("code", "=", "FNA").execute();
        throw new Error("rollback");
      })
      .catch(() => undefined);
    expect(await writeMark(handle, tables)).toBe(mark);
    await rename("cambiato").execute();
    expect(await writeMark(handle, tables)).not.toBe(mark);
    expect(await contentSum(handle, tables)).not.toBe(content);
    // Put back as it was: the same contents, though written again.
    await rename(original).execute();
    expect(await contentSum(handle, tables)).toBe(content);
  });

  it(`${COUNT} files: no unexpected error, partial write, English message or preview/commit disagreement`, { timeout: 900_000 }, async () => {
    const result = await runHostileFuzz(handle, { seed: 20261201, count: COUNT });
    const failures = failuresOf(result);
    expect(failures, summary(result)).toEqual([]);
    expect(result.files).toBe(COUNT);
    // The mutations leave some files importable: the commit path is exercised too.
    expect(result.committed).toBeGreaterThan(0);
  });
});
