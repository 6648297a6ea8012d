import { formatEuro, formatNumber, formatShare, NA } from "@/lib/format";
import type { Ratio } from "@/lib/budget/rates";
import type { Measure } from "@/lib/budget/breakdown";

/** A rate as the page prints it: "85,3%" or "n.d. (reason)". */
export function rateText(r: Ratio): string {
  return r.value === null ? `${NA} (${r.reason})` : formatShare(r.value);
}

/** Decimals of a measure: euros to the cent, per resident to the cent, shares to one decimal. */
export const MEASURE_DECIMALS: Record<Measure, number> = { assoluto: 2, abitante: 2, percentuale: 1 };

/** A measured amount: "12.345,00 €", "12,35 € per ab.", "23,4%", or "n.d. (reason)". */
export function measuredText(r: Ratio, measure: Measure): string {
  if (r.value === null) return `${NA} (${r.reason})`;
  if (measure === "percentuale") return formatShare(r.value);
  if (measure === "abitante") return formatEuro(r.value);
  return formatEuro(r.value);
}

/** The value of a measured amount in the unit the downloads use (%, €, € per resident), rounded as shown. */
export function measuredNumber(r: Ratio, measure: Measure): number | null {
  if (r.value === null) return null;
  return Number((measure === "percentuale" ? r.value * 100 : r.value).toFixed(MEASURE_DECIMALS[measure]));
}

export const MEASURE_UNITS: Record<Measure, string> = { assoluto: "€", abitante: "€ per abitante", percentuale: "% dello stanziato totale" };

export const countText = (n: number) => formatNumber(n, 0);
