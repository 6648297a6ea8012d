/**
 * Status of a PSZ target (or a LEPS threshold) against the straight line from
 * baseline to target. The rule is exported in Italian for the page.
 */

export type TargetStatus = "raggiunto" | "in_linea" | "a_rischio" | "fuori_traiettoria" | "dato_mancante";

export const TARGET_STATUSES: readonly TargetStatus[] = ["raggiunto", "in_linea", "a_rischio", "fuori_traiettoria", "dato_mancante"];

/** Label and a symbol, so that colour is never the only signal. */
export const TARGET_STATUS_LABELS_IT: Record<TargetStatus, { label: string; symbol: string }> = {
  raggiunto: { label: "Raggiunto", symbol: "✓" },
  in_linea: { label: "In linea", symbol: "→" },
  a_rischio: { label: "A rischio", symbol: "!" },
  fuori_traiettoria: { label: "Fuori traiettoria", symbol: "✗" },
  dato_mancante: { label: "Dato mancante", symbol: "?" },
};

/** Share of the expected progress needed for "in linea" and for "a rischio". */
export const ON_TRACK_RATIO = 1;
export const AT_RISK_RATIO = 0.75;

export const TARGET_STATUS_RULE_IT = `Per ogni obiettivo si traccia una retta dal valore di partenza (anno base) al valore da raggiungere (anno obiettivo): il punto della retta nell'anno osservato è il valore atteso. La direzione è data dalla polarità dell'indicatore (se è meglio un valore più alto o più basso).
• Raggiunto: il valore osservato ha già raggiunto o superato l'obiettivo nella direzione voluta.
• In linea: il miglioramento rispetto al valore di partenza è almeno il 100% del miglioramento atteso a quella data.
• A rischio: il miglioramento è almeno il 75% di quello atteso, ma meno del 100%.
• Fuori traiettoria: il miglioramento è inferiore al 75% di quello atteso (o il valore è peggiorato), oppure l'anno obiettivo è passato senza raggiungerlo.
• Dato mancante: non c'è un valore osservato per l'anno, oppure manca il valore di partenza e l'obiettivo non è ancora raggiunto.
Nell'anno base, o prima, basta non essere peggiorati per essere in linea.`;

export interface TargetSpec {
  baselineYear: number | null;
  baselineValue: number | null;
  targetYear: number;
  targetValue: number;
  /** +1 higher is better, −1 lower is better, 0 neutral: the direction then comes from baseline → target. */
  polarity: 1 | -1 | 0;
}

export interface TargetEvaluation {
  status: TargetStatus;
  /** Value on the line in the observed year (clamped to the target after the target year). */
  expected: number | null;
  /** Actual improvement over the baseline / expected improvement; null when the expected improvement is zero. */
  progressRatio: number | null;
  /** Gap to the target in the good direction: ≤ 0 means reached. */
  gap: number | null;
}

/**
 * Expected value on the straight line from (baselineYear, baselineValue) to
 * (targetYear, targetValue); before the baseline it is the baseline, after the
 * target year it is the target.
 */
export function expectedValue(spec: TargetSpec, year: number): number | null {
  if (spec.baselineYear === null || spec.baselineValue === null) return null;
  if (year <= spec.baselineYear || spec.targetYear === spec.baselineYear) return year < spec.targetYear ? spec.baselineValue : spec.targetValue;
  if (year >= spec.targetYear) return spec.targetValue;
  const t = (year - spec.baselineYear) / (spec.targetYear - spec.baselineYear);
  return spec.baselineValue + t * (spec.targetValue - spec.baselineValue);
}

/** +1 when higher is better for this target, −1 when lower is. */
export function targetDirection(spec: TargetSpec): 1 | -1 {
  if (spec.polarity !== 0) return spec.polarity;
  if (spec.baselineValue !== null && spec.targetValue < spec.baselineValue) return -1;
  return 1;
}

const EPS = 1e-9;

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
  const expected = expectedValue(spec, observed.year);
  if (gap <= EPS) return { status: "raggiunto", expected, progressRatio: null, gap };
  if (expected === null || spec.baselineValue === null) return { status: "dato_mancante", expected, progressRatio: null, gap };
  if (observed.year >= spec.targetYear) return { status: "fuori_traiettoria", expected, progressRatio: progress(), gap };

  const expectedGain = d * (expected - spec.baselineValue);
  const actualGain = d * (value - spec.baselineValue);
  if (expectedGain <= EPS) return { status: actualGain >= -EPS ? "in_linea" : "fuori_traiettoria", expected, progressRatio: null, gap };
  const ratio = actualGain / expectedGain;
  const status: TargetStatus = ratio >= onTrack - EPS ? "in_linea" : ratio >= atRisk - EPS ? "a_rischio" : "fuori_traiettoria";
  return { status, expected, progressRatio: ratio, gap };

  function progress(): number | null {
    const eg = d * (expected! - spec.baselineValue!);
    return eg > EPS ? (d * (value - spec.baselineValue!)) / eg : null;
  }
}
