/**
 * Each comune's side of the budget: what it contributes (the `COMUNI` quota:
 * its own lines, plus its per-capita share of zone-wide COMUNI lines) and what
 * the services delivered to its residents cost (every line through
 * ./apportion), absolute and per resident. Amounts are impegnato.
 */
import { apportionToComuni, splitCents, type ComunePopulation } from "./apportion";
import { cents } from "./stages";
import type { BudgetLineRecord } from "./lines";
import { perResident, type Ratio } from "./rates";

export const CONTRIBUTION_RULE_IT =
  "Quota dei comuni: l'impegnato della fonte «Quota dei comuni» registrato per ciascun comune; la quota registrata per la zona intera è attribuita ai comuni in proporzione ai residenti (quota pro capite). Costo dei servizi: l'impegnato di tutte le fonti, ripartito con la regola sopra.";

export interface ComuneBalance {
  istat: string;
  name: string;
  residents: number | null;
  contribution: number;
  contributionPerResident: Ratio;
  cost: number;
  costPerResident: Ratio;
  /** cost − contribution: what the other sources pay for the comune's residents. */
  otherSources: number;
}

export function comuniBalance(lines: readonly BudgetLineRecord[], comuni: readonly ComunePopulation[], users: ReadonlyMap<string, ReadonlyMap<string, number>>): ComuneBalance[] {
  const contribution = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, c: number) => m.set(k, (m.get(k) ?? 0) + c);
  const weights = comuni.map((c) => c.residents ?? 0);
  for (const l of lines) {
    if (l.fundingCode !== "COMUNI") continue;
    if (l.istat !== null) add(contribution, l.istat, cents(l.impegnato));
    else if (weights.some((w) => w > 0)) splitCents(cents(l.impegnato), weights).forEach((c, i) => add(contribution, comuni[i]!.istat, c));
  }
  const cost = new Map<string, number>();
  for (const s of apportionToComuni(lines, comuni, users).shares) add(cost, s.istat, cents(s.impegnato));
  return comuni.map((c) => {
    const con = (contribution.get(c.istat) ?? 0) / 100;
    const cos = (cost.get(c.istat) ?? 0) / 100;
    return {
      istat: c.istat,
      name: c.name,
      residents: c.residents,
      contribution: con,
      contributionPerResident: perResident(con, c.residents, "del comune"),
      cost: cos,
      costPerResident: perResident(cos, c.residents, "del comune"),
      otherSources: (cents(cos) - cents(con)) / 100,
    };
  });
}
