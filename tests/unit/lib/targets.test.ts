import { describe, expect, it } from "vitest";
import { TARGET_STATUS_LABELS_IT, TARGET_STATUS_RULE_IT, evaluateTarget, expectedValue, type TargetSpec } from "@/lib/targets/status";

// Nidi coverage: 20% in 2022 → 32% in 2026, higher is better. Expected gain +3 points per year.
const nidi: TargetSpec = { baselineYear: 2022, baselineValue: 20, targetYear: 2026, targetValue: 32, polarity: 1 };
// Residents per social worker: 6000 in 2023 → 5000 in 2026, lower is better.
const as: TargetSpec = { baselineYear: 2023, baselineValue: 6000, targetYear: 2026, targetValue: 5000, polarity: -1 };

describe("expectedValue", () => {
  it("follows the straight line and clamps at both ends", () => {
    expect(expectedValue(nidi, 2024)).toBe(26);
    expect(expectedValue(nidi, 2020)).toBe(20);
    expect(expectedValue(nidi, 2028)).toBe(32);
    expect(expectedValue(as, 2024)).toBeCloseTo(5666.667, 3);
    expect(expectedValue({ ...nidi, baselineValue: null }, 2024)).toBeNull();
  });
});

describe("evaluateTarget", () => {
  it("higher is better", () => {
    // 2024: expected 26 (gain 6). 27 → 7/6 in linea; 24.5 → 4.5/6 = 0.75 a rischio; 24 → 0.67 fuori.
    expect(evaluateTarget(nidi, { year: 2024, value: 27 })).toMatchObject({ status: "in_linea", expected: 26 });
    expect(evaluateTarget(nidi, { year: 2024, value: 26 }).status).toBe("in_linea");
    expect(evaluateTarget(nidi, { year: 2024, value: 24.5 })).toMatchObject({ status: "a_rischio", progressRatio: 0.75 });
    expect(evaluateTarget(nidi, { year: 2024, value: 24 }).status).toBe("fuori_traiettoria");
    expect(evaluateTarget(nidi, { year: 2024, value: 19 }).status).toBe("fuori_traiettoria");
    expect(evaluateTarget(nidi, { year: 2025, value: 33 }).status).toBe("raggiunto");
  });

  it("lower is better: polarity decides the direction", () => {
    // 2025: expected 5333.3, expected gain 666.7.
    expect(evaluateTarget(as, { year: 2025, value: 5300 }).status).toBe("in_linea");
    expect(evaluateTarget(as, { year: 2025, value: 5450 }).status).toBe("a_rischio"); // 550/666.7 = 0.825
    expect(evaluateTarget(as, { year: 2025, value: 5600 }).status).toBe("fuori_traiettoria"); // 0.6
    expect(evaluateTarget(as, { year: 2025, value: 4900 })).toMatchObject({ status: "raggiunto", gap: -100 });
    expect(evaluateTarget(as, { year: 2025, value: 6200 }).status).toBe("fuori_traiettoria");
  });

  it("after the target year, not reached is off track", () => {
    expect(evaluateTarget(nidi, { year: 2026, value: 31.5 }).status).toBe("fuori_traiettoria");
    expect(evaluateTarget(nidi, { year: 2027, value: 32 }).status).toBe("raggiunto");
  });

  it("in the base year not getting worse is on track", () => {
    expect(evaluateTarget(nidi, { year: 2022, value: 20 }).status).toBe("in_linea");
    expect(evaluateTarget(nidi, { year: 2022, value: 19 }).status).toBe("fuori_traiettoria");
  });

  it("missing data", () => {
    expect(evaluateTarget(nidi, null).status).toBe("dato_mancante");
    expect(evaluateTarget(nidi, { year: 2024, value: null }).status).toBe("dato_mancante");
    const noBaseline = { ...as, baselineYear: null, baselineValue: null };
    expect(evaluateTarget(noBaseline, { year: 2024, value: 5200 }).status).toBe("dato_mancante");
    expect(evaluateTarget(noBaseline, { year: 2024, value: 4800 }).status).toBe("raggiunto");
  });

  it("neutral polarity takes the direction from baseline to target", () => {
    const down = { baselineYear: 2020, baselineValue: 10, targetYear: 2024, targetValue: 6, polarity: 0 as const };
    expect(evaluateTarget(down, { year: 2022, value: 8 }).status).toBe("in_linea");
    expect(evaluateTarget(down, { year: 2022, value: 11 }).status).toBe("fuori_traiettoria");
  });

  it("documents the rule in Italian with labels and symbols", () => {
    expect(TARGET_STATUS_RULE_IT).toMatch(/75%/);
    expect(TARGET_STATUS_LABELS_IT.a_rischio.label).toBe("A rischio");
  });
});
