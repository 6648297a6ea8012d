import type { Db } from "./zones";
import { budgetSnapshotDates, loadBudgetYear } from "./budget";
import { UnprocessableError } from "@/lib/errors";
import { APPORTIONMENT_RULE_IT } from "@/lib/budget/apportion";
import type { BreakdownRow } from "@/lib/budget/breakdown";
import { perResident, shareOf, type BudgetTotals } from "@/lib/budget/rates";
import type { BudgetBody } from "@/lib/api/budget-schemas";

/** The budget API's answer: the same summary the page shows (lib/budget/summary), read through latestBudgetLines. */
export async function zoneBudgetApi(db: Db, zoneCode: string, q: { year?: number; asOf?: string; months?: number; threshold?: number; source?: string }): Promise<BudgetBody> {
  const years = (await budgetSnapshotDates(db, zoneCode)).map((y) => y.year);
  if (years.length === 0) throw new UnprocessableError(`La zona ${zoneCode} non ha righe di bilancio.`);
  const year = q.year ?? years[0]!;
  if (!years.includes(year)) throw new UnprocessableError(`Nessuna riga di bilancio nel ${year}: esercizi disponibili ${[...years].sort().join(", ")}.`);
  const loaded = (await loadBudgetYear(db, zoneCode, { year, asOf: q.asOf ?? null, source: q.source ?? null, atRisk: { months: q.months ?? 6, threshold: q.threshold ?? 0.5 } }))!;
  if (q.asOf && !loaded.dates.includes(q.asOf)) throw new UnprocessableError(`Nessuna situazione al ${q.asOf} nel ${year}: date disponibili ${loaded.dates.join(", ")}.`);
  const s = loaded.summary;
  const totals = (t: BudgetTotals) => ({ stanziato: t.stanziato, impegnato: t.impegnato, liquidato: t.liquidato, pagato: t.pagato, residuiIniziali: t.residuiIniziali, pagatoResidui: t.pagatoResidui, lines: t.lines });
  const item = (r: BreakdownRow) => ({ key: r.key, label: r.label, totals: totals(r.totals), rates: r.rates, perResident: perResident(r.totals.impegnato, r.residents), shareOfImpegnato: shareOf(r.totals.impegnato, s.totals.impegnato), uncovered: r.uncovered });
  return {
    zone: zoneCode,
    year,
    asOf: s.asOf,
    dates: loaded.dates,
    residents: s.residents,
    totals: totals(s.totals),
    rates: s.rates,
    previous: s.previous ? { totals: totals(s.previous.totals), rates: s.previous.rates } : null,
    byArea: s.breakdowns.area.map(item),
    bySource: s.breakdowns.fonte.map(item),
    byService: s.breakdowns.servizio.map(item),
    byComune: s.breakdowns.comune.map(item),
    apportionmentRule: APPORTIONMENT_RULE_IT,
    atRisk: s.atRisk.map((f) => ({ fundingCode: f.fundingCode, project: f.project, year: f.year, deadline: f.deadline, stanziato: f.stanziato, pagato: f.pagato, capacitaSpesa: f.capacitaSpesa, daSpendere: f.daSpendere, daysLeft: f.daysLeft })),
  };
}
