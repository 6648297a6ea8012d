import { IndicatorCatalog, type IndicatorDefinition, type IndicatorDefinitionInput } from "./schema";

type Def = IndicatorDefinitionInput;

/** An input count that adds up across comuni. */
function count(d: Omit<Def, "aggregation" | "polarity" | "decimals" | "unit"> & Partial<Pick<Def, "polarity" | "unit" | "decimals">>): Def {
  // A count is never negative: −3 residents is a typing error, refused on its row.
  return { aggregation: "sum", polarity: 0, decimals: 0, unit: "persone", validRange: { min: 0 }, ...d };
}

/** A derived ratio: computed from its inputs, aggregated as Σ num / Σ den. */
function ratio(
  d: Omit<Def, "aggregation" | "isCountOfPeople" | "formula" | "decimals"> & { decimals?: number },
  numerator: string | string[],
  denominator: string,
  scale: number,
): Def {
  const [first, ...rest] = Array.isArray(numerator) ? numerator : [numerator];
  return {
    ...d,
    decimals: d.decimals ?? 1,
    aggregation: "ratio",
    isCountOfPeople: false,
    formula: { numerator: first!, ...(rest.length ? { numeratorPlus: rest } : {}), denominator, scale },
  };
}

const RAW: Def[] = [
  // ── Demografia: input counts (ISTAT, popolazione residente al 31 dicembre) ──
  count({ code: "POP_TOT", name: "Popolazione residente", theme: "demografia", isCountOfPeople: false, source: "ISTAT", description: "Residenti al 31 dicembre secondo il bilancio demografico ISTAT." }),
  count({ code: "POP_0_2", name: "Bambini 0–2 anni", theme: "demografia", isCountOfPeople: false, source: "ISTAT", description: "Residenti da 0 a 2 anni compiuti al 31 dicembre." }),
  count({ code: "POP_0_14", name: "Popolazione 0–14 anni", theme: "demografia", isCountOfPeople: false, source: "ISTAT", description: "Residenti da 0 a 14 anni compiuti al 31 dicembre." }),
  count({ code: "POP_0_17", name: "Minorenni (0–17 anni)", theme: "demografia", isCountOfPeople: false, source: "ISTAT", description: "Residenti da 0 a 17 anni compiuti al 31 dicembre." }),
  count({ code: "POP_15_64", name: "Popolazione 15–64 anni", theme: "demografia", isCountOfPeople: false, source: "ISTAT", description: "Residenti da 15 a 64 anni compiuti al 31 dicembre (età attiva)." }),
  count({ code: "POP_65_PLUS", name: "Popolazione 65 anni e oltre", theme: "demografia", isCountOfPeople: false, source: "ISTAT", description: "Residenti con 65 anni o più al 31 dicembre." }),
  count({ code: "POP_75_PLUS", name: "Popolazione 75 anni e oltre", theme: "demografia", isCountOfPeople: false, source: "ISTAT", description: "Residenti con 75 anni o più al 31 dicembre." }),
  count({ code: "POP_MEDIA", name: "Popolazione media dell'anno", theme: "demografia", isCountOfPeople: false, source: "ISTAT", description: "Media tra i residenti al 1° gennaio e al 31 dicembre, base dei tassi demografici." }),
  count({ code: "POP_STRANIERI", name: "Residenti stranieri", theme: "demografia", isCountOfPeople: false, source: "ISTAT", description: "Residenti con cittadinanza non italiana al 31 dicembre." }),
  count({ code: "FAMIGLIE", name: "Famiglie residenti", theme: "demografia", unit: "famiglie", isCountOfPeople: false, source: "ISTAT", description: "Numero di famiglie anagrafiche al 31 dicembre." }),
  count({ code: "NATI", name: "Nati vivi", theme: "demografia", isCountOfPeople: false, source: "ISTAT", description: "Nati vivi residenti nell'anno." }),
  count({ code: "MORTI", name: "Morti", theme: "demografia", isCountOfPeople: false, source: "ISTAT", description: "Decessi di residenti nell'anno." }),
  // A difference, not a ratio: stored as published by ISTAT (nati − morti).
  count({ code: "SALDO_NATURALE", name: "Saldo naturale", theme: "demografia", polarity: 1, isCountOfPeople: false, validRange: undefined, source: "ISTAT", description: "Nati vivi meno morti dell'anno, come pubblicato nel bilancio demografico ISTAT." }),
  {
    code: "ETA_MEDIA", name: "Età media", theme: "demografia", unit: "anni", polarity: 0, aggregation: "weighted_mean",
    isCountOfPeople: false, decimals: 1, source: "ISTAT",
    description: "Età media dei residenti; per la zona è la media dei comuni pesata per la popolazione.",
  },
  // ── Demografia: derived ──
  ratio({ code: "INDICE_VECCHIAIA", name: "Indice di vecchiaia", theme: "demografia", unit: "indice", polarity: -1, source: "ISTAT (calcolato)", description: "Residenti di 65 anni e oltre ogni 100 residenti di 0–14 anni." }, "POP_65_PLUS", "POP_0_14", 100),
  ratio({ code: "DIP_STRUTTURALE", name: "Indice di dipendenza strutturale", theme: "demografia", unit: "indice", polarity: -1, source: "ISTAT (calcolato)", description: "Residenti di 0–14 anni e di 65 anni e oltre ogni 100 residenti di 15–64 anni." }, ["POP_0_14", "POP_65_PLUS"], "POP_15_64", 100),
  ratio({ code: "DIP_ANZIANI", name: "Indice di dipendenza degli anziani", theme: "demografia", unit: "indice", polarity: -1, source: "ISTAT (calcolato)", description: "Residenti di 65 anni e oltre ogni 100 residenti di 15–64 anni." }, "POP_65_PLUS", "POP_15_64", 100),
  ratio({ code: "PERC_65_PLUS", name: "Quota di residenti con 65 anni e oltre", theme: "demografia", unit: "%", polarity: -1, source: "ISTAT (calcolato)", description: "Residenti di 65 anni e oltre su 100 residenti." }, "POP_65_PLUS", "POP_TOT", 100),
  ratio({ code: "PERC_75_PLUS", name: "Quota di residenti con 75 anni e oltre", theme: "demografia", unit: "%", polarity: -1, source: "ISTAT (calcolato)", description: "Residenti di 75 anni e oltre su 100 residenti." }, "POP_75_PLUS", "POP_TOT", 100),
  ratio({ code: "PERC_STRANIERI", name: "Quota di residenti stranieri", theme: "demografia", unit: "%", polarity: 0, source: "ISTAT (calcolato)", description: "Residenti stranieri su 100 residenti." }, "POP_STRANIERI", "POP_TOT", 100),
  ratio({ code: "TASSO_NATALITA", name: "Tasso di natalità", theme: "demografia", unit: "per 1.000 ab.", polarity: 1, source: "ISTAT (calcolato)", description: "Nati vivi dell'anno ogni 1.000 residenti medi." }, "NATI", "POP_MEDIA", 1000),
  ratio({ code: "TASSO_SALDO_NATURALE", name: "Tasso di crescita naturale", theme: "demografia", unit: "per 1.000 ab.", polarity: 1, source: "ISTAT (calcolato)", description: "Saldo naturale (nati meno morti) ogni 1.000 residenti medi dell'anno." }, "SALDO_NATURALE", "POP_MEDIA", 1000),

  // ── Fragilità ──
  count({ code: "FAM_UNIPERS_65", name: "Anziani soli (famiglie unipersonali 65+)", theme: "fragilita", unit: "famiglie", isCountOfPeople: false, source: "ISTAT", description: "Famiglie composte da una sola persona di 65 anni o più." }),
  ratio({ code: "PERC_ANZIANI_SOLI", name: "Anziani che vivono soli", theme: "fragilita", unit: "%", polarity: -1, source: "ISTAT (calcolato)", description: "Famiglie unipersonali di 65 anni e oltre ogni 100 residenti di 65 anni e oltre." }, "FAM_UNIPERS_65", "POP_65_PLUS", 100),
  count({ code: "REDDITO_IMPONIBILE", name: "Reddito imponibile complessivo", theme: "fragilita", unit: "€", isCountOfPeople: false, source: "MEF – Dichiarazioni fiscali", description: "Somma dei redditi imponibili IRPEF dichiarati dai contribuenti residenti." }),
  count({ code: "CONTRIBUENTI", name: "Contribuenti IRPEF", theme: "fragilita", isCountOfPeople: false, source: "MEF – Dichiarazioni fiscali", description: "Contribuenti residenti che hanno presentato la dichiarazione IRPEF." }),
  ratio({ code: "REDDITO_MEDIO", name: "Reddito imponibile medio per contribuente", theme: "fragilita", unit: "€", polarity: 1, decimals: 0, source: "MEF (calcolato)", description: "Reddito imponibile complessivo diviso per il numero di contribuenti." }, "REDDITO_IMPONIBILE", "CONTRIBUENTI", 1),

  // ── Bisogni ──
  count({ code: "BENEF_RDC", name: "Nuclei percettori del Reddito di cittadinanza", theme: "bisogni", unit: "nuclei", isCountOfPeople: true, source: "INPS", description: "Nuclei familiari residenti che hanno ricevuto almeno una mensilità del Reddito o della Pensione di cittadinanza (fino al 2023)." }),
  ratio({ code: "PERC_BENEF_RDC", name: "Nuclei con Reddito di cittadinanza", theme: "bisogni", unit: "%", polarity: -1, decimals: 2, source: "INPS (calcolato)", description: "Nuclei percettori del Reddito di cittadinanza ogni 100 famiglie residenti." }, "BENEF_RDC", "FAMIGLIE", 100),
  count({ code: "BENEF_ADI", name: "Nuclei beneficiari dell'Assegno di Inclusione", theme: "bisogni", unit: "nuclei", isCountOfPeople: true, source: "INPS", description: "Nuclei familiari residenti che hanno ricevuto almeno una mensilità dell'Assegno di Inclusione (dal 2024)." }),
  ratio({ code: "PERC_BENEF_ADI", name: "Nuclei con Assegno di Inclusione", theme: "bisogni", unit: "%", polarity: -1, decimals: 2, source: "INPS (calcolato)", description: "Nuclei beneficiari dell'Assegno di Inclusione ogni 100 famiglie residenti." }, "BENEF_ADI", "FAMIGLIE", 100),
  count({ code: "DISABILI_L104", name: "Persone con disabilità grave (L. 104/1992)", theme: "bisogni", isCountOfPeople: true, source: "INPS", description: "Residenti con handicap grave riconosciuto ai sensi dell'art. 3 comma 3 della L. 104/1992." }),
  ratio({ code: "TASSO_DISABILI_L104", name: "Persone con disabilità grave per 1.000 abitanti", theme: "bisogni", unit: "per 1.000 ab.", polarity: -1, source: "INPS (calcolato)", description: "Residenti con disabilità grave (L. 104/1992) ogni 1.000 residenti." }, "DISABILI_L104", "POP_TOT", 1000),
  count({ code: "MINORI_IN_CARICO", name: "Minori in carico al servizio sociale", theme: "bisogni", isCountOfPeople: true, source: "Ufficio di Piano", description: "Minorenni residenti con una presa in carico attiva del servizio sociale nell'anno." }),
  ratio({ code: "TASSO_MINORI_IN_CARICO", name: "Minori in carico per 1.000 minorenni", theme: "bisogni", unit: "per 1.000 minori", polarity: -1, source: "Ufficio di Piano (calcolato)", description: "Minori in carico al servizio sociale ogni 1.000 residenti di 0–17 anni." }, "MINORI_IN_CARICO", "POP_0_17", 1000),
  count({ code: "UTENTI_SS", name: "Persone in carico al servizio sociale professionale", theme: "bisogni", isCountOfPeople: true, source: "Ufficio di Piano", description: "Residenti con almeno una presa in carico attiva del servizio sociale professionale nell'anno." }),
  ratio({ code: "UTENTI_SS_PER_1000", name: "Persone in carico per 1.000 abitanti", theme: "bisogni", unit: "per 1.000 ab.", polarity: 0, source: "Ufficio di Piano (calcolato)", description: "Persone in carico al servizio sociale professionale ogni 1.000 residenti." }, "UTENTI_SS", "POP_TOT", 1000),

  // ── Risorse ──
  // The ATS employs social workers besides each comune's: its row adds to theirs.
  count({ code: "AS_FTE", name: "Assistenti sociali (tempo pieno equivalente)", theme: "risorse", unit: "FTE", decimals: 1, zoneRow: "component", isCountOfPeople: false, source: "Ufficio di Piano", description: "Assistenti sociali dipendenti dei comuni o dell'ambito, in equivalenti a tempo pieno al 31 dicembre." }),
  ratio({ code: "RESIDENTI_PER_AS", name: "Residenti per assistente sociale", theme: "leps", unit: "ab. per AS", polarity: -1, decimals: 0, source: "Ufficio di Piano (calcolato)", description: "Residenti diviso per gli assistenti sociali a tempo pieno equivalente (LEPS: al massimo 5.000, obiettivo 4.000)." }, "POP_TOT", "AS_FTE", 1),
  count({ code: "UTENTI_SAD", name: "Utenti dell'assistenza domiciliare anziani (SAD)", theme: "risorse", isCountOfPeople: true, source: "Ufficio di Piano", description: "Anziani residenti che hanno ricevuto il servizio di assistenza domiciliare nell'anno." }),
  ratio({ code: "COPERTURA_SAD", name: "Copertura dell'assistenza domiciliare anziani", theme: "risorse", unit: "%", polarity: 1, decimals: 2, source: "Ufficio di Piano (calcolato)", description: "Utenti del SAD ogni 100 residenti di 65 anni e oltre." }, "UTENTI_SAD", "POP_65_PLUS", 100),
  count({ code: "POSTI_NIDO", name: "Posti nei servizi educativi 0–2 anni", theme: "risorse", unit: "posti", zoneRow: "component", isCountOfPeople: false, source: "Ufficio di Piano", description: "Posti autorizzati nei nidi e nei servizi integrativi per la prima infanzia, pubblici e privati." }),
  ratio({ code: "COPERTURA_NIDI", name: "Copertura dei servizi per la prima infanzia", theme: "leps", unit: "%", polarity: 1, source: "Ufficio di Piano (calcolato)", description: "Posti nei servizi educativi ogni 100 bambini di 0–2 anni (LEPS: 33% entro il 2027)." }, "POSTI_NIDO", "POP_0_2", 100),
  ratio({ code: "POSTI_NIDO_PER_1000", name: "Posti nido per 1.000 abitanti", theme: "risorse", unit: "per 1.000 ab.", polarity: 1, source: "Ufficio di Piano (calcolato)", description: "Posti nei servizi educativi per la prima infanzia ogni 1.000 residenti." }, "POSTI_NIDO", "POP_TOT", 1000),
  count({ code: "SPESA_SOCIALE", name: "Spesa sociale impegnata", theme: "risorse", unit: "€", decimals: 2, zoneRow: "component", isCountOfPeople: false, source: "Ufficio di Piano", description: "Spesa per interventi e servizi sociali impegnata nell'anno, al netto della compartecipazione degli utenti e del SSN." }),
  ratio({ code: "SPESA_PRO_CAPITE", name: "Spesa sociale per abitante", theme: "risorse", unit: "€", polarity: 1, decimals: 2, source: "Ufficio di Piano (calcolato)", description: "Spesa sociale impegnata divisa per i residenti." }, "SPESA_SOCIALE", "POP_TOT", 1),

  // ── Qualità dei servizi (issue 14): observations tied to a service (service_code), per year, quarter or month ──
  count({ code: "SRV_UTENTI", name: "Utenti del servizio", theme: "qualita", isCountOfPeople: true, source: "Ufficio di Piano", description: "Persone che hanno usato il servizio nel periodo, per comune di residenza (o per l'intera zona)." }),
  count({ code: "SRV_RICHIESTE", name: "Richieste di accesso al servizio", theme: "qualita", unit: "richieste", isCountOfPeople: true, source: "Ufficio di Piano", description: "Domande di accesso al servizio ricevute nel periodo (una per persona)." }),
  { code: "SRV_GG_PRIMO_COLLOQUIO", name: "Giorni dalla richiesta al primo colloquio", theme: "qualita", unit: "giorni", polarity: -1, aggregation: "none", isCountOfPeople: false, decimals: 1, validRange: { min: 0, max: 730 }, source: "Ufficio di Piano", description: "Tempo medio, in giorni di calendario, tra la richiesta e il primo colloquio con il servizio." },
  { code: "SRV_GG_PRESA_IN_CARICO", name: "Giorni dalla richiesta alla presa in carico", theme: "qualita", unit: "giorni", polarity: -1, aggregation: "none", isCountOfPeople: false, decimals: 1, validRange: { min: 0, max: 730 }, source: "Ufficio di Piano", description: "Tempo medio, in giorni di calendario, tra la richiesta e l'avvio della presa in carico (progetto o PAI)." },
  count({ code: "SRV_LISTA_ATTESA", name: "Persone in lista d'attesa", theme: "qualita", polarity: -1, isCountOfPeople: true, source: "Ufficio di Piano", description: "Persone in attesa di accedere al servizio alla fine del periodo." }),
  { code: "SRV_SODDISFAZIONE", name: "Soddisfazione degli utenti", theme: "qualita", unit: "punteggio 1–10", polarity: 1, aggregation: "none", isCountOfPeople: false, decimals: 1, validRange: { min: 1, max: 10 }, source: "Ufficio di Piano (indagine di soddisfazione)", description: "Punteggio medio di soddisfazione degli utenti nell'indagine del periodo, da 1 a 10." },
  count({ code: "SRV_RECLAMI", name: "Reclami ricevuti", theme: "qualita", unit: "reclami", polarity: -1, isCountOfPeople: false, source: "Ufficio di Piano", description: "Reclami scritti sul servizio ricevuti nel periodo." }),
  count({ code: "SRV_RECLAMI_IN_TEMPO", name: "Reclami con risposta nei termini", theme: "qualita", unit: "reclami", polarity: 1, isCountOfPeople: false, source: "Ufficio di Piano", description: "Reclami del periodo a cui si è risposto entro il termine della carta dei servizi (spesso 30 giorni)." }),
  ratio({ code: "SRV_RECLAMI_RISPOSTA_PERC", name: "Reclami con risposta nei termini (%)", theme: "qualita", unit: "%", polarity: 1, source: "Ufficio di Piano (calcolato)", description: "Reclami con risposta entro il termine della carta dei servizi ogni 100 reclami ricevuti." }, "SRV_RECLAMI_IN_TEMPO", "SRV_RECLAMI", 100),
];

/** The standard indicator catalogue, validated once at load. */
export const INDICATORS: readonly IndicatorDefinition[] = Object.freeze(IndicatorCatalog.parse(RAW));

export const INDICATOR_BY_CODE: ReadonlyMap<string, IndicatorDefinition> = new Map(INDICATORS.map((d) => [d.code, d]));

export function getIndicator(code: string): IndicatorDefinition {
  const def = INDICATOR_BY_CODE.get(code);
  if (!def) throw new RangeError(`Indicatore sconosciuto: ${code}`);
  return def;
}

/** Input indicators (stored as observations) versus derived ones (computed by formula). */
export const INPUT_INDICATORS = INDICATORS.filter((d) => !d.formula);
export const DERIVED_INDICATORS = INDICATORS.filter((d) => d.formula);
