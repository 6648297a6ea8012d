import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createCommittedBatch } from "@/db/batches";
import { periodOfYear } from "@/db/demo/period";
import { listComuniOfZone } from "@/db/queries/comuni";
import { valuesOf, zoneDefaultYear, zoneValuesAsShown } from "@/db/queries/values";
import type { Principal } from "@/lib/auth/roles";
import { resetData, testEngines } from "@/tests/helpers/db";

const ZONE = "UMB-11";
const NARNI = "055022";
const PENNA = "055026";

const principal = (role: Principal["role"], kind: Principal["kind"] = "user"): Principal => ({ kind, id: role, label: role, role, zones: [ZONE], regions: [], readOnly: kind === "token" });
const CONFERENZA = principal("conferenza");
const PLANNER = principal("pianificatore");

type Row = [string | null, string, number, number | null];

async function seed(handle: DatabaseHandle, rows: Row[]): Promise<number> {
  return handle.db.transaction().execute(async (trx) => {
    const batchId = await createCommittedBatch(trx, { kind: "valori", zoneCode: ZONE, fileName: "t.csv", fileHash: "t", userLabel: "test" });
    await trx
      .insertInto("observation")
      .values(rows.map(([istat, code, year, value]) => ({ indicator_code: code, zone_code: ZONE, comune_istat: istat, ...periodOfYear(year), value, batch_id: batchId })))
      .execute();
    return batchId;
  });
}

describe.each(testEngines())("values as shown on $name", (engine) => {
  let handle: DatabaseHandle;
  let comuni: string[];
  beforeAll(async () => {
    handle = await engine.open();
    comuni = (await listComuniOfZone(handle.db, ZONE)).map((c) => c.istat);
  });
  afterAll(async () => handle.close());
  beforeEach(async () => resetData(handle.db));

  /** Every comune's value of `code` in `year`, from `f(istat, index)`. */
  const each = (code: string, year: number, f: (istat: string, i: number) => number | null): Row[] => comuni.map((istat, i) => [istat, code, year, f(istat, i)]);

  it("the zone's figure: complete, partial with its coverage, derived with its batches; the ATS's own row", async () => {
    const batch = await seed(handle, [
      ...each("POP_TOT", 2024, (_, i) => 1000 + i),
      ...each("POP_65_PLUS", 2024, () => 300),
      ...each("AS_FTE", 2024, () => 1),
      [null, "AS_FTE", 2024, 8],
      ...each("POP_TOT", 2023, (istat, i) => (istat === PENNA ? null : 1000 + i)),
    ]);
    const shown = await zoneValuesAsShown(handle.db, ZONE, { principal: PLANNER, codes: ["POP_TOT", "PERC_65_PLUS", "AS_FTE"], years: [2023, 2024] });
    expect(shown.defaultYear).toBe(2024);
    expect(shown.comuni).toHaveLength(12);
    const as = valuesOf(shown, "AS_FTE", 2024)!;
    expect(as.zone).toMatchObject({ value: 20, status: "complete", source: "comuni_and_zone_row", batchIds: [batch] });
    expect(as.zoneRow).toMatchObject({ value: 8, status: "complete", origin: "imported" });
    const rate = valuesOf(shown, "PERC_65_PLUS", 2024)!;
    expect(rate.zone.origin).toBe("derived");
    expect(rate.zone.value).toBeCloseTo((12 * 300 * 100) / (12 * 1000 + 66), 10);
    expect(rate.comuni[0]).toMatchObject({ origin: "derived", numerator: 300, status: "complete", disclosure: "public" });
    const partial = valuesOf(shown, "POP_TOT", 2023)!;
    expect(partial.zone).toMatchObject({ value: null, status: "partial", coverage: { contributing: 11, total: 12, missing: [PENNA] } });
    expect(partial.zone.partialValue).toBe(comuni.reduce((s, istat, i) => s + (istat === PENNA ? 0 : 1000 + i), 0));
  });

  it("the default year is the latest with the zone's population complete: a stray future value does not move it", async () => {
    await seed(handle, [
      ...each("POP_TOT", 2023, () => 1000),
      ...each("POP_TOT", 2024, () => 1000),
      [NARNI, "POP_TOT", 2031, 20000],
      [NARNI, "MINORI_IN_CARICO", 2031, 4],
    ]);
    expect(await zoneDefaultYear(handle.db, ZONE, { currentYear: 2040 })).toBe(2024);
    const shown = await zoneValuesAsShown(handle.db, ZONE, { principal: PLANNER, codes: ["POP_TOT"] });
    expect(shown.requestedYears).toEqual([2024]);
    expect(shown.years).toContain(2031);
    // A complete year after the current one is not a default either.
    await seed(handle, each("POP_TOT", 2039, () => 1000));
    expect(await zoneDefaultYear(handle.db, ZONE, { currentYear: 2038 })).toBe(2024);
    expect(await zoneDefaultYear(handle.db, ZONE, { currentYear: 2039 })).toBe(2039);
  });

  it("a Conferenza member gets '< 3' for 1 minor in care, and neither the zone total nor the rate gives it back; a planner sees it marked", async () => {
    await seed(handle, [
      ...each("POP_0_17", 2024, () => 200),
      ...each("MINORI_IN_CARICO", 2024, (istat, i) => (istat === PENNA ? 1 : 5 + i)),
    ]);
    const codes = ["MINORI_IN_CARICO", "TASSO_MINORI_IN_CARICO"];
    const mayor = await zoneValuesAsShown(handle.db, ZONE, { principal: CONFERENZA, codes, years: [2024] });
    expect(mayor.protected).toBe(true);
    expect(mayor.mark).toBe("< 3");
    expect(mayor.footnote).toMatch(/segreto statistico/);
    const count = valuesOf(mayor, "MINORI_IN_CARICO", 2024)!;
    const penna = count.comuni.find((c) => c.istat === PENNA)!;
    expect(penna).toMatchObject({ value: null, numerator: null, disclosure: "suppressed" });
    // The zone total minus the visible comuni must not give Penna's 1 back.
    const hidden = count.comuni.filter((c) => c.disclosure === "suppressed");
    if (count.zone.value !== null) expect(hidden.length).toBeGreaterThanOrEqual(2);
    // The rate is withheld with its numerator, for the comune and wherever the count is.
    const rate = valuesOf(mayor, "TASSO_MINORI_IN_CARICO", 2024)!;
    for (const c of hidden) expect(rate.comuni.find((r) => r.istat === c.istat)).toMatchObject({ value: null, numerator: null, disclosure: "suppressed" });
    expect(rate.comuni.find((r) => r.istat === NARNI)?.disclosure).toBe(count.comuni.find((c) => c.istat === NARNI)?.disclosure);
    expect(JSON.stringify(mayor)).not.toMatch(/"value":1[,}]/);

    const planner = await zoneValuesAsShown(handle.db, ZONE, { principal: PLANNER, codes, years: [2024] });
    expect(planner.protected).toBe(false);
    expect(valuesOf(planner, "MINORI_IN_CARICO", 2024)!.comuni.find((c) => c.istat === PENNA)).toMatchObject({ value: 1, disclosure: "unpublishable" });
    expect(planner.footnote).toMatch(/non pubblicabile/);
    // Asking for the rate alone gives the same pattern (the numerator is read to protect it).
    const rateOnly = await zoneValuesAsShown(handle.db, ZONE, { principal: CONFERENZA, codes: ["TASSO_MINORI_IN_CARICO"], years: [2024] });
    expect(rateOnly.values.map((v) => v.indicator)).toEqual(["TASSO_MINORI_IN_CARICO"]);
    expect(valuesOf(rateOnly, "TASSO_MINORI_IN_CARICO", 2024)!.comuni.map((c) => c.disclosure)).toEqual(rate.comuni.map((c) => c.disclosure));
    // API tokens are protected unless granted "dati non protetti".
    const token = await zoneValuesAsShown(handle.db, ZONE, { principal: { ...principal("analista", "token") }, codes, years: [2024] });
    expect(token.protected).toBe(true);
    const granted = await zoneValuesAsShown(handle.db, ZONE, { principal: { ...principal("analista", "token"), unprotectedData: true }, codes, years: [2024] });
    expect(granted.protected).toBe(false);
  });
});
