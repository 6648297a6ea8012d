import { describe, expect, it } from "vitest";
import { AMPI_METHOD_IT, ampiOfComponents, computeAmpi, decileOfRank, rankByIndex, type AmpiValue } from "@/lib/fragility/ampi";

const v = (unit: string, indicator: string, year: number, value: number | null): AmpiValue => ({ unit, indicator, year, value });

describe("AMPI+ hand-computed example", () => {
  // I1 = % 75+ (moves with fragility, +1), Ref 15; values 10..20 → range 10; r = 100 + 6·(x − 15).
  // I2 = income (against fragility, −1), Ref 20 000; values 18 000..22 000 → range 4 000; r = 100 − 0.015·(x − 20 000).
  //   A: I1 10 → 70,  I2 18 000 → 130: M 100,   S 30,   cv 0.3,        AMPI+ = 109
  //   B: I1 15 → 100, I2 20 000 → 100: M 100,   S 0,                   AMPI+ = 100
  //   C: I1 20 → 130, I2 21 000 → 85:  M 107.5, S 22.5, cv 22.5/107.5, AMPI+ = 107.5 + 22.5²/107.5 = 112.2093…
  //   D: I1 16 → 106, I2 19 600 → 106: M 106,   S 0,                   AMPI+ = 106
  //   E: I1 missing → excluded (its income 22 000 still sets Max of I2).
  // A (mean 100, unbalanced) ranks as more fragile than D (mean 106, balanced): the penalty at work.
  const result = computeAmpi({
    year: 2024,
    indicators: [
      { code: "PERC_75_PLUS", polarity: 1, reference: 15 },
      { code: "REDDITO_MEDIO", polarity: -1, reference: 20000 },
    ],
    units: [{ id: "A" }, { id: "B" }, { id: "C", name: "Comune C" }, { id: "D" }, { id: "E" }],
    values: [
      v("A", "PERC_75_PLUS", 2024, 10), v("A", "REDDITO_MEDIO", 2024, 18000),
      v("B", "PERC_75_PLUS", 2024, 15), v("B", "REDDITO_MEDIO", 2024, 20000),
      v("C", "PERC_75_PLUS", 2024, 20), v("C", "REDDITO_MEDIO", 2024, 21000),
      v("D", "PERC_75_PLUS", 2024, 16), v("D", "REDDITO_MEDIO", 2024, 19600),
      v("E", "PERC_75_PLUS", 2024, null), v("E", "REDDITO_MEDIO", 2024, 22000),
      v("Z", "PERC_75_PLUS", 2024, 99), // not a unit of the input: ignored
    ],
  });
  const byId = new Map(result.units.map((u) => [u.unit, u]));

  it("reports method, goalposts and references", () => {
    expect(result.method).toBe("AMPI+");
    expect(result.baseYear).toBe(2024);
    expect(result.indicators).toEqual([
      { code: "PERC_75_PLUS", polarity: 1, reference: 15, min: 10, max: 20 },
      { code: "REDDITO_MEDIO", polarity: -1, reference: 20000, min: 18000, max: 22000 },
    ]);
  });

  it("normalises with polarity", () => {
    expect(byId.get("A")!.components).toEqual([
      { indicator: "PERC_75_PLUS", value: 10, normalized: 70 },
      { indicator: "REDDITO_MEDIO", value: 18000, normalized: 130 },
    ]);
    expect(byId.get("C")!.components.map((c) => c.normalized)).toEqual([130, 85]);
    expect(byId.get("D")!.components.map((c) => c.normalized)).toEqual([106, 106]);
  });

  it("computes mean, std, cv and the penalised index", () => {
    const a = byId.get("A")!;
    expect(a.mean).toBeCloseTo(100, 10);
    expect(a.std).toBeCloseTo(30, 10);
    expect(a.cv).toBeCloseTo(0.3, 10);
    expect(a.penalty).toBeCloseTo(9, 10);
    expect(a.index).toBeCloseTo(109, 10);
    expect(byId.get("B")!.index).toBeCloseTo(100, 10);
    expect(byId.get("C")!.index).toBeCloseTo(107.5 + (22.5 * 22.5) / 107.5, 10);
    expect(byId.get("D")!.index).toBeCloseTo(106, 10);
  });

  it("ranks 1 = most fragile, deciles for N = 4 are 10, 8, 5, 3", () => {
    expect(result.units.map((u) => [u.unit, u.rank, u.decile])).toEqual([
      ["C", 1, 10],
      ["A", 2, 8],
      ["D", 3, 5],
      ["B", 4, 3],
      ["E", null, null],
    ]);
    expect(byId.get("C")!.name).toBe("Comune C");
  });

  it("excludes a unit with a missing component and says why", () => {
    const e = byId.get("E")!;
    expect(e.excluded).toBe(true);
    expect(e.index).toBeNull();
    expect(e.exclusionReason).toMatch(/PERC_75_PLUS/);
    expect(e.components).toEqual([
      { indicator: "PERC_75_PLUS", value: null, normalized: null },
      { indicator: "REDDITO_MEDIO", value: 22000, normalized: 70 },
    ]);
  });
});

describe("AMPI over years", () => {
  // One indicator, Ref 50. 2023: X 40, Y 60; 2024: X 45, Y 80. Base 2023 → Min 40, Max 80, range 40.
  // 2024: X 100 + 60·(−5)/40 = 92.5; Y 100 + 60·30/40 = 145. 2023: X 85, Y 115.
  const values = [v("X", "I", 2023, 40), v("Y", "I", 2023, 60), v("X", "I", 2024, 45), v("Y", "I", 2024, 80)];
  it("spans goalposts from the base year and gives the change from the previous year", () => {
    const r = computeAmpi({ year: 2024, baseYear: 2023, indicators: [{ code: "I", polarity: 1, reference: 50 }], units: [{ id: "X" }, { id: "Y" }], values });
    expect(r.indicators[0]).toMatchObject({ min: 40, max: 80 });
    const [y, x] = r.units;
    expect(y).toMatchObject({ unit: "Y", index: 145, previousIndex: 115, change: 30, rank: 1, previousRank: 1 });
    expect(x!.index).toBeCloseTo(92.5);
    expect(x!.previousIndex).toBeCloseTo(85);
    expect(x!.change).toBeCloseTo(7.5);
  });
  it("with the default base year uses only the year shown", () => {
    const r = computeAmpi({ year: 2024, indicators: [{ code: "I", polarity: 1, reference: 50 }], units: [{ id: "X" }, { id: "Y" }], values });
    expect(r.indicators[0]).toMatchObject({ min: 45, max: 80 });
    expect(r.units.find((u) => u.unit === "X")!.index).toBeCloseTo(100 + (60 * -5) / 35);
  });
  it("with base = year the change still uses goalposts that include the previous year: Y +30, not +34,3", () => {
    const r = computeAmpi({ year: 2024, indicators: [{ code: "I", polarity: 1, reference: 50 }], units: [{ id: "X" }, { id: "Y" }], values });
    const y = r.units.find((u) => u.unit === "Y")!;
    // Goalposts 40..80 over both years: 2024 145, 2023 115 → +30 (the same as with base 2023).
    expect(y.change).toBeCloseTo(30, 10);
    expect(y.previousIndex).toBeCloseTo(115, 10);
    expect(r.units.find((u) => u.unit === "X")!.change).toBeCloseTo(7.5, 10);
  });
  it("rejects a base year after the year shown and a zero polarity", () => {
    expect(() => computeAmpi({ year: 2023, baseYear: 2024, indicators: [{ code: "I", polarity: 1, reference: 1 }], units: [], values: [] })).toThrow();
    expect(() => computeAmpi({ year: 2023, indicators: [{ code: "I", polarity: 0 as never, reference: 1 }], units: [], values: [] })).toThrow();
  });
});

describe("AMPI edge cases", () => {
  it("Max = Min gives 100 for everyone: the index does not discriminate, so no decile (not 'decile 10' for all)", () => {
    const r = computeAmpi({
      year: 2024,
      indicators: [{ code: "I", polarity: -1, reference: 7 }],
      units: [{ id: "P" }, { id: "Q" }],
      values: [v("P", "I", 2024, 3), v("Q", "I", 2024, 3)],
    });
    expect(r.units.map((u) => [u.index, u.rank, u.decile])).toEqual([[100, 1.5, null], [100, 1.5, null]]);
    expect(r.discriminates).toBe(false);
    expect(r.nonDiscriminationReason).toMatch(/stesso indice/);
  });
  it("one comune alone does not discriminate either", () => {
    const r = computeAmpi({ year: 2024, indicators: [{ code: "I", polarity: 1, reference: 7 }], units: [{ id: "P" }], values: [v("P", "I", 2024, 3)] });
    expect(r.units[0]).toMatchObject({ rank: 1, decile: null });
    expect(r.nonDiscriminationReason).toMatch(/solo comune/);
  });
  it("ties take the mid-rank and the decile of that rank", () => {
    // Ref 50, goalposts 40..80: A 80 → 145, B and C 60 → 115, D 40 → 85.
    const r = computeAmpi({
      year: 2024,
      indicators: [{ code: "I", polarity: 1, reference: 50 }],
      units: [{ id: "A" }, { id: "B" }, { id: "C" }, { id: "D" }],
      values: [v("A", "I", 2024, 80), v("B", "I", 2024, 60), v("C", "I", 2024, 60), v("D", "I", 2024, 40)],
    });
    expect(r.discriminates).toBe(true);
    expect(r.units.map((u) => [u.unit, u.rank, u.decile])).toEqual([["A", 1, 10], ["B", 2.5, 7], ["C", 2.5, 7], ["D", 4, 3]]);
  });
  it("a unit excluded by the caller (missing input in the base year) is left out of goalposts and ranking, with its reason", () => {
    const r = computeAmpi({
      year: 2024,
      indicators: [{ code: "I", polarity: 1, reference: 50 }],
      units: [{ id: "A" }, { id: "B" }, { id: "Z" }],
      values: [v("A", "I", 2024, 40), v("B", "I", 2024, 60), v("Z", "I", 2024, 1000)],
      excluded: new Map([["Z", "manca POP nel 2023"]]),
    });
    expect(r.indicators[0]).toMatchObject({ min: 40, max: 60 });
    expect(r.units.map((u) => [u.unit, u.rank])).toEqual([["B", 1], ["A", 2], ["Z", null]]);
    expect(r.units[2]).toMatchObject({ excluded: true, exclusionReason: "manca POP nel 2023" });
  });
  it("AMPI− subtracts the penalty for a positive phenomenon", () => {
    expect(ampiOfComponents([70, 130], "positive").index).toBeCloseTo(91);
    expect(ampiOfComponents([70, 130]).index).toBeCloseTo(109);
  });
  it("decile formula", () => {
    expect([1, 2, 3, 10].map((r) => decileOfRank(r, 10))).toEqual([10, 9, 8, 1]);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((r) => decileOfRank(r, 12))).toEqual([10, 10, 9, 8, 7, 6, 5, 5, 4, 3, 2, 1]);
    expect(decileOfRank(1, 1)).toBe(10);
    expect(() => decileOfRank(0, 3)).toThrow();
  });
  it("has an Italian explanation", () => {
    expect(AMPI_METHOD_IT).toMatch(/Mazziotta/);
    expect(AMPI_METHOD_IT).toMatch(/decile/);
  });
});

describe("rankByIndex: ranking again when a reader's view withholds indices", () => {
  const base = computeAmpi({
    year: 2024,
    indicators: [{ code: "I", polarity: 1, reference: 15 }],
    units: [{ id: "A" }, { id: "B" }, { id: "C" }, { id: "D" }],
    values: [v("A", "I", 2024, 10), v("B", "I", 2024, 20), v("C", "I", 2024, 15), v("D", "I", 2024, 18)],
  });
  const withhold = (ids: string[]) => base.units.map((u) => (ids.includes(u.unit) ? { ...u, index: null } : u));

  it("ranks the shown units among themselves, with deciles over their number, the withheld last in input order", () => {
    expect(base.units.map((u) => [u.unit, u.rank, u.decile])).toEqual([["B", 1, 10], ["D", 2, 8], ["C", 3, 5], ["A", 4, 3]]);
    const r = rankByIndex(withhold(["D", "B"]), ["A", "B", "C", "D"]);
    expect(r.units.map((u) => [u.unit, u.rank, u.decile])).toEqual([["C", 1, 10], ["A", 2, 5], ["B", null, null], ["D", null, null]]);
    expect(r.discriminates).toBe(true);
  });

  it("says the index does not discriminate when one unit is left shown", () => {
    const r = rankByIndex(withhold(["A", "B", "D"]), ["A", "B", "C", "D"]);
    expect(r.units.find((u) => u.unit === "C")).toMatchObject({ rank: 1, decile: null });
    expect(r.discriminates).toBe(false);
    expect(r.nonDiscriminationReason).toMatch(/Un solo comune/);
  });
});
