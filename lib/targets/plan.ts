import { SERVICE_AREAS } from "@/lib/catalog/service-areas";

/**
 * The vocabulary of a Piano sociale di zona: the areas its objectives are
 * grouped by (ISTAT's seven aree di utenza plus "sistema e governance"), where
 * a target comes from, and the adopting act.
 */

export const OBJECTIVE_AREAS = [...SERVICE_AREAS, { code: "sistema_governance", label: "Sistema e governance" }] as const;
export type ObjectiveArea = (typeof OBJECTIVE_AREAS)[number]["code"];
export const OBJECTIVE_AREA_CODES = OBJECTIVE_AREAS.map((a): ObjectiveArea => a.code);
export const OBJECTIVE_AREA_LABELS_IT = Object.fromEntries(OBJECTIVE_AREAS.map((a) => [a.code, a.label])) as Record<ObjectiveArea, string>;

export function isObjectiveArea(v: string): v is ObjectiveArea {
  return (OBJECTIVE_AREA_CODES as string[]).includes(v);
}

/** Where a target comes from. */
export const TARGET_PROVENANCES = ["psz", "leps", "regionale", "lavoro"] as const;
export type TargetProvenance = (typeof TARGET_PROVENANCES)[number];
export const TARGET_PROVENANCE_LABELS_IT: Record<TargetProvenance, string> = {
  psz: "Delibera del PSZ",
  leps: "LEPS nazionale",
  regionale: "Norma regionale",
  lavoro: "Valore di lavoro dell'Ufficio di Piano",
};

export function isTargetProvenance(v: string): v is TargetProvenance {
  return (TARGET_PROVENANCES as readonly string[]).includes(v);
}

/** The act that adopts a PSZ edition. */
export const PLAN_ACT_TYPES = ["accordo_di_programma", "deliberazione"] as const;
export type PlanActType = (typeof PLAN_ACT_TYPES)[number];
export const PLAN_ACT_TYPE_LABELS_IT: Record<PlanActType, string> = {
  accordo_di_programma: "Accordo di programma",
  deliberazione: "Deliberazione",
};

/** "Piano sociale di zona 2024–2026" when the file names only the years. */
export function defaultPlanName(startYear: number, endYear: number): string {
  return `Piano sociale di zona ${startYear}–${endYear}`;
}

/** The two years of an edition written as "2024-2026", "PSZ 2024–2026", "2024/2026". */
export function parsePlanYears(text: string): { startYear: number; endYear: number } | null {
  const m = /(?:^|\D)((?:19|20)\d{2})\s*[-–—/]\s*((?:19|20)\d{2})(?:\D|$)/.exec(text);
  if (!m) return null;
  const startYear = Number(m[1]);
  const endYear = Number(m[2]);
  return endYear >= startYear ? { startYear, endYear } : null;
}
