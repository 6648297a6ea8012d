import { describe, expect, it } from "vitest";
import { fittedDomain, niceStep } from "@/lib/chart-scale";

describe("chart axis bounds", () => {
  it("round steps", () => {
    expect([0.3, 1, 1.2, 2.2, 4, 7, 120, 0.012].map(niceStep)).toEqual([0.5, 1, 2, 2.5, 5, 10, 200, 0.02]);
  });

  it("fits a level to its data instead of starting from zero: a fall of 2.2% is visible", () => {
    const population = [20_054, 19_900, 19_780, 19_700, 19_610];
    const [low, high] = fittedDomain(population)!;
    expect(low).toBeGreaterThan(19_000);
    expect(high).toBeLessThan(20_500);
    expect(low).toBeLessThanOrEqual(19_610);
    expect(high).toBeGreaterThanOrEqual(20_054);
    // Most of the axis is the data's own range.
    expect((20_054 - 19_610) / (high - low)).toBeGreaterThan(0.5);
  });

  it("keeps zero as the floor of non-negative data and follows negative values below it", () => {
    expect(fittedDomain([0.2, 3, 4])![0]).toBe(0);
    const [low, high] = fittedDomain([-12, -3, 4])!;
    expect(low).toBeLessThanOrEqual(-12);
    expect(high).toBeGreaterThanOrEqual(4);
  });

  it("a flat series sits in a band around its value; no data leaves the chart's default", () => {
    const [low, high] = fittedDomain([25, 25, null, 25])!;
    expect(low).toBeLessThan(25);
    expect(high).toBeGreaterThan(25);
    expect(fittedDomain([null, undefined])).toBeUndefined();
    expect(fittedDomain([0, 0])).toEqual([0, 1]);
  });

  it("bounds are round numbers without binary noise", () => {
    const [low, high] = fittedDomain([0.31, 0.42, 0.38])!;
    expect(String(low)).toMatch(/^\d+(\.\d{1,3})?$/);
    expect(String(high)).toMatch(/^\d+(\.\d{1,3})?$/);
  });
});
