/**
 * Budget figures with their reason when they cannot be computed: every rate
 * is Σ numerators / Σ denominators over the lines, and a zero denominator
 * gives "n.d." with the reason, never 0 and never a division by zero.
 * Amounts are summed in cents (./stages cents) so totals match to the cent.
 */
import { cents } from "./stages";

export interface Ratio {
  /** numerator / denominator (a fraction: 0.5 = 50%), or null with `reason`. */
  value: number | null;
  numerator: number;
  denominator: number;
  /** Why there is no value (Italian), null when there is one. */
  reason: string | null;
}

/** A ratio of two sums; `zeroReason` is what a zero (or missing) denominator means, in Italian. */
export function ratio(numerator: number, denominator: number | null, zeroReason: string): Ratio {
  if (denominator === null || !(denominator > 0) || !Number.isFinite(numerator)) return { value: null, numerator, denominator: denominator ?? 0, reason: zeroReason };
  return { value: numerator / denominator, numerator, denominator, reason: null };
}

/** The amounts of a budget line (or a sum of lines) that the rates need. */
export interface BudgetFigures {
  stanziato: number;
  impegnato: number;
  liquidato: number;
  pagato: number;
  /** Opening residui passivi; null on lines that do not report them. */
  residuiIniziali: number | null;
  /** Payments on residui (in conto residui). */
  pagatoResidui: number | null;
}

export interface BudgetTotals extends BudgetFigures {
  /** Lines summed. */
  lines: number;
  /** Lines that report residui iniziali (the smaltimento's denominator covers only these). */
  linesWithResidui: number;
}

export function emptyTotals(): BudgetTotals {
  return { stanziato: 0, impegnato: 0, liquidato: 0, pagato: 0, residuiIniziali: null, pagatoResidui: null, lines: 0, linesWithResidui: 0 };
}

/** Σ of every stage, in cents; residui sum only over the lines that report them (null when none does). */
export function sumFigures(lines: readonly BudgetFigures[]): BudgetTotals {
  let st = 0, im = 0, li = 0, pa = 0, ri = 0, pr = 0, withResidui = 0;
  for (const l of lines) {
    st += cents(l.stanziato);
    im += cents(l.impegnato);
    li += cents(l.liquidato);
    pa += cents(l.pagato);
    if (l.residuiIniziali !== null) {
      withResidui++;
      ri += cents(l.residuiIniziali);
      pr += cents(l.pagatoResidui ?? 0);
    }
  }
  return {
    stanziato: st / 100,
    impegnato: im / 100,
    liquidato: li / 100,
    pagato: pa / 100,
    residuiIniziali: withResidui > 0 ? ri / 100 : null,
    pagatoResidui: withResidui > 0 ? pr / 100 : null,
    lines: lines.length,
    linesWithResidui: withResidui,
  };
}

export interface BudgetRates {
  /** impegnato / stanziato */
  capacitaImpegno: Ratio;
  /** pagato / impegnato */
  capacitaPagamento: Ratio;
  /** pagato / stanziato */
  capacitaSpesa: Ratio;
  /** pagamenti in conto residui / residui iniziali */
  smaltimentoResidui: Ratio;
  /** pagato in conto competenza / impegnato (the velocità di gestione) */
  velocitaGestione: Ratio;
}

export const RATE_LABELS_IT: Record<keyof BudgetRates, { label: string; formula: string }> = {
  capacitaImpegno: { label: "Capacità di impegno", formula: "impegnato / stanziato" },
  capacitaPagamento: { label: "Capacità di pagamento", formula: "pagato / impegnato" },
  capacitaSpesa: { label: "Capacità di spesa", formula: "pagato / stanziato" },
  smaltimentoResidui: { label: "Smaltimento dei residui", formula: "pagamenti in conto residui / residui passivi iniziali" },
  velocitaGestione: { label: "Velocità di gestione", formula: "pagato in conto competenza / impegnato" },
};

export const NO_STANZIATO = "nessuno stanziamento: lo stanziato è zero";
export const NO_IMPEGNATO = "nessun impegno: l'impegnato è zero";
export const NO_RESIDUI = "nessun residuo passivo iniziale riportato";

export function budgetRates(t: BudgetFigures): BudgetRates {
  return {
    capacitaImpegno: ratio(t.impegnato, t.stanziato, NO_STANZIATO),
    capacitaPagamento: ratio(t.pagato, t.impegnato, NO_IMPEGNATO),
    capacitaSpesa: ratio(t.pagato, t.stanziato, NO_STANZIATO),
    smaltimentoResidui: ratio(t.pagatoResidui ?? 0, t.residuiIniziali, NO_RESIDUI),
    velocitaGestione: ratio(t.pagato, t.impegnato, NO_IMPEGNATO),
  };
}

/** An amount per resident, or null with the reason. */
export function perResident(amount: number, residents: number | null, whose = "della zona"): Ratio {
  return ratio(amount, residents, `popolazione residente ${whose} non disponibile`);
}

/** A part as a fraction of its total. */
export function shareOf(part: number, total: number): Ratio {
  return ratio(part, total, "il totale è zero");
}

/** Year-over-year change: absolute and relative (null with the reason when the earlier value is zero or missing). */
export function change(current: number, previous: number | null): { delta: number | null; relative: Ratio } {
  if (previous === null) return { delta: null, relative: { value: null, numerator: 0, denominator: 0, reason: "nessun dato nell'anno precedente" } };
  const delta = (cents(current) - cents(previous)) / 100;
  return { delta, relative: ratio(delta, previous, "nell'anno precedente l'importo è zero") };
}
