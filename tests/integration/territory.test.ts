import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createCommittedBatch } from "@/db/batches";
import { periodOfYear } from "@/db/demo/period";
import { indicatorDefinitions } from "@/db/queries/indicators";
import { regionValues, territorySeries, territoryTable } from "@/db/queries/territory";
import { zoneFragility } from "@/db/queries/fragility";
import { comuneProfile } from "@/db/queries/comune-profile";
import { listResources, listServices } from "@/db/queries/resources";
import { refreshBatchFigures, resetData, testEngines } from "@/tests/helpers/db";
import type { Principal } from "@/lib/auth/roles";

const ZONE = "UMB-11";
const PLANNER: Principal = { kind: "user", id: "p", label: "p", role: "pianificatore", zones: [ZONE], regions: [], readOnly: false };
type Row = [istat: string, code: string, year: number, value: number];

async function seed(handle: DatabaseHandle, rows: Row[], zoneOf: (istat: string) => string = () => ZONE) {
  await handle.db.transaction().execute(async (trx) => {
    const batchId = await createCommittedBatch(trx, { kind: "valori", zoneCode: null, fileName: "t.csv", fileHash: "t", userLabel: "test" });
    for (let i = 0; i < rows.length; i += 500) {
      await trx
        .insertInto("observation")
        .values(rows.slice(i, i + 500).map(([istat, code, year, value]) => ({ indicator_code: code, zone_code: zoneOf(istat), comune_istat: istat, ...periodOfYear(year), value, batch_id: batchId })))
        .execute();
      await refreshBatchFigures(trx, batchId);
    }
  });
}

/**
 * Zona 11's 12 comuni (k = 0…11 in ISTAT order), one year:
 *   POP_TOT 2000 for k = 0, else 1000;  POP_75_PLUS 200 for k = 0, else 100 + 10k  → % 75+ = 10 for k = 0, else 10 + k;
 *   CONTRIBUENTI 500;  REDDITO_IMPONIBILE 500 · (20000 + 100k)  → reddito medio 20000 + 100k.
 * Zone % 75+ = Σ 75+ / Σ pop = (200 + 1100 + 660) / 13000 × 100 = 15.0769…, not the mean of the rates (15.5).
 * Zone income = Σ imponibile / Σ contribuenti = 20550.
 */
function fragilityRows(comuni: string[], year: number): Row[] {
  return comuni.flatMap((istat, k) => [
    [istat, "POP_TOT", year, k === 0 ? 2000 : 1000],
    [istat, "POP_75_PLUS", year, k === 0 ? 200 : 100 + 10 * k],
    [istat, "CONTRIBUENTI", year, 500],
    [istat, "REDDITO_IMPONIBILE", year, 500 * (20000 + 100 * k)],
  ]);
}

describe.each(testEngines())("territory queries on $name", (engine) => {
  let handle: DatabaseHandle;
  let comuni: string[];
  beforeAll(async () => {
    handle = await engine.open();
    comuni = (await handle.db.selectFrom("comune").select("istat").where("zone_code", "=", ZONE).orderBy("istat").execute()).map((c) => c.istat);
  });
  afterAll(async () => handle.close());
  beforeEach(async () => resetData(handle.db));

  it("AMPI+ from the database: Ref = zone value (Σ num / Σ den) in the base year, goalposts over the comuni, polarity", async () => {
    expect(comuni).toHaveLength(12);
    await seed(handle, fragilityRows(comuni, 2024));
    const result = await zoneFragility(handle.db, ZONE, { year: 2024, indicators: ["PERC_75_PLUS", "REDDITO_MEDIO"] });
    const ref75 = (1960 / 13000) * 100;
    expect(result.indicators).toEqual([
      { code: "PERC_75_PLUS", polarity: 1, reference: expect.closeTo(ref75, 9), min: 10, max: 21 },
      { code: "REDDITO_MEDIO", polarity: -1, reference: expect.closeTo(20550, 9), min: 20000, max: 21100 },
    ]);
    // k = 0: r1 = 100 + 60 · (10 − 15.0769) / 11 = 72.3077 (more old people → more fragile, here fewer);
    //        r2 = 100 − 60 · (20000 − 20550) / 1100 = 130 (lower income → more fragile).
    const first = result.units.find((u) => u.unit === comuni[0])!;
    const r1 = 100 + (60 * (10 - ref75)) / 11;
    expect(first.components.map((c) => c.normalized)).toEqual([expect.closeTo(r1, 9), expect.closeTo(130, 9)]);
    const mean = (r1 + 130) / 2;
    const std = Math.abs(130 - r1) / 2;
    expect(first.index).toBeCloseTo(mean + (std * std) / mean, 9);
    expect(result.units.filter((u) => u.rank !== null)).toHaveLength(12);
    expect(result.units[0]!.rank).toBe(1);
    expect(result.units[0]!.decile).toBe(10);
    expect(result.indicatorNames.PERC_75_PLUS).toBe("Quota di residenti con 75 anni e oltre");
  });

  it("AMPI change with base = year: goalposts over both years, so +60·5/11 for a 5-point rise (not a wider figure)", async () => {
    const rise = (rows: Row[]): Row[] => rows.map(([istat, code, year, v]) => [istat, code, year, istat === comuni[1] && code === "POP_75_PLUS" ? v + 50 : v]);
    await seed(handle, [...fragilityRows(comuni, 2023), ...rise(fragilityRows(comuni, 2024))]);
    const result = await zoneFragility(handle.db, ZONE, { year: 2024, indicators: ["PERC_75_PLUS"] });
    expect(result.baseYear).toBe(2024);
    const one = result.units.find((u) => u.unit === comuni[1])!;
    // One component: the index is its score. Both years against min 10, max 21: (16 − 11) · 60 / 11.
    expect(one.change).toBeCloseTo((60 * 5) / 11, 9);
    // Everyone else is unchanged.
    expect(result.units.find((u) => u.unit === comuni[4])!.change).toBeCloseTo(0, 9);
    // The same change as with base 2023, where the goalposts already include both years.
    const withBase = await zoneFragility(handle.db, ZONE, { year: 2024, baseYear: 2023, indicators: ["PERC_75_PLUS"] });
    expect(withBase.units.find((u) => u.unit === comuni[1])!.change).toBeCloseTo((60 * 5) / 11, 9);
  });

  it("AMPI ties take the mid-rank; all equal gives no deciles; a comune missing a base-year input is excluded, not the zone", async () => {
    const tie = (rows: Row[]): Row[] => rows.map(([istat, code, year, v]) => [istat, code, year, istat === comuni[2] && code === "POP_75_PLUS" ? 130 : v]);
    await seed(handle, [...tie(fragilityRows(comuni, 2024)), ...fragilityRows(comuni, 2023).filter(([istat, code]) => !(istat === comuni[5] && code === "POP_75_PLUS"))]);
    const ties = await zoneFragility(handle.db, ZONE, { year: 2024, indicators: ["PERC_75_PLUS"] });
    expect(ties.units.filter((u) => u.unit === comuni[2] || u.unit === comuni[3]).map((u) => u.rank)).toEqual([9.5, 9.5]);
    expect(ties.units.find((u) => u.unit === comuni[11])!.rank).toBe(1);
    expect(ties.discriminates).toBe(true);

    const excluded = await zoneFragility(handle.db, ZONE, { year: 2024, baseYear: 2023, indicators: ["PERC_75_PLUS"] });
    expect(excluded.excludedInBaseYear).toEqual([comuni[5]]);
    expect(excluded.units.find((u) => u.unit === comuni[5])).toMatchObject({ excluded: true, rank: null, exclusionReason: expect.stringMatching(/anno base 2023/) });
    expect(excluded.units.filter((u) => u.rank !== null)).toHaveLength(11);
    // The reference is the zone's value over the other 11 comuni: (1960 − 150) / 12000.
    expect(excluded.indicators[0]!.reference).toBeCloseTo((1810 / 12000) * 100, 9);

    await resetData(handle.db);
    await seed(handle, comuni.flatMap((istat): Row[] => [[istat, "POP_TOT", 2024, 1000], [istat, "POP_75_PLUS", 2024, 150]]));
    const flat = await zoneFragility(handle.db, ZONE, { year: 2024, indicators: ["PERC_75_PLUS"] });
    expect(flat.discriminates).toBe(false);
    expect(flat.units.every((u) => u.decile === null)).toBe(true);
    expect(flat.nonDiscriminationReason).toMatch(/stesso indice/);
  });

  it("refuses components that cannot compare comuni: neutral, counts, unknown, base year after the year", async () => {
    await seed(handle, fragilityRows(comuni, 2024));
    const attempt = (indicators: string[], baseYear?: number) => zoneFragility(handle.db, ZONE, { year: 2024, indicators, ...(baseYear ? { baseYear } : {}) });
    await expect(attempt(["POP_TOT"])).rejects.toThrow(/neutro/);
    await expect(attempt(["SALDO_NATURALE"])).rejects.toThrow(/conteggio/);
    await expect(attempt(["NOPE"])).rejects.toThrow(/sconosciuti: NOPE/);
    await expect(attempt(["PERC_75_PLUS"], 2025)).rejects.toThrow(/non può seguire/);
    // No data in the base year: said plainly.
    await expect(zoneFragility(handle.db, ZONE, { year: 2024, baseYear: 2020, indicators: ["PERC_75_PLUS"] })).rejects.toThrow(/anno base 2020/);
  });

  it("territory table: comuni values, zone by the rule, region n.d. with the reason, fragility note when the default set lacks data", async () => {
    await seed(handle, fragilityRows(comuni, 2024));
    const table = await territoryTable(handle.db, ZONE, ["POP_TOT", "PERC_75_PLUS", "REDDITO_MEDIO", "NOPE"], null, PLANNER);
    expect(table.year).toBe(2024);
    expect(table.indicators.map((d) => d.code)).toEqual(["POP_TOT", "PERC_75_PLUS", "REDDITO_MEDIO"]);
    expect(table.rows).toHaveLength(12);
    const first = table.rows.find((r) => r.istat === comuni[0])!;
    expect(first.values).toEqual({ POP_TOT: 2000, PERC_75_PLUS: 10, REDDITO_MEDIO: 20000 });
    expect(table.zone.POP_TOT?.value).toBe(13000);
    expect(table.zone.PERC_75_PLUS?.value).toBeCloseTo((1960 / 13000) * 100, 9);
    expect(table.zone.REDDITO_MEDIO?.value).toBeCloseTo(20550, 9);
    // Only Zona 11 has data: the regional figure is not the zone's.
    expect(table.region.name).toBe("Umbria");
    expect(table.region.values.PERC_75_PLUS).toBeNull();
    expect(table.region.note).toContain("lo ha 1 zona su 12");
    // The default fragility set needs indicators that were not loaded: said, not hidden.
    expect(first.fragility.index).toBeNull();
    expect(table.fragilityNote).toMatch(/Manca il valore di zona/);
  });

  it("regional weighted mean weighs every comune by its population", async () => {
    const all = await handle.db.selectFrom("comune").select(["istat", "zone_code"]).where("zone_code", "is not", null).execute();
    const zoneOf = new Map(all.map((c) => [c.istat, c.zone_code as string]));
    const narni = "055022";
    await seed(
      handle,
      all.flatMap((c): Row[] => [
        [c.istat, "POP_TOT", 2024, c.istat === narni ? 3000 : 1000],
        [c.istat, "ETA_MEDIA", 2024, c.istat === narni ? 40 : 50],
      ]),
      (istat) => zoneOf.get(istat) as string,
    );
    const catalogue = await indicatorDefinitions(handle.db);
    const defs = catalogue.filter((d) => d.code === "ETA_MEDIA" || d.code === "POP_TOT");
    const region = await regionValues(handle.db, ZONE, defs, 2024, catalogue, null);
    const n = all.length;
    expect(region.values.POP_TOT).toBe(3000 + 1000 * (n - 1));
    expect(region.values.ETA_MEDIA).toBeCloseTo((40 * 3000 + 50 * 1000 * (n - 1)) / (3000 + 1000 * (n - 1)), 9);
    expect(region.note).toBeNull();
    expect(region.zonesWithData).toBe(12);
  });

  it("time series: the zone's value and each comune's for every year", async () => {
    await seed(handle, [...fragilityRows(comuni, 2023), ...fragilityRows(comuni, 2024).filter(([istat]) => istat !== comuni[1])]);
    const series = await territorySeries(handle.db, ZONE, "PERC_75_PLUS", PLANNER);
    expect(series.years).toEqual([2023, 2024]);
    expect(series.zone[0]).toMatchObject({ year: 2023, value: expect.closeTo((1960 / 13000) * 100, 9) });
    // A comune missing in 2024 makes the zone value n.d., not a smaller zone: partial, 11 comuni su 12.
    expect(series.zone[1]).toMatchObject({ year: 2024, value: null, shown: { status: "partial", coverage: { contributing: 11, total: 12 } } });
    expect(series.comuni.find((c) => c.istat === comuni[1])!.values).toEqual({ 2023: 11, 2024: null });
  });

  it("resources and services: scoped by zone, filtered by comune and kind, replaced rows left out", async () => {
    const [a, b] = comuni as [string, string];
    await handle.db
      .insertInto("resource")
      .values([
        { zone_code: ZONE, comune_istat: a, kind: "ufficio_cittadinanza", name: "Ufficio A", address: "Piazza 1", phone: "0744 1", opening_hours: "Lun. 9–12" },
        { zone_code: ZONE, comune_istat: a, kind: "associazione", name: "Associazione A" },
        { zone_code: ZONE, comune_istat: b, kind: "ufficio_cittadinanza", name: "Ufficio B", capacity: 12 },
        { zone_code: "UMB-06", comune_istat: "054035", kind: "ufficio_cittadinanza", name: "Ufficio di Norcia" },
      ])
      .execute();
    expect((await listResources(handle.db, ZONE)).map((r) => r.name).sort()).toEqual(["Associazione A", "Ufficio A", "Ufficio B"]);
    expect((await listResources(handle.db, ZONE, { comune: a })).map((r) => r.name)).toEqual(["Associazione A", "Ufficio A"]);
    const offices = await listResources(handle.db, ZONE, { kind: "ufficio_cittadinanza" });
    expect(offices.map((r) => r.name).sort()).toEqual(["Ufficio A", "Ufficio B"]);
    expect(offices.find((r) => r.name === "Ufficio B")!.capacity).toBe(12);
    expect(await listResources(handle.db, ZONE, { comune: "054035" })).toEqual([]);

    await handle.db.insertInto("service").values([{ zone_code: ZONE, code: "SAD", name: "Assistenza domiciliare", area: "anziani", spending_type: "interventi_servizi" }]).execute();
    expect(await listServices(handle.db, ZONE)).toEqual([{ code: "SAD", name: "Assistenza domiciliare", area: "anziani", spendingType: "interventi_servizi", managingBody: null }]);
    expect(await listServices(handle.db, "UMB-06")).toEqual([]);
  });

  it("scheda comune: series, zone value, rank in the zone, its resources, the zone's services; unknown comune → null", async () => {
    await seed(handle, [...fragilityRows(comuni, 2023), ...fragilityRows(comuni, 2024)]);
    const first = comuni[0] as string;
    await handle.db.insertInto("resource").values({ zone_code: ZONE, comune_istat: first, kind: "ufficio_cittadinanza", name: "Ufficio della Cittadinanza", phone: "0744 000" }).execute();
    const profile = await comuneProfile(handle.db, first, PLANNER);
    expect(profile).not.toBeNull();
    expect(profile!.zoneCode).toBe(ZONE);
    expect(profile!.years).toEqual([2023, 2024]);
    const perc75 = profile!.indicators.find((i) => i.def.code === "PERC_75_PLUS")!;
    expect(perc75.series).toEqual({ 2023: 10, 2024: 10 });
    expect(perc75.zone).toBeCloseTo((1960 / 13000) * 100, 9);
    expect(perc75.region).toBeNull();
    // 10 % is the lowest share of the 12 comuni: rank 12 (1 = highest value).
    expect([perc75.rank, perc75.of]).toEqual([12, 12]);
    expect(profile!.regionName).toBe("Umbria");
    expect(profile!.resources.map((r) => [r.name, r.phone])).toEqual([["Ufficio della Cittadinanza", "0744 000"]]);
    // No data for the default fragility set: no fragility block, no error.
    expect(profile!.fragility).toBeNull();
    expect(await comuneProfile(handle.db, "999999", PLANNER)).toBeNull();
  });
});
