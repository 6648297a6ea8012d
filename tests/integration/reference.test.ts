import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { listZones, getZone } from "@/db/queries/zones";
import { listComuniOfZone } from "@/db/queries/comuni";
import { loadReferenceData } from "@/db/reference/load";
import { testEngines } from "@/tests/helpers/db";

describe.each(testEngines())("reference data on $name", (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await engine.open();
  });
  afterAll(async () => {
    await handle.close();
  });

  it("has Umbria's 12 zone sociali with their capofila", async () => {
    const zones = await listZones(handle.db, null);
    expect(zones.map((z) => z.code)).toEqual(
      Array.from({ length: 12 }, (_, i) => `UMB-${String(i + 1).padStart(2, "0")}`),
    );
    const narni = zones.find((z) => z.code === "UMB-11");
    expect(narni).toMatchObject({ region: "Umbria", capofila: "Narni", capofilaIstat: "055022" });
  });

  it("lists the 12 comuni of Zona 11 with 6-character ISTAT codes", async () => {
    const comuni = await listComuniOfZone(handle.db, "UMB-11");
    expect(comuni).toHaveLength(12);
    expect(comuni.map((c) => c.name)).toContain("Penna in Teverina");
    for (const c of comuni) expect(c.istat).toMatch(/^055\d{3}$/);
  });

  it("knows every Italian comune, not only Umbria's", async () => {
    const row = await handle.db
      .selectFrom("comune")
      .select(({ fn }) => fn.countAll<string | number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(row.n)).toBeGreaterThan(7800);
  });

  it("returns null for an unknown zone", async () => {
    expect(await getZone(handle.db, "UMB-99")).toBeNull();
  });

  it("loading the reference data again changes nothing", async () => {
    const before = await listComuniOfZone(handle.db, "UMB-06");
    await loadReferenceData(handle.db);
    expect(await listComuniOfZone(handle.db, "UMB-06")).toEqual(before);
    expect(await listZones(handle.db, null)).toHaveLength(12);
  });
});
