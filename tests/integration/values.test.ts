import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createCommittedBatch } from "@/db/batches";
import { periodOfYear } from "@/db/demo/period";
import { listComuniOfZone } from "@/db/queries/comuni";
import { valuesOf, zoneDefaultYear, zoneValuesAsShown } from "@/db/queries/values";
import type { Principal } from "@/lib/auth/roles";
import { refreshBatchFigures, resetData, testEngines } from "@/tests/helpers/db";
import { strFromU8, unzipSync } from "fflate";
import { zoneOverview } from "@/db/queries/overview";
import { territoryTable } from "@/db/queries/territory";
import { comuneProfile } from "@/db/queries/comune-profile";
import { listObservations, withDisclosure } from "@/db/queries/observations";
import { territoryExport } from "@/app/zone/[code]/territorio/export";
import { comuneExport } from "@/app/comuni/[istat]/export";
import { exportResponse } from "@/lib/export/table";

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
    await refreshBatchFigures(trx, batchId);
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

  it("the overview's year and zone figures: a partial year is not the zone's, the default year is the complete one", async () => {
    await seed(handle, [
      ...each("POP_TOT", 2023, () => 1000),
      ...each("POP_65_PLUS", 2023, (istat) => (istat === PENNA ? null : 250)),
      ...each("POP_TOT", 2024, (istat) => (istat === PENNA ? null : 1000)),
    ]);
    const overview = await zoneOverview(handle.db, ZONE, PLANNER);
    // 2024 lacks Penna: the latest year with the whole zone is 2023, not "any comune has data".
    expect(overview.year).toBe(2023);
    expect(overview.zone.population).toMatchObject({ value: 12000, status: "complete" });
    // % 65+ lacks Penna's numerator: n.d., with the partial figure over 11 comuni.
    expect(overview.zone.share65plus).toMatchObject({ value: null, status: "partial", coverage: { contributing: 11, total: 12 } });
    expect(overview.zone.share65plus?.partialValue).toBeCloseTo(25, 10);
    expect(overview.comuni.find((c) => c.istat === PENNA)?.figures.share65plus?.status).toBe("missing");
  });

  it("Territorio, the scheda, CSV, XLSX and the observations API agree: '< 3' for the Conferenza, raw and marked for the planner", async () => {
    await seed(handle, [
      ...each("POP_TOT", 2024, () => 1000),
      ...each("POP_0_17", 2024, () => 200),
      ...each("MINORI_IN_CARICO", 2024, (istat, i) => (istat === PENNA ? 1 : 5 + i)),
    ]);
    const codes = ["MINORI_IN_CARICO", "TASSO_MINORI_IN_CARICO"];
    const table = await territoryTable(handle.db, ZONE, codes, null, CONFERENZA);
    expect(table.year).toBe(2024);
    const penna = table.rows.find((r) => r.istat === PENNA)!;
    expect(penna.values.MINORI_IN_CARICO).toBeNull();
    expect(penna.cells.MINORI_IN_CARICO?.disclosure).toBe("suppressed");
    expect(penna.values.TASSO_MINORI_IN_CARICO).toBeNull();
    expect(table.footnote).toMatch(/< 3/);
    const hidden = table.rows.filter((r) => r.cells.MINORI_IN_CARICO?.disclosure === "suppressed").map((r) => r.istat);
    // Zone total minus the visible comuni leaves at least two hidden cells (or the total itself is hidden).
    expect(hidden.length >= 2 || table.zone.MINORI_IN_CARICO?.disclosure === "suppressed").toBe(true);

    const search = new URLSearchParams({ indicatori: codes.join(",") });
    const exported = (await territoryExport(handle.db, ZONE, search, CONFERENZA))!;
    const pennaRow = exported.rows.find((r) => r[0] === PENNA)!;
    expect(pennaRow.slice(2, 4)).toEqual(["< 3", "< 3"]);
    const csv = await (await exportResponse("csv", exported)).text();
    expect(csv).toContain(`${PENNA};Penna in Teverina;< 3;< 3`);
    const xlsx = unzipSync(new Uint8Array(await (await exportResponse("xlsx", exported)).arrayBuffer()));
    const sheet = Object.values(xlsx).map((f) => strFromU8(f)).join("\n");
    expect(sheet).toContain("&lt; 3");
    expect(sheet).toContain("Penna in Teverina");

    const profile = (await comuneProfile(handle.db, PENNA, CONFERENZA))!;
    const minors = profile.indicators.find((i) => i.def.code === "MINORI_IN_CARICO")!;
    expect(minors.series[2024]).toBeNull();
    expect(minors.cells[2024]?.disclosure).toBe("suppressed");
    expect(profile.indicators.find((i) => i.def.code === "TASSO_MINORI_IN_CARICO")!.series[2024]).toBeNull();
    const schedaCsv = (await comuneExport(handle.db, PENNA, new URLSearchParams(), CONFERENZA))!;
    expect(schedaCsv.rows.find((r) => r[1] === "MINORI_IN_CARICO")).toContain("< 3");

    const api = await withDisclosure(handle.db, ZONE, "MINORI_IN_CARICO", await listObservations(handle.db, ZONE, "MINORI_IN_CARICO", "2024"), CONFERENZA);
    expect(api.find((o) => o.istat === PENNA)).toMatchObject({ value: null, disclosure: "suppressed" });
    for (const istat of hidden) expect(api.find((o) => o.istat === istat)?.disclosure).toBe("suppressed");

    // The planner: the raw value, marked "non pubblicabile", everywhere.
    const planner = await territoryTable(handle.db, ZONE, codes, null, PLANNER);
    expect(planner.rows.find((r) => r.istat === PENNA)!.cells.MINORI_IN_CARICO).toMatchObject({ value: 1, disclosure: "unpublishable" });
    const plannerCsv = (await territoryExport(handle.db, ZONE, search, PLANNER))!;
    const plannerRow = plannerCsv.rows.find((r) => r[0] === PENNA)!;
    expect(plannerRow[2]).toBe(1);
    const note = plannerRow.at(-1);
    expect(typeof note === "string" ? note : null).toContain("non pubblicabile");
    expect((await withDisclosure(handle.db, ZONE, "MINORI_IN_CARICO", await listObservations(handle.db, ZONE, "MINORI_IN_CARICO", "2024"), PLANNER)).find((o) => o.istat === PENNA)).toMatchObject({ value: 1, disclosure: "unpublishable" });
  });
});
