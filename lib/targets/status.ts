/**
 * Status of a PSZ target or a LEPS threshold in an observed year. Three kinds:
 * a trajectory (a path from baseline to target, through the milestones when
 * there are any), a floor or a ceiling (a legal minimum or maximum that holds
 * every year, whatever a trajectory would say). The rules are exported in
 * Italian for the page.
 */

export type TargetKind = "trajectory" | "floor" | "ceiling";
export const TARGET_KINDS: readonly TargetKind[] = ["trajectory", "floor", "ceiling"];
export const TARGET_KIND_LABELS_IT: Record<TargetKind, string> = {
  trajectory: "Traiettoria",
  floor: "Soglia minima",
  ceiling: "Soglia massima",
};

export type TargetStatus =
  | "raggiunto"
  | "in_linea"
  | "a_rischio"
  | "fuori_traiettoria"
  | "rispettato"
  | "non_rispettato"
  | "dato_mancante";

export const TARGET_STATUSES: readonly TargetStatus[] = ["raggiunto", "in_linea", "a_rischio", "fuori_traiettoria", "rispettato", "non_rispettato", "dato_mancante"];

/** Label and a symbol, so that colour is never the only signal. */
export const TARGET_STATUS_LABELS_IT: Record<TargetStatus, { label: string; symbol: string }> = {
  raggiunto: { label: "Raggiunto", symbol: "✓" },
  in_linea: { label: "In linea", symbol: "→" },
  a_rischio: { label: "A rischio", symbol: "!" },
  fuori_traiettoria: { label: "Fuori traiettoria", symbol: "✗" },
  rispettato: { label: "Rispettato", symbol: "✓" },
  non_rispettato: { label: "Non rispettato", symbol: "✗" },
  dato_mancante: { label: "Dato mancante", symbol: "?" },
};

/** Share of the expected progress needed for "in linea" and for "a rischio". */
export const ON_TRACK_RATIO = 1;
export const AT_RISK_RATIO = 0.75;
/** A maintenance target without its own tolerance accepts a worsening of 5% of the target value. */
export const DEFAULT_MAINTENANCE_TOLERANCE_SHARE = 0.05;

export const TARGET_STATUS_RULE_IT = `Per ogni obiettivo a traiettoria si traccia una linea dal valore di partenza (anno base) al valore da raggiungere (anno obiettivo), passando per le tappe intermedie quando ci sono: il punto della linea nell'anno osservato è il valore atteso. La direzione è data dalla polarità dell'indicatore (se è meglio un valore più alto o più basso).
• Raggiunto: il valore osservato ha già raggiunto o superato l'obiettivo nella direzione voluta.
• In linea: il miglioramento rispetto al valore di partenza è almeno il 100% del miglioramento atteso a quella data.
• A rischio: il miglioramento è almeno il 75% di quello atteso, ma meno del 100%.
• Fuori traiettoria: il miglioramento è inferiore al 75% di quello atteso (o il valore è peggiorato), oppure l'anno obiettivo è passato senza raggiungerlo.
• Dato mancante: non c'è un valore osservato per l'anno, oppure manca il valore di partenza e l'obiettivo non è ancora raggiunto.
Nell'anno base, o prima, basta non essere peggiorati per essere in linea.
Mantenimento (valore di partenza uguale all'obiettivo): raggiunto se il valore è pari o migliore dell'obiettivo, in linea se è peggiore ma entro la tolleranza (se non è indicata, il 5% dell'obiettivo), a rischio entro il doppio della tolleranza, altrimenti fuori traiettoria.
Soglie minime e massime (per esempio il LEPS di un assistente sociale ogni 5.000 residenti): valgono in ogni anno, qualunque sia la traiettoria. Rispettato se il valore è dal lato giusto della soglia, non rispettato altrimenti.`;

export interface Milestone {
  year: number;
  value: number;
}

export interface TargetSpec {
  /** Default "trajectory". */
  kind?: TargetKind;
  baselineYear: number | null;
  baselineValue: number | null;
  targetYear: number;
  targetValue: number;
  /** +1 higher is better, −1 lower is better, 0 neutral: the direction then comes from baseline → target. */
  polarity: 1 | -1 | 0;
  /** Intermediate points of a trajectory, strictly between the baseline and the target year. */
  milestones?: readonly Milestone[];
  /** Maintenance targets (baseline = target): accepted worsening, in the indicator's unit. */
  tolerance?: number | null;
}

export interface TargetEvaluation {
  status: TargetStatus;
  /** Value on the line in the observed year (clamped to the target after the target year); the threshold for floors and ceilings. */
  expected: number | null;
  /** Actual improvement over the baseline / expected improvement; null when the expected improvement is zero. */
  progressRatio: number | null;
  /** Gap to the target in the good direction: ≤ 0 means reached (or the threshold met). */
  gap: number | null;
}

const EPS = 1e-9;

/** The points of a trajectory: baseline, milestones by year, target. */
export function trajectoryPoints(spec: TargetSpec): Milestone[] | null {
  if (spec.baselineYear === null || spec.baselineValue === null) return null;
  const inner = [...(spec.milestones ?? [])]
    .filter((m) => m.year > spec.baselineYear! && m.year < spec.targetYear)
    .sort((a, b) => a.year - b.year);
  return [{ year: spec.baselineYear, value: spec.baselineValue }, ...inner, { year: spec.targetYear, value: spec.targetValue }];
}

/**
 * Expected value on the line from the baseline through the milestones to the
 * target (piecewise linear); before the baseline it is the baseline, after the
 * target year it is the target. Floors and ceilings expect their threshold.
 */
export function expectedValue(spec: TargetSpec, year: number): number | null {
  if (spec.kind === "floor" || spec.kind === "ceiling") return spec.targetValue;
  const points = trajectoryPoints(spec);
  if (!points) return null;
  const first = points[0]!;
  if (year <= first.year || spec.targetYear === first.year) return year < spec.targetYear ? first.value : spec.targetValue;
  if (year >= spec.targetYear) return spec.targetValue;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    if (year <= b.year) return a.value + ((year - a.year) / (b.year - a.year)) * (b.value - a.value);
  }
  return spec.targetValue;
}

/** +1 when higher is better for this target, −1 when lower is. */
export function targetDirection(spec: TargetSpec): 1 | -1 {
  if (spec.kind === "floor") return 1;
  if (spec.kind === "ceiling") return -1;
  if (spec.polarity !== 0) return spec.polarity;
  if (spec.baselineValue !== null && spec.targetValue < spec.baselineValue) return -1;
  return 1;
}

/** A trajectory whose baseline equals its target: keep the value where it is. */
export function isMaintenance(spec: TargetSpec): boolean {
  return (spec.kind ?? "trajectory") === "trajectory" && spec.baselineValue !== null && Math.abs(spec.baselineValue - spec.targetValue) <= EPS;
}

/** The tolerance of a maintenance target: its own, or 5% of the target value. */
export function maintenanceTolerance(spec: TargetSpec): number {
  if (spec.tolerance !== undefined && spec.tolerance !== null && spec.tolerance >= 0) return spec.tolerance;
  return Math.abs(spec.targetValue) * DEFAULT_MAINTENANCE_TOLERANCE_SHARE;
}

export function evaluateTarget(
  spec: TargetSpec,
  observed: { year: number; value: number | null } | null,
  ratios: { onTrack?: number; atRisk?: number } = {},
): TargetEvaluation {
  const onTrack = ratios.onTrack ?? ON_TRACK_RATIO;
  const atRisk = ratios.atRisk ?? AT_RISK_RATIO;
  if (!observed || observed.value === null || !Number.isFinite(observed.value))
    return { status: "dato_mancante", expected: observed ? expectedValue(spec, observed.year) : null, progressRatio: null, gap: null };

  const d = targetDirection(spec);
  const value = observed.value;
  const gap = d * (spec.targetValue - value);

  // A legal minimum or maximum holds in every year: the trajectory does not matter.
  if (spec.kind === "floor" || spec.kind === "ceiling") {
    return { status: gap <= EPS ? "rispettato" : "non_rispettato", expected: spec.targetValue, progressRatio: null, gap };
  }

  const expected = expectedValue(spec, observed.year);
  if (isMaintenance(spec)) {
    // Neutral polarity: any departure from the value counts, in either direction.
    const shortfall = spec.polarity === 0 ? Math.abs(value - spec.targetValue) : gap;
    const tolerance = maintenanceTolerance(spec);
    const status: TargetStatus = shortfall <= EPS ? "raggiunto" : shortfall <= tolerance + EPS ? "in_linea" : shortfall <= 2 * tolerance + EPS ? "a_rischio" : "fuori_traiettoria";
    return { status, expected, progressRatio: null, gap: shortfall };
  }

  if (gap <= EPS) return { status: "raggiunto", expected, progressRatio: null, gap };
  if (expected === null || spec.baselineValue === null) return { status: "dato_mancante", expected, progressRatio: null, gap };
  const baseline = spec.baselineValue;
  const expectedGain = d * (expected - baseline);
  const actualGain = d * (value - baseline);
  const ratio = expectedGain > EPS ? actualGain / expectedGain : null;
  if (observed.year >= spec.targetYear) return { status: "fuori_traiettoria", expected, progressRatio: ratio, gap };
  if (ratio === null) return { status: actualGain >= -EPS ? "in_linea" : "fuori_traiettoria", expected, progressRatio: null, gap };
  const status: TargetStatus = ratio >= onTrack - EPS ? "in_linea" : ratio >= atRisk - EPS ? "a_rischio" : "fuori_traiettoria";
  return { status, expected, progressRatio: ratio, gap };
}
