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
import { type CellStatus, type IndexedProblem, type SdcCell, type SdcProblem, indexProblem, isPrimary, lowerBound } from "./model";

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
  if (cell.value === null || cell.confidential || cell.published) return false;
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

/** Cost per unit of moving a published cell: few, small cells; a margin only when nothing else helps. */
function moveCost(cell: SdcCell, maxValue: number, marginPenalty: number): number {
  return 1 + cell.value! / maxValue + (cell.margin ? marginPenalty : 0);
}

/**
 * The published cells to suppress so that hidden cell f can take a value ≥ target,
 * moving only the cells in `scope` (all others stay at their published or true values,
 * which is a restriction of the problem: a solution found here is a solution of the whole).
 * Variables: hidden cells x_h ≥ bound; each eligible shown cell p as v_p + up_p − down_p,
 * with down_p ≤ v_p − bound_p. Returns null when no movement reaches the target.
 */
function cellsToSuppressIn(ix: IndexedProblem, hidden: Uint8Array, f: number, target: number, scope: readonly number[]): number[] | null {
  const { cells: all, showZeros } = ix.problem;
  const inScope = new Set(scope);
  const equations = [...new Set(scope.flatMap((c) => ix.equationsOf[c]!))].sort((a, b) => a - b);
  const hiddenCells = scope.filter((c) => hidden[c]);
  const movable = scope.filter((c) => !hidden[c] && eligible(ix, c));
  const col = new Map<number, number>();
  hiddenCells.forEach((c, k) => col.set(c, k));
  const base = hiddenCells.length;
  movable.forEach((c, k) => col.set(c, base + 2 * k)); // up at base+2k, down at base+2k+1
  const n = base + 2 * movable.length;
  const rows: Float64Array[] = [];
  const b: number[] = [];
  // An unknown cell (confidential, or missing but constrained) has no value to hold: the scope must include it.
  const unknownOutside = { found: false };
  for (const e of equations) {
    const eq = ix.equations[e]!;
    const row = new Float64Array(n);
    let rhs = 0;
    const add = (c: number, coef: number): void => {
      const j = col.get(c);
      if (hidden[c] && j !== undefined) {
        row[j]! += coef;
        return;
      }
      // A published cell, or a hidden one outside the scope held at its true value.
      const value = all[c]!.value;
      if (value === null) unknownOutside.found = true;
      else rhs -= coef * value;
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
  if (unknownOutside.found || !inScope.has(f)) return null;
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
    const w = moveCost(cell, maxValue, 4 * scope.length);
    cost[base + 2 * k] = w;
    cost[base + 2 * k + 1] = w;
  });
  const region = new LpRegion({ rows, b, lower, upper });
  if (!region.feasible) return null;
  const sol = region.minimise(cost);
  const scale = Math.max(1, target);
  return movable.filter((_, k) => sol.x[base + 2 * k]! + sol.x[base + 2 * k + 1]! > MOVE_EPS * scale);
}

/** Cheapest published cells of an equation considered for a move (2-D tables need a few per row and column). */
const NEIGHBOURS = 6;

/**
 * A small scope where a witness for f is usually found: f's hidden component, the
 * cheapest cells of f's equations and their totals, and the cheapest cells that close a
 * cycle (in a table: the fourth corner of a rectangle, in two equations that each meet
 * the first ring), with the totals of every equation met.
 */
function localScope(ix: IndexedProblem, hidden: Uint8Array, f: number, rank: Float64Array): number[] {
  const all = ix.problem.cells;
  const cheaper = (a: number, b: number): number => rank[a]! - rank[b]! || a - b;
  const scope = new Set<number>([f]);
  const membersOf = (e: number): number[] => [ix.equations[e]!.total, ...ix.equations[e]!.terms];
  const addRing = (equations: Iterable<number>): void => {
    for (const e of equations) {
      const members = membersOf(e);
      for (const c of members) if (hidden[c]) scope.add(c);
      scope.add(ix.equations[e]!.total);
      members.filter((c) => !hidden[c] && eligible(ix, c) && !all[c]!.margin).sort(cheaper).slice(0, NEIGHBOURS).forEach((c) => scope.add(c));
    }
  };
  addRing(ix.equationsOf[f]!);
  const ring = new Set(scope);
  const touched = new Set([...ring].flatMap((c) => ix.equationsOf[c]!));
  const corners: number[] = [];
  for (const e of touched) {
    for (const c of membersOf(e)) {
      if (scope.has(c) || !eligible(ix, c) || all[c]!.margin) continue;
      const meets = ix.equationsOf[c]!.filter((e2) => touched.has(e2)).length;
      if (meets >= 2) corners.push(c);
    }
  }
  [...new Set(corners)].sort(cheaper).slice(0, NEIGHBOURS * NEIGHBOURS).forEach((c) => scope.add(c));
  for (const e of new Set([...scope].flatMap((c) => ix.equationsOf[c]!))) {
    scope.add(ix.equations[e]!.total);
    for (const c of membersOf(e)) if (hidden[c]) scope.add(c);
  }
  return [...scope].sort((a, b) => a - b);
}

/**
 * The published cells to suppress for f: first in a small local scope (fast: a few
 * dozen variables), then, when no move there reaches the target, over f's whole
 * equation component.
 */
function cellsToSuppress(ix: IndexedProblem, hidden: Uint8Array, f: number, target: number, rank: Float64Array): number[] | null {
  const local = cellsToSuppressIn(ix, hidden, f, target, localScope(ix, hidden, f, rank));
  if (local !== null) return local;
  return cellsToSuppressIn(ix, hidden, f, target, equationComponent(ix, f).cells);
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
  const order = (id: string): number => (status.get(id) === "secondary" ? 1 : 0);
  // The order in which cells are considered for a local move: the cost of moving them.
  const maxValue = cells.reduce((m, c) => Math.max(m, c.value ?? 0), 1);
  const rank = Float64Array.from(cells, (c) => (c.value === null ? Infinity : moveCost(c, maxValue, 1000)));
  let rounds = 0;
  // Hiding a cell only widens the intervals of the cells already hidden, so each round re-checks
  // only the cells that failed and the ones just hidden; a full audit decides at the end.
  let only: Uint8Array | undefined;
  for (;;) {
    const audit = auditIndexed(ix, hidden, { only });
    if (audit.passed) break;
    rounds++;
    const failures = [...audit.failures].sort((a, b) => order(a.id) - order(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    only = new Uint8Array(cells.length);
    // Fix every failure of the round in turn; one already fixed by the cells hidden for an
    // earlier one costs nothing in its LP and adds nothing.
    for (const f of failures) {
      const fi = ix.index.get(f.id)!;
      only[fi] = 1;
      let add = cellsToSuppress(ix, hidden, fi, f.target, rank);
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
