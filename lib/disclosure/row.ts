/**
 * One row of cells with an optional total, on the same engine as protectTables
 * (kept for callers of the former lib/disclosure.ts).
 */
import { DEFAULT_DISCLOSURE_THRESHOLD } from "./texts";
import { protectTables } from "./tables";

export type SuppressionReason = "primaria" | "secondaria";

export interface DisclosureCell<K extends string = string> {
  key: K;
  value: number | null;
}

export interface ProtectedCell<K extends string = string> {
  key: K;
  /** null when suppressed (or missing). */
  value: number | null;
  suppressed: boolean;
  reason: SuppressionReason | null;
}

export interface ProtectedRow<K extends string = string> {
  cells: ProtectedCell<K>[];
  total: { value: number | null; suppressed: boolean; reason: SuppressionReason | null } | null;
}

export interface DisclosureOptions {
  threshold?: number;
  /** Zero cells are shown by default: a zero reveals no one's attributes in a count of users. */
  suppressZeros?: boolean;
}

/** Whether a single count of people is below the threshold (primary suppression). */
export function isSensitiveCount(value: number | null, options: DisclosureOptions = {}): boolean {
  if (value === null) return false;
  const threshold = options.threshold ?? DEFAULT_DISCLOSURE_THRESHOLD;
  if (value === 0) return Boolean(options.suppressZeros);
  return value > 0 && value < threshold;
}

/** Protects one row (e.g. the comuni of a zone) and its total (undefined: no total published). */
export function protectRow<K extends string>(
  cells: readonly DisclosureCell<K>[],
  total: number | null | undefined,
  options: DisclosureOptions = {},
): ProtectedRow<K> {
  const threshold = options.threshold ?? DEFAULT_DISCLOSURE_THRESHOLD;
  const r = protectTables({
    threshold,
    showZeros: !options.suppressZeros,
    tables: [
      {
        id: "row",
        rows: ["r"],
        columns: cells.map((c) => ({ key: c.key })),
        cells: { r: Object.fromEntries(cells.map((c) => [c.key, c.value])) },
        ...(total === undefined ? {} : { rowTotals: { r: total } }),
      },
    ],
  }).tables[0]!;
  const reason = (s: string): SuppressionReason | null => (s === "primary" ? "primaria" : s === "secondary" ? "secondaria" : null);
  const row = r.cells.r!;
  return {
    cells: cells.map((c) => {
      const p = row[c.key]!;
      return { key: c.key, value: p.value, suppressed: reason(p.status) !== null, reason: reason(p.status) };
    }),
    total:
      total === undefined
        ? null
        : { value: r.rowTotals.r!.value, suppressed: reason(r.rowTotals.r!.status) !== null, reason: reason(r.rowTotals.r!.status) },
  };
}
