/**
 * Budget breakdowns (by area di utenza, service, funding source, comune):
 * each group's totals and rates, and a stage's amount shown absolute, per
 * resident or as a share of the total (the page's «misura»).
 */
import type { BudgetLineRecord, AmountStage } from "./lines";
import { budgetRates, perResident, ratio, shareOf, sumFigures, type BudgetFigures, type BudgetRates, type BudgetTotals, type Ratio } from "./rates";

export interface BreakdownRow {
  key: string;
  label: string;
  totals: BudgetTotals;
  rates: BudgetRates;
  /** Residents the per-resident figures divide by (the comune's for the comuni, the zone's otherwise); null when unknown. */
  residents: number | null;
  /** Why the group has no figures (e.g. a source that does not cover a comune); null otherwise. */
  uncovered: string | null;
}

/** Groups lines by `key`, largest impegnato first (ties by label), each with its totals and rates. */
export function breakdownBy<T extends BudgetFigures>(lines: readonly T[], key: (l: T) => string, label: (key: string) => string, residents: (key: string) => number | null): BreakdownRow[] {
  const groups = new Map<string, T[]>();
  for (const l of lines) {
    const k = key(l);
    const g = groups.get(k);
    if (g) g.push(l);
    else groups.set(k, [l]);
  }
  return [...groups]
    .map(([k, g]) => {
      const totals = sumFigures(g);
      return { key: k, label: label(k), totals, rates: budgetRates(totals), residents: residents(k), uncovered: null };
    })
    .sort((a, b) => b.totals.impegnato - a.totals.impegnato || a.label.localeCompare(b.label, "it"));
}

export type Measure = "assoluto" | "abitante" | "percentuale";
export const MEASURE_LABELS_IT: Record<Measure, string> = { assoluto: "Euro", abitante: "Euro per abitante", percentuale: "% del totale" };

/**
 * A stage of a group in the chosen measure: euros, euros per resident of the
 * group, or a fraction of the total of that stage. Always a Ratio, so "n.d."
 * carries its reason.
 */
export function measured(row: Pick<BreakdownRow, "totals" | "residents">, stage: AmountStage, measure: Measure, total: BudgetFigures): Ratio {
  const amount = row.totals[stage];
  if (measure === "abitante") return perResident(amount, row.residents);
  if (measure === "percentuale") return shareOf(amount, total[stage]);
  return ratio(amount, 1, "");
}

/** The lines of one year, by the service's area di utenza (unknown service: "area non indicata"). */
export const areaKey = (l: BudgetLineRecord) => l.area ?? "non_indicata";
export const serviceKey = (l: BudgetLineRecord) => l.serviceCode;
export const sourceKey = (l: BudgetLineRecord) => l.fundingCode;
