/**
 * A budget line as the budget's computations see it: one snapshot (the latest
 * at the chosen date, db/queries/budget.ts) of one line, with its service's
 * area di utenza. Pure data: no I/O here.
 */
import type { BudgetFigures } from "./rates";

export interface BudgetLineRecord extends BudgetFigures {
  year: number;
  serviceCode: string;
  /** The service's current name, or its code when the catalogue lacks it. */
  serviceName: string;
  /** ISTAT area di utenza of the service (lib/catalog/service-areas), null when the service is unknown. */
  area: string | null;
  /** The survey's spending type of the service (interventi_servizi, trasferimenti, strutture), null when unknown. */
  spendingType: string | null;
  fundingCode: string;
  /** Comune the line is recorded for; null for zone-wide spending. */
  istat: string | null;
  project: string | null;
  /** ISO date of the snapshot. */
  referenceDate: string;
  deadline: string | null;
  disimpegnoReason: string | null;
}

export const BUDGET_AMOUNT_STAGES = ["stanziato", "impegnato", "liquidato", "pagato"] as const;
export type AmountStage = (typeof BUDGET_AMOUNT_STAGES)[number];
export const STAGE_LABELS_IT: Record<AmountStage, string> = { stanziato: "Stanziato", impegnato: "Impegnato", liquidato: "Liquidato", pagato: "Pagato" };
