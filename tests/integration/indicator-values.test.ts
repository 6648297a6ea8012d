import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createCommittedBatch } from "@/db/batches";
import { periodOfYear } from "@/db/demo/period";
import { territoryValues, zoneValues } from "@/db/queries/indicators";
import { refreshBatchFigures, resetData, testEngines } from "@/tests/helpers/db";
import { assessSocialWorkers } from "@/lib/leps/social-workers";

const ZONE = "UMB-11";
const NARNI = "055022";
const AMELIA = "055004";

async function seed(handle: DatabaseHandle, rows: [string | null, string, number, number | null][]) {
  await handle.db.transaction().execute(async (trx) => {
    const batchId = await createCommittedBatch(trx, { kind: "valori", zoneCode: ZONE, fileName: "t.csv", fileHash: "t", userLabel: "test" });
    await trx
      .insertInto("observation")
      .values(rows.map(([istat, code, year, value]) => ({ indicator_code: code, zone_code: ZONE, comune_istat: istat, ...periodOfYear(year), value, batch_id: batchId })))
      .execute();
    await refreshBatchFigures(trx, batchId);
  });
}

describe.each(testEngines())("indicator values on $name", (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await engine.open();
  });
  afterAll(async () => handle.close());
  beforeEach(async () => resetData(handle.db));

  it("derives a comune's rate from its inputs and the zone's as Σ num / Σ den", async () => {
    await seed(handle, [
      [NARNI, "POP_TOT", 2024, 19000],
      [NARNI, "POP_65_PLUS", 2024, 5700],
      [AMELIA, "POP_TOT", 2024, 1000],
      [AMELIA, "POP_65_PLUS", 2024, 500],
    ]);
    const comuni = await territoryValues(handle.db, ZONE, ["PERC_65_PLUS"], [2024]);
    const narni = comuni.find((v) => v.istat === NARNI);
    expect(narni).toMatchObject({ derived: true, numerator: 5700, denominator: 19000 });
    expect(narni?.value).toBeCloseTo(30, 10);
    expect(comuni.find((v) => v.istat === AMELIA)?.value).toBeCloseTo(50, 10);

    const [zone] = await zoneValues(handle.db, ZONE, ["PERC_65_PLUS"], [2024], [NARNI, AMELIA]);
    // (5700 + 500) / (19000 + 1000) = 31 %, not the mean of 30 % and 50 % (40 %).
    expect(zone?.value).toBeCloseTo(31, 10);
    expect(zone?.status).toBe("complete");
  });

  it("counts add up and a missing comune makes the zone value incomplete, not smaller", async () => {
    await seed(handle, [
      [NARNI, "POP_TOT", 2024, 19000],
      [AMELIA, "POP_TOT", 2024, 11000],
      [NARNI, "POP_TOT", 2023, 19100],
    ]);
    const zone = await zoneValues(handle.db, ZONE, ["POP_TOT"], [2023, 2024], [NARNI, AMELIA]);
    expect(zone.find((z) => z.year === 2024)).toMatchObject({ value: 30000, status: "complete" });
    expect(zone.find((z) => z.year === 2023)).toMatchObject({ value: null, status: "incomplete" });
  });

  it("derives a zone ratio from a zone-level input (residents per social worker)", async () => {
    await seed(handle, [
      [NARNI, "POP_TOT", 2024, 19000],
      [AMELIA, "POP_TOT", 2024, 11000],
      [null, "AS_FTE", 2024, 6],
    ]);
    const [zone] = await zoneValues(handle.db, ZONE, ["RESIDENTI_PER_AS"], [2024], [NARNI, AMELIA]);
    expect(zone?.value).toBeCloseTo(5000, 10);
    expect(zone?.observedAtZoneLevel).toBe(true);
  });
  it("adds the ATS's own social workers to the comuni's (4 + 8 = 12) and the LEPS incentive follows", async () => {
    await seed(handle, [
      [NARNI, "POP_TOT", 2024, 40000],
      [AMELIA, "POP_TOT", 2024, 20000],
      [NARNI, "AS_FTE", 2024, 3],
      [AMELIA, "AS_FTE", 2024, 1],
      [null, "AS_FTE", 2024, 8],
      [NARNI, "AS_FTE", 2023, 3],
      [null, "AS_FTE", 2023, 8],
    ]);
    const zone = await zoneValues(handle.db, ZONE, ["AS_FTE", "RESIDENTI_PER_AS", "POP_TOT"], [2023, 2024], [NARNI, AMELIA]);
    const as2024 = zone.find((z) => z.code === "AS_FTE" && z.year === 2024);
    expect(as2024).toMatchObject({ value: 12, status: "complete", source: "comuni_and_zone_row" });
    expect(zone.find((z) => z.code === "RESIDENTI_PER_AS" && z.year === 2024)?.value).toBeCloseTo(5000, 10);
    // 40.000 € × (12 − 60.000 / 6.500): about 110.769 €, where 4 or 8 AS would give 0 €.
    const incentive = assessSocialWorkers(60000, as2024!.value).incentive;
    expect(incentive?.amount).toBeCloseTo(110769.23, 2);
    expect(assessSocialWorkers(60000, 8).incentive?.amount).toBe(0);
    // 2023: Amelia is missing, so the zone is partial (3 + 8), not the ATS's 8 alone.
    expect(zone.find((z) => z.code === "AS_FTE" && z.year === 2023)).toMatchObject({ value: null, status: "incomplete", partialValue: 11, coverage: { contributing: 1, total: 2 } });
  });

  it("a % rate imported with numerator and denominator and no formula gets a zone value on the comuni's scale", async () => {
    await handle.db
      .insertInto("indicator")
      .values({ code: "PERC_TEST", name: "Quota di prova", theme: "bisogni", unit: "%", polarity: -1, aggregation: "ratio", is_count_of_people: false, decimals: 2 })
      .execute();
    await handle.db.transaction().execute(async (trx) => {
      const batchId = await createCommittedBatch(trx, { kind: "valori", zoneCode: ZONE, fileName: "r.csv", fileHash: "r", userLabel: "test" });
      await trx
        .insertInto("observation")
        .values([
          { indicator_code: "PERC_TEST", zone_code: ZONE, comune_istat: NARNI, ...periodOfYear(2024), value: 14.77, numerator: 1477, denominator: 10000, batch_id: batchId },
          { indicator_code: "PERC_TEST", zone_code: ZONE, comune_istat: AMELIA, ...periodOfYear(2024), value: 5, numerator: 50, denominator: 1000, batch_id: batchId },
        ])
        .execute();
      await refreshBatchFigures(trx, batchId);
    });
    const [zone] = await zoneValues(handle.db, ZONE, ["PERC_TEST"], [2024], [NARNI, AMELIA]);
    expect(zone?.value).toBeCloseTo((1527 / 11000) * 100, 10);
  });
});

describe.each(testEngines())("regional values on $name", (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await engine.open();
  });
  afterAll(async () => handle.close());
  beforeEach(async () => resetData(handle.db));

  it("gives a regional value only when every zone has it, as Σ over zones", async () => {
    const { regionValues } = await import("@/db/queries/territory");
    const { indicatorDefinitions } = await import("@/db/queries/indicators");
    const catalogue = await indicatorDefinitions(handle.db);
    const defs = catalogue.filter((d) => d.code === "POP_TOT" || d.code === "PERC_65_PLUS");
    const comuni = await handle.db.selectFrom("comune").select(["istat", "zone_code"]).where("zone_code", "is not", null).execute();
    await seed(handle, [[NARNI, "POP_TOT", 2024, 100]]);
    const partial = await regionValues(handle.db, ZONE, defs, 2024, catalogue, null);
    expect(partial.values.POP_TOT).toBeNull();
    // Zona 11 itself is incomplete (one comune of 12), the other zones are empty.
    expect(partial.note).toContain("lo hanno 0 zone su 12");
    expect(partial.zonesWithData).toBe(0);

    await resetData(handle.db);
    await handle.db.transaction().execute(async (trx) => {
      const batchId = await createCommittedBatch(trx, { kind: "valori", zoneCode: null, fileName: "t.csv", fileHash: "t", userLabel: "test" });
      await trx
        .insertInto("observation")
        .values(
          comuni.flatMap((c) => [
            { indicator_code: "POP_TOT", zone_code: c.zone_code as string, comune_istat: c.istat, ...periodOfYear(2024), value: 1000, batch_id: batchId },
            { indicator_code: "POP_65_PLUS", zone_code: c.zone_code as string, comune_istat: c.istat, ...periodOfYear(2024), value: c.istat === NARNI ? 1000 : 250, batch_id: batchId },
          ]),
        )
        .execute();
      await refreshBatchFigures(trx, batchId);
    });
    const full = await regionValues(handle.db, ZONE, defs, 2024, catalogue, null);
    expect(full.values.POP_TOT).toBe(comuni.length * 1000);
    // (1000 + 250 × (n − 1)) / (1000 × n) × 100, not the mean of the zones' rates.
    expect(full.values.PERC_65_PLUS).toBeCloseTo(((1000 + 250 * (comuni.length - 1)) / (1000 * comuni.length)) * 100, 10);
    expect(full.note).toBeNull();
  });

  it("keeps the region's figures in this process until an import or its undo changes the data", async () => {
    const { regionValues } = await import("@/db/queries/territory");
    const { indicatorDefinitions } = await import("@/db/queries/indicators");
    const { revertBatch } = await import("@/imports/load/revert");
    const catalogue = await indicatorDefinitions(handle.db);
    const defs = catalogue.filter((d) => d.code === "POP_TOT");
    const comuni = await handle.db.selectFrom("comune").select(["istat", "zone_code"]).where("zone_code", "is not", null).execute();
    await handle.db.transaction().execute(async (trx) => {
      const batchId = await createCommittedBatch(trx, { kind: "valori", zoneCode: null, fileName: "t.csv", fileHash: "t", userLabel: "test" });
      await trx
        .insertInto("observation")
        .values(comuni.map((c) => ({ indicator_code: "POP_TOT", zone_code: c.zone_code as string, comune_istat: c.istat, ...periodOfYear(2024), value: 1000, batch_id: batchId })))
        .execute();
      await refreshBatchFigures(trx, batchId);
    });
    const before = await regionValues(handle.db, ZONE, defs, 2024, catalogue, null);
    expect(before.values.POP_TOT).toBe(comuni.length * 1000);
    // A kept answer is a copy: a caller changing it changes nothing for the next.
    before.values.POP_TOT = -1;
    expect((await regionValues(handle.db, ZONE, defs, 2024, catalogue, null)).values.POP_TOT).toBe(comuni.length * 1000);

    // A second import replaces Narni's population: the next reader sees the new sum.
    const second = await handle.db.transaction().execute(async (trx) => {
      const batchId = await createCommittedBatch(trx, { kind: "valori", zoneCode: ZONE, fileName: "u.csv", fileHash: "u", userLabel: "test" });
      await trx.updateTable("observation").set({ replaced_by_batch: batchId }).where("zone_code", "=", ZONE).where("comune_istat", "=", NARNI).execute();
      await trx.insertInto("observation").values({ indicator_code: "POP_TOT", zone_code: ZONE, comune_istat: NARNI, ...periodOfYear(2024), value: 3000, batch_id: batchId }).execute();
      await refreshBatchFigures(trx, batchId);
      return batchId;
    });
    expect((await regionValues(handle.db, ZONE, defs, 2024, catalogue, null)).values.POP_TOT).toBe(comuni.length * 1000 + 2000);

    // Its undo gives the first sum back.
    await revertBatch(handle, second, null);
    expect((await regionValues(handle.db, ZONE, defs, 2024, catalogue, null)).values.POP_TOT).toBe(comuni.length * 1000);
  });
});
