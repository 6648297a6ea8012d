import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { aggregate, aggregateIndicator, aggregateZone, scaleOfRatio } from "@/lib/indicators/aggregate";
import { IndicatorDefinition, scaleOfUnit } from "@/lib/catalog/schema";
import { deriveAll, deriveIndicator, deriveObservations } from "@/lib/indicators/derive";
import { getIndicator, INDICATORS } from "@/lib/catalog/indicators";

describe("aggregate", () => {
  it("sum adds counts", () => {
    const r = aggregate("sum", [
      { unit: "A", value: 1200 },
      { unit: "B", value: 300 },
      { unit: "C", value: 35 },
    ]);
    expect(r).toMatchObject({ value: 1535, status: "complete", coverage: { contributing: 3, total: 3, missing: [] } });
  });

  it("ratio is Σ numerators / Σ denominators, not the mean of rates", () => {
    // A: 10/100 = 10%, B: 90/300 = 30%. Mean of rates would be 20%; the zone is 100/400 = 25%.
    const r = aggregate(
      "ratio",
      [
        { unit: "A", value: 10, numerator: 10, denominator: 100 },
        { unit: "B", value: 30, numerator: 90, denominator: 300 },
      ],
      { scale: 100 },
    );
    expect(r.value).toBe(25);
    expect(r.numerator).toBe(100);
    expect(r.denominator).toBe(400);
  });

  it("reports a unit without numerator/denominator as incomplete instead of guessing", () => {
    const units = [
      { unit: "A", value: 10, numerator: 10, denominator: 100 },
      { unit: "B", value: 30 },
    ];
    const r = aggregate("ratio", units, { scale: 100 });
    expect(r.status).toBe("incomplete");
    expect(r.value).toBeNull();
    expect(r.partialValue).toBe(10);
    expect(r.coverage).toEqual({ contributing: 1, total: 2, missing: ["B"] });
    expect(aggregate("ratio", units, { scale: 100, allowPartial: true }).value).toBe(10);
    expect(aggregate("sum", [{ unit: "A", value: 5 }, { unit: "B", value: null }]).status).toBe("incomplete");
  });

  it("weighted_mean weights by population", () => {
    // (40·1000 + 50·3000) / 4000 = 47.5
    const r = aggregate("weighted_mean", [
      { unit: "A", value: 40, weight: 1000 },
      { unit: "B", value: 50, weight: 3000 },
    ]);
    expect(r.value).toBe(47.5);
  });

  it("none is not aggregated, empty and zero denominators are null", () => {
    expect(aggregate("none", [{ unit: "A", value: 1 }])).toMatchObject({ value: null, status: "not_aggregable" });
    expect(aggregate("sum", [])).toMatchObject({ value: null, status: "empty" });
    expect(aggregate("ratio", [{ unit: "A", value: null, numerator: 0, denominator: 0 }])).toMatchObject({ value: null, status: "undefined" });
  });

  it("aggregateIndicator takes the scale from the formula", () => {
    const r = aggregateIndicator(getIndicator("COPERTURA_NIDI"), [
      { unit: "Narni", value: null, numerator: 60, denominator: 300 },
      { unit: "Otricoli", value: null, numerator: 0, denominator: 30 },
    ]);
    expect(r.value).toBeCloseTo(18.1818, 3);
  });

  it("property: a ratio of sums lies between the smallest and largest unit rate", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ n: fc.integer({ min: 0, max: 5000 }), d: fc.integer({ min: 1, max: 10000 }) }), { minLength: 1, maxLength: 15 }),
        (rows) => {
          const r = aggregate("ratio", rows.map((x, i) => ({ unit: String(i), value: null, numerator: x.n, denominator: x.d })));
          const rates = rows.map((x) => x.n / x.d);
          expect(r.value!).toBeGreaterThanOrEqual(Math.min(...rates) - 1e-12);
          expect(r.value!).toBeLessThanOrEqual(Math.max(...rates) + 1e-12);
        },
      ),
    );
  });
});

describe("derive", () => {
  it("computes a ratio with its scale", () => {
    const d = deriveIndicator(getIndicator("INDICE_VECCHIAIA"), { POP_65_PLUS: 300, POP_0_14: 120 });
    expect(d).toMatchObject({ value: 250, numerator: 300, denominator: 120, reason: "ok" });
  });

  it("adds numerator terms (dipendenza strutturale)", () => {
    // (120 + 300) / 580 × 100 = 72.413…
    const d = deriveIndicator(getIndicator("DIP_STRUTTURALE"), { POP_0_14: 120, POP_65_PLUS: 300, POP_15_64: 580 });
    expect(d.numerator).toBe(420);
    expect(d.value).toBeCloseTo(72.4138, 4);
  });

  it("missing input gives missing, zero denominator gives missing", () => {
    expect(deriveIndicator(getIndicator("PERC_75_PLUS"), { POP_75_PLUS: 10 })).toMatchObject({ value: null, missing: ["POP_TOT"], reason: "missing_input" });
    expect(deriveIndicator(getIndicator("PERC_75_PLUS"), new Map([["POP_75_PLUS", 10], ["POP_TOT", null]]))).toMatchObject({ value: null, reason: "missing_input" });
    expect(deriveIndicator(getIndicator("COPERTURA_NIDI"), { POSTI_NIDO: 0, POP_0_2: 0 })).toMatchObject({ value: null, reason: "zero_denominator" });
    expect(() => deriveIndicator(getIndicator("POP_TOT"), {})).toThrow();
  });

  it("deriveAll computes the whole catalogue and chains derived inputs", () => {
    const all = deriveAll(INDICATORS, { POP_TOT: 1000, POP_65_PLUS: 290, POP_0_14: 110, POP_15_64: 600, AS_FTE: 0.2 });
    expect(all.get("PERC_65_PLUS")?.value).toBeCloseTo(29);
    expect(all.get("RESIDENTI_PER_AS")?.value).toBeCloseTo(5000);
    expect(all.get("COPERTURA_NIDI")?.value).toBeNull();
    const chained = deriveAll(
      [
        { code: "A", name: "aaa", theme: "bisogni", unit: "x", polarity: 0, aggregation: "sum", isCountOfPeople: false, decimals: 0, source: "t", description: "descrizione" },
        { code: "R1", name: "r1r", theme: "bisogni", unit: "x", polarity: 0, aggregation: "ratio", formula: { numerator: "A", denominator: "A", scale: 2 }, isCountOfPeople: false, decimals: 0, source: "t", description: "descrizione" },
        { code: "R2", name: "r2r", theme: "bisogni", unit: "x", polarity: 0, aggregation: "ratio", formula: { numerator: "R1", denominator: "A", scale: 10 }, isCountOfPeople: false, decimals: 0, source: "t", description: "descrizione" },
      ].reverse() as never,
      { A: 4 },
    );
    expect(chained.get("R2")?.value).toBe(5); // R1 = 2; 2/4 × 10
  });

  it("deriveObservations yields one derived row per territory and period with numerator and denominator", () => {
    const rows = deriveObservations(INDICATORS, [
      { indicatorCode: "POP_TOT", zoneCode: "UMB-11", istat: "055022", period: "2024", value: 18000 },
      { indicatorCode: "POP_STRANIERI", zoneCode: "UMB-11", istat: "055022", period: "2024", value: 1800 },
      { indicatorCode: "POP_TOT", zoneCode: "UMB-11", istat: "055024", period: "2024", value: 1800 },
    ]);
    expect(rows).toEqual([
      { indicatorCode: "PERC_STRANIERI", zoneCode: "UMB-11", istat: "055022", period: "2024", value: 10, numerator: 1800, denominator: 18000 },
    ]);
  });
});

describe("aggregateZone: zone-level rows by the catalogue's rule", () => {
  const comuni = (...values: (number | null)[]) => values.map((value, i) => ({ unit: `C${i}`, value }));
  const ats = (value: number) => ({ unit: "zona", value });

  it("a component (social workers of the ATS) adds to the comuni: 4 + 8 = 12", () => {
    const r = aggregateZone(getIndicator("AS_FTE"), comuni(1, 3), ats(8));
    expect(r).toMatchObject({ value: 12, status: "complete", source: "comuni_and_zone_row", zoneRowValue: 8, numerator: 12 });
  });

  it("a component with a comune missing is partial over the comuni plus the ATS, never the zone's value", () => {
    const r = aggregateZone(getIndicator("AS_FTE"), comuni(1, null, 3), ats(8));
    expect(r).toMatchObject({ value: null, status: "incomplete", partialValue: 12, coverage: { contributing: 2, total: 3, missing: ["C1"] } });
  });

  it("a component without any comune's value: the ATS's row is the zone", () => {
    expect(aggregateZone(getIndicator("AS_FTE"), comuni(null, null), ats(8))).toMatchObject({ value: 8, status: "complete", source: "zone_row" });
  });

  it("an alternative total is used only when no comune has data", () => {
    const pop = getIndicator("POP_TOT");
    expect(aggregateZone(pop, comuni(100, 200), ats(999))).toMatchObject({ value: 300, status: "complete", source: "comuni" });
    expect(aggregateZone(pop, comuni(100, null), ats(999))).toMatchObject({ value: null, status: "incomplete", partialValue: 100, source: "comuni" });
    expect(aggregateZone(pop, comuni(null, null), ats(999))).toMatchObject({ value: 999, status: "complete", source: "zone_row" });
    expect(aggregateZone(pop, comuni(null, null))).toMatchObject({ value: null, status: "empty" });
  });

  it("the catalogue refuses a component on anything but a count", () => {
    const def = { ...getIndicator("PERC_65_PLUS"), zoneRow: "component" };
    expect(IndicatorDefinition.safeParse(def).success).toBe(false);
    expect(getIndicator("POP_TOT").zoneRow).toBe("alternative");
  });
});

describe("scale of a ratio's zone value", () => {
  // Four % rates imported with value, numerator and denominator and no formula (issue 9): 0.106 against 14.77.
  const units = [
    { unit: "A", value: 14.77, numerator: 1477, denominator: 10000 },
    { unit: "B", value: 5, numerator: 50, denominator: 1000 },
  ];
  const imported = { aggregation: "ratio" as const, unit: "%", formula: undefined };

  it("is the comuni's own: value ÷ (num / den)", () => {
    expect(scaleOfRatio({ ...imported, unit: "indice" }, units)).toBe(100);
    const r = aggregateIndicator({ ...imported, unit: "indice" }, units);
    expect(r.value).toBeCloseTo((1527 / 11000) * 100, 10);
  });

  it("falls back to the catalogue's scale, then to the unit", () => {
    expect(scaleOfRatio({ ...imported, scale: 1000 }, units)).toBe(1000);
    expect(scaleOfRatio(imported, [])).toBe(100);
    expect(scaleOfRatio({ ...imported, unit: "per 1.000 ab." }, [])).toBe(1000);
    expect(scaleOfRatio({ ...imported, unit: "€" }, [])).toBe(1);
    expect(scaleOfUnit("per 10.000 abitanti")).toBe(10000);
  });

  it("a derived ratio keeps its formula's scale", () => {
    expect(scaleOfRatio(getIndicator("TASSO_NATALITA"), units)).toBe(1000);
  });
});
