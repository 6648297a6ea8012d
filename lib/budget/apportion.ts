/**
 * What the services delivered to each comune's residents cost. Lines recorded
 * for a comune go to that comune; zone-wide lines are apportioned by the
 * service's users per comune where they are known, else by the service's
 * target population (famiglia e minori: residents 0–17; anziani: 65+; the other
 * areas: all residents). Amounts are split in cents by largest remainder, so
 * the comuni add up exactly to the zone.
 */
import { cents } from "./stages";
import type { BudgetLineRecord } from "./lines";
import type { BudgetFigures } from "./rates";

export const APPORTIONMENT_RULE_IT =
  "Le righe di bilancio registrate per un comune vanno a quel comune. La spesa dei servizi di zona è ripartita tra i comuni in proporzione agli utenti del servizio residenti in ciascun comune, quando sono noti (misura «Utenti del servizio» dell'anno); altrimenti in proporzione alla popolazione di riferimento del servizio: residenti di 0–17 anni per famiglia e minori, di 65 anni e oltre per gli anziani, tutti i residenti per le altre aree. Le quote sono stime, come quelle dell'ISTAT per i servizi associati.";

export interface ComunePopulation {
  istat: string;
  name: string;
  residents: number | null;
  /** Residents aged 0–17. */
  minors: number | null;
  /** Residents aged 65 and over. */
  elderly: number | null;
}

export type ReferencePopulation = "residents" | "minors" | "elderly";

/** The ISTAT survey's reference population of an area di utenza. */
export function referencePopulationOf(area: string | null): ReferencePopulation {
  return area === "famiglia_minori" ? "minors" : area === "anziani" ? "elderly" : "residents";
}

export const REFERENCE_POPULATION_LABELS_IT: Record<ReferencePopulation, string> = { residents: "tutti i residenti", minors: "residenti di 0–17 anni", elderly: "residenti di 65 anni e oltre" };

export type ApportionBasis = "diretta" | "utenti" | ReferencePopulation;

export interface ApportionedLine extends BudgetFigures {
  /** The original line. */
  line: BudgetLineRecord;
  istat: string;
  basis: ApportionBasis;
}

export interface Apportionment {
  /** Every line's share per comune (a comune line once, a zone line once per comune with a positive weight). */
  shares: ApportionedLine[];
  /** Zone lines that could not be split (no users and no population of reference), with the reason. */
  unallocated: { line: BudgetLineRecord; reason: string }[];
}

/** Splits `total` cents in proportion to `weights` (all ≥ 0, sum > 0) by largest remainder. */
export function splitCents(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (!(sum > 0)) throw new RangeError("Pesi tutti nulli");
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let rest = total - out.reduce((s, v) => s + v, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) out[order[k]!.i]! += 1;
  return out;
}

/**
 * `users` holds a service's users per comune for the lines' year (key
 * `${serviceCode}|${year}`); counts are weights only, never shown.
 */
export function apportionToComuni(lines: readonly BudgetLineRecord[], comuni: readonly ComunePopulation[], users: ReadonlyMap<string, ReadonlyMap<string, number>>): Apportionment {
  const shares: ApportionedLine[] = [];
  const unallocated: Apportionment["unallocated"] = [];
  for (const line of lines) {
    if (line.istat !== null) {
      shares.push({ ...figuresOf(line), line, istat: line.istat, basis: "diretta" });
      continue;
    }
    const byComune = users.get(`${line.serviceCode}|${line.year}`);
    let basis: ApportionBasis;
    let weights: number[];
    const userWeights = comuni.map((c) => byComune?.get(c.istat) ?? 0);
    if (userWeights.some((w) => w > 0)) {
      basis = "utenti";
      weights = userWeights;
    } else {
      basis = referencePopulationOf(line.area);
      const b = basis;
      weights = comuni.map((c) => c[b] ?? 0);
    }
    if (!weights.some((w) => w > 0)) {
      unallocated.push({ line, reason: `nessun utente e nessun dato di popolazione (${REFERENCE_POPULATION_LABELS_IT[referencePopulationOf(line.area)]}) per ripartire la riga` });
      continue;
    }
    const split = (v: number | null) => (v === null ? null : splitCents(cents(v), weights));
    const st = split(line.stanziato)!, im = split(line.impegnato)!, li = split(line.liquidato)!, pa = split(line.pagato)!;
    const ri = split(line.residuiIniziali), pr = split(line.pagatoResidui);
    comuni.forEach((c, i) => {
      if (!(weights[i]! > 0)) return;
      shares.push({
        line,
        istat: c.istat,
        basis,
        stanziato: st[i]! / 100,
        impegnato: im[i]! / 100,
        liquidato: li[i]! / 100,
        pagato: pa[i]! / 100,
        residuiIniziali: ri ? ri[i]! / 100 : null,
        pagatoResidui: pr ? pr[i]! / 100 : null,
      });
    });
  }
  return { shares, unallocated };
}

function figuresOf(l: BudgetFigures): BudgetFigures {
  return { stanziato: l.stanziato, impegnato: l.impegnato, liquidato: l.liquidato, pagato: l.pagato, residuiIniziali: l.residuiIniziali, pagatoResidui: l.pagatoResidui };
}
