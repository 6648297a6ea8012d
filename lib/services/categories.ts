/**
 * Service categories of ISTAT's survey "Interventi e servizi sociali dei
 * comuni singoli e associati" (IstatData, dimension CATEGORY_OF_SERVICE; per
 * ATS in dataflow 47_940_DF_DCIS_SPESESERSOC1_5). Reference data: the codes are
 * ISTAT's, as DOMAIN.md lists them. The list is partial (the survey has more
 * categories): a service whose category is not here is left without one
 * rather than given a code ISTAT does not publish.
 */
export const ISTAT_SERVICE_CATEGORY_SOURCE =
  "ISTAT, Interventi e servizi sociali dei comuni singoli e associati (IstatData, dimensione CATEGORY_OF_SERVICE; per ATS: dataflow 47_940_DF_DCIS_SPESESERSOC1_5). Elenco parziale.";

export const ISTAT_SERVICE_CATEGORIES = [
  { code: "PSW", label: "Servizio sociale professionale" },
  { code: "HOMECARE", label: "Assistenza domiciliare socio-assistenziale" },
  { code: "HOMEHEALTH", label: "Assistenza domiciliare integrata con servizi sanitari" },
  { code: "HEALTHV", label: "Voucher, assegno di cura, buono socio-sanitario" },
  { code: "REMASS", label: "Telesoccorso e teleassistenza" },
  { code: "PROXIM", label: "Servizi di prossimità (buon vicinato)" },
  { code: "DAYC", label: "Centri diurni" },
  { code: "AGGRC", label: "Centri di aggregazione sociali" },
  { code: "RICSOC", label: "Attività ricreative, sociali, culturali" },
  { code: "EMPLOY", label: "Sostegno socio-educativo e all'inserimento lavorativo" },
] as const;

export type IstatServiceCategory = (typeof ISTAT_SERVICE_CATEGORIES)[number]["code"];
export const ISTAT_SERVICE_CATEGORY_CODES = ISTAT_SERVICE_CATEGORIES.map((c): IstatServiceCategory => c.code);
const LABELS = new Map<string, string>(ISTAT_SERVICE_CATEGORIES.map((c) => [c.code, c.label]));

export function isIstatServiceCategory(v: string): v is IstatServiceCategory {
  return LABELS.has(v);
}

/** "HOMECARE – Assistenza domiciliare socio-assistenziale"; an unknown code as it is. */
export function serviceCategoryLabel(code: string | null): string {
  if (code === null) return "—";
  const label = LABELS.get(code);
  return label ? `${label} (${code})` : code;
}

/** How a service is run (gestione), as the carta dei servizi and the survey describe it. */
export const MANAGEMENT_MODES = [
  { code: "diretta", label: "Gestione diretta" },
  { code: "appalto", label: "Appalto" },
  { code: "convenzione", label: "Convenzione" },
  { code: "accreditamento", label: "Accreditamento / voucher" },
] as const;
export type ManagementMode = (typeof MANAGEMENT_MODES)[number]["code"];
export const MANAGEMENT_MODE_CODES = MANAGEMENT_MODES.map((m): ManagementMode => m.code);
export const MANAGEMENT_MODE_LABELS_IT = Object.fromEntries(MANAGEMENT_MODES.map((m) => [m.code, m.label])) as Record<ManagementMode, string>;

export function isManagementMode(v: string): v is ManagementMode {
  return (MANAGEMENT_MODE_CODES as string[]).includes(v);
}
export function managementModeLabel(code: string | null): string {
  return code === null ? "—" : isManagementMode(code) ? MANAGEMENT_MODE_LABELS_IT[code] : code;
}
