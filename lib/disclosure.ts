/**
 * Statistical disclosure control for counts of people (SISTAN rules, 2019,
 * art. 5): a cell below the threshold (default 3) is suppressed (primary);
 * when a row has a published total, further cells are suppressed
 * (secondary) so that the total minus the visible cells neither reveals a
 * hidden cell nor shows that the hidden cells together are below the threshold.
 */

export const DEFAULT_DISCLOSURE_THRESHOLD = 3;
export const SUPPRESSED_MARK_IT = "< 3";

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

/** Whether a single count must be suppressed. */
export function isSensitiveCount(value: number | null, options: DisclosureOptions = {}): boolean {
  if (value === null) return false;
  const threshold = options.threshold ?? DEFAULT_DISCLOSURE_THRESHOLD;
  if (value === 0) return Boolean(options.suppressZeros);
  return value > 0 && value < threshold;
}

/**
 * Protects one row (e.g. the comuni of a zone) and its total.
 * Secondary suppression hides, among the visible cells with a positive
 * value, the smallest ones first (least information lost) until at least two
 * cells are hidden and their sum reaches the threshold; with no cell left to
 * hide, the total itself is suppressed. Missing cells (null) stay missing and
 * protect nothing. Pass total = undefined for a row without a total.
 */
export function protectRow<K extends string>(
  cells: readonly DisclosureCell<K>[],
  total: number | null | undefined,
  options: DisclosureOptions = {},
): ProtectedRow<K> {
  const threshold = options.threshold ?? DEFAULT_DISCLOSURE_THRESHOLD;
  const work = cells.map((c): { key: K; original: number | null; suppressed: boolean; reason: SuppressionReason | null } => {
    const primary = isSensitiveCount(c.value, options);
    return { key: c.key, original: c.value, suppressed: primary, reason: primary ? "primaria" : null };
  });
  const result = (t: ProtectedRow<K>["total"]): ProtectedRow<K> => ({
    cells: work.map((w) => ({ key: w.key, value: w.suppressed ? null : w.original, suppressed: w.suppressed, reason: w.reason })),
    total: t,
  });
  if (total === undefined) return result(null);
  if (total === null) return result({ value: null, suppressed: false, reason: null });
  if (isSensitiveCount(total, options)) return result({ value: null, suppressed: true, reason: "primaria" });

  for (;;) {
    const hidden = work.filter((w) => w.suppressed);
    const sum = hidden.reduce((s, w) => s + (w.original ?? 0), 0);
    if (hidden.length === 0 || (hidden.length >= 2 && sum >= threshold)) return result({ value: total, suppressed: false, reason: null });
    let pick: (typeof work)[number] | undefined;
    for (const w of work)
      if (!w.suppressed && w.original !== null && w.original > 0 && (!pick || w.original < pick.original!)) pick = w;
    if (!pick) return result({ value: null, suppressed: true, reason: "secondaria" });
    pick.suppressed = true;
    pick.reason = "secondaria";
  }
}
