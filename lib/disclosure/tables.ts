/**
 * protectTables: the entry point of the query layer. Tables of comuni (rows)
 * × indicators or years (columns) of counts, with optional row, column and
 * grand totals, are turned into one SdcProblem and protected jointly, so a
 * cell or total that appears in several tables (same `id`) gets one status
 * everywhere. Rates and means whose numerator counts people follow their
 * numerator's status.
 */
import { type AuditResult } from "./audit";
import { type CellKind, type CellStatus, type SdcCell, type SdcEquation, type SdcProblem, DisclosureInputError, SUM_TOLERANCE } from "./model";
import { protectProblem } from "./suppress";
import { disclosureFootnoteIt, suppressedMarkIt } from "./texts";

export interface ProtectedValue {
  /** The value to publish; null unless status is "shown". */
  value: number | null;
  status: CellStatus;
}

export interface ProtectedColumnInput {
  key: string;
  /** "people" (default): counts of people, suppressed below the threshold. "other": amounts never suppressed on their own. */
  kind?: CellKind;
  /**
   * This column is a rate or mean whose numerator (a count of people) is column `rateOf`
   * of the same table: each of its cells (and its total) is shown exactly when the numerator is.
   * It takes part in no total.
   */
  rateOf?: string;
}

export interface CellInput {
  value: number | null;
  /** Withheld by the source: never shown, marked as confidential. */
  confidential?: boolean;
  /** Give the same id to a cell shown in several tables (e.g. the zone total of a year) to protect it once. */
  id?: string;
  /** Published elsewhere without protection (a public input): never suppressed, known to the intruder. */
  published?: boolean;
}

/** A number, null (missing) or a cell with flags. */
export type CellValueInput = number | null | CellInput;

export interface ProtectedTableInput {
  id: string;
  rows: readonly string[];
  columns: readonly ProtectedColumnInput[];
  /** cells[row][column]; an absent cell is missing. */
  cells: Readonly<Record<string, Readonly<Record<string, CellValueInput | undefined>> | undefined>>;
  /** Total over the rows of each column (e.g. the zone total of an indicator); = Σ of the column's cells. */
  columnTotals?: Readonly<Record<string, CellValueInput | undefined>>;
  /** Total over the (non-rate) columns of each row; = Σ of the row's cells. */
  rowTotals?: Readonly<Record<string, CellValueInput | undefined>>;
  /** = Σ column totals and = Σ row totals (whichever are given). */
  grandTotal?: CellValueInput;
}

export interface ProtectTablesInput {
  tables: readonly ProtectedTableInput[];
  /** Counts of people below it are suppressed (per zone; SISTAN default 3). */
  threshold: number;
  /** Zeros are shown unless this is false. */
  showZeros?: boolean;
  /** Compute the exact interval of every hidden cell in `audit` (slower; for reports and tests). */
  exactAudit?: boolean;
  /**
   * Figures from the sources that do not add up (comuni + ATS ≠ zone, a sum that is not the sum of its
   * inputs) are reconciled equation by equation instead of refused: see reconcileEquations.
   */
  reconcile?: boolean;
}

export interface ProtectedTableResult {
  id: string;
  cells: Record<string, Record<string, ProtectedValue>>;
  columnTotals: Record<string, ProtectedValue>;
  rowTotals: Record<string, ProtectedValue>;
  grandTotal: ProtectedValue | null;
}

export interface ProtectedTablesResult {
  tables: ProtectedTableResult[];
  threshold: number;
  /** The mark printed instead of any suppressed value, e.g. "< 3". */
  mark: string;
  /** Italian footnote explaining the mark and the rule. */
  footnote: string;
  /** Whether any value (other than a missing one) is not shown. */
  anySuppressed: boolean;
  /** The final audit of the published pattern (passed; intervals of every hidden cell when exactAudit). */
  audit: AuditResult;
  /** The problem protected (cells and published equations, after reconcile) and each cell's status: for joining blocks later (region.ts). */
  problem: SdcProblem;
  status: ReadonlyMap<string, CellStatus>;
}

function normalise(v: CellValueInput | undefined): CellInput {
  if (v === undefined || v === null) return { value: null };
  if (typeof v === "number") return { value: v };
  return v;
}

interface Slot {
  cellId: string;
  /** For a rate: the slot id of its numerator. */
  numeratorId?: string;
  rateValue?: number | null;
  confidential?: boolean;
}

const SEP = "\u001f";

/** Protects the tables jointly. Throws DisclosureInputError on inconsistent input (a total that is not the sum of its cells). */
export function protectTables(input: ProtectTablesInput): ProtectedTablesResult {
  const cells = new Map<string, SdcCell>();
  const equations: SdcEquation[] = [];
  const layout: { table: ProtectedTableInput; slots: Map<string, Slot> }[] = [];
  const upsert = (id: string, cell: CellInput, kind: CellKind, margin: boolean): void => {
    const next: SdcCell = { id, value: cell.value, kind, confidential: cell.confidential, margin, published: cell.published };
    const prev = cells.get(id);
    if (!prev) {
      cells.set(id, next);
      return;
    }
    if (
      prev.value !== next.value ||
      Boolean(prev.confidential) !== Boolean(next.confidential) ||
      Boolean(prev.published) !== Boolean(next.published) ||
      prev.kind !== next.kind
    ) {
      throw new DisclosureInputError(`cell ${id} appears in two tables with different values`);
    }
    if (margin) prev.margin = true;
  };

  for (const table of input.tables) {
    const slots = new Map<string, Slot>();
    const columns = new Map(table.columns.map((c) => [c.key, c]));
    if (columns.size !== table.columns.length) throw new DisclosureInputError(`table ${table.id}: duplicate column`);
    for (const c of table.columns) {
      if (c.rateOf !== undefined && (!columns.has(c.rateOf) || columns.get(c.rateOf)!.rateOf !== undefined)) {
        throw new DisclosureInputError(`table ${table.id}: rate column ${c.key} needs a count column as numerator, not ${c.rateOf}`);
      }
    }
    const additive = table.columns.filter((c) => c.rateOf === undefined);
    const defaultId = (...parts: string[]): string => [table.id, ...parts].join(SEP);
    const place = (slotKey: string, raw: CellValueInput | undefined, column: ProtectedColumnInput | null, margin: boolean, numeratorSlot?: string): void => {
      const cell = normalise(raw);
      const id = cell.id ?? defaultId(slotKey);
      if (column?.rateOf !== undefined) {
        slots.set(slotKey, { cellId: id, numeratorId: numeratorSlot, rateValue: cell.value, confidential: cell.confidential });
        return;
      }
      upsert(id, cell, column?.kind ?? "people", margin);
      slots.set(slotKey, { cellId: id });
    };
    for (const row of table.rows) {
      for (const col of table.columns) {
        place(["c", row, col.key].join(SEP), table.cells[row]?.[col.key], col, false, col.rateOf && ["c", row, col.rateOf].join(SEP));
      }
    }
    if (table.columnTotals) {
      for (const col of table.columns) {
        if (!(col.key in table.columnTotals)) continue;
        place(["ct", col.key].join(SEP), table.columnTotals[col.key], col, true, col.rateOf && ["ct", col.rateOf].join(SEP));
        if (col.rateOf !== undefined) continue;
        equations.push({
          total: slots.get(["ct", col.key].join(SEP))!.cellId,
          terms: table.rows.map((r) => slots.get(["c", r, col.key].join(SEP))!.cellId),
        });
      }
    }
    const kindOfRows = additive.every((c) => (c.kind ?? "people") === "people") ? "people" : "other";
    const totalColumn: ProtectedColumnInput = { key: "", kind: kindOfRows };
    if (table.rowTotals) {
      for (const row of table.rows) {
        if (!(row in table.rowTotals)) continue;
        place(["rt", row].join(SEP), table.rowTotals[row], totalColumn, true);
        equations.push({
          total: slots.get(["rt", row].join(SEP))!.cellId,
          terms: additive.map((c) => slots.get(["c", row, c.key].join(SEP))!.cellId),
        });
      }
    }
    if (table.grandTotal !== undefined) {
      place("g", table.grandTotal, totalColumn, true);
      const g = slots.get("g")!.cellId;
      const colTotals = additive.map((c) => slots.get(["ct", c.key].join(SEP))?.cellId);
      if (colTotals.every((x) => x !== undefined)) equations.push({ total: g, terms: colTotals });
      const rowTotals = table.rows.map((r) => slots.get(["rt", r].join(SEP))?.cellId);
      if (rowTotals.every((x) => x !== undefined)) equations.push({ total: g, terms: rowTotals });
      if (colTotals.some((x) => x === undefined) && rowTotals.some((x) => x === undefined)) {
        // A grand total without complete margins is the sum of all the cells.
        equations.push({ total: g, terms: table.rows.flatMap((r) => additive.map((c) => slots.get(["c", r, c.key].join(SEP))!.cellId)) });
      }
    }
    layout.push({ table, slots });
  }

  const published = input.reconcile ? reconcileEquations(cells, equations) : equations;
  const problem: SdcProblem = { cells: [...cells.values()], equations: published, threshold: input.threshold, showZeros: input.showZeros ?? true };
  const result = protectProblem(problem, { exact: input.exactAudit });
  const statusOf = (id: string): CellStatus => result.status.get(id)!;
  let anySuppressed = false;
  const valueOf = (slot: Slot, slots: Map<string, Slot>): ProtectedValue => {
    if (slot.numeratorId !== undefined) {
      if (slot.confidential) return { value: null, status: "confidential" };
      if (slot.rateValue === null || slot.rateValue === undefined) return { value: null, status: "missing" };
      const numerator = slots.get(slot.numeratorId);
      // No numerator to protect it with: the count behind the rate is unknown, so it is not published.
      if (!numerator) return { value: null, status: "primary" };
      const num = statusOf(numerator.cellId);
      // A rate whose numerator is not published would give it back (× its public denominator).
      if (num === "shown") return { value: slot.rateValue, status: "shown" };
      return { value: null, status: num === "missing" ? "primary" : num };
    }
    const status = statusOf(slot.cellId);
    return { value: status === "shown" ? cells.get(slot.cellId)!.value : null, status };
  };
  const tables = layout.map(({ table, slots }): ProtectedTableResult => {
    const pick = (key: string): ProtectedValue | undefined => {
      const slot = slots.get(key);
      if (!slot) return undefined;
      const v = valueOf(slot, slots);
      if (v.status !== "shown" && v.status !== "missing") anySuppressed = true;
      return v;
    };
    const out: ProtectedTableResult = { id: table.id, cells: {}, columnTotals: {}, rowTotals: {}, grandTotal: null };
    for (const row of table.rows) {
      const r: Record<string, ProtectedValue> = {};
      for (const col of table.columns) r[col.key] = pick(["c", row, col.key].join(SEP))!;
      out.cells[row] = r;
      const rt = pick(["rt", row].join(SEP));
      if (rt) out.rowTotals[row] = rt;
    }
    for (const col of table.columns) {
      const ct = pick(["ct", col.key].join(SEP));
      if (ct) out.columnTotals[col.key] = ct;
    }
    out.grandTotal = pick("g") ?? null;
    return out;
  });
  return {
    tables,
    threshold: input.threshold,
    mark: suppressedMarkIt(input.threshold),
    footnote: disclosureFootnoteIt(input.threshold),
    anySuppressed,
    audit: result.audit,
    problem,
    status: result.status,
  };
}

/**
 * An equation whose figures do not add up is not an equality a reader can use. A total larger than
 * its cells has a part no cell shows: it gets an unknown term (≥ 0, protected like a confidential
 * cell), so that the difference never bounds a hidden cell. A total smaller than its cells is no sum
 * at all: the equation is dropped, the figures stay cells of the problem (a small one is still
 * suppressed). Equations that add up, partial totals and totals with unknown cells are kept as they are.
 */
function reconcileEquations(cells: Map<string, SdcCell>, equations: readonly SdcEquation[]): SdcEquation[] {
  const out: SdcEquation[] = [];
  equations.forEach((eq, k) => {
    const total = cells.get(eq.total)!;
    const terms = eq.terms.map((t) => cells.get(t)!);
    if (total.value === null || total.confidential || terms.some((t) => t.confidential)) {
      out.push(eq);
      return;
    }
    const present = terms.filter((t) => t.value !== null);
    const sum = present.reduce((s, t) => s + t.value!, 0);
    const diff = total.value - sum;
    if (Math.abs(diff) <= SUM_TOLERANCE * Math.max(1, Math.abs(total.value))) out.push(eq);
    else if (diff > 0 && present.length < terms.length) out.push(eq);
    else if (diff > 0) {
      const rest = `${eq.total}${SEP}resto${SEP}${k}`;
      cells.set(rest, { id: rest, value: null, kind: total.kind, confidential: true });
      out.push({ total: eq.total, terms: [...eq.terms, rest] });
    }
  });
  return out;
}
