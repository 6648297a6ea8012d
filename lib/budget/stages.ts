/**
 * The stages of spending (TUEL arts. 183–185) and the one set of rules
 * between them, used by the budget import and by the pages: a stage never
 * exceeds the one before it. Amounts are compared in cents.
 */
export const BUDGET_STAGES = ["stanziato", "impegnato", "liquidato", "pagato"] as const;
export type BudgetStage = (typeof BUDGET_STAGES)[number];
export type BudgetAmounts = Record<BudgetStage, number>;

export interface StageBreach {
  /** The stage that is too high… */
  stage: BudgetStage;
  /** …than this one. */
  limit: BudgetStage;
  /** In Italian, e.g. "il liquidato supera l'impegnato". */
  message: string;
}

const STAGE_RULES: readonly { stage: BudgetStage; limit: BudgetStage; message: string }[] = [
  { stage: "impegnato", limit: "stanziato", message: "l'impegnato supera lo stanziato" },
  { stage: "liquidato", limit: "impegnato", message: "il liquidato supera l'impegnato" },
  { stage: "pagato", limit: "liquidato", message: "il pagato supera il liquidato" },
];

export const cents = (v: number) => Math.round(v * 100);

/** Stages above the stage before them (empty when the line is consistent). */
export function stageBreaches(l: BudgetAmounts): StageBreach[] {
  return STAGE_RULES.filter((r) => cents(l[r.stage]) > cents(l[r.limit]));
}

/** Amounts that are not numbers or are negative. */
export function negativeStages(l: BudgetAmounts): BudgetStage[] {
  return BUDGET_STAGES.filter((k) => !Number.isFinite(l[k]) || l[k] < 0);
}
