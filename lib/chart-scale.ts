/**
 * Axis bounds for charts (issue 17). A line chart of a level (a population, a
 * rate, an amount) is fitted to its data rather than drawn from zero, so that
 * a change of 2% does not look flat; the bounds are round numbers a reader can
 * read off the axis. Bars keep their zero (their length is the value).
 */

/** The round step (1, 2, 2.5 or 5 × 10ⁿ) nearest above `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / magnitude;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * magnitude;
}

/**
 * [low, high] around the known values with about a tenth of their range as
 * margin, on steps of niceStep(range / 4); never below zero when no value is
 * negative. Undefined when there is no value (the chart's own default applies).
 */
export function fittedDomain(values: readonly (number | null | undefined)[]): [number, number] | undefined {
  const known = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  if (known.length === 0) return undefined;
  const min = Math.min(...known);
  const max = Math.max(...known);
  // A flat series: a band of ±10% of its value (or ±1 around zero) so that the line sits in the middle.
  const range = max > min ? max - min : Math.abs(max) * 0.2 || 2;
  const step = niceStep(range / 4);
  const margin = max > min ? range * 0.1 : range / 2;
  let low = Math.floor((min - margin) / step) * step;
  const high = Math.ceil((max + margin) / step) * step;
  if (min >= 0 && low < 0) low = 0;
  // Rounding noise of binary fractions (0.1 × 3): bounds kept to the step's decimals.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  const round = (v: number) => Number(v.toFixed(decimals));
  return [round(low), round(high)];
}
