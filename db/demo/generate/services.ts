import type { ServiceArea, SpendingType } from "@/lib/catalog/service-areas";
import type { DemoZone } from "./comuni";
import type { DemoService } from "./types";

/** A service of the demo catalogue and how its spending is funded. */
export interface ServiceTemplate {
  code: string;
  name: string;
  area: ServiceArea;
  spendingType: SpendingType;
  /** "capofila" = the zone's gestione associata; otherwise a literal body. */
  managingBody: string;
  /** Euros per resident in 2019 (national average of all social spending ≈ 132 €). */
  perCapita2019: number;
  /** Funding shares by year (sum 1); PNRR projects are added on top (see PNRR_PROJECTS). */
  funding: (year: number) => [string, number][];
  /** Lines split by comune (istat) instead of one zone-level line. */
  byComune?: "all" | "with_nido";
  /** Only in these zones. */
  zones?: string[];
}

export const SERVICE_TEMPLATES: readonly ServiceTemplate[] = [
  { code: "SEGRETARIATO", name: "Segretariato sociale – Uffici della Cittadinanza", area: "multiutenza", spendingType: "interventi_servizi", managingBody: "capofila", perCapita2019: 6, funding: () => [["FNPS", 0.6], ["COMUNI", 0.4]] },
  { code: "SERV_SOC_PROF", name: "Servizio sociale professionale", area: "multiutenza", spendingType: "interventi_servizi", managingBody: "capofila", perCapita2019: 0, funding: () => [["FONDO_POVERTA", 0.45], ["COMUNI", 0.4], ["FNPS", 0.15]] },
  { code: "PRONTO_INTERVENTO", name: "Pronto intervento sociale", area: "poverta", spendingType: "interventi_servizi", managingBody: "capofila", perCapita2019: 2.5, funding: () => [["FONDO_POVERTA", 0.7], ["COMUNI", 0.3]] },
  { code: "SAD_ANZIANI", name: "Assistenza domiciliare anziani (SAD)", area: "anziani", spendingType: "interventi_servizi", managingBody: "capofila", perCapita2019: 16, funding: () => [["FNA", 0.5], ["COMUNI", 0.32], ["COMPARTECIPAZIONE", 0.18]] },
  { code: "DIMISSIONI_PROTETTE", name: "Dimissioni protette", area: "anziani", spendingType: "interventi_servizi", managingBody: "capofila", perCapita2019: 3, funding: () => [["FNA", 0.7], ["COMUNI", 0.3]] },
  { code: "ADD_DISABILI", name: "Assistenza domiciliare e educativa per persone con disabilità", area: "disabili", spendingType: "interventi_servizi", managingBody: "capofila", perCapita2019: 11, funding: () => [["FNA", 0.55], ["COMUNI", 0.45]] },
  { code: "CENTRO_DIURNO_DIS", name: "Centro diurno socio-riabilitativo per persone con disabilità", area: "disabili", spendingType: "strutture", managingBody: "USL Umbria 2 (gestione integrata)", perCapita2019: 13, funding: () => [["COMUNI", 0.4], ["SSN", 0.1], ["REGIONE", 0.32], ["COMPARTECIPAZIONE", 0.18]] },
  { code: "DOPO_DI_NOI", name: "Dopo di Noi e vita indipendente", area: "disabili", spendingType: "interventi_servizi", managingBody: "capofila", perCapita2019: 4, funding: () => [["DOPO_DI_NOI", 0.85], ["REGIONE", 0.15]] },
  { code: "PIPPI", name: "P.I.P.P.I. – prevenzione dell'allontanamento familiare", area: "famiglia_minori", spendingType: "interventi_servizi", managingBody: "capofila", perCapita2019: 2, funding: () => [["FNPS", 1]] },
  { code: "EDU_MINORI", name: "Servizio educativo territoriale per minori e famiglie", area: "famiglia_minori", spendingType: "interventi_servizi", managingBody: "capofila", perCapita2019: 13, funding: () => [["FNPS", 0.45], ["COMUNI", 0.55]] },
  { code: "NIDI", name: "Nidi d'infanzia e servizi integrativi 0–3 anni", area: "famiglia_minori", spendingType: "strutture", managingBody: "Comuni (gestione diretta o in concessione)", perCapita2019: 16, byComune: "with_nido", funding: () => [["COMUNI", 0.45], ["REGIONE", 0.25], ["COMPARTECIPAZIONE", 0.3]] },
  { code: "SAL", name: "Servizio di accompagnamento al lavoro (SAL)", area: "poverta", spendingType: "interventi_servizi", managingBody: "capofila", perCapita2019: 6, funding: (y) => (y >= 2023 ? [["FSE_PLUS", 0.7], ["REGIONE", 0.3]] : [["REGIONE", 0.6], ["COMUNI", 0.4]]) },
  { code: "CONTRIBUTI_ECONOMICI", name: "Contributi economici a integrazione del reddito", area: "poverta", spendingType: "trasferimenti", managingBody: "Comuni", perCapita2019: 10, byComune: "all", funding: () => [["COMUNI", 0.65], ["FONDO_POVERTA", 0.35]] },
  { code: "MEDIAZIONE", name: "Mediazione linguistico-culturale e sportello immigrati", area: "immigrati", spendingType: "interventi_servizi", managingBody: "capofila", perCapita2019: 2, zones: ["UMB-10", "UMB-11"], funding: () => [["FSE_PLUS", 0.6], ["COMUNI", 0.4]] },
  { code: "DIPENDENZE", name: "Prevenzione e inclusione sociale nelle dipendenze", area: "dipendenze", spendingType: "interventi_servizi", managingBody: "capofila", perCapita2019: 1.5, zones: ["UMB-10"], funding: () => [["REGIONE", 0.7], ["COMUNI", 0.3]] },
];

/** PNRR M5C2 projects of each zone: euros per year, given the zone's population. */
export const PNRR_PROJECTS: readonly { serviceCode: string; fundingCode: string; amount: (year: number, population: number) => number }[] = [
  // P.I.P.P.I.: one project per ATS, 211,500 € (the maximum) over 2022–2025.
  { serviceCode: "PIPPI", fundingCode: "PNRR_M5C2_1_1_1", amount: (y) => 211_500 * ({ 2022: 0.15, 2023: 0.3, 2024: 0.32, 2025: 0.23 }[y] ?? 0) },
  { serviceCode: "DIMISSIONI_PROTETTE", fundingCode: "PNRR_M5C2_1_1_3", amount: (y, p) => p * ({ 2023: 2.2, 2024: 3, 2025: 3 }[y] ?? 0) },
  { serviceCode: "SERV_SOC_PROF", fundingCode: "PNRR_M5C2_1_1_4", amount: (y) => ({ 2023: 55_000, 2024: 70_000, 2025: 45_000 }[y] ?? 0) },
  { serviceCode: "ADD_DISABILI", fundingCode: "PNRR_M5C2_1_2", amount: (y, p) => p * ({ 2023: 2.5, 2024: 4, 2025: 4 }[y] ?? 0) },
];

/** Yearly cost of one full-time social worker, € (salary and charges). */
export const SOCIAL_WORKER_COST = 38_500;

export const PNRR_P_I_P_P_I_MAX = 211_500;

export function managingBodyOf(t: ServiceTemplate, zone: DemoZone, capofilaName: string): string {
  return t.managingBody === "capofila" ? `Comune di ${capofilaName} (capofila, ${zone.name})` : t.managingBody;
}

export function servicesOfZone(zone: DemoZone, capofilaName: string): DemoService[] {
  return SERVICE_TEMPLATES.filter((t) => !t.zones || t.zones.includes(zone.code)).map((t) => ({
    zoneCode: zone.code,
    code: t.code,
    name: t.name,
    area: t.area,
    spendingType: t.spendingType,
    managingBody: managingBodyOf(t, zone, capofilaName),
  }));
}
