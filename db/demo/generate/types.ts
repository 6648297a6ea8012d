import type { ServiceArea, SpendingType } from "@/lib/catalog/service-areas";
/** The synthetic dataset: plain rows, in the shape db/demo/load.ts inserts. */

export interface DemoObservation {
  indicatorCode: string;
  zoneCode: string;
  /** null: a value of the zone as a whole (e.g. social workers of the ATS). */
  istat: string | null;
  /** "2024" */
  period: string;
  value: number | null;
  numerator?: number;
  denominator?: number;
}

export interface DemoService {
  zoneCode: string;
  code: string;
  name: string;
  area: ServiceArea;
  spendingType: SpendingType;
  managingBody: string | null;
}

export interface DemoBudgetLine {
  zoneCode: string;
  year: number;
  serviceCode: string;
  fundingCode: string;
  istat: string | null;
  /** Euros with two decimals; impegnato ≤ stanziato, liquidato ≤ impegnato, pagato ≤ liquidato. */
  stanziato: number;
  impegnato: number;
  liquidato: number;
  pagato: number;
  /** ISO date of the reporting deadline of earmarked funds. */
  deadline: string | null;
}

export interface DemoPlan {
  zoneCode: string;
  name: string;
  startYear: number;
  endYear: number;
  adoptedOn: string | null;
}

export interface DemoTarget {
  zoneCode: string;
  planStartYear: number;
  indicatorCode: string;
  istat: string | null;
  serviceCode?: string | null;
  baselineYear: number | null;
  baselineValue: number | null;
  targetYear: number;
  targetValue: number;
  legalSource: string | null;
  note?: string | null;
}

export interface DemoDataset {
  observations: DemoObservation[];
  services: DemoService[];
  budgetLines: DemoBudgetLine[];
  plans: DemoPlan[];
  targets: DemoTarget[];
}
