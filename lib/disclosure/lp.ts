/**
 * A small dense bounded-variable primal simplex for the disclosure audit and
 * the choice of secondary suppressions:
 *
 *   minimise c·x  subject to  A x = b,  l ≤ x ≤ u   (l finite, u may be +∞)
 *
 * Phase 1 (artificial variables) finds a feasible basis once; every objective
 * is then optimised from the basis the previous one ended in (warm start), so
 * the 2 LPs per suppressed cell of an audit cost one short phase 2 each. Dantzig pricing, with Bland's rule after a run
 * of degenerate pivots so that it cannot cycle. The tables it solves have at
 * most a few hundred variables: a dense tableau is simpler and fast enough.
 */

export type LpStatus = "optimal" | "unbounded" | "stopped";

export interface LpSolution {
  status: LpStatus;
  /** c·x at the returned point (−∞ when unbounded). */
  objective: number;
  /** The point (the last feasible point reached, when unbounded). */
  x: Float64Array;
}

export interface LpProblem {
  /** Rows of A, each of length n (dense). */
  rows: readonly ArrayLike<number>[];
  b: ArrayLike<number>;
  lower: ArrayLike<number>;
  upper: ArrayLike<number>;
}

const PIVOT_TOL = 1e-9;
const COST_TOL = 1e-9;
/** Degenerate pivots in a row before switching to Bland's rule. */
const DEGENERATE_RUN = 50;

class Tableau {
  constructor(
    readonly m: number,
    readonly n: number, // structural + artificial columns
    readonly t: Float64Array[], // m rows of length n: B⁻¹A
    readonly beta: Float64Array, // values of the basic variables
    readonly basis: Int32Array,
    readonly isBasic: Uint8Array,
    readonly atUpper: Uint8Array,
    readonly lower: Float64Array,
    readonly upper: Float64Array,
  ) {}

  value(j: number): number {
    return this.atUpper[j] ? this.upper[j]! : this.lower[j]!;
  }

  point(nStructural: number): Float64Array {
    const x = new Float64Array(nStructural);
    for (let j = 0; j < nStructural; j++) if (!this.isBasic[j]) x[j] = this.value(j);
    for (let i = 0; i < this.m; i++) {
      const j = this.basis[i]!;
      if (j < nStructural) x[j] = this.beta[i]!;
    }
    return x;
  }

  /**
   * Minimises c·x over the columns j < active (others stay where they are).
   * Stops early once the objective is ≤ stopAt.
   */
  minimise(c: Float64Array, active: number, stopAt: number): { status: LpStatus; objective: number } {
    const { m, t, beta, basis, isBasic, atUpper, lower, upper } = this;
    // Reduced costs d = c − c_B B⁻¹A, and the objective at the current point.
    const d = new Float64Array(this.n);
    for (let j = 0; j < this.n; j++) d[j] = c[j] ?? 0;
    let objective = 0;
    for (let j = 0; j < this.n; j++) if (!isBasic[j] && d[j] !== 0) objective += d[j]! * this.value(j);
    for (let i = 0; i < m; i++) {
      const cb = c[basis[i]!] ?? 0;
      if (cb === 0) continue;
      objective += cb * beta[i]!;
      const row = t[i]!;
      for (let j = 0; j < this.n; j++) d[j]! -= cb * row[j]!;
    }
    let degenerate = 0;
    for (;;) {
      if (objective <= stopAt) return { status: "stopped", objective };
      const bland = degenerate >= DEGENERATE_RUN;
      let enter = -1;
      let best = 0;
      for (let j = 0; j < active; j++) {
        if (isBasic[j] || lower[j] === upper[j]) continue;
        const dj = d[j]!;
        const improves = atUpper[j] ? dj > COST_TOL : dj < -COST_TOL;
        if (!improves) continue;
        if (bland) {
          enter = j;
          break;
        }
        if (Math.abs(dj) > best) {
          best = Math.abs(dj);
          enter = j;
        }
      }
      if (enter < 0) return { status: "optimal", objective };
      const delta = atUpper[enter] ? -1 : 1;
      // Ratio test: how far the entering variable can move.
      let step = upper[enter]! - lower[enter]!;
      let leave = -1;
      let leaveAlpha = 0;
      for (let i = 0; i < m; i++) {
        const alpha = delta * t[i]![enter]!;
        let limit: number;
        if (alpha > PIVOT_TOL) limit = (beta[i]! - lower[basis[i]!]!) / alpha;
        else if (alpha < -PIVOT_TOL) {
          const ub = upper[basis[i]!]!;
          if (ub === Infinity) continue;
          limit = (ub - beta[i]!) / -alpha;
        } else continue;
        if (limit < 0) limit = 0;
        if (limit < step - 1e-12 || (limit <= step + 1e-12 && leave >= 0 && (bland ? basis[i]! < basis[leave]! : Math.abs(alpha) > Math.abs(leaveAlpha)))) {
          step = limit;
          leave = i;
          leaveAlpha = alpha;
        }
      }
      if (step === Infinity) return { status: "unbounded", objective: -Infinity };
      degenerate = step <= 1e-12 ? degenerate + 1 : 0;
      objective += d[enter]! * delta * step;
      if (step !== 0) for (let i = 0; i < m; i++) beta[i]! -= delta * step * t[i]![enter]!;
      if (leave < 0) {
        atUpper[enter] = atUpper[enter] ? 0 : 1; // bound flip, no pivot
        continue;
      }
      const entering = this.value(enter) + delta * step;
      const out = basis[leave]!;
      atUpper[out] = leaveAlpha < 0 ? 1 : 0;
      isBasic[out] = 0;
      this.pivot(leave, enter, d);
      beta[leave] = entering;
    }
  }

  pivot(r: number, j: number, d: Float64Array | null): void {
    const { m, t } = this;
    const pr = t[r]!;
    const p = pr[j]!;
    // The pivot row is sparse in these (network-like) problems: update only its non-zeros.
    const nz: number[] = [];
    for (let k = 0; k < this.n; k++) {
      if (pr[k] !== 0) {
        pr[k]! /= p;
        nz.push(k);
      }
    }
    pr[j] = 1;
    for (let i = 0; i < m; i++) {
      if (i === r) continue;
      const row = t[i]!;
      const f = row[j]!;
      if (f === 0) continue;
      for (const k of nz) row[k]! -= f * pr[k]!;
      row[j] = 0;
    }
    if (d) {
      const f = d[j]!;
      if (f !== 0) for (const k of nz) d[k]! -= f * pr[k]!;
      d[j] = 0;
    }
    this.basis[r] = j;
    this.isBasic[j] = 1;
  }
}

/**
 * A feasible region { A x = b, l ≤ x ≤ u } ready to be optimised over many
 * times. `feasible` is false when the region is empty.
 */
export class LpRegion {
  readonly feasible: boolean;
  private readonly tableau: Tableau | null;
  private readonly n: number;

  constructor(problem: LpProblem) {
    const n = problem.lower.length;
    this.n = n;
    const m = problem.rows.length;
    const lower = new Float64Array(n + m);
    const upper = new Float64Array(n + m);
    for (let j = 0; j < n; j++) {
      lower[j] = problem.lower[j]!;
      upper[j] = problem.upper[j]!;
      if (!Number.isFinite(lower[j]!) || upper[j]! < lower[j]!) throw new Error(`bad bounds for x${j}`);
    }
    for (let i = 0; i < m; i++) upper[n + i] = Infinity;
    let scale = 1;
    const t: Float64Array[] = [];
    const beta = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const a = problem.rows[i]!;
      let r = problem.b[i]!;
      for (let j = 0; j < n; j++) if (a[j]) r -= a[j]! * lower[j]!;
      const s = r < 0 ? -1 : 1;
      const row = new Float64Array(n + m);
      for (let j = 0; j < n; j++) row[j] = s * (a[j] ?? 0);
      row[n + i] = 1;
      t.push(row);
      beta[i] = Math.abs(r);
      scale = Math.max(scale, Math.abs(problem.b[i]!));
    }
    const basis = new Int32Array(m);
    const isBasic = new Uint8Array(n + m);
    for (let i = 0; i < m; i++) {
      basis[i] = n + i;
      isBasic[n + i] = 1;
    }
    const tab = new Tableau(m, n + m, t, beta, basis, isBasic, new Uint8Array(n + m), lower, upper);
    const c1 = new Float64Array(n + m);
    for (let i = 0; i < m; i++) c1[n + i] = 1;
    const phase1 = tab.minimise(c1, n + m, -Infinity);
    if (phase1.objective > 1e-7 * scale) {
      this.feasible = false;
      this.tableau = null;
      return;
    }
    // Drive the artificial variables out of the basis (they are at 0), then fix them at 0.
    for (let i = 0; i < m; i++) {
      if (tab.basis[i]! < n) continue;
      const row = tab.t[i]!;
      let j = -1;
      for (let k = 0; k < n; k++) if (!tab.isBasic[k] && Math.abs(row[k]!) > 1e-7 && (j < 0 || Math.abs(row[k]!) > Math.abs(row[j]!))) j = k;
      if (j < 0) continue; // redundant row: its artificial stays basic at 0, in no column of interest
      const value = tab.value(j);
      tab.isBasic[tab.basis[i]!] = 0;
      tab.pivot(i, j, null);
      tab.beta[i] = value;
    }
    for (let i = 0; i < m; i++) upper[n + i] = 0;
    for (let i = 0; i < m; i++) if (tab.basis[i]! >= n) tab.beta[i] = 0;
    this.feasible = true;
    this.tableau = tab;
  }

  /**
   * Minimises c·x (c of length n); stopAt: stop as soon as c·x ≤ stopAt.
   * Warm start: each call starts from the basis where the previous one ended
   * (any basis of the region is feasible, and the audit's successive
   * objectives — min and max of neighbouring cells — have nearby optima).
   */
  minimise(c: ArrayLike<number>, stopAt = -Infinity): LpSolution {
    if (!this.tableau) throw new Error("infeasible region");
    const tab = this.tableau;
    const cost = new Float64Array(tab.n);
    for (let j = 0; j < this.n; j++) cost[j] = c[j] ?? 0;
    const r = tab.minimise(cost, this.n, stopAt);
    return { status: r.status, objective: r.objective, x: tab.point(this.n) };
  }

  /** min and max of x_j over the region (±∞ when unbounded). */
  range(j: number): { min: number; max: number; minPoint: Float64Array; maxPoint: Float64Array } {
    const c = new Float64Array(this.n);
    c[j] = 1;
    const lo = this.minimise(c);
    c[j] = -1;
    const hi = this.minimise(c);
    return {
      min: lo.status === "unbounded" ? -Infinity : lo.x[j]!,
      max: hi.status === "unbounded" ? Infinity : hi.x[j]!,
      minPoint: lo.x,
      maxPoint: hi.x,
    };
  }
}

/** One-shot: minimise c·x over the region, or null when it is empty. */
export function solveLp(problem: LpProblem, c: ArrayLike<number>): LpSolution | null {
  const region = new LpRegion(problem);
  return region.feasible ? region.minimise(c) : null;
}
