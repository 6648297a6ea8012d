/** Funding sources with the codes of DOMAIN.md. */
export interface FundingSource {
  code: string;
  name: string;
  description?: string;
  /** Earmarked funds are reported to the funder and usually carry a deadline. */
  earmarked: boolean;
}

export const FUNDING_SOURCES: readonly FundingSource[] = Object.freeze([
  { code: "FNPS", name: "Fondo nazionale per le politiche sociali", earmarked: true },
  { code: "FONDO_POVERTA", name: "Fondo povertà – quota servizi", description: "Quota servizi del Fondo per la lotta alla povertà, compresa la riserva per gli assistenti sociali.", earmarked: true },
  { code: "FNA", name: "Fondo per le non autosufficienze", earmarked: true },
  { code: "DOPO_DI_NOI", name: "Fondo Dopo di Noi (L. 112/2016)", earmarked: true },
  { code: "PNRR_M5C2_1_1_1", name: "PNRR M5C2 1.1.1 – Sostegno alle capacità genitoriali (P.I.P.P.I.)", description: "Prevenzione dell'istituzionalizzazione dei minori; massimo 211.500 € per progetto.", earmarked: true },
  { code: "PNRR_M5C2_1_1_2", name: "PNRR M5C2 1.1.2 – Autonomia degli anziani non autosufficienti", earmarked: true },
  { code: "PNRR_M5C2_1_1_3", name: "PNRR M5C2 1.1.3 – Servizi domiciliari e dimissioni protette", earmarked: true },
  { code: "PNRR_M5C2_1_1_4", name: "PNRR M5C2 1.1.4 – Supervisione degli assistenti sociali", earmarked: true },
  { code: "PNRR_M5C2_1_2", name: "PNRR M5C2 1.2 – Percorsi di autonomia per persone con disabilità", earmarked: true },
  { code: "PNRR_M5C2_1_3_1", name: "PNRR M5C2 1.3.1 – Housing first", earmarked: true },
  { code: "PNRR_M5C2_1_3_2", name: "PNRR M5C2 1.3.2 – Stazioni di posta", earmarked: true },
  { code: "FSE_PLUS", name: "Fondo sociale europeo Plus (FSE+)", earmarked: true },
  { code: "FSC_SOCIALE", name: "Fondo di solidarietà comunale – componente sociale", earmarked: true },
  { code: "REGIONE", name: "Fondi regionali", earmarked: false },
  { code: "COMUNI", name: "Quota dei comuni (risorse proprie)", earmarked: false },
  { code: "COMPARTECIPAZIONE", name: "Compartecipazione degli utenti", description: "Quote a carico degli utenti, in genere in base all'ISEE.", earmarked: false },
  { code: "SSN", name: "Quota del Servizio sanitario (ASL)", description: "Quota sanitaria dei servizi socio-sanitari integrati: nell'indagine ISTAT è la spesa del servizio sanitario (EXPSSN), non dei comuni.", earmarked: false },
  { code: "ALTRO", name: "Altre fonti", earmarked: false },
] satisfies FundingSource[]);

export const FUNDING_SOURCE_CODES = FUNDING_SOURCES.map((f) => f.code);
export const FUNDING_SOURCE_BY_CODE: ReadonlyMap<string, FundingSource> = new Map(FUNDING_SOURCES.map((f) => [f.code, f]));
