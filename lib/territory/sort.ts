/**
 * Sorts table rows by one key, ascending or descending, with missing values
 * (null) always last: "n.d." is not the smallest or the largest value.
 * Text compares in Italian order (accents, case); ties keep their order.
 */
export function sortRowsBy<T>(rows: readonly T[], key: (row: T) => number | string | null, direction: "asc" | "desc"): T[] {
  const sign = direction === "asc" ? 1 : -1;
  const collator = new Intl.Collator("it", { sensitivity: "base" });
  return rows
    .map((row, index) => ({ row, index, k: key(row) }))
    .sort((a, b) => {
      if (a.k === null && b.k === null) return a.index - b.index;
      if (a.k === null) return 1;
      if (b.k === null) return -1;
      const c = typeof a.k === "string" || typeof b.k === "string" ? collator.compare(String(a.k), String(b.k)) : a.k - b.k;
      return c * sign || a.index - b.index;
    })
    .map((x) => x.row);
}
