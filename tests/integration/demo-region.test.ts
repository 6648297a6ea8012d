import { describe, expect, it } from "vitest";
import { loadDemoDataset } from "@/db/demo/load";
import { DEMO_COMUNI, generateDemoDataset, REGION_COMUNI, REGION_ZONES } from "@/db/demo/generate";
import { regionValues } from "@/db/queries/territory";
import { indicatorDefinitions } from "@/db/queries/indicators";
import { zoneHasDemoData } from "@/db/queries/observations";
import { listResources } from "@/db/queries/resources";
import type { Principal } from "@/lib/auth/roles";
import { testEngines } from "@/tests/helpers/db";
import { emptySuite } from "@/tests/helpers/demo-suite";

/**
 * The demo as `npm run demo` loads it (issue 17): every Umbrian zone has its
 * territory's figures, so the region's («Umbria») exist; «Dati dimostrativi»
 * only for the zones the demo wrote; Zona 11's two permanent sedi among its resources.
 */
const PLANNER: Principal = { kind: "user", id: "p", label: "p", role: "pianificatore", zones: ["UMB-11"], regions: [], readOnly: false };
const CONFERENZA: Principal = { ...PLANNER, role: "conferenza" };

describe.each(testEngines())("the demo of the whole region on $name", (engine) => {
  const suite = emptySuite(engine);

  it("with the three demo zones only, a zone without demo rows shows no «Dati dimostrativi» and the region's figures are n.d.", async () => {
    const loaded = await loadDemoDataset(suite.handle.db, generateDemoDataset({ years: [2023, 2024, 2025] }));
    // The import history shows what the demo wrote, not 0/0/0/0.
    const batch = await suite.handle.db.selectFrom("import_batch").select(["rows_read", "inserted"]).where("kind", "=", "demo").executeTakeFirstOrThrow();
    const written = Object.values(loaded.counts).reduce((a, b) => a + b, 0);
    expect(written).toBeGreaterThan(1000);
    expect([batch.rows_read, batch.inserted]).toEqual([written, written]);
    expect(await zoneHasDemoData(suite.handle.db, "UMB-11")).toBe(true);
    expect(await zoneHasDemoData(suite.handle.db, "UMB-02")).toBe(false);
    const catalogue = await indicatorDefinitions(suite.handle.db);
    const defs = catalogue.filter((d) => d.code === "PERC_75_PLUS");
    const region = await regionValues(suite.handle.db, "UMB-11", defs, 2025, catalogue, PLANNER);
    expect(region.values.PERC_75_PLUS).toBeNull();
    expect(region.zonesWithData).toBe(3);
  }, 120_000);

  it("with the other nine zones' territory, every zone has data and the region's figures exist", async () => {
    expect(new Set(REGION_COMUNI.map((c) => c.zoneCode)).size).toBe(9);
    expect(DEMO_COMUNI.length + REGION_COMUNI.length).toBe(92);
    const dataset = generateDemoDataset({ years: [2023, 2024, 2025], regionComuni: REGION_COMUNI });
    // The other zones get the territory only: no services, budget or plan.
    const others = new Set(REGION_ZONES.map((z) => z.code));
    expect(dataset.budgetLines.some((l) => others.has(l.zoneCode))).toBe(false);
    expect(dataset.plans.some((p) => others.has(p.zoneCode))).toBe(false);
    await loadDemoDataset(suite.handle.db, dataset);
    for (const zone of ["UMB-01", "UMB-02", "UMB-12"]) expect(await zoneHasDemoData(suite.handle.db, zone), zone).toBe(true);
    const catalogue = await indicatorDefinitions(suite.handle.db);
    const codes = ["POP_TOT", "PERC_75_PLUS", "RESIDENTI_PER_AS", "SPESA_PRO_CAPITE", "REDDITO_MEDIO"];
    const defs = catalogue.filter((d) => codes.includes(d.code));
    for (const principal of [PLANNER, CONFERENZA]) {
      const region = await regionValues(suite.handle.db, "UMB-11", defs, 2025, catalogue, principal);
      expect(region.zonesWithData).toBe(12);
      for (const code of codes) expect(region.values[code], `${code} ${principal.role}`).not.toBeNull();
      expect(region.note).toBeNull();
    }
    // Umbria had about 860,000 residents: the synthetic region is of that size.
    const population = (await regionValues(suite.handle.db, "UMB-11", defs, 2025, catalogue, PLANNER)).values.POP_TOT!;
    expect(population).toBeGreaterThan(750_000);
    expect(population).toBeLessThan(950_000);
  }, 180_000);

  it("Zona 11's two permanent sedi of the Uffici della Cittadinanza, Narni and Amelia, are among its resources", async () => {
    const offices = await listResources(suite.handle.db, "UMB-11", { kind: "ufficio_cittadinanza" });
    expect(offices.map((o) => o.name).sort()).toEqual(["Ufficio della Cittadinanza – sede permanente di Amelia", "Ufficio della Cittadinanza – sede permanente di Narni"]);
  });
});
