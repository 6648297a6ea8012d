import { describe, expect, it } from "vitest";
import { testEngines } from "@/tests/helpers/db";
import { demoSuite } from "@/tests/helpers/demo-suite";
import { budgetSnapshotDates, loadBudgetYear } from "@/db/queries/budget";
import { DEMO_DISIMPEGNO_REASON } from "@/db/demo/generate/budget";

describe.each(testEngines())("the demo budget ($name)", (engine) => {
  const suite = demoSuite(engine);

  it("has two snapshots per year, a fund at risk, one disimpegno with its reason, and comuni adding up to the zone", async () => {
    const dates = await budgetSnapshotDates(suite.handle.db, "UMB-11");
    expect(dates.find((d) => d.year === 2025)?.dates).toEqual(["2025-06-30", "2025-12-31"]);
    const y2025 = (await loadBudgetYear(suite.handle.db, "UMB-11", { year: 2025, atRisk: { months: 6, threshold: 0.5 } }))!.summary;
    expect(y2025.atRisk.some((f) => f.fundingCode.startsWith("PNRR_") && f.project !== null)).toBe(true);
    const y2024 = (await loadBudgetYear(suite.handle.db, "UMB-11", { year: 2024 }))!.summary;
    expect(y2024.disimpegni.map((l) => l.disimpegnoReason)).toEqual([DEMO_DISIMPEGNO_REASON]);
    // Every euro of the year is in exactly one comune (apportioned in cents).
    const comuni = y2025.breakdowns.comune.reduce((s, r) => s + Math.round(r.totals.impegnato * 100), 0);
    expect(comuni).toBe(Math.round(y2025.totals.impegnato * 100));
    expect(y2025.apportionment.unallocated).toEqual([]);
    // PNRR executes less than the rest.
    const pnrr = y2025.breakdowns.fonte.filter((r) => r.key.startsWith("PNRR_"));
    const rest = y2025.breakdowns.fonte.find((r) => r.key === "FNA")!;
    expect(pnrr.every((r) => (r.rates.capacitaSpesa.value ?? 1) < rest.rates.capacitaSpesa.value!)).toBe(true);
    // June is below December.
    const june = (await loadBudgetYear(suite.handle.db, "UMB-11", { year: 2025, asOf: "2025-06-30" }))!.summary;
    expect(june.totals.pagato).toBeLessThan(y2025.totals.pagato);
    expect(y2025.previous?.totals.impegnato).toBeGreaterThan(0);
  });
});
