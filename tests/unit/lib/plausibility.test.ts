import { describe, expect, it } from "vitest";
import { declaredScale, impliedScale, isPercentage, isTenfoldJump, jumpWarning, periodWarning, valueBreaches, type PlausibilityDefinition } from "@/lib/indicators/plausibility";

const def = (over: Partial<PlausibilityDefinition> = {}): PlausibilityDefinition => ({
  code: "X",
  unit: "persone",
  aggregation: "sum",
  isCountOfPeople: false,
  decimals: 1,
  scale: null,
  validMin: null,
  validMax: null,
  ...over,
});
const obs = (value: number | null, numerator: number | null = null, denominator: number | null = null, valueDecimals = 2) => ({ value, numerator, denominator, valueDecimals });
const rules = (d: PlausibilityDefinition, o: ReturnType<typeof obs>, scale: number | null = null) => valueBreaches(d, o, scale).map((b) => b.rule);

describe("counts of people are integers ≥ 0", () => {
  const count = def({ isCountOfPeople: true });
  it("refuses a negative or fractional count, names the rule", () => {
    expect(rules(count, obs(-1))).toEqual(["conteggio di persone"]);
    expect(rules(count, obs(2.5))).toEqual(["conteggio di persone"]);
    expect(valueBreaches(count, obs(2.5), null)[0]?.message).toMatch(/regola «conteggio di persone»/);
  });
  it("accepts 0 and 12", () => {
    expect(rules(count, obs(0))).toEqual([]);
    expect(rules(count, obs(12))).toEqual([]);
  });
  it("does not apply to indicators that are not counts of people", () => expect(rules(def(), obs(-1))).toEqual([]));
  it("a ratio flagged as counting people: its numerator is the count, the rate itself may be fractional", () => {
    const rate = def({ unit: "%", aggregation: "ratio", isCountOfPeople: true });
    expect(rules(rate, obs(14.77, 13, 88))).toEqual([]);
    expect(rules(rate, obs(14.77, 13.5, 88))).toEqual(["conteggio di persone"]);
  });
});

describe("percentages are in 0–100 unless the catalogue allows more", () => {
  const pct = def({ unit: "%", aggregation: "ratio" });
  it("refuses 100,1 and -0,1", () => {
    expect(rules(pct, obs(100.1))).toEqual(["percentuale"]);
    expect(rules(pct, obs(-0.1))).toEqual(["percentuale"]);
    expect(rules(pct, obs(100))).toEqual([]);
  });
  it("a valid range in the catalogue replaces 0–100", () => {
    expect(rules({ ...pct, validMin: -50, validMax: 300 }, obs(150))).toEqual([]);
    expect(rules({ ...pct, validMin: -50, validMax: 300 }, obs(301))).toEqual(["intervallo valido"]);
  });
  it("recognises % units, not per 1.000", () => {
    expect(isPercentage({ unit: "%" })).toBe(true);
    expect(isPercentage({ unit: "% sulla popolazione" })).toBe(true);
    expect(isPercentage({ unit: "per 1.000 ab." })).toBe(false);
  });
});

describe("the catalogue's valid range", () => {
  it("applies either bound alone", () => {
    expect(rules(def({ validMin: 10 }), obs(9))).toEqual(["intervallo valido"]);
    expect(rules(def({ validMax: 10 }), obs(11))).toEqual(["intervallo valido"]);
    expect(valueBreaches(def({ validMin: 1, validMax: 10 }), obs(11), null)[0]?.message).toMatch(/tra 1 e 10/);
  });
});

describe("a value with numerator and denominator agrees with them within the rounding of its decimals", () => {
  const pct = def({ unit: "%", aggregation: "ratio", decimals: 2 });
  it("14,77 for 1.477 / 10.000 × 100 agrees; 14,87 does not", () => {
    expect(rules(pct, obs(14.77, 1477, 10000), 100)).toEqual([]);
    expect(rules(pct, obs(14.87, 1477, 10000), 100)).toEqual(["coerenza con numeratore e denominatore"]);
    expect(valueBreaches(pct, obs(14.87, 1477, 10000), 100)[0]?.message).toMatch(/fa 14,77, non 14,87/);
  });
  it("the tolerance follows the coarser of the indicator's and the file's decimals", () => {
    expect(rules(pct, obs(14.8, 1477, 10000, 1), 100)).toEqual([]);
    expect(rules(pct, obs(14.9, 1477, 10000, 1), 100)).toEqual(["coerenza con numeratore e denominatore"]);
  });
  it("a zero denominator with a value is a breach", () => expect(rules(pct, obs(1, 1, 0), 100)).toEqual(["coerenza con numeratore e denominatore"]));
});

describe("scales", () => {
  it("infers a power of ten from a row's own numbers, or none", () => {
    expect(impliedScale(obs(14.77, 1477, 10000))).toBe(100);
    expect(impliedScale(obs(147.7, 1477, 10000))).toBe(1000);
    expect(impliedScale(obs(0.1477, 1477, 10000, 4))).toBe(1);
    expect(impliedScale(obs(33, 1477, 10000))).toBeNull();
  });
  it("declares the catalogue's scale, else the unit's", () => {
    expect(declaredScale(def({ scale: 1000, unit: "%" }))).toBe(1000);
    expect(declaredScale(def({ unit: "%" }))).toBe(100);
    expect(declaredScale(def({ unit: "per 10.000 residenti" }))).toBe(10000);
    expect(declaredScale(def({ unit: "per mille" }))).toBe(1000);
    expect(declaredScale(def({ unit: "indice" }))).toBeNull();
  });
});

describe("warnings", () => {
  it("a value 10× or 1/10 of the previous year's", () => {
    expect(isTenfoldJump(1000, 100)).toBe(true);
    expect(isTenfoldJump(10, 100)).toBe(true);
    expect(isTenfoldJump(999, 100)).toBe(false);
    expect(isTenfoldJump(0, 100)).toBe(false);
    expect(isTenfoldJump(-1000, 100)).toBe(false);
    expect(jumpWarning(1000, 100, "2023")).toMatch(/10 volte il valore dello stesso territorio nel 2023/);
    expect(jumpWarning(10, 100, "2023")).toMatch(/meno di un decimo/);
  });
  it("a period after the current year or before 1990", () => {
    expect(periodWarning(2027, 2026)).toMatch(/dopo l'anno in corso \(2026\)/);
    expect(periodWarning(1989, 2026)).toMatch(/prima del 1990/);
    expect(periodWarning(2026, 2026)).toBeNull();
    expect(periodWarning(1990, 2026)).toBeNull();
  });
});
