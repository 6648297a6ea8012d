/**
 * LEPS servizio sociale professionale (L. 178/2020 c.797–802): at least one
 * social worker (AS) per 5,000 residents of the ATS, goal one per 4,000;
 * only AS employed by the comuni or the ATS count.
 */

export const LEPS_AS_MINIMUM_RESIDENTS = 5000;
export const LEPS_AS_GOAL_RESIDENTS = 4000;
/** The incentive is due only when N ≥ P / 6,500. */
export const LEPS_AS_INCENTIVE_FLOOR_RESIDENTS = 6500;
export const LEPS_AS_LEGAL_SOURCE = "L. 178/2020, art. 1, commi 797–802";

export type SocialWorkerLevel = "obiettivo" | "livello_minimo" | "sotto_minimo" | "dato_mancante";

export const SOCIAL_WORKER_LEVEL_LABELS_IT: Record<SocialWorkerLevel, string> = {
  obiettivo: "Obiettivo raggiunto (almeno 1 ogni 4.000 residenti)",
  livello_minimo: "Livello minimo garantito (almeno 1 ogni 5.000 residenti)",
  sotto_minimo: "Sotto il livello minimo (meno di 1 ogni 5.000 residenti)",
  dato_mancante: "Dato mancante",
};

export function residentsPerSocialWorker(population: number | null, fte: number | null): number | null {
  if (population === null || fte === null || !(fte > 0) || !(population >= 0)) return null;
  return population / fte;
}

export interface SocialWorkerIncentive {
  eligible: boolean;
  /** 40,000 € for each AS beyond P/6,500 up to P/5,000. */
  firstTier: number;
  /** 20,000 € for each AS beyond P/5,000 up to P/4,000. */
  secondTier: number;
  amount: number;
}

/**
 * Yearly national incentive, N = AS (FTE), P = population, only if N ≥ P/6500:
 * 40,000 € × max(0, min(N, P/5000) − P/6500) + 20,000 € × max(0, min(N, P/4000) − P/5000).
 * Amounts are rounded to the cent.
 */
export function socialWorkerIncentive(n: number, p: number): SocialWorkerIncentive {
  if (!(n >= 0) || !(p > 0)) throw new RangeError("Servono assistenti sociali ≥ 0 e popolazione > 0");
  const eligible = n >= p / LEPS_AS_INCENTIVE_FLOOR_RESIDENTS;
  if (!eligible) return { eligible, firstTier: 0, secondTier: 0, amount: 0 };
  const round = (v: number) => Math.round(v * 100) / 100;
  const firstTier = round(40_000 * Math.max(0, Math.min(n, p / LEPS_AS_MINIMUM_RESIDENTS) - p / LEPS_AS_INCENTIVE_FLOOR_RESIDENTS));
  const secondTier = round(20_000 * Math.max(0, Math.min(n, p / LEPS_AS_GOAL_RESIDENTS) - p / LEPS_AS_MINIMUM_RESIDENTS));
  return { eligible, firstTier, secondTier, amount: round(firstTier + secondTier) };
}

export interface SocialWorkerAssessment {
  residentsPerAs: number | null;
  level: SocialWorkerLevel;
  /** FTE needed for 1:5,000 and 1:4,000. */
  requiredForMinimum: number | null;
  requiredForGoal: number | null;
  /** FTE still missing (0 when met). */
  gapToMinimum: number | null;
  gapToGoal: number | null;
  incentive: SocialWorkerIncentive | null;
}

export function assessSocialWorkers(population: number | null, fte: number | null): SocialWorkerAssessment {
  if (population === null || fte === null || !(population > 0) || !(fte >= 0))
    return { residentsPerAs: null, level: "dato_mancante", requiredForMinimum: null, requiredForGoal: null, gapToMinimum: null, gapToGoal: null, incentive: null };
  const requiredForMinimum = population / LEPS_AS_MINIMUM_RESIDENTS;
  const requiredForGoal = population / LEPS_AS_GOAL_RESIDENTS;
  // Compare FTE with the requirement, not the rounded ratio, to avoid 4,000.4 ≠ 4,000 quirks.
  const level: SocialWorkerLevel = fte >= requiredForGoal - 1e-9 ? "obiettivo" : fte >= requiredForMinimum - 1e-9 ? "livello_minimo" : "sotto_minimo";
  return {
    residentsPerAs: residentsPerSocialWorker(population, fte),
    level,
    requiredForMinimum,
    requiredForGoal,
    gapToMinimum: Math.max(0, requiredForMinimum - fte),
    gapToGoal: Math.max(0, requiredForGoal - fte),
    incentive: socialWorkerIncentive(fte, population),
  };
}
