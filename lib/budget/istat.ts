/**
 * The ISTAT survey "Interventi e servizi sociali dei comuni" view of the
 * budget: spending (impegnato) per area di utenza decomposed as the survey
 * does — TOTEXP = EXPMUN spesa dei comuni (net) + EXPUSERS compartecipazione
 * degli utenti + EXPSSN quota del servizio sanitario — with EXPTPOP, the
 * comuni's spending per resident of the area's reference population
 * (famiglia e minori 0–17, anziani 65+, the others all residents), and the
 * spending per user. Users are counts of people: they come in already
 * protected (lib/disclosure) and a suppressed count gives no per-user figure.
 */
import { SERVICE_AREAS } from "@/lib/catalog/service-areas";
import { SPENDING_TYPES } from "@/lib/catalog/service-areas";
import { cents } from "./stages";
import type { BudgetLineRecord } from "./lines";
import { referencePopulationOf, REFERENCE_POPULATION_LABELS_IT, type ComunePopulation, type ReferencePopulation } from "./apportion";
import { ratio, type Ratio } from "./rates";

export const ISTAT_RULE_IT =
  "Spesa impegnata dei servizi per area di utenza. Spesa dei comuni: tutte le fonti tranne la compartecipazione degli utenti e la quota del servizio sanitario (fonte SSN), che l'indagine rileva a parte; spesa totale = somma delle tre. Spesa per abitante: spesa dei comuni divisa per la popolazione di riferimento dell'area (famiglia e minori: residenti di 0–17 anni; anziani: 65 anni e oltre; le altre aree: tutti i residenti). Utenti: somma degli utenti dei servizi dell'area (un utente di due servizi conta due volte, come nell'indagine), protetti dal segreto statistico.";

export const ISTAT_AREA_CODES: Record<string, string> = {
  famiglia_minori: "FAM",
  disabili: "DIS",
  dipendenze: "ADD",
  anziani: "ELD",
  immigrati: "IMMNOM",
  poverta: "POV",
  multiutenza: "MULBEN",
};

/** Funding sources that are not the comuni's own spending in the survey's sense. */
export const USERS_SOURCE = "COMPARTECIPAZIONE";
export const SSN_SOURCE = "SSN";

export interface IstatSpending {
  /** EXPMUN: every source but the users' co-payment and the health service's quota. */
  expMun: number;
  /** EXPUSERS */
  expUsers: number;
  /** EXPSSN */
  expSsn: number;
  /** TOTEXP */
  totExp: number;
}

export interface IstatAreaRow extends IstatSpending {
  area: string;
  code: string;
  label: string;
  bySpendingType: Record<string, IstatSpending>;
  referencePopulation: ReferencePopulation;
  population: number | null;
  /** EXPTPOP: expMun / reference population. */
  expPerInhabitant: Ratio;
  /** Users (sum over the area's services), null when unknown or suppressed. */
  users: number | null;
  usersState: "public" | "suppressed" | "missing";
  /** expMun / users */
  expPerUser: Ratio;
}

function spendingOf(lines: readonly BudgetLineRecord[]): IstatSpending {
  let mun = 0, users = 0, ssn = 0;
  for (const l of lines) {
    const c = cents(l.impegnato);
    if (l.fundingCode === USERS_SOURCE) users += c;
    else if (l.fundingCode === SSN_SOURCE) ssn += c;
    else mun += c;
  }
  return { expMun: mun / 100, expUsers: users / 100, expSsn: ssn / 100, totExp: (mun + users + ssn) / 100 };
}

function populationOf(comuni: readonly ComunePopulation[], kind: ReferencePopulation): number | null {
  if (comuni.length === 0 || comuni.some((c) => c[kind] === null)) return null;
  return comuni.reduce((s, c) => s + (c[kind] ?? 0), 0);
}

/**
 * One row per area di utenza (the survey's order) and a TOT row. `users` are
 * the protected user counts per area (value null with state when not shown).
 */
export function istatSurvey(lines: readonly BudgetLineRecord[], comuni: readonly ComunePopulation[], users: ReadonlyMap<string, { value: number | null; state: "public" | "suppressed" | "missing" }>): IstatAreaRow[] {
  const rows: IstatAreaRow[] = [];
  const make = (area: string, code: string, label: string, ls: readonly BudgetLineRecord[], refPop: ReferencePopulation, u: { value: number | null; state: "public" | "suppressed" | "missing" }): IstatAreaRow => {
    const s = spendingOf(ls);
    const population = populationOf(comuni, refPop);
    const bySpendingType = Object.fromEntries(SPENDING_TYPES.map((t) => [t.code, spendingOf(ls.filter((l) => l.spendingType === t.code))]));
    return {
      area,
      code,
      label,
      ...s,
      bySpendingType,
      referencePopulation: refPop,
      population,
      expPerInhabitant: ratio(s.expMun, population, `popolazione di riferimento (${REFERENCE_POPULATION_LABELS_IT[refPop]}) non disponibile`),
      users: u.value,
      usersState: u.state,
      expPerUser: ratio(s.expMun, u.value, u.state === "suppressed" ? "utenti sotto la soglia di riservatezza" : "utenti non disponibili"),
    };
  };
  for (const a of SERVICE_AREAS) {
    const ls = lines.filter((l) => l.area === a.code);
    rows.push(make(a.code, ISTAT_AREA_CODES[a.code]!, a.label, ls, referencePopulationOf(a.code), users.get(a.code) ?? { value: null, state: "missing" }));
  }
  rows.push(make("totale", "TOT", "Totale", lines, "residents", users.get("totale") ?? { value: null, state: "missing" }));
  return rows;
}
