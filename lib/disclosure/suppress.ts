/**
 * Primary and secondary suppression. Primary: counts of people below the
 * threshold. Secondary: while the exact audit fails, take each failing cell f
 * in turn (primary cells first) and solve a small LP that asks for the cheapest
 * way to let f reach the value it needs (its target) while every published
 * equality still holds: published cells may move, at a cost per unit that is
 * higher for larger values and much higher for margins (totals last). Every
 * published cell that moves in that solution is suppressed. The solution is a
 * witness: with those cells hidden, the intruder can no longer exclude the
 * target for f, so each round fixes its cell and the loop ends (the audit
 * then decides; the heuristic is never trusted on its own).
 */
import { auditIndexed, type AuditResult } from "./audit";
import { LpRegion } from "./lp";
import { type CellStatus, type IndexedProblem, type SdcProblem, indexProblem, isPrimary, lowerBound } from "./model";

export interface ProtectionResult {
  status: Map<string, CellStatus>;
  /** The final audit over every hidden cell (with exact intervals of all of them when asked). */
  audit: AuditResult;
  rounds: number;
}

const MOVE_EPS = 1e-7;

/** Whether a shown cell may be suppressed: a shown zero count stays shown, or hidden counts could not be assumed ≥ 1. */
function eligible(ix: IndexedProblem, c: number): boolean {
  const cell = ix.problem.cells[c]!;
  if (cell.value === null || cell.confidential) return false;
  return !(cell.kind === "people" && cell.value === 0 && ix.problem.showZeros);
}

/** All cells connected to `start` through published equations (shown cells included). */
function equationComponent(ix: IndexedProblem, start: number): { cells: number[]; equations: number[] } {
  const seenCell = new Set<number>([start]);
  const seenEq = new Set<number>();
  const queue = [start];
  while (queue.length > 0) {
    const c = queue.pop()!;
    for (const e of ix.equationsOf[c]!) {
      if (seenEq.has(e)) continue;
      seenEq.add(e);
      const eq = ix.equations[e]!;
      for (const t of [eq.total, ...eq.terms]) {
        if (!seenCell.has(t)) {
          seenCell.add(t);
          queue.push(t);
        }
      }
    }
  }
  return { cells: [...seenCell], equations: [...seenEq] };
}

/**
 * The published cells to suppress so that hidden cell f can take a value ≥ target.
 * Variables: hidden cells x_h ≥ bound; each eligible shown cell p as v_p + up_p − down_p,
 * with down_p ≤ v_p − bound_p. Cost per unit of movement grows with the value and is
 * dominated by a margin penalty. Returns null when no movement reaches the target.
 */
function cellsToSuppress(ix: IndexedProblem, hidden: Uint8Array, f: number, target: number): number[] | null {
  const { cells: all, showZeros } = { cells: ix.problem.cells, showZeros: ix.problem.showZeros };
  const comp = equationComponent(ix, f);
  const hiddenCells = comp.cells.filter((c) => hidden[c]);
  const movable = comp.cells.filter((c) => !hidden[c] && eligible(ix, c));
  const col = new Map<number, number>();
  hiddenCells.forEach((c, k) => col.set(c, k));
  const base = hiddenCells.length;
  movable.forEach((c, k) => col.set(c, base + 2 * k)); // up at base+2k, down at base+2k+1
  const n = base + 2 * movable.length;
  const rows: Float64Array[] = [];
  const b: number[] = [];
  for (const e of comp.equations) {
    const eq = ix.equations[e]!;
    const row = new Float64Array(n);
    let rhs = 0;
    const add = (c: number, coef: number): void => {
      const value = all[c]!.value;
      if (hidden[c]) {
        row[col.get(c)!]! += coef;
        return;
      }
      rhs -= coef * value!;
      const j = col.get(c);
      if (j !== undefined) {
        row[j]! += coef;
        row[j + 1]! -= coef;
      }
    };
    for (const t of eq.terms) add(t, 1);
    add(eq.total, -1);
    rows.push(row);
    b.push(rhs);
  }
  const lower = new Float64Array(n);
  const upper = new Float64Array(n).fill(Infinity);
  hiddenCells.forEach((c, k) => {
    lower[k] = lowerBound(all[c]!, showZeros);
  });
  lower[col.get(f)!] = Math.max(lower[col.get(f)!]!, target);
  let maxValue = 1;
  for (const c of movable) maxValue = Math.max(maxValue, all[c]!.value!);
  const cost = new Float64Array(n);
  movable.forEach((c, k) => {
    const cell = all[c]!;
    upper[base + 2 * k + 1] = Math.max(0, cell.value! - lowerBound(cell, showZeros));
    // Prefer few, small cells; a margin only when nothing else helps.
    const w = 1 + cell.value! / maxValue + (cell.margin ? 4 * comp.cells.length : 0);
    cost[base + 2 * k] = w;
    cost[base + 2 * k + 1] = w;
  });
  const region = new LpRegion({ rows, b, lower, upper });
  if (!region.feasible) return null;
  const sol = region.minimise(cost);
  const scale = Math.max(1, target);
  return movable.filter((_, k) => sol.x[base + 2 * k]! + sol.x[base + 2 * k + 1]! > MOVE_EPS * scale);
}

export interface ProtectOptions {
  /** Compute the exact interval of every hidden cell in the final audit (slower; for reports and tests). */
  exact?: boolean;
}

export function protectIndexed(ix: IndexedProblem, options: ProtectOptions = {}): ProtectionResult {
  const { cells, threshold, showZeros } = ix.problem;
  const status = new Map<string, CellStatus>();
  const hidden = new Uint8Array(cells.length);
  cells.forEach((cell, c) => {
    let s: CellStatus = "shown";
    if (cell.confidential) s = "confidential";
    else if (cell.value === null) s = "missing";
    else if (isPrimary(cell, threshold, showZeros)) s = "primary";
    status.set(cell.id, s);
    if (s === "primary" || ix.unknown[c]) hidden[c] = 1;
  });
  const rank = (id: string): number => (status.get(id) === "secondary" ? 1 : 0);
  let rounds = 0;
  // Hiding a cell only widens the intervals of the cells already hidden, so each round re-checks
  // only the cells that failed and the ones just hidden; a full audit decides at the end.
  let only: Uint8Array | undefined;
  for (;;) {
    const audit = auditIndexed(ix, hidden, { only });
    if (audit.passed) break;
    rounds++;
    const failures = [...audit.failures].sort((a, b) => rank(a.id) - rank(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    only = new Uint8Array(cells.length);
    // Fix every failure of the round in turn; one already fixed by the cells hidden for an
    // earlier one costs nothing in its LP and adds nothing.
    for (const f of failures) {
      const fi = ix.index.get(f.id)!;
      only[fi] = 1;
      let add = cellsToSuppress(ix, hidden, fi, f.target);
      if (!add) {
        // No movement reaches the target (should not happen): hide every shown cell of f's equations.
        add = equationComponent(ix, fi).cells.filter((c) => !hidden[c] && eligible(ix, c));
        if (add.length === 0) throw new Error(`disclosure: cannot protect cell ${f.id}`);
      }
      for (const c of add) {
        hidden[c] = 1;
        only[c] = 1;
        status.set(cells[c]!.id, "secondary");
      }
    }
  }
  const audit = auditIndexed(ix, hidden, { exact: options.exact });
  if (!audit.passed) throw new Error("disclosure: the final audit failed");
  return { status, audit, rounds };
}

/** Primary and secondary suppression for a problem; the result passed the exact audit. */
export function protectProblem(problem: SdcProblem, options: ProtectOptions = {}): ProtectionResult {
  return protectIndexed(indexProblem(problem), options);
}
