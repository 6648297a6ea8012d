import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { generateDemoDataset } from "@/db/demo/generate";
import { loadDemoDataset } from "@/db/demo/load";
import { planScorecard } from "@/db/queries/targets";
import { runImport } from "@/imports/run";
import { revertBatch } from "@/imports/load/revert";
import type { Principal } from "@/lib/auth/roles";
import { TARGET_STATUSES } from "@/lib/targets/status";
import { PROJECTION_BANDS } from "@/lib/targets/projection";
import { resetData, testEngines } from "@/tests/helpers/db";
import { fixture, lf } from "@/tests/helpers/files";

const ZONES = ["UMB-06", "UMB-10", "UMB-11"];
const principal = (role: Principal["role"]): Principal => ({ kind: "user", id: role, label: role, role, zones: ZONES, regions: [], readOnly: false });
const PLANNER = principal("pianificatore");
const CONFERENZA = principal("conferenza");

describe.each(testEngines())("target status from the values as shown ($name)", (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await engine.open();
    await resetData(handle.db);
    await loadDemoDataset(handle.db, generateDemoDataset());
  }, 120_000);
  afterAll(async () => handle.close());

  it("the demo PSZ shows every status and every projection band across its zones", async () => {
    const cards = await Promise.all(ZONES.map((z) => planScorecard(handle.db, z, PLANNER)));
    for (const c of cards) {
      expect(c.plan).toMatchObject({ startYear: 2024, endYear: 2026 });
      expect(c.year).toBe(2025);
      expect(c.objectives.length).toBeGreaterThan(0);
    }
    const statuses = new Set(cards.flatMap((c) => c.targets.flatMap((t) => [t.cell.status, ...t.comuni.map((x) => x.status)])));
    for (const s of TARGET_STATUSES) expect(statuses, s).toContain(s);
    const bands = new Set(cards.flatMap((c) => c.targets.flatMap((t) => [t.cell.projection.band, ...t.comuni.map((x) => x.projection.band)])));
    for (const b of PROJECTION_BANDS) expect(bands, b).toContain(b);
  });

  it("the LEPS 1:5,000 is a ceiling: not met at about 5,300 residents per AS, whatever the trajectory", async () => {
    const card = await planScorecard(handle.db, "UMB-10", PLANNER);
    const ceiling = card.targets.find((t) => t.target.indicatorCode === "RESIDENTI_PER_AS" && t.target.kind === "ceiling")!;
    expect(ceiling.cell.value).toBeGreaterThan(5000);
    expect(ceiling.cell.status).toBe("non_rispettato");
    expect(ceiling.zoneOnly).toBe(true);
  });

  it("a re-import of the values changes the statuses, and its undo changes them back", async () => {
    const before = await planScorecard(handle.db, "UMB-10", PLANNER);
    const ceiling = () => before.targets.find((t) => t.target.indicatorCode === "RESIDENTI_PER_AS" && t.target.kind === "ceiling")!;
    expect(ceiling().cell.value).toBeGreaterThan(5000); // 60 AS bring the zone under 5,000 residents each
    const file = fixture(lf("indicatore;comune;periodo;valore", "AS_FTE;zona;2025;60"));
    const report = await runImport(handle, { fileName: path.basename(file), filePath: file, kind: null, zoneCode: "UMB-10", dryRun: false, validOnly: false, userLabel: "test", acceptWarnings: true });
    expect(report.status).toBe("committed");
    const after = await planScorecard(handle.db, "UMB-10", PLANNER);
    const now = after.targets.find((t) => t.target.indicatorCode === "RESIDENTI_PER_AS" && t.target.kind === "ceiling")!;
    expect(now.cell.value).toBeLessThan(5000);
    expect(now.cell.status).toBe("rispettato");
    await revertBatch(handle, report.batchId!, "test");
    const undone = await planScorecard(handle.db, "UMB-10", PLANNER);
    expect(undone.targets.find((t) => t.target.indicatorCode === "RESIDENTI_PER_AS" && t.target.kind === "ceiling")!.cell.status).toBe("non_rispettato");
  });

  it("a comune's small count is withheld from the Conferenza: no status, no projection; the planner sees both", async () => {
    const pick = (c: Awaited<ReturnType<typeof planScorecard>>) => c.targets.find((t) => t.target.indicatorCode === "TASSO_MINORI_IN_CARICO" && t.target.comune === null)!;
    const conferenza = pick(await planScorecard(handle.db, "UMB-11", CONFERENZA));
    const planner = pick(await planScorecard(handle.db, "UMB-11", PLANNER));
    const withheld = conferenza.comuni.filter((c) => c.status === "riservato");
    expect(withheld.length).toBeGreaterThan(0);
    for (const w of withheld) {
      expect(w).toMatchObject({ value: null, withheld: true, projection: { band: "non_calcolabile" } });
      const same = planner.comuni.find((c) => c.territory === w.territory)!;
      expect(same.status).not.toBe("riservato");
      expect(same.value).not.toBeNull();
    }
  });
});
