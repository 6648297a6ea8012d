import { describe, expect, it } from "vitest";
import { budgetLineIssues, executionBy, executionRates, lowExecutionNearDeadline, perCapita, sumBudget } from "@/lib/budget/execution";
import { assessSocialWorkers, residentsPerSocialWorker, socialWorkerIncentive } from "@/lib/leps/social-workers";
import { isSensitiveCount, protectRow } from "@/lib/disclosure";

describe("budget execution", () => {
  const lines = [
    { serviceCode: "SAD", fundingCode: "FNA", stanziato: 100_000, impegnato: 90_000, liquidato: 80_000, pagato: 60_000, deadline: "2026-12-31" },
    { serviceCode: "SAD", fundingCode: "COMUNI", stanziato: 50_000, impegnato: 50_000, liquidato: 50_000, pagato: 50_000, deadline: null },
    { serviceCode: "PIPPI", fundingCode: "PNRR_M5C2_1_1_1", stanziato: 70_500, impegnato: 30_000, liquidato: 10_000, pagato: 10_000, deadline: "2026-06-30" },
  ];

  it("computes rates as ratios of sums", () => {
    const r = executionRates(lines);
    expect(r.totals).toEqual({ stanziato: 220_500, impegnato: 170_000, liquidato: 140_000, pagato: 120_000 });
    expect(r.capacitaImpegno).toBeCloseTo(170_000 / 220_500, 12);
    expect(r.capacitaPagamento).toBeCloseTo(120_000 / 170_000, 12);
    expect(r.capacitaSpesa).toBeCloseTo(120_000 / 220_500, 12);
    expect(r.daPagare).toBe(50_000);
    // Mean of the lines' capacità di spesa would be (0.6 + 1 + 0.1418)/3 = 0.58; the ratio of sums is 0.544.
    expect(r.capacitaSpesa).not.toBeCloseTo((0.6 + 1 + 10_000 / 70_500) / 3, 2);
  });

  it("sums to the cent and handles empty input", () => {
    expect(sumBudget([{ stanziato: 0.1, impegnato: 0.1, liquidato: 0, pagato: 0 }, { stanziato: 0.2, impegnato: 0.2, liquidato: 0, pagato: 0 }]).stanziato).toBe(0.3);
    expect(executionRates([])).toMatchObject({ capacitaImpegno: null, capacitaPagamento: null, capacitaSpesa: null });
  });

  it("groups and computes per-capita figures", () => {
    const by = executionBy(lines, (l) => l.serviceCode);
    expect([...by.keys()]).toEqual(["SAD", "PIPPI"]);
    expect(by.get("SAD")!.capacitaSpesa).toBeCloseTo(110_000 / 150_000);
    expect(perCapita(6_000_000, 50_000)).toBe(120);
    expect(perCapita(1, 0)).toBeNull();
    expect(perCapita(null, 10)).toBeNull();
  });

  it("checks stage consistency", () => {
    expect(budgetLineIssues(lines[0]!)).toEqual([]);
    expect(budgetLineIssues({ stanziato: 10, impegnato: 11, liquidato: 12, pagato: 13 })).toHaveLength(3);
  });

  it("flags funds near a deadline with low execution", () => {
    const alerts = lowExecutionNearDeadline(lines, { today: "2026-03-01", withinDays: 365 });
    expect(alerts.map((a) => [a.line.fundingCode, a.daysLeft])).toEqual([["PNRR_M5C2_1_1_1", 121], ["FNA", 305]]);
    expect(lowExecutionNearDeadline(lines, { today: "2026-03-01", withinDays: 180 })).toHaveLength(1);
    expect(lowExecutionNearDeadline(lines, { today: "2027-01-10" })).toHaveLength(0);
    expect(lowExecutionNearDeadline(lines, { today: "2027-01-10", includePast: true })).toHaveLength(2);
  });
});

describe("LEPS social workers", () => {
  it("residents per AS", () => {
    expect(residentsPerSocialWorker(50_000, 10)).toBe(5000);
    expect(residentsPerSocialWorker(50_000, 0)).toBeNull();
  });

  it("incentive formula, hand-computed", () => {
    // P = 65,000: P/6500 = 10, P/5000 = 13, P/4000 = 16.25.
    expect(socialWorkerIncentive(9, 65_000)).toEqual({ eligible: false, firstTier: 0, secondTier: 0, amount: 0 });
    expect(socialWorkerIncentive(10, 65_000)).toEqual({ eligible: true, firstTier: 0, secondTier: 0, amount: 0 });
    expect(socialWorkerIncentive(12, 65_000)).toEqual({ eligible: true, firstTier: 80_000, secondTier: 0, amount: 80_000 });
    // 15 AS: 40,000 × (13 − 10) + 20,000 × (15 − 13) = 160,000
    expect(socialWorkerIncentive(15, 65_000).amount).toBe(160_000);
    // 20 AS: capped at P/4000: 120,000 + 20,000 × 3.25 = 185,000
    expect(socialWorkerIncentive(20, 65_000)).toEqual({ eligible: true, firstTier: 120_000, secondTier: 65_000, amount: 185_000 });
  });

  it("levels against 1:5,000 and 1:4,000", () => {
    expect(assessSocialWorkers(50_000, 12.5)).toMatchObject({ level: "obiettivo", residentsPerAs: 4000, gapToGoal: 0 });
    expect(assessSocialWorkers(50_000, 10)).toMatchObject({ level: "livello_minimo", gapToMinimum: 0, gapToGoal: 2.5 });
    expect(assessSocialWorkers(50_000, 8)).toMatchObject({ level: "sotto_minimo", gapToMinimum: 2, requiredForMinimum: 10 });
    expect(assessSocialWorkers(null, 8).level).toBe("dato_mancante");
  });
});

// The table-protection module has its own tests in tests/unit/lib/disclosure/; these cover the one-row helper.
describe("disclosure control, one row", () => {
  it("suppresses small counts, not zeros by default", () => {
    expect([0, 1, 2, 3].map((v) => isSensitiveCount(v))).toEqual([false, true, true, false]);
    expect(isSensitiveCount(0, { suppressZeros: true })).toBe(true);
    expect(isSensitiveCount(4, { threshold: 5 })).toBe(true);
  });

  it("adds a secondary cell so the total does not reveal the hidden one", () => {
    const r = protectRow(
      [
        { key: "Norcia", value: 40 },
        { key: "Poggiodomo", value: 1 },
        { key: "Preci", value: 7 },
        { key: "Cascia", value: 25 },
      ],
      73,
    );
    expect(r.cells.map((c) => [c.key, c.value, c.reason])).toEqual([
      ["Norcia", 40, null],
      ["Poggiodomo", null, "primaria"],
      ["Preci", null, "secondaria"],
      ["Cascia", 25, null],
    ]);
    expect(r.total).toEqual({ value: 73, suppressed: false, reason: null });
  });

  it("[1, 1, 1, 10] with total 13: the three 1s are not left pinned", () => {
    // The former rule stopped at "hidden cells sum ≥ 3": each hidden cell was then known to be 1.
    const r = protectRow([{ key: "a", value: 1 }, { key: "b", value: 1 }, { key: "c", value: 1 }, { key: "d", value: 10 }], 13);
    expect(r.cells.map((c) => c.reason)).toEqual(["primaria", "primaria", "primaria", "secondaria"]);
    expect(r.total).toEqual({ value: 13, suppressed: false, reason: null });
  });

  it("suppresses the total when it is itself a small count", () => {
    const r = protectRow([{ key: "a", value: 2 }, { key: "b", value: 0 }], 2);
    expect(r.total).toEqual({ value: null, suppressed: true, reason: "primaria" });
  });

  it("a total that includes a missing cell protects the hidden one through it", () => {
    // b is missing but the total says it is 10: a ∈ [1, 12], nothing else to hide.
    const r = protectRow([{ key: "a", value: 2 }, { key: "b", value: null }, { key: "c", value: 0 }], 12);
    expect(r.cells.map((c) => [c.value, c.suppressed])).toEqual([[null, true], [null, false], [0, false]]);
    expect(r.total).toMatchObject({ value: 12, suppressed: false });
  });

  it("needs no secondary suppression without a total or without small cells", () => {
    expect(protectRow([{ key: "a", value: 2 }, { key: "b", value: 9 }], undefined).cells.map((c) => c.suppressed)).toEqual([true, false]);
    expect(protectRow([{ key: "a", value: 5 }, { key: "b", value: 9 }], 14).cells.every((c) => !c.suppressed)).toBe(true);
  });
});
