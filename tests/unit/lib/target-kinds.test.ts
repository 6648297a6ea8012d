import { describe, expect, it } from "vitest";
import { evaluateTarget, expectedValue, isMaintenance, TARGET_STATUS_LABELS_IT, TARGET_STATUS_RULE_IT, type TargetSpec } from "@/lib/targets/status";
import { projectTarget, PROJECTION_RULE_IT, type ProjectionBand } from "@/lib/targets/projection";
import { formatMilestones, parseMilestones, targetProblems } from "@/lib/targets/validate";
import { parsePlanYears } from "@/lib/targets/plan";
import { assessSocialWorkers, socialWorkerIncentive } from "@/lib/leps/social-workers";

// LEPS: at most 5,000 residents per social worker, every year.
const leps: TargetSpec = { kind: "ceiling", baselineYear: 2023, baselineValue: 6600, targetYear: 2026, targetValue: 5000, polarity: -1 };
// Nidi: at least 33% (a floor), higher is better.
const nidiFloor: TargetSpec = { kind: "floor", baselineYear: null, baselineValue: null, targetYear: 2027, targetValue: 33, polarity: 1 };

describe("floors and ceilings hold every year, whatever a trajectory says", () => {
  it("1:5,000 is not met at 5,300 residents per AS even when a trajectory would be on track", () => {
    // As a trajectory 6,600 → 5,000 the 2025 expected value is 5,533: 5,300 is ahead of it.
    const asTrajectory = { ...leps, kind: "trajectory" as const };
    expect(evaluateTarget(asTrajectory, { year: 2025, value: 5300 }).status).toBe("in_linea");
    expect(evaluateTarget(leps, { year: 2025, value: 5300 })).toMatchObject({ status: "non_rispettato", expected: 5000, gap: 300 });
    expect(evaluateTarget(leps, { year: 2024, value: 5000 }).status).toBe("rispettato");
    expect(evaluateTarget(leps, { year: 2024, value: 4100 })).toMatchObject({ status: "rispettato", gap: -900 });
    expect(evaluateTarget(leps, { year: 2030, value: 5001 }).status).toBe("non_rispettato");
    expect(evaluateTarget(leps, { year: 2024, value: null }).status).toBe("dato_mancante");
  });

  it("a floor is met at or above the threshold", () => {
    expect(evaluateTarget(nidiFloor, { year: 2024, value: 33 }).status).toBe("rispettato");
    expect(evaluateTarget(nidiFloor, { year: 2024, value: 32.9 }).status).toBe("non_rispettato");
    expect(evaluateTarget(nidiFloor, null).status).toBe("dato_mancante");
    expect(expectedValue(nidiFloor, 2020)).toBe(33);
  });
});

describe("trajectories through milestones (piecewise linear)", () => {
  // Lower is better: 6,600 (2023) → 6,000 (2024) → 5,000 (2026).
  const path: TargetSpec = { baselineYear: 2023, baselineValue: 6600, targetYear: 2026, targetValue: 5000, polarity: -1, milestones: [{ year: 2024, value: 6000 }] };

  it("the expected value follows each segment", () => {
    expect(expectedValue(path, 2024)).toBe(6000);
    expect(expectedValue(path, 2025)).toBe(5500);
    expect(expectedValue({ ...path, milestones: [] }, 2024)).toBeCloseTo(6066.667, 3);
    expect(expectedValue(path, 2022)).toBe(6600);
    expect(expectedValue(path, 2027)).toBe(5000);
  });

  it("status is judged against the milestone's line", () => {
    // 2024: expected gain 600. 6,050 → 550/600 = 0.92 a rischio; without the milestone 550/533 in linea.
    expect(evaluateTarget(path, { year: 2024, value: 6050 }).status).toBe("a_rischio");
    expect(evaluateTarget({ ...path, milestones: [] }, { year: 2024, value: 6050 }).status).toBe("in_linea");
    expect(evaluateTarget(path, { year: 2024, value: 6200 }).status).toBe("fuori_traiettoria");
    expect(evaluateTarget(path, { year: 2025, value: 5500 })).toMatchObject({ status: "in_linea", progressRatio: 1 });
  });

  it("higher is better through a milestone", () => {
    const up: TargetSpec = { baselineYear: 2022, baselineValue: 20, targetYear: 2027, targetValue: 33, polarity: 1, milestones: [{ year: 2025, value: 28.9 }] };
    expect(expectedValue(up, 2025)).toBe(28.9);
    expect(evaluateTarget(up, { year: 2025, value: 29 }).status).toBe("in_linea");
    expect(evaluateTarget(up, { year: 2025, value: 27 }).status).toBe("a_rischio"); // 7/8.9 = 0.79
    expect(evaluateTarget(up, { year: 2025, value: 25 }).status).toBe("fuori_traiettoria");
  });
});

describe("targets already met and past target years", () => {
  const nidi: TargetSpec = { baselineYear: 2022, baselineValue: 20, targetYear: 2026, targetValue: 32, polarity: 1 };
  it("already met before the target year is raggiunto, in both directions", () => {
    expect(evaluateTarget(nidi, { year: 2023, value: 32 }).status).toBe("raggiunto");
    expect(evaluateTarget({ ...leps, kind: "trajectory" }, { year: 2024, value: 4900 }).status).toBe("raggiunto");
  });
  it("a past target year not reached is fuori traiettoria for both polarities", () => {
    expect(evaluateTarget(nidi, { year: 2028, value: 31 }).status).toBe("fuori_traiettoria");
    expect(evaluateTarget({ ...leps, kind: "trajectory" }, { year: 2027, value: 5100 })).toMatchObject({ status: "fuori_traiettoria", expected: 5000 });
  });
});

describe("maintenance targets (baseline = target) have a tolerance", () => {
  const keepUp: TargetSpec = { baselineYear: 2023, baselineValue: 80, targetYear: 2026, targetValue: 80, polarity: 1, tolerance: 2 };
  const keepDown: TargetSpec = { baselineYear: 2023, baselineValue: 10, targetYear: 2026, targetValue: 10, polarity: -1 };
  it("higher is better", () => {
    expect(isMaintenance(keepUp)).toBe(true);
    expect(evaluateTarget(keepUp, { year: 2024, value: 81 }).status).toBe("raggiunto");
    expect(evaluateTarget(keepUp, { year: 2024, value: 78.5 }).status).toBe("in_linea");
    expect(evaluateTarget(keepUp, { year: 2024, value: 77 }).status).toBe("a_rischio");
    expect(evaluateTarget(keepUp, { year: 2024, value: 75 }).status).toBe("fuori_traiettoria");
  });
  it("lower is better, default tolerance 5% of the target", () => {
    expect(evaluateTarget(keepDown, { year: 2024, value: 9 }).status).toBe("raggiunto");
    expect(evaluateTarget(keepDown, { year: 2024, value: 10.5 }).status).toBe("in_linea");
    expect(evaluateTarget(keepDown, { year: 2024, value: 10.9 }).status).toBe("a_rischio");
    expect(evaluateTarget(keepDown, { year: 2024, value: 11.2 }).status).toBe("fuori_traiettoria");
  });
  it("neutral polarity counts a departure either way", () => {
    const keep: TargetSpec = { baselineYear: 2023, baselineValue: 50, targetYear: 2026, targetValue: 50, polarity: 0, tolerance: 1 };
    expect(evaluateTarget(keep, { year: 2024, value: 50.5 }).status).toBe("in_linea");
    expect(evaluateTarget(keep, { year: 2024, value: 48.5 }).status).toBe("a_rischio");
    expect(evaluateTarget(keep, { year: 2024, value: 53 }).status).toBe("fuori_traiettoria");
  });
});

describe("projection", () => {
  const up: TargetSpec = { baselineYear: 2021, baselineValue: 20, targetYear: 2027, targetValue: 33, polarity: 1 };
  const down: TargetSpec = { baselineYear: 2021, baselineValue: 6600, targetYear: 2027, targetValue: 5000, polarity: -1 };
  // Series ending in 2024 (first year computed from the length).
  const ending = (values: (number | null)[]) => values.map((value, i) => ({ year: 2024 - values.length + 1 + i, value }));
  const band = (spec: TargetSpec, values: (number | null)[]): ProjectionBand => projectTarget(spec, ending(values)).band;

  it("higher is better: every band (26 in 2024, 7 points still missing by 2027)", () => {
    expect(projectTarget(up, ending([17, 20, 23, 26]))).toMatchObject({ band: "raggiunge", slope: 3, projected: 35, missShare: 0 });
    expect(band(up, [19.25, 21.5, 23.75, 26])).toBe("raggiunge"); // 32.75: misses 0.25/7 = 3.6% < 5%
    expect(projectTarget(up, ending([20, 22, 24, 26]))).toMatchObject({ band: "manca_di_poco", slope: 2, projected: 32 }); // 1/7 = 14%
    expect(band(up, [23, 24.5, 26])).toBe("lontano"); // 30.5: misses 2.5/7 = 36%
    expect(band(up, [26, 26, 26])).toBe("lontano"); // flat: not the wrong way, but far
    expect(band(up, [28, 27, 26])).toBe("direzione_sbagliata");
  });

  it("lower is better: every band (5,600 in 2024, 600 still missing by 2027)", () => {
    expect(band(down, [6200, 6000, 5800, 5600])).toBe("raggiunge"); // 5,000
    expect(band(down, [6110, 5940, 5770, 5600])).toBe("manca_di_poco"); // 5,090: 90/600 = 15%
    expect(band(down, [6050, 5900, 5750, 5600])).toBe("lontano"); // 5,150: 25%
    expect(band(down, [5400, 5500, 5600])).toBe("direzione_sbagliata");
  });

  it("a target already met: kept when the trend holds, wrong way when it turns", () => {
    expect(band(down, [5200, 5000, 4800])).toBe("raggiunge");
    expect(band(down, [4600, 4700, 4800])).toBe("direzione_sbagliata"); // projects 5,100
    expect(band(up, [34, 34, 34])).toBe("raggiunge");
  });

  it("needs at least 3 points, a future target year, and uses the last 5 observed years", () => {
    expect(projectTarget(up, ending([null, 24, 26]))).toMatchObject({ band: "non_calcolabile", projected: null });
    expect(projectTarget(up, ending([null, 24, 26])).reason).toMatch(/almeno 3/);
    expect(projectTarget({ ...up, targetYear: 2024 }, ending([20, 22, 24, 26])).band).toBe("non_calcolabile");
    // Seven years: over all of them the trend is negative; over the last five it reaches.
    const long = ending([40, 40, 16, 18.5, 21, 23.5, 26]);
    expect(projectTarget(up, long)).toMatchObject({ band: "raggiunge", slope: 2.5 });
    expect(projectTarget(up, long).points).toHaveLength(5);
    // asOf cuts the series at the page's year.
    expect(projectTarget(up, long, 2022).points.map((p) => p.year)).toEqual([2018, 2019, 2020, 2021, 2022]);
  });

  it("floors and ceilings project towards their threshold", () => {
    expect(band(leps, [6000, 5700, 5400])).toBe("raggiunge"); // 2026: 4,800
    expect(band(leps, [5300, 5350, 5400])).toBe("direzione_sbagliata");
    expect(PROJECTION_RULE_IT).toMatch(/20%/);
  });
});

describe("direction against polarity is refused", () => {
  const ok: TargetSpec = { baselineYear: 2023, baselineValue: 6600, targetYear: 2026, targetValue: 5000, polarity: -1, milestones: [{ year: 2024, value: 6000 }] };
  it("accepts a target that goes the indicator's way", () => {
    expect(targetProblems(ok)).toEqual([]);
    expect(targetProblems({ ...ok, baselineValue: 5000 })).toEqual([]); // maintenance
    expect(targetProblems(leps)).toEqual([]);
    expect(targetProblems(nidiFloor)).toEqual([]);
  });
  it("names the field and says why", () => {
    expect(targetProblems({ ...ok, milestones: [], targetValue: 7000 })).toEqual([{ field: "targetValue", message: expect.stringMatching(/meglio un valore più basso/) as string }]);
    expect(targetProblems({ baselineYear: 2023, baselineValue: 20, targetYear: 2026, targetValue: 18, polarity: 1 })[0]?.message).toMatch(/più alto/);
    expect(targetProblems({ ...nidiFloor, polarity: -1 })[0]).toMatchObject({ field: "kind" });
    expect(targetProblems({ ...leps, polarity: 1 })[0]).toMatchObject({ field: "kind", message: expect.stringMatching(/soglia minima/) as string });
    expect(targetProblems({ ...leps, milestones: [{ year: 2024, value: 5500 }] })[0]).toMatchObject({ field: "milestones" });
    expect(targetProblems({ ...ok, milestones: [{ year: 2027, value: 5500 }] })[0]).toMatchObject({ field: "milestones" });
    expect(targetProblems({ ...ok, milestones: [{ year: 2024, value: 6800 }] })[0]?.message).toMatch(/torna indietro/);
    expect(targetProblems({ ...ok, baselineYear: null })[0]).toMatchObject({ field: "baselineYear" });
    expect(targetProblems({ ...ok, tolerance: -1 })[0]).toMatchObject({ field: "tolerance" });
  });
  it("reads and writes milestones in Italian", () => {
    expect(parseMilestones("2025: 5.500; 2026: 5.200")).toEqual({ ok: true, value: [{ year: 2025, value: 5500 }, { year: 2026, value: 5200 }] });
    expect(parseMilestones("2025=28,9")).toEqual({ ok: true, value: [{ year: 2025, value: 28.9 }] });
    expect(parseMilestones("")).toEqual({ ok: true, value: [] });
    expect(parseMilestones("2025 5500")).toMatchObject({ ok: false });
    expect(formatMilestones([{ year: 2026, value: 5200 }, { year: 2025, value: 28.9 }])).toBe("2025: 28,9; 2026: 5.200");
    expect(parsePlanYears("PSZ 2024–2026")).toEqual({ startYear: 2024, endYear: 2026 });
    expect(parsePlanYears("2026-2024")).toBeNull();
  });
});

describe("status words and rules", () => {
  it("every status has a word and a symbol; the rule explains floors and maintenance", () => {
    expect(TARGET_STATUS_LABELS_IT.non_rispettato.label).toBe("Non rispettato");
    expect(TARGET_STATUS_RULE_IT).toMatch(/tolleranza/);
    expect(TARGET_STATUS_RULE_IT).toMatch(/5\.000 residenti/);
  });
});

describe("LEPS incentive at its edges (P = 65,000: P/6500 = 10, P/5000 = 13, P/4000 = 16.25)", () => {
  it("below P/6500 nothing is due", () => {
    expect(socialWorkerIncentive(9.99, 65_000)).toEqual({ eligible: false, firstTier: 0, secondTier: 0, amount: 0 });
    expect(socialWorkerIncentive(10, 65_000)).toEqual({ eligible: true, firstTier: 0, secondTier: 0, amount: 0 });
  });
  it("between the thresholds", () => {
    expect(socialWorkerIncentive(11.5, 65_000)).toEqual({ eligible: true, firstTier: 60_000, secondTier: 0, amount: 60_000 });
    expect(socialWorkerIncentive(13, 65_000)).toEqual({ eligible: true, firstTier: 120_000, secondTier: 0, amount: 120_000 });
    expect(socialWorkerIncentive(14.5, 65_000)).toEqual({ eligible: true, firstTier: 120_000, secondTier: 30_000, amount: 150_000 });
  });
  it("above 1:4,000 it is capped", () => {
    expect(socialWorkerIncentive(16.25, 65_000).amount).toBe(185_000);
    expect(socialWorkerIncentive(20, 65_000)).toEqual({ eligible: true, firstTier: 120_000, secondTier: 65_000, amount: 185_000 });
  });
  it("5,300 residents per AS is below the minimum", () => {
    expect(assessSocialWorkers(53_000, 10)).toMatchObject({ residentsPerAs: 5300, level: "sotto_minimo" });
    expect(assessSocialWorkers(53_000, 10).gapToMinimum).toBeCloseTo(0.6, 9);
  });
});
