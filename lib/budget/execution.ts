/**
 * Budget execution (TUEL arts. 179–185): rates are ratios of sums across
 * lines, never means of the lines' rates. Amounts are summed in cents so
 * that totals match the accounting to the cent.
 */

import { cents, negativeStages, stageBreaches, type BudgetAmounts } from "./stages";

export type { BudgetAmounts } from "./stages";

export interface BudgetLineLike extends BudgetAmounts {
  year?: number;
  serviceCode?: string;
  fundingCode?: string;
  istat?: string | null;
  deadline?: string | null;
}

export interface ExecutionRates {
  totals: BudgetAmounts;
  /** impegnato / stanziato */
  capacitaImpegno: number | null;
  /** pagato / impegnato */
  capacitaPagamento: number | null;
  /** pagato / stanziato */
  capacitaSpesa: number | null;
  /** impegnato − pagato: what is still to pay (future residui passivi). */
  daPagare: number;
}

export function sumBudget(lines: readonly BudgetAmounts[]): BudgetAmounts {
  const t = { stanziato: 0, impegnato: 0, liquidato: 0, pagato: 0 };
  for (const l of lines) {
    t.stanziato += cents(l.stanziato);
    t.impegnato += cents(l.impegnato);
    t.liquidato += cents(l.liquidato);
    t.pagato += cents(l.pagato);
  }
  return { stanziato: t.stanziato / 100, impegnato: t.impegnato / 100, liquidato: t.liquidato / 100, pagato: t.pagato / 100 };
}

const rate = (num: number, den: number) => (den > 0 ? num / den : null);

/** Rates as fractions (0–1); multiply by 100 to show %. A zero denominator gives null. */
export function executionRates(lines: readonly BudgetAmounts[]): ExecutionRates {
  const totals = sumBudget(lines);
  return {
    totals,
    capacitaImpegno: rate(totals.impegnato, totals.stanziato),
    capacitaPagamento: rate(totals.pagato, totals.impegnato),
    capacitaSpesa: rate(totals.pagato, totals.stanziato),
    daPagare: (cents(totals.impegnato) - cents(totals.pagato)) / 100,
  };
}

/** Execution per group (by service, fund, year, comune…), keys in first-seen order. */
export function executionBy<T extends BudgetAmounts>(lines: readonly T[], key: (line: T) => string): Map<string, ExecutionRates> {
  const groups = new Map<string, T[]>();
  for (const l of lines) {
    const k = key(l);
    const g = groups.get(k);
    if (g) g.push(l);
    else groups.set(k, [l]);
  }
  return new Map([...groups].map(([k, g]) => [k, executionRates(g)]));
}

/** Amount per resident; null without a positive population. */
export function perCapita(amount: number | null, population: number | null): number | null {
  if (amount === null || population === null || !(population > 0)) return null;
  return amount / population;
}

/** Consistency problems of one line, in Italian (empty when fine): the import's own rules (./stages). */
export function budgetLineIssues(l: BudgetAmounts): string[] {
  const negative = negativeStages(l).map((k) => `L'importo ${k} deve essere un numero non negativo`);
  const breaches = stageBreaches(l).map((b) => b.message.charAt(0).toUpperCase() + b.message.slice(1));
  return [...negative, ...breaches];
}

export interface DeadlineAlert<T> {
  line: T;
  /** Days from `today` to the deadline; negative when past. */
  daysLeft: number;
  capacitaSpesa: number | null;
}

function dayNumber(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000 : null;
}

/**
 * Funds near (or past) their reporting deadline with low execution: deadline
 * within `withinDays` of `today` (ISO date) and capacità di spesa below
 * `threshold` (default 0.7). Sorted by deadline.
 */
export function lowExecutionNearDeadline<T extends BudgetLineLike>(
  lines: readonly T[],
  options: { today: string; withinDays?: number; threshold?: number; includePast?: boolean },
): DeadlineAlert<T>[] {
  const today = dayNumber(options.today);
  if (today === null) throw new RangeError(`Data non valida: ${options.today}`);
  const within = options.withinDays ?? 180;
  const threshold = options.threshold ?? 0.7;
  const alerts: DeadlineAlert<T>[] = [];
  for (const line of lines) {
    if (!line.deadline) continue;
    const d = dayNumber(line.deadline);
    if (d === null) continue;
    const daysLeft = d - today;
    if (daysLeft > within || (daysLeft < 0 && !options.includePast)) continue;
    const capacitaSpesa = rate(line.pagato, line.stanziato);
    if (capacitaSpesa !== null && capacitaSpesa >= threshold) continue;
    alerts.push({ line, daysLeft, capacitaSpesa });
  }
  return alerts.sort((a, b) => a.daysLeft - b.daysLeft);
}
