import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { auditPattern } from "@/lib/disclosure";
import { bruteForceIntervals, enumerationCap } from "./brute";
import { oneWay, twoWay } from "./build";

describe("exact audit", () => {
  it("finds that [1, 1, 1, 10] with total 13 and the three 1s hidden pins each of them", () => {
    const p = oneWay([1, 1, 1, 10]);
    const a = auditPattern(p, ["c0", "c1", "c2"], { exact: true });
    expect(a.passed).toBe(false);
    expect(a.intervals.get("c0")).toEqual({ min: 1, max: 1 });
    expect(a.failures.map((f) => [f.id, f.reason])).toEqual([
      ["c0", "determined"],
      ["c1", "determined"],
      ["c2", "determined"],
    ]);
  });

  it("finds a hidden pair provably below the threshold, and accepts it when the total is hidden too", () => {
    const p = oneWay([1, 2, 10]);
    const a = auditPattern(p, ["c0", "c1"], { exact: true });
    // c0 + c1 = 3, both ≥ 1: each in [1, 2], so both are known to be below 3.
    expect(a.intervals.get("c0")).toEqual({ min: 1, max: 2 });
    expect(a.failures.map((f) => f.reason)).toEqual(["provably-below-threshold", "provably-below-threshold"]);
    const b = auditPattern(p, ["c0", "c1", "T"], { exact: true });
    expect(b.passed).toBe(true);
    expect(b.intervals.get("c0")).toEqual({ min: 1, max: Infinity });
  });

  it("zeros hidden (showZeros false) lower the intruder's bound to 0", () => {
    const p = oneWay([1, 1, 10], { showZeros: false });
    const a = auditPattern(p, ["c0", "c1"], { exact: true });
    expect(a.intervals.get("c0")).toEqual({ min: 0, max: 2 });
  });

  it("recovers a cell of a comune × area table from the column totals when only rows were protected", () => {
    // Row 0 protected on its own (1 and 4 hidden, the row total kept): column 0 and 1 give them back.
    const p = twoWay([
      [1, 4, 9],
      [6, 7, 8],
    ]);
    const a = auditPattern(p, ["r0c0", "r0c1"], { exact: true });
    expect(a.intervals.get("r0c0")).toEqual({ min: 1, max: 1 });
    const rect = auditPattern(p, ["r0c0", "r0c1", "r1c0", "r1c1"], { exact: true });
    expect(rect.passed).toBe(true);
    // r0c0 = t, r0c1 = 5 − t ≥ 1, r1c0 = 7 − t, r1c1 = 6 + t.
    expect(rect.intervals.get("r0c0")).toEqual({ min: 1, max: 4 });
    expect(rect.intervals.get("r1c1")).toEqual({ min: 7, max: 10 });
  });

  it("reports a shown count below the threshold", () => {
    expect(auditPattern(oneWay([2, 9]), []).failures).toEqual([expect.objectContaining({ id: "c0", reason: "shown-below-threshold" })]);
  });

  it("treats a missing cell of a total that does not add up as an unknown the reader can compute", () => {
    const p = oneWay([5, 6]);
    p.cells.push({ id: "m", value: null, kind: "people" });
    p.equations[0]!.terms.push("m");
    p.cells.find((c) => c.id === "T")!.value = 12; // the total includes m = 1
    const a = auditPattern(p, [], { exact: true });
    expect(a.intervals.get("m")).toEqual({ min: 1, max: 1 });
    expect(a.passed).toBe(false);
    // A partial total (= the sum of the cells present) says nothing about m.
    p.cells.find((c) => c.id === "T")!.value = 11;
    expect(auditPattern(p, [], { exact: true }).passed).toBe(true);
  });

  const small = fc.integer({ min: 0, max: 4 });
  it("property: LP intervals equal brute-force integer intervals on random 1-D tables and patterns", () => {
    fc.assert(
      fc.property(fc.array(small, { minLength: 1, maxLength: 5 }), fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }), (values, mask) => {
        const p = oneWay(values, { showZeros: mask[6] });
        const hidden = p.cells.filter((c, i) => mask[i] && (c.value !== 0 || !p.showZeros)).map((c) => c.id).slice(0, 4);
        compareWithBruteForce(p, hidden);
      }),
      { numRuns: 300 },
    );
  });

  it("property: LP intervals equal brute-force integer intervals on random 2-D tables with margins", () => {
    const table = fc.integer({ min: 2, max: 3 }).chain((rows) => fc.integer({ min: 2, max: 3 }).chain((cols) => fc.array(fc.array(small, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows })));
    fc.assert(
      fc.property(table, fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }), (values, mask) => {
        const p = twoWay(values);
        const hidden = p.cells.filter((c, i) => mask[i] && c.value !== 0).map((c) => c.id).slice(0, 6);
        compareWithBruteForce(p, hidden);
      }),
      { numRuns: 150 },
    );
  });
});

function compareWithBruteForce(p: ReturnType<typeof oneWay>, hidden: string[]): void {
  const cap = enumerationCap(p, new Set(hidden));
  const bf1 = bruteForceIntervals(p, new Set(hidden), cap);
  const bf2 = bruteForceIntervals(p, new Set(hidden), cap + 1);
  const audit = auditPattern(p, hidden, { exact: true });
  for (const id of hidden) {
    const lp = audit.intervals.get(id)!;
    expect({ id, min: lp.min }).toEqual({ id, min: bf1.get(id)!.min });
    const max = bf2.get(id)!.max > bf1.get(id)!.max ? Infinity : bf1.get(id)!.max;
    expect({ id, max: lp.max }).toEqual({ id, max });
  }
}
