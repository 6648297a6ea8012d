/** Kinds of period an observation covers (observation.period_type). */
export const PERIOD_TYPES = ["year", "quarter", "month"] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];
