import type { BudgetLineRecord } from "@/lib/budget/lines";

/** A budget line of 2025 for home care (FNA), every amount 0 unless given: the budget unit tests' fixture. */
export const budgetLine = (over: Partial<BudgetLineRecord>): BudgetLineRecord => ({
  year: 2025,
  serviceCode: "SAD",
  serviceName: "Assistenza domiciliare",
  area: "anziani",
  spendingType: "interventi_servizi",
  fundingCode: "FNA",
  istat: null,
  project: null,
  referenceDate: "2025-12-31",
  deadline: null,
  disimpegnoReason: null,
  stanziato: 0,
  impegnato: 0,
  liquidato: 0,
  pagato: 0,
  residuiIniziali: null,
  pagatoResidui: null,
  ...over,
});
