/**
 * The progression of a year over its snapshots: at each snapshot date, every
 * line's latest snapshot on or before it, summed; the stages are cumulative,
 * so each step normally grows, and a step down is a disimpegno.
 */
import { cents } from "./stages";
import type { BudgetLineRecord } from "./lines";
import { budgetRates, sumFigures, type BudgetRates, type BudgetTotals } from "./rates";

export interface ProgressionStep {
  asOf: string;
  totals: BudgetTotals;
  rates: BudgetRates;
  /** Stages lower than at the previous step (a disimpegno in the sum). */
  decreased: ("impegnato" | "liquidato" | "pagato")[];
}

/**
 * `snapshots` are all the snapshots of the year's lines (any order); each
 * line is identified by `key`. One step per date in `dates`.
 */
export function progressionOf(snapshots: readonly BudgetLineRecord[], dates: readonly string[], key: (l: BudgetLineRecord) => string): ProgressionStep[] {
  const sorted = [...dates].sort();
  const steps: ProgressionStep[] = [];
  for (const d of sorted) {
    const latest = new Map<string, BudgetLineRecord>();
    for (const s of snapshots) {
      if (s.referenceDate > d) continue;
      const k = key(s);
      const seen = latest.get(k);
      if (!seen || seen.referenceDate < s.referenceDate) latest.set(k, s);
    }
    const totals = sumFigures([...latest.values()]);
    const prev = steps[steps.length - 1];
    const decreased = prev ? (["impegnato", "liquidato", "pagato"] as const).filter((st) => cents(totals[st]) < cents(prev.totals[st])) : [];
    steps.push({ asOf: d, totals, rates: budgetRates(totals), decreased });
  }
  return steps;
}
