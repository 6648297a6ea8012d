/**
 * The general representation of what is published: a set of cells and the
 * linear equalities between them that a reader can check (each total equals
 * the sum of its cells). Totals are cells too, so they can be suppressed.
 * Tables, tables sharing totals, and any page built from them map onto this.
 */

/** Counts of people are primary-suppressed below the threshold; "other" values (euros, hours) never are. */
export type CellKind = "people" | "other";

export interface SdcCell {
  id: string;
  /** The value known to us; null when missing, or confidential and not known. */
  value: number | null;
  kind: CellKind;
  /** The source itself withheld it: never shown, always marked as confidential. */
  confidential?: boolean;
  /** A margin (row, column or grand total): suppressed only when no inner cell helps. */
  margin?: boolean;
  /**
   * Published anyway, elsewhere and unprotected (e.g. the resident population, an
   * input of a summed numerator): never suppressed here, and known to the intruder.
   */
  published?: boolean;
  /**
   * This cell's own threshold, when it differs from the problem's: a problem that joins tables of
   * several zones (the region's figures) keeps each zone's threshold for its cells.
   */
  threshold?: number;
}

/** Published equality: value(total) = Σ value(terms). */
export interface SdcEquation {
  total: string;
  terms: readonly string[];
}

export interface SdcProblem {
  cells: readonly SdcCell[];
  equations: readonly SdcEquation[];
  /** Counts of people strictly below it are suppressed (SISTAN: 3). */
  threshold: number;
  /** Zeros are shown (default): a hidden count of people is then known to be ≥ 1. */
  showZeros: boolean;
}

export type CellStatus = "shown" | "primary" | "secondary" | "confidential" | "missing";

export class DisclosureInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DisclosureInputError";
  }
}

/** Absolute tolerance for sums of published values (they are counts or amounts with few decimals). */
export const SUM_TOLERANCE = 1e-6;

export function isMissing(cell: SdcCell): boolean {
  return cell.value === null && !cell.confidential;
}

/** Primary suppression: a count of people below the threshold (or a zero when zeros are hidden too). */
export function isPrimary(cell: SdcCell, threshold: number, showZeros: boolean): boolean {
  if (cell.kind !== "people" || cell.confidential || cell.published || cell.value === null) return false;
  if (cell.value === 0) return !showZeros;
  return cell.value < (cell.threshold ?? threshold);
}

/**
 * The intruder's lower bound for a hidden cell: counts are ≥ 0, and ≥ 1 when
 * zeros are always shown (a hidden count is then known not to be zero).
 * Source-confidential and unknown cells may be zero for all we know: ≥ 0.
 */
export function lowerBound(cell: SdcCell, showZeros: boolean): number {
  if (cell.kind === "people" && showZeros && !cell.confidential && cell.value !== null) return 1;
  return 0;
}

export interface IndexedProblem {
  problem: SdcProblem;
  index: Map<string, number>;
  /** Published equations (total not missing), as cell indexes. */
  equations: { total: number; terms: number[] }[];
  /** For each cell, the equations it appears in (as total or term). */
  equationsOf: number[][];
  /**
   * Cells never published whose value the equations still constrain: the
   * source-confidential cells, and missing cells of a total that is not the sum
   * of the cells present (the difference is theirs: a reader can compute it).
   */
  unknown: Uint8Array;
}

/**
 * Validates the problem and indexes it; throws DisclosureInputError on inconsistent input (a programming error upstream).
 * A missing cell in an equation counts 0 when the total equals the sum of the cells present (a partial total);
 * otherwise it is an unknown that the audit protects like a confidential cell.
 */
export function indexProblem(problem: SdcProblem): IndexedProblem {
  if (!Number.isFinite(problem.threshold) || problem.threshold < 1) {
    throw new DisclosureInputError(`threshold must be a number ≥ 1, got ${problem.threshold}`);
  }
  const index = new Map<string, number>();
  problem.cells.forEach((c, i) => {
    if (index.has(c.id)) throw new DisclosureInputError(`duplicate cell id ${c.id}`);
    if (c.value !== null && (!Number.isFinite(c.value) || c.value < 0)) {
      throw new DisclosureInputError(`cell ${c.id}: values must be finite and ≥ 0, got ${c.value}`);
    }
    index.set(c.id, i);
  });
  const at = (id: string): number => {
    const i = index.get(id);
    if (i === undefined) throw new DisclosureInputError(`equation names an unknown cell ${id}`);
    return i;
  };
  const cells = problem.cells;
  const equations: IndexedProblem["equations"] = [];
  const equationsOf: number[][] = cells.map(() => []);
  const unknown = new Uint8Array(cells.length);
  cells.forEach((c, i) => {
    if (c.confidential) unknown[i] = 1;
  });
  for (const eq of problem.equations) {
    const total = at(eq.total);
    if (isMissing(cells[total]!)) continue;
    const all = eq.terms.map(at);
    if (all.includes(total)) throw new DisclosureInputError(`equation of ${eq.total} contains its own total`);
    const present = all.filter((t) => !isMissing(cells[t]!));
    const missing = all.filter((t) => isMissing(cells[t]!));
    let terms = present;
    if ([total, ...present].every((t) => cells[t]!.value !== null)) {
      const sum = present.reduce((s, t) => s + cells[t]!.value!, 0);
      const tv = cells[total]!.value!;
      const off = Math.abs(sum - tv) > SUM_TOLERANCE * Math.max(1, Math.abs(tv));
      if (off && (missing.length === 0 || sum > tv)) {
        throw new DisclosureInputError(`total ${eq.total} = ${tv} but its cells sum to ${sum}`);
      }
      if (off) {
        terms = all;
        for (const t of missing) unknown[t] = 1;
      }
    }
    const e = equations.length;
    equations.push({ total, terms });
    for (const c of new Set([total, ...terms])) equationsOf[c]!.push(e);
  }
  return { problem, index, equations, equationsOf, unknown };
}
