/**
 * Independent intruders for the tests: exhaustive integer enumeration of the
 * hidden cells of a small problem (no LP), and a closed form for 1-D tables.
 */
import type { SdcProblem } from "@/lib/disclosure";

export interface BruteInterval {
  min: number;
  /** Capped: a value equal to `cap` means "at least cap" (unbounded for the tests' purposes). */
  max: number;
}

/**
 * The integer values each hidden cell can take given every published value and equation,
 * hidden counts of people ≥ 1 when zeros are shown (≥ 0 otherwise, and for unknown cells),
 * all values ≤ cap. Missing cells count 0 when the total is the sum of the others, as the module documents.
 */
/**
 * An enumeration cap above every bounded value: with nonnegative cells and ±1 sums, a bounded
 * hidden value is at most the sum of the published values (plus the lower bounds of the hidden ones).
 * A max that still grows when the cap grows is unbounded.
 */
export function enumerationCap(problem: SdcProblem, hidden: ReadonlySet<string>): number {
  return problem.cells.reduce((s, c) => s + (hidden.has(c.id) ? 1 : (c.value ?? 0)), 0) + 1;
}

export function bruteForceIntervals(problem: SdcProblem, hidden: ReadonlySet<string>, cap: number): Map<string, BruteInterval> {
  const cells = new Map(problem.cells.map((c) => [c.id, c]));
  const vars = [...hidden].filter((id) => cells.get(id)!.value !== null || cells.get(id)!.confidential);
  const varIndex = new Map(vars.map((id, k) => [id, k]));
  // Each equation as Σ coef·x_var = rhs.
  const eqs: { vars: number[]; coefs: number[]; rhs: number }[] = [];
  for (const eq of problem.equations) {
    const total = cells.get(eq.total)!;
    if (total.value === null && !total.confidential) continue;
    const e = { vars: [] as number[], coefs: [] as number[], rhs: 0 };
    const add = (id: string, coef: number): void => {
      const c = cells.get(id)!;
      if (c.value === null && !c.confidential) return; // missing: counts 0 (the tests build only partial totals)
      const k = varIndex.get(id);
      if (k === undefined) e.rhs -= coef * c.value!;
      else {
        e.vars.push(k);
        e.coefs.push(coef);
      }
    };
    for (const t of eq.terms) add(t, 1);
    add(eq.total, -1);
    eqs.push(e);
  }
  const lb = vars.map((id) => {
    const c = cells.get(id)!;
    return c.kind === "people" && problem.showZeros && !c.confidential && c.value !== null ? 1 : 0;
  });
  const out = vars.map(() => ({ min: Infinity, max: -Infinity }));
  const x = new Array<number | null>(vars.length).fill(null);
  // Prunes with interval reasoning: the unassigned variables of an equation must be able to close it.
  const consistent = (): boolean => {
    for (const e of eqs) {
      let s = 0;
      let lo = 0;
      let hi = 0;
      for (let i = 0; i < e.vars.length; i++) {
        const k = e.vars[i]!;
        const v = x[k];
        const c = e.coefs[i]!;
        if (v !== null && v !== undefined) s += c * v;
        else if (c > 0) {
          lo += c * lb[k]!;
          hi += c * cap;
        } else {
          lo += c * cap;
          hi += c * lb[k]!;
        }
      }
      const need = e.rhs - s;
      if (need < lo || need > hi) return false;
    }
    return true;
  };
  const dfs = (k: number): void => {
    if (k === vars.length) {
      x.forEach((v, i) => {
        out[i]!.min = Math.min(out[i]!.min, v!);
        out[i]!.max = Math.max(out[i]!.max, v!);
      });
      return;
    }
    for (let v = lb[k]!; v <= cap; v++) {
      x[k] = v;
      if (consistent()) dfs(k + 1);
    }
    x[k] = null;
  };
  dfs(0);
  return new Map(vars.map((id, i) => [id, out[i]!]));
}
