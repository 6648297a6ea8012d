import type { ServiceArea, SpendingType } from "@/lib/catalog/service-areas";
import type { ObjectiveArea, PlanActType, TargetProvenance } from "@/lib/targets/plan";
import type { Milestone, TargetKind } from "@/lib/targets/status";
import type { LepsItemCode, LepsItemState } from "@/lib/leps/items";
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
  /** A quality metric of this service (issue 14). */
  serviceCode?: string | null;
}

export interface DemoService {
  zoneCode: string;
  code: string;
  name: string;
  area: ServiceArea;
  spendingType: SpendingType;
  managingBody: string | null;
  /** Catalogue details (db/demo/generate/service-quality.ts). */
  categoryCode?: string | null;
  nomenclatoreCode?: string | null;
  nomenclatoreFrom?: string | null;
  nomenclatoreTo?: string | null;
  managementMode?: string | null;
  comuni?: string[];
  sedi?: string[];
}

/** Staff of the services at a date, in FTE (import kind `personale`). */
export interface DemoStaff {
  zoneCode: string;
  asOf: string;
  profile: "assistente_sociale" | "educatore" | "psicologo" | "amministrativo" | "mediatore" | "oss" | "altro";
  employer: "comune" | "ats" | "asl" | "terzo_settore" | "altro";
  employerComune: string | null;
  serviceCode: string | null;
  sede: string | null;
  fte: number;
}

/** Users of a service in an ISEE band (import kind `isee`). */
export interface DemoIseeBand {
  zoneCode: string;
  year: number;
  serviceCode: string;
  from: number;
  to: number | null;
  users: number;
  exempt: number;
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
  /** ISO date of the snapshot ("situazione al"); year-end when absent (budget.ts adds the mid-year ones). */
  referenceDate?: string;
  /** PNRR project (CUP). */
  project?: string | null;
  residuiIniziali?: number | null;
  pagatoResidui?: number | null;
  disimpegnoReason?: string | null;
}

export interface DemoPlan {
  zoneCode: string;
  name: string;
  startYear: number;
  endYear: number;
  adoptedOn: string | null;
  actType: PlanActType | null;
  actNumber: string | null;
}

export interface DemoObjective {
  zoneCode: string;
  planStartYear: number;
  code: string;
  area: ObjectiveArea;
  title: string;
  description: string | null;
  office: string | null;
}

export interface DemoTarget {
  zoneCode: string;
  /** null: a standard of the carta dei servizi, outside the PSZ. */
  planStartYear: number | null;
  indicatorCode: string;
  istat: string | null;
  serviceCode?: string | null;
  baselineYear: number | null;
  baselineValue: number | null;
  targetYear: number;
  targetValue: number;
  legalSource: string | null;
  note?: string | null;
  objectiveCode: string | null;
  kind: TargetKind;
  provenance: TargetProvenance;
  milestones: Milestone[];
  tolerance: number | null;
}

export interface DemoLepsItem {
  zoneCode: string;
  item: LepsItemCode;
  state: LepsItemState;
  evidence: string;
  assessedOn: string;
}

/** A planner's note; a target is named by its plan's start year and its identity. */
export interface DemoNote {
  zoneCode: string;
  subject: { kind: "indicator" | "comune"; key: string } | { kind: "target"; planStartYear: number; indicatorCode: string; istat: string | null; targetKind: TargetKind; targetYear: number };
  body: string;
  notedOn: string;
  author: string;
}

export interface DemoDataset {
  observations: DemoObservation[];
  services: DemoService[];
  /** Year-end snapshots (31/12), one per line: what sums of a year use. */
  budgetLines: DemoBudgetLine[];
  /** Earlier snapshots of the same lines (30/06), for the progression and the disimpegno (db/demo/generate/budget.ts). */
  budgetInterim: DemoBudgetLine[];
  plans: DemoPlan[];
  objectives: DemoObjective[];
  targets: DemoTarget[];
  lepsItems: DemoLepsItem[];
  notes: DemoNote[];
  staff: DemoStaff[];
  /** The ISEE distribution of the home-care users (db/demo/generate/isee.ts). */
  iseeBands: DemoIseeBand[];
  /** Standards of the carta dei servizi: targets tied to a service, outside the PSZ. */
  serviceStandards: DemoTarget[];
}
