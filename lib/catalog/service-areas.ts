/** ISTAT survey "Interventi e servizi sociali dei comuni": the seven aree di utenza. */
export const SERVICE_AREAS = [
  { code: "famiglia_minori", label: "Famiglia e minori" },
  { code: "disabili", label: "Disabili" },
  { code: "dipendenze", label: "Dipendenze" },
  { code: "anziani", label: "Anziani" },
  { code: "immigrati", label: "Immigrati, Rom, Sinti e Caminanti" },
  { code: "poverta", label: "Povertà, disagio adulti e senza dimora" },
  { code: "multiutenza", label: "Multiutenza" },
] as const;
export type ServiceArea = (typeof SERVICE_AREAS)[number]["code"];
export const SERVICE_AREA_CODES = SERVICE_AREAS.map((a): ServiceArea => a.code);
export const SERVICE_AREA_LABELS_IT = Object.fromEntries(SERVICE_AREAS.map((a) => [a.code, a.label])) as Record<ServiceArea, string>;

/** The survey's three spending types. */
export const SPENDING_TYPES = [
  { code: "interventi_servizi", label: "Interventi e servizi" },
  { code: "trasferimenti", label: "Trasferimenti in denaro" },
  { code: "strutture", label: "Strutture" },
] as const;
export type SpendingType = (typeof SPENDING_TYPES)[number]["code"];
export const SPENDING_TYPE_CODES = SPENDING_TYPES.map((s): SpendingType => s.code);
export const SPENDING_TYPE_LABELS_IT = Object.fromEntries(SPENDING_TYPES.map((s) => [s.code, s.label])) as Record<SpendingType, string>;

/** The Italian label of a stored area code; an unknown code is shown as it is. */
export function serviceAreaLabel(code: string): string {
  return isServiceArea(code) ? SERVICE_AREA_LABELS_IT[code] : code;
}
export function spendingTypeLabel(code: string): string {
  return isSpendingType(code) ? SPENDING_TYPE_LABELS_IT[code] : code;
}

export function isServiceArea(v: string): v is ServiceArea {
  return (SERVICE_AREA_CODES as string[]).includes(v);
}
export function isSpendingType(v: string): v is SpendingType {
  return (SPENDING_TYPE_CODES as string[]).includes(v);
}
