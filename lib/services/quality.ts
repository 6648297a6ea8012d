/**
 * Quality of the zone's services against the carta dei servizi (issue 14).
 * Pure: which measures there are, how a standard is judged (polarity
 * respected: fewer days is better), and the derived figures with their
 * numerator and denominator (coverage, spending per user, share of complaints
 * answered in time), each "n.d." with the reason when it cannot be computed.
 */
import { formatNumber, formatValue } from "@/lib/format";
import type { ServiceArea } from "@/lib/catalog/service-areas";

export interface QualityMetric {
  code: string;
  label: string;
  unit: string;
  decimals: number;
  /** +1 higher is better, −1 lower is better, 0 neutral. */
  polarity: 1 | -1 | 0;
  /** A count of people: shown through disclosure control. */
  people: boolean;
  /** Counts add up across comuni; the others are one figure of the service. */
  additive: boolean;
}

/** The measures of the quality page, in its order (catalogue indicators, lib/catalog/indicators.ts). */
export const QUALITY_METRICS: readonly QualityMetric[] = [
  { code: "SRV_UTENTI", label: "Utenti", unit: "persone", decimals: 0, polarity: 0, people: true, additive: true },
  { code: "SRV_RICHIESTE", label: "Richieste ricevute", unit: "richieste", decimals: 0, polarity: 0, people: true, additive: true },
  { code: "SRV_GG_PRIMO_COLLOQUIO", label: "Giorni alla prima risposta (primo colloquio)", unit: "giorni", decimals: 1, polarity: -1, people: false, additive: false },
  { code: "SRV_GG_PRESA_IN_CARICO", label: "Giorni alla presa in carico", unit: "giorni", decimals: 1, polarity: -1, people: false, additive: false },
  { code: "SRV_LISTA_ATTESA", label: "Persone in lista d'attesa", unit: "persone", decimals: 0, polarity: -1, people: true, additive: true },
  { code: "SRV_SODDISFAZIONE", label: "Soddisfazione (1–10)", unit: "punti", decimals: 1, polarity: 1, people: false, additive: false },
  { code: "SRV_RECLAMI", label: "Reclami ricevuti", unit: "reclami", decimals: 0, polarity: -1, people: false, additive: true },
  { code: "SRV_RECLAMI_RISPOSTA_PERC", label: "Reclami con risposta nei termini", unit: "%", decimals: 1, polarity: 1, people: false, additive: false },
];
export const QUALITY_METRIC_CODES = QUALITY_METRICS.map((m) => m.code);
/** Inputs read from observations: the measures, and the numerator of the complaints' share. */
export const QUALITY_INPUT_CODES = [...QUALITY_METRIC_CODES.filter((c) => c !== "SRV_RECLAMI_RISPOSTA_PERC"), "SRV_RECLAMI_IN_TEMPO"];
const BY_CODE = new Map(QUALITY_METRICS.map((m) => [m.code, m]));
export function qualityMetric(code: string): QualityMetric | undefined {
  return BY_CODE.get(code);
}

/** A figure computed from a numerator and a denominator: null with the reason when it cannot be. */
export interface Derived {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  reason: string | null;
}

/**
 * numerator / denominator × scale, never a division by zero: a missing input
 * or a zero denominator gives null and says which ("n.d." on the page).
 */
export function ratioOf(numerator: number | null, denominator: number | null, scale: number, what: { numerator: string; denominator: string }): Derived {
  if (numerator === null) return { value: null, numerator, denominator, reason: `manca il dato: ${what.numerator}` };
  if (denominator === null) return { value: null, numerator, denominator, reason: `manca il dato: ${what.denominator}` };
  if (denominator === 0) return { value: null, numerator, denominator, reason: `${what.denominator} pari a zero` };
  return { value: (numerator / denominator) * scale, numerator, denominator, reason: null };
}

/** The reference population of a service's coverage, by area (ISTAT's convention where it has one). */
export interface TargetPopulation {
  indicator: string;
  label: string;
  /** ISTAT states it for this area; otherwise all residents, said on the page. */
  confirmed: boolean;
}

export function targetPopulationOf(area: ServiceArea): TargetPopulation {
  switch (area) {
    case "anziani":
      return { indicator: "POP_65_PLUS", label: "residenti di 65 anni e oltre", confirmed: true };
    case "famiglia_minori":
      return { indicator: "POP_0_17", label: "residenti di 0–17 anni", confirmed: true };
    case "multiutenza":
      return { indicator: "POP_TOT", label: "residenti", confirmed: true };
    default:
      return { indicator: "POP_TOT", label: "residenti (popolazione di riferimento non definita dall'ISTAT per quest'area)", confirmed: false };
  }
}

/** Coverage = users / target population × 100. */
export function coverage(users: number | null, population: number | null, populationLabel: string): Derived {
  return ratioOf(users, population, 100, { numerator: "utenti del servizio", denominator: populationLabel });
}

/** Spending per user = spesa impegnata / users, in euro. */
export function spendingPerUser(spending: number | null, users: number | null): Derived {
  if (users === 0) return { value: null, numerator: spending, denominator: 0, reason: "nessun utente nell'anno" };
  return ratioOf(spending, users, 1, { numerator: "spesa impegnata per il servizio", denominator: "utenti del servizio" });
}

/** Share of complaints answered within the carta's deadline. */
export function complaintsAnsweredShare(answered: number | null, received: number | null): Derived {
  if (received === 0) return { value: null, numerator: answered, denominator: 0, reason: "nessun reclamo ricevuto" };
  return ratioOf(answered, received, 100, { numerator: "reclami con risposta nei termini", denominator: "reclami ricevuti" });
}

/** How the quality page reads its figures, in words. */
export const QUALITY_RULE_IT =
  "Ogni misura del servizio è confrontata con lo standard della carta dei servizi (art. 13 L. 328/2000) valido nell'anno: un massimo (per esempio i giorni di attesa, dove meno è meglio) è rispettato se il valore non lo supera, un minimo (soddisfazione, reclami con risposta nei termini) se il valore lo raggiunge. Senza valore l'esito è «dato mancante». L'andamento confronta con l'anno prima tenendo conto del verso della misura. Copertura = utenti ÷ popolazione di riferimento × 100; spesa per utente = spesa impegnata per il servizio (senza la compartecipazione degli utenti) ÷ utenti; quando il denominatore manca o è zero il valore è «n.d.» con il motivo.";

// ── Standards ──────────────────────────────────────────────────────────────

export type StandardKind = "floor" | "ceiling" | "trajectory";
export interface Standard {
  kind: StandardKind;
  value: number;
  /** The year from which it holds. */
  fromYear: number;
  source: string | null;
}

export type StandardStatus = "rispettato" | "non_rispettato" | "dato_mancante" | "nessuno_standard";
export const STANDARD_STATUS_LABELS_IT: Record<StandardStatus, { label: string; symbol: string }> = {
  rispettato: { label: "Rispettato", symbol: "✓" },
  non_rispettato: { label: "Non rispettato", symbol: "✗" },
  dato_mancante: { label: "Dato mancante", symbol: "?" },
  nessuno_standard: { label: "Nessuno standard", symbol: "–" },
};

/** "at most" or "at least": a ceiling or a floor; a trajectory target reads by polarity. */
export function standardDirection(standard: Standard, polarity: 1 | -1 | 0): "max" | "min" {
  if (standard.kind === "ceiling") return "max";
  if (standard.kind === "floor") return "min";
  return polarity === -1 ? "max" : "min";
}

const formatIn = (metric: QualityMetric, v: number) => (metric.unit === "%" ? formatValue(v, "%", metric.decimals) : `${formatNumber(v, metric.decimals)} ${metric.unit}`);

/** The standard in words: "al massimo 30 giorni (meno è meglio)". */
export function standardText(metric: QualityMetric, standard: Standard): string {
  const dir = standardDirection(standard, metric.polarity);
  return `${dir === "max" ? "al massimo" : "almeno"} ${formatIn(metric, standard.value)}`;
}

export interface StandardEvaluation {
  status: StandardStatus;
  /** The rule and the outcome in words, for the page, the export and the API. */
  rule: string;
}

/**
 * Judges a value against the carta's standard: a maximum is met at or below
 * it (days: fewer is better), a minimum at or above it. Equality meets the
 * standard. No value → dato mancante; no standard → nothing to judge.
 */
export function evaluateStandard(metric: QualityMetric, standard: Standard | null, value: number | null, why?: string | null): StandardEvaluation {
  if (!standard) return { status: "nessuno_standard", rule: "La carta dei servizi non fissa uno standard per questa misura." };
  const dir = standardDirection(standard, metric.polarity);
  const text = standardText(metric, standard);
  if (value === null) return { status: "dato_mancante", rule: `Standard: ${text}. Valore non disponibile${why ? ` (${why})` : ""}: non si può dire se è rispettato.` };
  // Compared at the decimals shown, so the page never shows "30,0 giorni: non rispettato" against 30.
  const shown = Number(value.toFixed(metric.decimals));
  const met = dir === "max" ? shown <= standard.value : shown >= standard.value;
  return {
    status: met ? "rispettato" : "non_rispettato",
    rule: `Standard: ${text}. Valore ${formatIn(metric, value)}: ${met ? "rispettato" : dir === "max" ? "non rispettato, supera il massimo" : "non rispettato, sotto il minimo"}.`,
  };
}

/** The standard that holds in a year: the latest one set for that year or before. */
export function standardForYear(standards: readonly Standard[], year: number): Standard | null {
  return [...standards].filter((s) => s.fromYear <= year).sort((a, b) => b.fromYear - a.fromYear)[0] ?? null;
}

export type TrendDirection = "migliora" | "peggiora" | "stabile" | "aumenta" | "cala" | "nd";
export const TREND_LABELS_IT: Record<TrendDirection, { label: string; symbol: string }> = {
  migliora: { label: "in miglioramento", symbol: "▲" },
  peggiora: { label: "in peggioramento", symbol: "▼" },
  stabile: { label: "stabile", symbol: "=" },
  aumenta: { label: "in aumento", symbol: "↑" },
  cala: { label: "in calo", symbol: "↓" },
  nd: { label: "andamento non disponibile", symbol: "·" },
};

/**
 * The change from the previous year, read with the metric's polarity (fewer
 * days is an improvement); neutral metrics only go up or down, said as such.
 */
export function trendOf(metric: QualityMetric, previous: number | null, current: number | null): { direction: TrendDirection; text: string } {
  if (previous === null || current === null) return { direction: "nd", text: "andamento non disponibile (manca un anno)" };
  const p = Number(previous.toFixed(metric.decimals));
  const c = Number(current.toFixed(metric.decimals));
  if (p === c) return { direction: "stabile", text: `stabile (${formatIn(metric, previous)} l'anno prima)` };
  const up = c > p;
  const from = `da ${formatIn(metric, previous)}`;
  if (metric.polarity === 0) return { direction: up ? "aumenta" : "cala", text: `${up ? "in aumento" : "in calo"} ${from}` };
  const better = (metric.polarity === 1) === up;
  return { direction: better ? "migliora" : "peggiora", text: `${better ? "in miglioramento" : "in peggioramento"} ${from}` };
}
