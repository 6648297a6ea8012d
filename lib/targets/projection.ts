import { targetDirection, type TargetSpec } from "./status";

/**
 * The forward-looking signal beside a target's status: the average yearly
 * change over the last (up to 5) observed years, projected to the target
 * year, compared with what is still missing. Polarity decides the direction.
 */

export type ProjectionBand = "raggiunge" | "manca_di_poco" | "lontano" | "direzione_sbagliata" | "non_calcolabile";

export const PROJECTION_BANDS: readonly ProjectionBand[] = ["raggiunge", "manca_di_poco", "lontano", "direzione_sbagliata", "non_calcolabile"];

export const PROJECTION_LABELS_IT: Record<ProjectionBand, { label: string; symbol: string }> = {
  raggiunge: { label: "Raggiungibile", symbol: "▲" },
  manca_di_poco: { label: "Di poco sotto", symbol: "≈" },
  lontano: { label: "Lontano", symbol: "▽" },
  direzione_sbagliata: { label: "Direzione sbagliata", symbol: "▼" },
  non_calcolabile: { label: "Non calcolabile", symbol: "–" },
};

/** Observed years the trend is taken over, and the fewest points it needs. */
export const PROJECTION_WINDOW = 5;
export const PROJECTION_MIN_POINTS = 3;
/** Shares of the remaining gap the projection may miss by. */
export const PROJECTION_CLOSE_SHARE = 0.05;
export const PROJECTION_FAR_SHARE = 0.2;

export const PROJECTION_RULE_IT = `Proiezione: si calcola la variazione media annua degli ultimi anni osservati (fino a 5, almeno 3 valori) e la si prolunga fino all'anno obiettivo. Si confronta il valore proiettato con quanto manca ancora all'obiettivo rispetto all'ultimo valore osservato.
• Raggiungibile: la proiezione raggiunge l'obiettivo o lo manca di meno del 5% della distanza che resta.
• Di poco sotto: la proiezione manca l'obiettivo di una quota tra il 5% e il 20% della distanza che resta.
• Lontano: la proiezione manca l'obiettivo di oltre il 20%, pur senza andare nella direzione sbagliata.
• Direzione sbagliata: il valore si sta muovendo al contrario di quanto richiede l'obiettivo.
• Non calcolabile: meno di 3 valori osservati, oppure l'anno obiettivo è già passato.`;

export interface Projection {
  band: ProjectionBand;
  /** Average yearly change over the points used. */
  slope: number | null;
  /** Value projected to the target year. */
  projected: number | null;
  /** Share of the remaining gap the projection misses by (0 when it reaches). */
  missShare: number | null;
  /** The observed points the trend is taken over. */
  points: { year: number; value: number }[];
  /** Why "non calcolabile", in Italian. */
  reason: string | null;
}

const EPS = 1e-9;

/**
 * `series` are the observed values by year (nulls ignored); `asOf` is the last
 * year that may be used (the page's year), default all of them.
 */
export function projectTarget(spec: TargetSpec, series: readonly { year: number; value: number | null }[], asOf?: number): Projection {
  const observed = series
    .filter((p): p is { year: number; value: number } => p.value !== null && Number.isFinite(p.value) && (asOf === undefined || p.year <= asOf))
    .sort((a, b) => a.year - b.year);
  const points = observed.slice(-PROJECTION_WINDOW);
  const none = (reason: string): Projection => ({ band: "non_calcolabile", slope: null, projected: null, missShare: null, points, reason });
  if (points.length < PROJECTION_MIN_POINTS) return none(`servono almeno ${PROJECTION_MIN_POINTS} valori osservati (ce ne sono ${points.length})`);
  const first = points[0]!;
  const last = points[points.length - 1]!;
  if (spec.targetYear <= last.year) return none(`l'anno obiettivo (${spec.targetYear}) non è successivo all'ultimo dato (${last.year})`);

  const d = targetDirection(spec);
  const slope = (last.value - first.value) / (last.year - first.year);
  const projected = last.value + slope * (spec.targetYear - last.year);
  const remaining = d * (spec.targetValue - last.value);
  const shortfall = d * (spec.targetValue - projected);
  const result = (band: ProjectionBand, missShare: number | null): Projection => ({ band, slope, projected, missShare, points, reason: null });
  if (shortfall <= EPS) return result("raggiunge", 0);
  if (d * slope < -EPS) return result("direzione_sbagliata", remaining > EPS ? shortfall / remaining : null);
  // Here remaining > 0: with a non-negative trend the projection cannot fall short of a target already met.
  const missShare = shortfall / remaining;
  if (missShare < PROJECTION_CLOSE_SHARE) return result("raggiunge", missShare);
  if (missShare <= PROJECTION_FAR_SHARE + EPS) return result("manca_di_poco", missShare);
  return result("lontano", missShare);
}
