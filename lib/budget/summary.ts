/**
 * One year of the zone's budget at a situazione date, as the budget page, its
 * downloads, the API and the annual report show it: totals per stage, rates,
 * breakdowns by area di utenza, service, funding source and comune (comuni
 * through the apportionment rule of ./apportion), the previous year at the
 * same date for the comparison, and the funds at risk. Pure: the caller reads
 * the lines (db/queries/budget.ts latestBudgetLines) and passes them in.
 */
import { SERVICE_AREA_LABELS_IT, isServiceArea } from "@/lib/catalog/service-areas";
import { FUNDING_SOURCE_BY_CODE } from "@/lib/catalog/funding-sources";
import { apportionToComuni, type Apportionment, type ComunePopulation } from "./apportion";
import { fundsAtRisk, type FundAtRisk } from "./at-risk";
import { areaKey, breakdownBy, serviceKey, sourceKey, type BreakdownRow } from "./breakdown";
import type { BudgetLineRecord } from "./lines";
import { budgetRates, sumFigures, type BudgetRates, type BudgetTotals } from "./rates";

export type BudgetView = "area" | "servizio" | "fonte" | "comune";
export const BUDGET_VIEW_LABELS_IT: Record<BudgetView, string> = { area: "Area di utenza", servizio: "Servizio", fonte: "Fonte di finanziamento", comune: "Comune" };

export interface BudgetYearInput {
  year: number;
  asOf: string;
  /** The year's lines at `asOf` (latest snapshot of each). */
  lines: readonly BudgetLineRecord[];
  /** The previous year's lines at the same date a year earlier; empty when none. */
  previousLines: readonly BudgetLineRecord[];
  comuni: readonly ComunePopulation[];
  /** Service users per comune, `${service}|${year}` → istat → users (apportionment weights). */
  users: ReadonlyMap<string, ReadonlyMap<string, number>>;
  populationYear?: number | null;
  /** Only this funding source, when given. */
  source?: string | null;
  /** All years' lines at `asOf`, for the funds at risk (deadlines cross years). */
  allLines?: readonly BudgetLineRecord[];
  atRisk?: { months: number; threshold: number };
}

export interface BudgetBreakdowns {
  area: BreakdownRow[];
  servizio: BreakdownRow[];
  fonte: BreakdownRow[];
  comune: BreakdownRow[];
}

export interface BudgetYearSummary {
  year: number;
  asOf: string;
  source: string | null;
  totals: BudgetTotals;
  rates: BudgetRates;
  /** Residents of the zone (sum over its comuni), null when a comune's figure is missing. */
  residents: number | null;
  /** The year of the population figures (the budget's year or the latest earlier one with data). */
  populationYear: number | null;
  previous: { totals: BudgetTotals; rates: BudgetRates; breakdowns: BudgetBreakdowns } | null;
  breakdowns: BudgetBreakdowns;
  apportionment: Apportionment;
  /** Lines whose snapshot explains a disimpegno. */
  disimpegni: BudgetLineRecord[];
  atRisk: FundAtRisk[];
}

export const areaLabel = (k: string) => (isServiceArea(k) ? SERVICE_AREA_LABELS_IT[k] : "Area non indicata");
export const sourceLabel = (k: string) => FUNDING_SOURCE_BY_CODE.get(k)?.name ?? k;

/** Sum of the comuni's residents; null when any is unknown (a partial sum would understate). */
export function zoneResidents(comuni: readonly ComunePopulation[]): number | null {
  if (comuni.length === 0 || comuni.some((c) => c.residents === null)) return null;
  return comuni.reduce((s, c) => s + (c.residents ?? 0), 0);
}

export function breakdownsOf(lines: readonly BudgetLineRecord[], comuni: readonly ComunePopulation[], users: BudgetYearInput["users"], source: string | null): { breakdowns: BudgetBreakdowns; apportionment: Apportionment } {
  const residents = zoneResidents(comuni);
  const names = new Map(lines.map((l) => [l.serviceCode, l.serviceName]));
  const apportionment = apportionToComuni(lines, comuni, users);
  const byComune = breakdownBy(apportionment.shares, (s) => s.istat, (k) => comuni.find((c) => c.istat === k)?.name ?? k, (k) => comuni.find((c) => c.istat === k)?.residents ?? null);
  // Every comune of the zone is listed: one without spending says why instead of showing 0.
  const uncovered = source ? `la fonte «${sourceLabel(source)}» non finanzia servizi per questo comune` : "nessuna spesa registrata o ripartita per questo comune";
  for (const c of comuni) {
    if (byComune.some((r) => r.key === c.istat)) continue;
    const totals = sumFigures([]);
    byComune.push({ key: c.istat, label: c.name, totals, rates: budgetRates(totals), residents: c.residents, uncovered });
  }
  return {
    apportionment,
    breakdowns: {
      area: breakdownBy(lines, areaKey, areaLabel, () => residents),
      servizio: breakdownBy(lines, serviceKey, (k) => names.get(k) ?? k, () => residents),
      fonte: breakdownBy(lines, sourceKey, sourceLabel, () => residents),
      comune: byComune,
    },
  };
}

export function budgetYearSummary(input: BudgetYearInput): BudgetYearSummary {
  const source = input.source ?? null;
  const pick = (ls: readonly BudgetLineRecord[]) => (source ? ls.filter((l) => l.fundingCode === source) : ls);
  const lines = pick(input.lines);
  const previousLines = pick(input.previousLines);
  const totals = sumFigures(lines);
  const current = breakdownsOf(lines, input.comuni, input.users, source);
  const previousTotals = previousLines.length > 0 ? sumFigures(previousLines) : null;
  return {
    year: input.year,
    asOf: input.asOf,
    source,
    totals,
    rates: budgetRates(totals),
    residents: zoneResidents(input.comuni),
    populationYear: input.populationYear ?? null,
    previous: previousTotals ? { totals: previousTotals, rates: budgetRates(previousTotals), breakdowns: breakdownsOf(previousLines, input.comuni, input.users, source).breakdowns } : null,
    breakdowns: current.breakdowns,
    apportionment: current.apportionment,
    disimpegni: lines.filter((l) => l.disimpegnoReason !== null),
    atRisk: fundsAtRisk(pick(input.allLines ?? input.lines), { asOf: input.asOf, ...input.atRisk }),
  };
}
