/**
 * Staff of the zone's services (import kind `personale`): full-time
 * equivalents by profile and employer at a date. Pure: the rule for the LEPS
 * social workers and the figures of the staff page.
 */
export const STAFF_PROFILES = [
  { code: "assistente_sociale", label: "Assistente sociale" },
  { code: "educatore", label: "Educatore professionale" },
  { code: "psicologo", label: "Psicologo" },
  { code: "amministrativo", label: "Amministrativo" },
  { code: "mediatore", label: "Mediatore culturale" },
  { code: "oss", label: "Operatore socio-sanitario (OSS)" },
  { code: "altro", label: "Altro profilo" },
] as const;
export type StaffProfile = (typeof STAFF_PROFILES)[number]["code"];
export const STAFF_PROFILE_CODES = STAFF_PROFILES.map((p): StaffProfile => p.code);
export const STAFF_PROFILE_LABELS_IT = Object.fromEntries(STAFF_PROFILES.map((p) => [p.code, p.label])) as Record<StaffProfile, string>;

export const STAFF_EMPLOYERS = [
  { code: "comune", label: "Comune" },
  { code: "ats", label: "ATS / comune capofila" },
  { code: "asl", label: "Azienda sanitaria" },
  { code: "terzo_settore", label: "Ente del terzo settore" },
  { code: "altro", label: "Altro ente" },
] as const;
export type StaffEmployer = (typeof STAFF_EMPLOYERS)[number]["code"];
export const STAFF_EMPLOYER_CODES = STAFF_EMPLOYERS.map((e): StaffEmployer => e.code);
export const STAFF_EMPLOYER_LABELS_IT = Object.fromEntries(STAFF_EMPLOYERS.map((e) => [e.code, e.label])) as Record<StaffEmployer, string>;

export const staffProfileLabel = (code: string) => (STAFF_PROFILE_LABELS_IT as Record<string, string>)[code] ?? code;
export const staffEmployerLabel = (code: string) => (STAFF_EMPLOYER_LABELS_IT as Record<string, string>)[code] ?? code;

/**
 * The LEPS of the servizio sociale professionale (L. 178/2020 c.797) counts
 * only social workers employed by the comuni or by the ATS: those of the
 * azienda sanitaria or of a cooperative do not.
 */
export const LEPS_SOCIAL_WORKER_RULE_IT =
  "Per il LEPS (L. 178/2020, c. 797) contano solo gli assistenti sociali dipendenti dei comuni o dell'ambito (ATS): non quelli dell'azienda sanitaria né degli enti del terzo settore.";

export function countsForLeps(profile: string, employer: string): boolean {
  return profile === "assistente_sociale" && (employer === "comune" || employer === "ats");
}

export interface StaffPosition {
  asOf: string;
  profile: string;
  employer: string;
  /** The comune that employs the person (employer "comune"), when the file says it. */
  employerComune: string | null;
  fte: number;
}

/** The date the staff of a year is read at: the latest date in that year. */
export function staffDateOfYear(dates: readonly string[], year: number): string | null {
  const inYear = dates.filter((d) => d.startsWith(`${year}-`)).sort();
  return inYear.at(-1) ?? null;
}

/**
 * AS_FTE of a year from the staff at the year's latest date, as one row of
 * the zone (null): the LEPS is a figure of the ATS, and per-comune rows for
 * only the comuni that employ social workers would leave the zone's figure
 * partial. Rounded to 2 decimals (the FTE are).
 */
export function socialWorkerFte(positions: readonly StaffPosition[], year: number): Map<string | null, number> | null {
  const date = staffDateOfYear(positions.map((p) => p.asOf), year);
  if (date === null) return null;
  const out = new Map<string | null, number>();
  for (const p of positions) {
    if (p.asOf !== date || !countsForLeps(p.profile, p.employer)) continue;
    out.set(null, Math.round(((out.get(null) ?? 0) + p.fte) * 100) / 100);
  }
  return out;
}

/** FTE per 10,000 residents; null with a reason when there are no residents to divide by. */
export function ftePer10000(fte: number, residents: number | null): { value: number | null; reason: string | null } {
  if (residents === null) return { value: null, reason: "manca la popolazione residente dell'anno" };
  if (residents <= 0) return { value: null, reason: "popolazione residente pari a zero" };
  return { value: (fte / residents) * 10_000, reason: null };
}
