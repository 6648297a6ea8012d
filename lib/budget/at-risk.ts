/**
 * Funds at risk: lines whose reporting deadline falls within N months of the
 * situazione date (or has passed) and whose capacità di spesa (pagato /
 * stanziato) is below a threshold, grouped per fund, PNRR project and
 * annualità, with what is still to spend (stanziato − pagato).
 */
import { cents } from "./stages";
import type { BudgetLineRecord } from "./lines";
import { ratio, NO_STANZIATO, type Ratio } from "./rates";

export const AT_RISK_DEFAULTS = { months: 6, threshold: 0.5 } as const;

export interface FundAtRisk {
  fundingCode: string;
  project: string | null;
  /** Annualità (esercizio) of the lines. */
  year: number;
  deadline: string;
  stanziato: number;
  pagato: number;
  capacitaSpesa: Ratio;
  /** stanziato − pagato */
  daSpendere: number;
  /** Days from the situazione date to the deadline; negative when past. */
  daysLeft: number;
  lines: number;
}

/** `iso` plus `months` calendar months, clamped to the month's last day (31/12 + 6 months = 30/06). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

export function fundsAtRisk(lines: readonly BudgetLineRecord[], options: { asOf: string; months?: number; threshold?: number }): FundAtRisk[] {
  const months = options.months ?? AT_RISK_DEFAULTS.months;
  const threshold = options.threshold ?? AT_RISK_DEFAULTS.threshold;
  const until = addMonths(options.asOf, months);
  const groups = new Map<string, { l: BudgetLineRecord; st: number; pa: number; n: number }>();
  for (const l of lines) {
    if (l.deadline === null || l.deadline > until) continue;
    const k = [l.fundingCode, l.project ?? "", l.year, l.deadline].join("|");
    const g = groups.get(k) ?? { l, st: 0, pa: 0, n: 0 };
    g.st += cents(l.stanziato);
    g.pa += cents(l.pagato);
    g.n++;
    groups.set(k, g);
  }
  const out: FundAtRisk[] = [];
  for (const { l, st, pa, n } of groups.values()) {
    const capacitaSpesa = ratio(pa / 100, st / 100, NO_STANZIATO);
    if (capacitaSpesa.value === null || capacitaSpesa.value >= threshold) continue;
    out.push({ fundingCode: l.fundingCode, project: l.project, year: l.year, deadline: l.deadline!, stanziato: st / 100, pagato: pa / 100, capacitaSpesa, daSpendere: (st - pa) / 100, daysLeft: dayNumber(l.deadline!) - dayNumber(options.asOf), lines: n });
  }
  return out.sort((a, b) => a.deadline.localeCompare(b.deadline) || b.daSpendere - a.daSpendere);
}
