import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { LpRegion, solveLp } from "@/lib/disclosure/lp";

/** A maximal set of linearly independent rows (the system is consistent by construction). */
function independentRows(rows: number[][], b: number[]): { rows: number[][]; b: number[] } {
  const kept: number[][] = [];
  const keptB: number[] = [];
  const basis: number[][] = [];
  rows.forEach((r, i) => {
    const v = [...r];
    for (const q of basis) {
      const p = q.findIndex((x) => Math.abs(x) > 1e-9);
      const f = v[p]! / q[p]!;
      for (let k = 0; k < v.length; k++) v[k]! -= f * q[k]!;
    }
    if (v.some((x) => Math.abs(x) > 1e-9)) {
      basis.push(v);
      kept.push(r);
      keptB.push(b[i]!);
    }
  });
  return { rows: kept, b: keptB };
}

/** Optimum by enumeration of the basic solutions (each choice of m basic columns, the others at a bound). */
function bruteMin(allRows: number[][], allB: number[], lower: number[], upper: number[], c: number[]): number | null {
  const { rows, b } = independentRows(allRows, allB);
  const m = rows.length;
  const n = lower.length;
  let best: number | null = null;
  const choose = (start: number, picked: number[]): void => {
    if (picked.length === m) {
      const others = [...Array(n).keys()].filter((j) => !picked.includes(j));
      for (let mask = 0; mask < 1 << others.length; mask++) {
        const x = new Array<number>(n).fill(0);
        others.forEach((j, k) => (x[j] = mask & (1 << k) ? upper[j]! : lower[j]!));
        if (others.some((j) => !Number.isFinite(x[j]!))) continue;
        const a = rows.map((r, i) => [...picked.map((j) => r[j]!), b[i]! - others.reduce((s, j) => s + r[j]! * x[j]!, 0)]);
        const sol = gauss(a);
        if (!sol) continue;
        picked.forEach((j, k) => (x[j] = sol[k]!));
        if (x.some((v, j) => v < lower[j]! - 1e-9 || v > upper[j]! + 1e-9)) continue;
        const obj = x.reduce((s, v, j) => s + c[j]! * v, 0);
        if (best === null || obj < best) best = obj;
      }
      return;
    }
    for (let j = start; j < n; j++) choose(j + 1, [...picked, j]);
  };
  choose(0, []);
  return best;
}

function gauss(a: number[][]): number[] | null {
  const m = a.length;
  for (let col = 0; col < m; col++) {
    let p = col;
    for (let r = col + 1; r < m; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[p]![col]!)) p = r;
    if (Math.abs(a[p]![col]!) < 1e-12) return null;
    [a[col], a[p]] = [a[p]!, a[col]!];
    for (let r = 0; r < m; r++) {
      if (r === col) continue;
      const f = a[r]![col]! / a[col]![col]!;
      for (let k = col; k <= m; k++) a[r]![k]! -= f * a[col]![k]!;
    }
  }
  return a.map((row, i) => row[m]! / row[i]!);
}

describe("bounded-variable simplex", () => {
  it("solves a textbook problem with upper bounds", () => {
    // min −x − 2y  s.t. x + y + s = 4, 0 ≤ x ≤ 3, 0 ≤ y ≤ 2.5, s ≥ 0  → x = 1.5, y = 2.5
    const sol = solveLp({ rows: [[1, 1, 1]], b: [4], lower: [0, 0, 0], upper: [3, 2.5, Infinity] }, [-1, -2, 0])!;
    expect(sol.status).toBe("optimal");
    expect(sol.objective).toBeCloseTo(-6.5, 9);
    expect([...sol.x].map((v) => Math.round(v * 1e9) / 1e9)).toEqual([1.5, 2.5, 0]);
  });

  it("detects an empty region and an unbounded objective", () => {
    expect(new LpRegion({ rows: [[1, 1]], b: [1], lower: [1, 1], upper: [Infinity, Infinity] }).feasible).toBe(false);
    const r = new LpRegion({ rows: [[1, -1]], b: [0], lower: [0, 0], upper: [Infinity, Infinity] });
    expect(r.range(0)).toMatchObject({ min: 0, max: Infinity });
  });

  it("copes with redundant and degenerate rows", () => {
    const r = new LpRegion({ rows: [[1, 1, 0], [1, 1, 0], [0, 1, 1]], b: [2, 2, 2], lower: [0, 0, 0], upper: [Infinity, Infinity, Infinity] });
    expect(r.feasible).toBe(true);
    expect(r.range(0)).toMatchObject({ min: 0, max: 2 });
    expect(r.range(2)).toMatchObject({ min: 0, max: 2 });
  });

  it("property: the optimum equals the best basic solution on random small problems", () => {
    const coef = fc.integer({ min: -3, max: 3 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }).chain((m) =>
          fc.record({
            rows: fc.array(fc.array(coef, { minLength: 5, maxLength: 5 }), { minLength: m, maxLength: m }),
            x0: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 5, maxLength: 5 }),
            upper: fc.array(fc.oneof(fc.constant(Infinity), fc.integer({ min: 4, max: 6 })), { minLength: 5, maxLength: 5 }),
            c: fc.array(coef, { minLength: 5, maxLength: 5 }),
          }),
        ),
        ({ rows, x0, upper, c }) => {
          // Feasible by construction (x0 is a solution); bounded by adding finite upper bounds when the brute force needs them.
          const b = rows.map((r) => r.reduce((s, a, j) => s + a * x0[j]!, 0));
          const lower = [0, 0, 0, 0, 0];
          const sol = solveLp({ rows, b, lower, upper }, c)!;
          expect(sol).not.toBeNull();
          if (sol.status === "unbounded") {
            // Then raising every infinite bound to a large finite one gives a much lower optimum.
            // (the objective falls at least as 1/(|a|·n)-th of the bound: 1e6 gives far below −100)
            const big = upper.map((u) => (u === Infinity ? 1e6 : u));
            expect(bruteMin(rows, b, lower, big, c)!).toBeLessThan(-100);
            return;
          }
          const finite = upper.map((u) => (u === Infinity ? 1e7 : u));
          expect(sol.objective).toBeCloseTo(bruteMin(rows, b, lower, finite, c)!, 6);
          rows.forEach((r, i) => expect(r.reduce((s, a, j) => s + a * sol.x[j]!, 0)).toBeCloseTo(b[i]!, 6));
        },
      ),
      { numRuns: 500 },
    );
  });
});
