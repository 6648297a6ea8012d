/**
 * The exact audit of a suppression pattern, independent of how the pattern
 * was chosen. The intruder knows every published value, every published
 * equality (each total = Σ its cells), the bounds of the hidden cells (≥ 0, or
 * ≥ 1 for counts of people when zeros are shown) and the threshold. For each
 * hidden cell the audit computes the interval [min, max] of its feasible
 * values by linear programming (the LP relaxation, the standard of SDC
 * auditing; for 1-D tables and 2-D tables with margins the constraint matrix is
 * totally unimodular, so the LP bounds are the integer bounds).
 *
 * A pattern passes when every hidden cell:
 *  - is not determined: max − min ≥ 1 (for counts, after rounding the bounds
 *    inward to integers: at least two integer values are possible);
 *  - if it is a count of people below the threshold (primary), or withheld by
 *    the source, or missing but constrained by a total (unknown to us, so
 *    possibly small), cannot be proved below the threshold: max ≥ threshold.
 * Its min needs no separate rule: the true value is always feasible, and a
 * hidden cell's marker does not say whether it is primary or secondary, so the
 * intruder's lower bound is the generic one (≥ 1 or ≥ 0).
 * A count below the threshold that is shown is a failure too.
 */
import { LpRegion } from "./lp";
import { type IndexedProblem, type SdcCell, type SdcProblem, indexProblem, isPrimary, lowerBound } from "./model";

/** Minimum width of the feasible interval of a hidden cell (in units of the cell). */
export const PROTECTION_WIDTH = 1;
const EPS = 1e-6;

export type AuditFailureReason = "shown-below-threshold" | "determined" | "provably-below-threshold";

export interface AuditFailure {
  id: string;
  reason: AuditFailureReason;
  min: number;
  max: number;
  /** A value of the cell that, once feasible, makes it pass (min + width, and ≥ threshold when it must be protected). */
  target: number;
}

export interface CellInterval {
  min: number;
  max: number;
}

export interface AuditResult {
  passed: boolean;
  failures: AuditFailure[];
  /** Feasible interval of every hidden cell (exact mode only; in fast mode only of the cells that needed an LP). */
  intervals: Map<string, CellInterval>;
}

export interface AuditOptions {
  /**
   * exact: compute min and max of every hidden cell (for reports and tests).
   * Otherwise stop each LP as soon as the cell is shown to pass (the heuristic calls the audit in a loop).
   */
  exact?: boolean;
  /** Check only these cells (by index; the heuristic re-checks what may have changed). All hidden cells when absent. */
  only?: Uint8Array;
}

/** Whether a hidden cell must also not be provably below the threshold. */
export function mustReachThreshold(cell: SdcCell, threshold: number, showZeros: boolean): boolean {
  return cell.kind === "people" && (isPrimary(cell, threshold, showZeros) || Boolean(cell.confidential) || cell.value === null);
}

function roundedInterval(cell: SdcCell, min: number, max: number): CellInterval {
  if (cell.kind !== "people") return { min, max };
  const scale = Math.max(1, Math.abs(min), Math.abs(max) === Infinity ? 1 : Math.abs(max));
  return {
    // + 0 turns −0 into 0.
    min: min === -Infinity ? min : Math.ceil(min - EPS * scale) + 0,
    max: max === Infinity ? max : Math.floor(max + EPS * scale) + 0,
  };
}

/** Groups the hidden cells that share an equation (directly or through other hidden cells). */
function hiddenComponents(ix: IndexedProblem, hidden: Uint8Array): { cells: number[]; equations: number[] }[] {
  const parent = new Int32Array(ix.problem.cells.length).map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const eqHidden = ix.equations.map((eq) => [eq.total, ...eq.terms].filter((c) => hidden[c]));
  for (const hs of eqHidden) for (let k = 1; k < hs.length; k++) parent[find(hs[k]!)] = find(hs[0]!);
  const groups = new Map<number, { cells: number[]; equations: number[] }>();
  hidden.forEach((h, c) => {
    if (!h) return;
    const root = find(c);
    if (!groups.has(root)) groups.set(root, { cells: [], equations: [] });
    groups.get(root)!.cells.push(c);
  });
  eqHidden.forEach((hs, e) => {
    if (hs.length > 0) groups.get(find(hs[0]!))!.equations.push(e);
  });
  return [...groups.values()];
}

/**
 * The intruder's LP over the hidden cells of one component:
 * for each equation, Σ hidden terms − [hidden total] = published total − Σ published terms.
 */
export function intruderRegion(ix: IndexedProblem, hidden: Uint8Array, cells: number[], equations: number[]): LpRegion {
  const col = new Map(cells.map((c, k) => [c, k]));
  const values = ix.problem.cells;
  const rows: Float64Array[] = [];
  const b: number[] = [];
  for (const e of equations) {
    const eq = ix.equations[e]!;
    const row = new Float64Array(cells.length);
    let rhs = 0;
    const add = (c: number, coef: number): void => {
      if (hidden[c]) row[col.get(c)!]! += coef;
      else rhs -= coef * values[c]!.value!;
    };
    for (const t of eq.terms) add(t, 1);
    add(eq.total, -1);
    rows.push(row);
    b.push(rhs);
  }
  return new LpRegion({
    rows,
    b,
    lower: cells.map((c) => lowerBound(values[c]!, ix.problem.showZeros)),
    upper: cells.map(() => Infinity),
  });
}

/**
 * The value of hidden cell c when one of its published equations has no other
 * hidden cell (it is then determined, and no LP is needed); null otherwise.
 */
function soleHiddenValue(ix: IndexedProblem, hidden: Uint8Array, c: number): number | null {
  const values = ix.problem.cells;
  for (const e of ix.equationsOf[c]!) {
    const eq = ix.equations[e]!;
    let others = false;
    let sum = 0;
    for (const t of eq.terms) {
      if (t === c) continue;
      if (hidden[t]) others = true;
      else sum += values[t]!.value!;
    }
    if (eq.total !== c && hidden[eq.total]) others = true;
    if (others) continue;
    return eq.total === c ? sum : values[eq.total]!.value! - sum;
  }
  return null;
}

export function auditIndexed(ix: IndexedProblem, hidden: Uint8Array, options: AuditOptions = {}): AuditResult {
  const { threshold, showZeros } = ix.problem;
  const cells = ix.problem.cells;
  const failures: AuditFailure[] = [];
  const intervals = new Map<string, CellInterval>();
  cells.forEach((cell, c) => {
    if (!hidden[c] && isPrimary(cell, threshold, showZeros)) {
      failures.push({ id: cell.id, reason: "shown-below-threshold", min: cell.value!, max: cell.value!, target: cell.threshold ?? threshold });
    }
  });
  for (const comp of hiddenComponents(ix, hidden)) {
    const only = options.only;
    if (only && !comp.cells.some((c) => only[c])) continue;
    const needOf = (c: number): number => (mustReachThreshold(cells[c]!, threshold, showZeros) ? (cells[c]!.threshold ?? threshold) : -Infinity);
    if (comp.equations.length === 0) {
      // In no published equation: the intruder knows only the bound.
      for (const c of comp.cells) if (!only || only[c]) intervals.set(cells[c]!.id, { min: lowerBound(cells[c]!, showZeros), max: Infinity });
      continue;
    }
    // Cheaper check first: a cell alone among the hidden cells of one of its equations is determined.
    const todo = comp.cells.filter((c) => {
      if (only && !only[c]) return false;
      const v = soleHiddenValue(ix, hidden, c);
      if (v === null) return true;
      const cell = cells[c]!;
      const iv = roundedInterval(cell, v, v);
      intervals.set(cell.id, iv);
      failures.push({ id: cell.id, reason: "determined", min: iv.min, max: iv.max, target: Math.max(iv.min + PROTECTION_WIDTH, needOf(c)) });
      return false;
    });
    if (todo.length === 0) continue;
    const pending = new Uint8Array(cells.length);
    for (const c of todo) pending[c] = 1;
    const region = intruderRegion(ix, hidden, comp.cells, comp.equations);
    if (!region.feasible) throw new Error("disclosure audit: the published values are inconsistent with the equations");
    // Values seen at LP optima: a cell already seen over a wide enough range needs no LP of its own.
    const seenMin = comp.cells.map(() => Infinity);
    const seenMax = comp.cells.map(() => -Infinity);
    const see = (x: Float64Array): void => {
      for (let k = 0; k < comp.cells.length; k++) {
        if (x[k]! < seenMin[k]!) seenMin[k] = x[k]!;
        if (x[k]! > seenMax[k]!) seenMax[k] = x[k]!;
      }
    };
    const c0 = new Float64Array(comp.cells.length);
    see(region.minimise(c0).x);
    comp.cells.forEach((c, k) => {
      if (!pending[c]) return;
      const cell = cells[c]!;
      const need = needOf(c);
      const passes = (iv: CellInterval): boolean => iv.max - iv.min >= PROTECTION_WIDTH - EPS && iv.max >= need - EPS;
      if (!options.exact && passes(roundedInterval(cell, seenMin[k]!, seenMax[k]!))) return;
      const cost = new Float64Array(comp.cells.length);
      cost[k] = 1;
      const lo = region.minimise(cost);
      see(lo.x);
      const min = lo.status === "unbounded" ? -Infinity : lo.x[k]!;
      const minR = roundedInterval(cell, min, min).min;
      cost[k] = -1;
      // Fast mode: stop once the cell is known to reach what it needs.
      const want = Math.max(minR + PROTECTION_WIDTH, need);
      const hi = region.minimise(cost, options.exact ? -Infinity : -want - EPS);
      see(hi.x);
      const max = hi.status === "unbounded" ? Infinity : hi.x[k]!;
      const iv = roundedInterval(cell, min, max);
      intervals.set(cell.id, iv);
      if (passes(iv)) return;
      const reason = iv.max - iv.min < PROTECTION_WIDTH - EPS ? "determined" : "provably-below-threshold";
      failures.push({ id: cell.id, reason, min: iv.min, max: iv.max, target: want });
    });
  }
  return { passed: failures.length === 0, failures, intervals };
}

/** Audits the pattern that hides the cells in `hidden` (ids). */
export function auditPattern(problem: SdcProblem, hidden: Iterable<string>, options: AuditOptions = {}): AuditResult {
  const ix = indexProblem(problem);
  const mask = new Uint8Array(problem.cells.length);
  for (const id of hidden) {
    const i = ix.index.get(id);
    if (i === undefined) throw new Error(`unknown cell ${id}`);
    mask[i] = 1;
  }
  // Unknown cells (confidential, or missing but constrained by a total) are never published; other missing ones need no protection.
  problem.cells.forEach((c, i) => {
    if (ix.unknown[i]) mask[i] = 1;
    else if (c.value === null) mask[i] = 0;
  });
  return auditIndexed(ix, mask, options);
}
