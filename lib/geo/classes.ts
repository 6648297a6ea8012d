/**
 * Class breaks for a choropleth: quantiles of the values (equal counts per
 * class), at most `count` classes, fewer when values repeat.
 */
export interface ClassBreaks {
  /** Upper bound of each class, ascending; the last equals the maximum. */
  upper: number[];
  min: number;
}

export function quantileBreaks(values: number[], count = 5): ClassBreaks | null {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const upper: number[] = [];
  for (let k = 1; k <= count; k++) {
    const index = Math.min(sorted.length - 1, Math.ceil((k * sorted.length) / count) - 1);
    const v = sorted[index] as number;
    if (upper.length === 0 || v > (upper[upper.length - 1] as number)) upper.push(v);
  }
  return { upper, min: sorted[0] as number };
}

/** 1-based class of a value, or null for a missing value. */
export function classOf(value: number | null, breaks: ClassBreaks): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const i = breaks.upper.findIndex((u) => value <= u);
  return (i === -1 ? breaks.upper.length - 1 : i) + 1;
}
