import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { type ProtectedTableInput, type SdcProblem, DisclosureInputError, auditPattern, protectProblem, protectTables } from "@/lib/disclosure";
import { bruteForceIntervals, enumerationCap } from "./brute";
import { hiddenIds, oneWay, twoWay } from "./build";

/**
 * The intruder of the issue: no hidden cell pinned, no primary provably below the threshold.
 * Checked by the exact audit run again on the published pattern, and, when at most `enumerateUpTo`
 * cells are hidden, by enumerating the integer solutions (no LP).
 */
function expectSafe(p: SdcProblem, status: Map<string, string>, enumerateUpTo = 6): void {
  const hidden = hiddenIds(status);
  for (const c of p.cells) {
    if (c.kind === "people" && c.value !== null && c.value > 0 && c.value < p.threshold) expect(status.get(c.id)).toBe("primary");
  }
  const audit = auditPattern(p, hidden, { exact: true });
  expect(audit.failures).toEqual([]);
  if (hidden.size > enumerateUpTo) return;
  // Enumerating up to two caps above every bounded value: a max that grows with the cap is unbounded.
  const cap = Math.max(enumerationCap(p, hidden), p.threshold);
  const iv = bruteForceIntervals(p, hidden, cap);
  const wider = bruteForceIntervals(p, hidden, cap + 1);
  for (const id of hidden) {
    const min = iv.get(id)!.min;
    const max = wider.get(id)!.max > iv.get(id)!.max ? Infinity : iv.get(id)!.max;
    expect({ id, pinned: max - min < 1 }).toEqual({ id, pinned: false });
    if (status.get(id) === "primary") expect({ id, provablySmall: max < p.threshold }).toEqual({ id, provablySmall: false });
  }
}

describe("protection of the issue's examples", () => {
  it("[1, 1, 1, 10] with total 13: more suppression, so no hidden 1 is pinned", () => {
    const p = oneWay([1, 1, 1, 10]);
    const r = protectProblem(p, { exact: true });
    expect([...r.status]).toEqual([
      ["c0", "primary"],
      ["c1", "primary"],
      ["c2", "primary"],
      ["c3", "secondary"],
      ["T", "shown"],
    ]);
    expect(r.audit.passed).toBe(true);
    expect(r.audit.intervals.get("c0")).toEqual({ min: 1, max: 10 });
    expectSafe(p, r.status);
  });

  it("a comune × area table with margins: the column totals cannot give back a hidden cell", () => {
    const values = [
      [1, 12, 30, 8],
      [14, 9, 22, 15],
      [7, 2, 18, 11],
      [25, 16, 40, 19],
    ];
    const p = twoWay(values);
    const r = protectProblem(p);
    expect(r.audit.passed).toBe(true);
    expect(r.status.get("r0c0")).toBe("primary");
    expect(r.status.get("r2c1")).toBe("primary");
    // Hiding only a second cell of each row (the old rule) is not enough: the audit sees it.
    expect(auditPattern(p, ["r0c0", "r0c3", "r2c1", "r2c0"]).passed).toBe(false);
    // Every row and every column with a hidden cell has at least two, and the margins are kept.
    for (let k = 0; k < 4; k++) {
      const inRow = [0, 1, 2, 3].filter((c) => r.status.get(`r${k}c${c}`) !== "shown").length;
      const inCol = [0, 1, 2, 3].filter((q) => r.status.get(`r${q}c${k}`) !== "shown").length;
      expect(inRow === 0 || inRow >= 2).toBe(true);
      expect(inCol === 0 || inCol >= 2).toBe(true);
    }
    expect(["R0", "R1", "R2", "R3", "C0", "C1", "C2", "C3", "G"].map((id) => r.status.get(id))).toEqual(Array(9).fill("shown"));
    expectSafe(p, r.status);
  });

  it("a source-confidential cell stays confidential, and is protected from the total", () => {
    const p = oneWay([9, 5, 7]);
    p.cells[0] = { id: "c0", value: null, kind: "people", confidential: true };
    const r = protectProblem(p, { exact: true });
    expect(r.status.get("c0")).toBe("confidential");
    // Alone it would be 21 − 12 = 9: a second cell goes (c0 + c1 = 14, c1 ≥ 1).
    expect(r.status.get("c1")).toBe("secondary");
    expect(r.audit.passed).toBe(true);
    expect(r.audit.intervals.get("c0")).toEqual({ min: 0, max: 13 });
  });

  it("a threshold set per zone, and zeros hidden on request", () => {
    const r5 = protectProblem(oneWay([4, 6, 30], { threshold: 5 }), { exact: true });
    expect(r5.status.get("c0")).toBe("primary");
    expect(r5.audit.intervals.get("c0")!.max).toBeGreaterThanOrEqual(5);
    const rz = protectProblem(oneWay([0, 6, 30], { showZeros: false }));
    expect(rz.status.get("c0")).toBe("primary");
    expect(rz.audit.passed).toBe(true);
    expect(protectProblem(oneWay([0, 6, 30])).status.get("c0")).toBe("shown");
  });

  it("rejects a total that is not the sum of its cells", () => {
    const p = oneWay([5, 6]);
    p.cells.find((c) => c.id === "T")!.value = 10;
    expect(() => protectProblem(p)).toThrow(DisclosureInputError);
  });
});

describe("protectTables", () => {
  const comuni = ["054001", "054002", "054003", "054004"];

  it("a rate follows its numerator, including the secondary suppression, also in the zone total", () => {
    // Minors in care and the coverage rate per 1,000 minors (denominator public elsewhere).
    const minors = { "054001": 1, "054002": 6, "054003": 12, "054004": 20 };
    const residents = { "054001": 80, "054002": 300, "054003": 700, "054004": 1500 };
    const rate = (n: number, d: number): number => (1000 * n) / d;
    const table: ProtectedTableInput = {
      id: "coverage",
      rows: comuni,
      columns: [{ key: "inCare" }, { key: "per1000", rateOf: "inCare" }],
      cells: Object.fromEntries(comuni.map((c) => [c, { inCare: minors[c as keyof typeof minors], per1000: rate(minors[c as keyof typeof minors], residents[c as keyof typeof residents]) }])),
      columnTotals: { inCare: 39, per1000: rate(39, 2580) },
    };
    const r = protectTables({ tables: [table], threshold: 3 });
    const t = r.tables[0]!;
    expect(t.cells["054001"]!.inCare).toEqual({ value: null, status: "primary" });
    expect(t.cells["054001"]!.per1000).toEqual({ value: null, status: "primary" });
    expect(t.cells["054002"]!.inCare).toEqual({ value: null, status: "secondary" });
    expect(t.cells["054002"]!.per1000).toEqual({ value: null, status: "secondary" });
    expect(t.cells["054003"]!.per1000).toEqual({ value: rate(12, 700), status: "shown" });
    expect(t.columnTotals.inCare).toEqual({ value: 39, status: "shown" });
    expect(t.columnTotals.per1000!.status).toBe("shown");
    expect(r.mark).toBe("< 3");
    expect(r.anySuppressed).toBe(true);
    expect(r.audit.passed).toBe(true);
  });

  it("two tables of one page sharing cells and totals are protected jointly and consistently", () => {
    // Territorio (comuni × indicators, year 2024) and the scheda's comuni × years of indicator A:
    // the 2024 column of A and its zone total are the same cells in both.
    const a = { "054001": [5, 2], "054002": [7, 9], "054003": [6, 8], "054004": [10, 11] } as const;
    const b = { "054001": 9, "054002": 4, "054003": 30, "054004": 8 } as const;
    const idA = (c: string, y: string): string => `A|${c}|${y}`;
    const territorio: ProtectedTableInput = {
      id: "territorio",
      rows: comuni,
      columns: [{ key: "A" }, { key: "B" }],
      cells: Object.fromEntries(comuni.map((c) => [c, { A: { value: a[c as keyof typeof a][1], id: idA(c, "2024") }, B: b[c as keyof typeof b] }])),
      columnTotals: { A: { value: 30, id: "A|zona|2024" }, B: 51 },
    };
    const years: ProtectedTableInput = {
      id: "years",
      rows: comuni,
      columns: [{ key: "2023" }, { key: "2024" }],
      cells: Object.fromEntries(comuni.map((c) => [c, { 2023: { value: a[c as keyof typeof a][0], id: idA(c, "2023") }, 2024: { value: a[c as keyof typeof a][1], id: idA(c, "2024") } }])),
      columnTotals: { 2023: 28, 2024: { value: 30, id: "A|zona|2024" } },
      rowTotals: Object.fromEntries(comuni.map((c) => [c, a[c as keyof typeof a][0] + a[c as keyof typeof a][1]])),
    };
    const r = protectTables({ tables: [territorio, years], threshold: 3 });
    expect(r.audit.passed).toBe(true);
    const [t, y] = r.tables;
    for (const c of comuni) expect(t!.cells[c]!.A).toEqual(y!.cells[c]!["2024"]);
    expect(t!.columnTotals.A).toEqual(y!.columnTotals["2024"]);
    expect(t!.cells["054001"]!.A!.status).toBe("primary");
    // The row totals of the years table would give 054001's 2024 value back from its 2023 value: it goes too, or the row total.
    const hidden2023 = y!.cells["054001"]!["2023"]!.status !== "shown" || y!.rowTotals["054001"]!.status !== "shown";
    expect(hidden2023).toBe(true);
    // Protecting the years table alone and showing Territorio as it is would let the intruder combine them.
    expect(() =>
      protectTables({ tables: [territorio, { ...years, cells: { ...years.cells, "054002": { 2023: 7, 2024: { value: 8, id: idA("054002", "2024") } } } }], threshold: 3 }),
    ).toThrow(DisclosureInputError);
  });

  it("passes the source-confidential mark through, and shows missing values as missing", () => {
    const r = protectTables({
      threshold: 3,
      tables: [{ id: "t", rows: ["a", "b", "c"], columns: [{ key: "n" }], cells: { a: { n: { value: null, confidential: true } }, b: { n: 40 }, c: {} } }],
    });
    expect(r.tables[0]!.cells.a!.n).toEqual({ value: null, status: "confidential" });
    expect(r.tables[0]!.cells.b!.n).toEqual({ value: 40, status: "shown" });
    expect(r.tables[0]!.cells.c!.n).toEqual({ value: null, status: "missing" });
  });

  it("never suppresses amounts on their own", () => {
    const r = protectTables({ threshold: 3, tables: [{ id: "t", rows: ["a", "b"], columns: [{ key: "eur", kind: "other" }], cells: { a: { eur: 1.5 }, b: { eur: 2 } }, columnTotals: { eur: 3.5 } }] });
    expect(r.anySuppressed).toBe(false);
  });
});

describe("property: an intruder knowing every published number, the bounds and the threshold learns nothing", () => {
  const count = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 12 }));

  it("random 1-D tables with a total (checked by enumeration when few cells are hidden)", () => {
    fc.assert(
      fc.property(fc.array(count, { minLength: 1, maxLength: 6 }), fc.boolean(), (values, showZeros) => {
        const p = oneWay(values, { showZeros });
        const r = protectProblem(p);
        expect(r.audit.passed).toBe(true);
        expectSafe(p, r.status);
      }),
      { numRuns: 200 },
    );
  });

  it("random small 2-D tables with row, column and grand totals (checked by enumeration when few cells are hidden)", () => {
    const table = fc
      .tuple(fc.integer({ min: 2, max: 3 }), fc.integer({ min: 2, max: 3 }))
      .chain(([rows, cols]) => fc.array(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }));
    fc.assert(
      fc.property(table, (values) => {
        const p = twoWay(values);
        const r = protectProblem(p);
        expect(r.audit.passed).toBe(true);
        expectSafe(p, r.status);
      }),
      { numRuns: 60 },
    );
  });

  it("random larger 2-D tables (checked by the exact audit, itself checked against enumeration in audit.test.ts)", () => {
    const table = fc.integer({ min: 2, max: 8 }).chain((cols) => fc.array(fc.array(count, { minLength: cols, maxLength: cols }), { minLength: 2, maxLength: 12 }));
    fc.assert(
      fc.property(table, fc.boolean(), (values, showZeros) => {
        const p = twoWay(values, { showZeros });
        const r = protectProblem(p);
        expectSafe(p, r.status, 0);
      }),
      { numRuns: 60 },
    );
  });
});
