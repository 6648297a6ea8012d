import { formatEuro, formatNumber, formatPercent, NA } from "@/lib/format";
import { NOT_PUBLISHABLE_IT, suppressedMarkIt } from "@/lib/disclosure";
import type { MetricCell, ServiceYear, ShownState } from "@/db/queries/quality";
import type { Derived, QualityMetric } from "@/lib/services/quality";

/**
 * The texts of the quality figures, one place for the pages, the downloads
 * and the report: a value in its unit, the disclosure mark of a withheld
 * count, "n.d." with its reason.
 */
export function metricValueText(metric: QualityMetric, value: number | null): string {
  if (value === null) return NA;
  if (metric.unit === "%") return formatPercent(value, metric.decimals);
  return `${formatNumber(value, metric.decimals)} ${metric.unit}`;
}

export function shownText(state: ShownState, value: number | null, format: (v: number) => string, threshold: number): string {
  if (state === "suppressed") return suppressedMarkIt(threshold);
  if (value === null) return NA;
  return format(value);
}

export function cellText(cell: MetricCell, threshold: number): string {
  return shownText(cell.state, cell.value, (v) => metricValueText(cell.metric, v), threshold);
}

/** "12,3% (45 utenti su 366 residenti di 65 anni e oltre)", or "n.d. (perché)". */
export function coverageText(c: ServiceYear["coverage"], threshold: number): string {
  if (c.state === "suppressed") return `${suppressedMarkIt(threshold)} (${c.reason ?? "conteggio protetto"})`;
  if (c.value === null) return `${NA} (${c.reason ?? "non calcolabile"})`;
  return `${formatPercent(c.value, 1)} (${formatNumber(c.numerator, 0)} utenti su ${formatNumber(c.denominator, 0)} ${c.population.label})`;
}

export function perUserText(d: Derived & { state: ShownState }, threshold: number): string {
  if (d.state === "suppressed") return `${suppressedMarkIt(threshold)} (${d.reason ?? "conteggio protetto"})`;
  if (d.value === null) return `${NA} (${d.reason ?? "non calcolabile"})`;
  return `${formatEuro(d.value, 0)} per utente (${formatEuro(d.numerator, 0)} impegnati, ${formatNumber(d.denominator, 0)} utenti)`;
}

export const UNPUBLISHABLE_IT = NOT_PUBLISHABLE_IT;
