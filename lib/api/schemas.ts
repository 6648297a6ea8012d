import { z } from "zod";
import { IndicatorCode, IstatCode, ZoneCode } from "./params";
import { listOf } from "./pagination";
import { MAX_DISCLOSURE_THRESHOLD, MIN_DISCLOSURE_THRESHOLD } from "@/lib/disclosure/texts";

/**
 * One zod schema per response shape of the API. The handlers build their
 * answers with these types, the OpenAPI document (lib/api/openapi.ts) is
 * generated from them, and the tests validate real answers against them.
 */
const Int = (description: string) => z.int().describe(description);
const Decimal = (description: string) => z.number().describe(description);
const Text = (description: string) => z.string().describe(description);
const Year = z.int().min(1900).max(2100).meta({ description: "Anno.", format: "int32" });
const DisclosureState = z
  .enum(["public", "suppressed", "unpublishable"])
  .describe(
    "public: pubblicabile; suppressed: protetto per chi legge (token senza «dati non protetti», Conferenza di zona): le pagine stampano «< soglia» (per esempio «< 3»), value e numerator sono null; unpublishable: mostrato a chi legge ma non pubblicabile.",
  );

export const ZoneSchema = z
  .object({
    code: ZoneCode,
    name: Text("Nome della zona sociale."),
    region: Text("Regione."),
    capofila: Text("Comune capofila."),
    capofilaIstat: IstatCode,
  })
  .meta({ id: "Zone", description: "Una zona sociale." });
export const ZoneListSchema = listOf(ZoneSchema, "ZoneList", "Le zone sociali visibili a chi chiede.");

export const ComuneOfZoneSchema = z
  .object({
    istat: IstatCode,
    name: Text("Nome del comune."),
    province: Text("Sigla della provincia."),
    population: Int("Popolazione residente più recente (POP_TOT); null se non caricata.").nullable(),
    year: Year.nullable().describe("Anno della popolazione; null se non caricata."),
  })
  .meta({ id: "ComuneOfZone", description: "Un comune della zona con la popolazione più recente." });
export const ComuneOfZoneListSchema = listOf(ComuneOfZoneSchema, "ComuneOfZoneList", "I comuni di una zona, per nome.");

const IsoDay = (description: string) => z.iso.date().nullable().describe(description);
export const ZoneMembershipSchema = z
  .object({
    istat: IstatCode,
    name: Text("Nome del comune."),
    province: Text("Sigla della provincia."),
    part: Text("Parte del comune, per una città divisa fra più ambiti (per esempio «Municipi 1-4»); null: l'intero comune.").nullable(),
    share: Decimal("Quota della parte (da 0 a 1, per esempio della popolazione); null se non indicata.").nullable(),
    validFrom: IsoDay("Primo giorno di appartenenza alla zona (AAAA-MM-GG); null: da sempre."),
    validTo: IsoDay("Ultimo giorno di appartenenza alla zona (AAAA-MM-GG); null: a oggi."),
    firstYear: Year.nullable().describe("Primo anno in cui il comune conta nei valori della zona (appartenenza al 31 dicembre); null: senza limite."),
    lastYear: Year.nullable().describe("Ultimo anno in cui il comune conta nei valori della zona; null: senza limite."),
    current: z.boolean().describe("Se il comune appartiene oggi alla zona."),
    suppressedOn: IsoDay("Giorno da cui il comune è soppresso (fusione ISTAT); null se esiste."),
    successorIstat: IstatCode.nullable().describe("Codice ISTAT del comune in cui è confluito; null se non soppresso per fusione."),
    successorName: Text("Nome del comune in cui è confluito.").nullable(),
  })
  .meta({ id: "ZoneMembership", description: "Un periodo di appartenenza di un comune (o di una sua parte) alla zona." });
export const ZoneMembershipListSchema = listOf(
  ZoneMembershipSchema,
  "ZoneMembershipList",
  "Le appartenenze dei comuni alla zona, passate e attuali: prima i comuni di oggi, poi per nome e inizio.",
);

export const ObservationSchema = z
  .object({
    id: Int("Identificativo della riga memorizzata."),
    istat: IstatCode.nullable().describe("Codice ISTAT del comune; null per un valore dell'intera zona."),
    comune: Text("Nome del comune.").nullable(),
    period: Text("Periodo (2024, 2024-Q1, 2024-03)."),
    value: Decimal("Valore.").nullable(),
    numerator: Decimal("Numeratore, se caricato.").nullable(),
    denominator: Decimal("Denominatore, se caricato.").nullable(),
    batchId: Int("Caricamento da cui proviene."),
    disclosure: DisclosureState,
  })
  .meta({ id: "Observation", description: "Un valore memorizzato come caricato (non i valori derivati: vedere /zones/{zona}/values)." });
export const ObservationListSchema = listOf(ObservationSchema, "ObservationList", "Valori memorizzati, nell'ordine di memorizzazione.");

export const ImportBatchSchema = z
  .object({
    id: Int("Identificativo del caricamento."),
    kind: Text("Tipo di dati."),
    zoneCode: ZoneCode.nullable().describe("Zona; null per i dati di tutte le zone (catalogo, elenco comuni)."),
    fileName: Text("Nome del file caricato."),
    format: Text("Formato riconosciuto.").nullable(),
    status: Text("Stato: committed, reverted…"),
    userLabel: Text("Chi ha caricato.").nullable(),
    createdAt: z.iso.datetime().describe("Inizio del caricamento (ISO 8601)."),
    committedAt: z.iso.datetime().nullable().describe("Conferma (ISO 8601)."),
    revertedAt: z.iso.datetime().nullable().describe("Annullamento (ISO 8601)."),
    rowsRead: Int("Righe lette."),
    inserted: Int("Righe inserite."),
    updated: Int("Righe aggiornate."),
    unchanged: Int("Righe invariate."),
    rejected: Int("Righe scartate."),
  })
  .meta({ id: "ImportBatch", description: "Un caricamento di dati." });
export const ImportBatchListSchema = listOf(ImportBatchSchema, "ImportBatchList", "I caricamenti, più recenti prima.");

export const RevertResultSchema = z
  .object({
    batchId: Int("Caricamento annullato."),
    removed: Int("Righe rimosse."),
    restored: Int("Righe tornate correnti."),
  })
  .meta({ id: "RevertResult", description: "Esito dell'annullamento di un caricamento." });

const FragilityComponentSchema = z.object({
  indicator: IndicatorCode,
  value: Decimal("Valore dell'indicatore.").nullable(),
  normalized: Decimal("Punteggio normalizzato (100 = riferimento).").nullable(),
});

export const FragilitySchema = z
  .object({
    year: Year,
    base: Year.describe("Anno base dei riferimenti."),
    method: z.enum(["AMPI+", "AMPI-"]).describe("Metodo dell'indice."),
    indicators: z.array(
      z.object({
        code: IndicatorCode,
        polarity: z.union([z.literal(1), z.literal(-1)]).meta({ description: "1: più alto = più fragile; -1: più alto = meno fragile.", format: "int32" }),
        reference: Decimal("Valore della zona nell'anno base."),
        min: Decimal("Minimo sui comuni (goalpost).").nullable(),
        max: Decimal("Massimo sui comuni (goalpost).").nullable(),
      }),
    ),
    comuni: z.array(
      z.object({
        istat: IstatCode,
        name: Text("Nome del comune.").optional(),
        index: Decimal("Indice AMPI+ (100 = zona nell'anno base).").nullable(),
        rank: Int("Posizione (1 = il più fragile).").nullable(),
        decile: Int("Decile (10 = i più fragili).").nullable(),
        change: Decimal("Variazione sull'anno precedente.").nullable(),
        excluded: Text("Motivo dell'esclusione dalla graduatoria.").nullable(),
        components: z.array(FragilityComponentSchema),
      }),
    ),
  })
  .meta({ id: "Fragility", description: "Indice di fragilità AMPI+ dei comuni della zona." });

const ResourceSchema = z.object({
  id: Int("Identificativo."),
  kind: Text("Tipo di risorsa."),
  name: Text("Nome."),
  comuneIstat: IstatCode.nullable(),
  comuneName: Text("Comune.").nullable(),
  address: Text("Indirizzo.").nullable(),
  postalCode: Text("CAP.").nullable(),
  phone: Text("Telefono.").nullable(),
  fax: Text("Fax.").nullable(),
  email: Text("E-mail.").nullable(),
  openingHours: Text("Orari.").nullable(),
  capacity: Int("Capienza (posti).").nullable(),
  source: Text("Fonte.").nullable(),
});

const ServiceSchema = z.object({
  code: Text("Codice del servizio."),
  name: Text("Nome."),
  area: Text("Area di intervento."),
  spendingType: Text("Tipo di spesa."),
  managingBody: Text("Ente gestore.").nullable(),
});

export const ComuneProfileSchema = z
  .object({
    istat: IstatCode,
    name: Text("Nome del comune."),
    province: Text("Sigla della provincia."),
    zoneCode: ZoneCode,
    zoneName: Text("Nome della zona."),
    years: z.array(Year).describe("Anni con dati nella zona."),
    latestYear: Year.nullable(),
    regionName: Text("Regione."),
    regionNote: Text("Perché i valori regionali mancano.").nullable(),
    indicators: z.array(
      z.object({
        code: IndicatorCode,
        name: Text("Nome dell'indicatore."),
        unit: Text("Unità di misura."),
        series: z.record(z.string().regex(/^\d{4}$/), Decimal("Valore dell'anno.").nullable()).describe("Valori per anno."),
        latest: Decimal("Valore nell'ultimo anno.").nullable(),
        zone: Decimal("Valore della zona nell'ultimo anno.").nullable(),
        region: Decimal("Valore della regione nell'ultimo anno.").nullable(),
        rank: Int("Posizione nella zona (1 = valore più alto).").nullable(),
        of: Int("Comuni con il dato."),
      }),
    ),
    fragility: z
      .object({
        index: Decimal("Indice AMPI+.").nullable(),
        rank: Int("Posizione.").nullable(),
        decile: Int("Decile.").nullable(),
        ranked: Int("Comuni in graduatoria."),
        nonDiscrimination: Text("Perché non ci sono decili (valori tutti uguali, un solo comune); null altrimenti.").nullable(),
        withheld: z.boolean().describe("L'indice è protetto per chi legge: una componente è un tasso su un conteggio protetto."),
        exclusionReason: Text("Perché il comune è escluso dalla graduatoria; null se non lo è.").nullable(),
        components: z.array(
          z.object({
            indicator: IndicatorCode,
            name: Text("Nome."),
            unit: Text("Unità."),
            decimals: Int("Decimali mostrati."),
            value: Decimal("Valore.").nullable(),
            normalized: Decimal("Punteggio normalizzato.").nullable(),
            withheld: z.boolean().describe("Componente protetta per chi legge (tasso su un conteggio protetto)."),
          }),
        ),
      })
      .nullable(),
    resources: z.array(ResourceSchema),
    services: z.array(ServiceSchema),
    mark: Text("Il segno stampato per un valore protetto, per esempio «< 3»."),
    footnote: Text("La nota con la regola del segreto statistico, quando qualche valore è protetto o non pubblicabile; null altrimenti.").nullable(),
  })
  .meta({ id: "ComuneProfile", description: "Il profilo di un comune, gli stessi dati della sua scheda." });

/** The fields every value as shown has (db/queries/values.ts ShownValue): the comune's, the ATS's row's and the zone's. */
const shownValueFields = {
  value: Decimal("Il valore come lo mostrano le pagine; null se manca o se è protetto dal segreto statistico (disclosure = suppressed).").nullable(),
  numerator: Decimal("Numeratore (caricato o calcolato); null se manca o se è protetto.").nullable(),
  denominator: Decimal("Denominatore (caricato o calcolato); null se manca.").nullable(),
  status: z.enum(["complete", "partial", "missing"]).describe("complete: c'è il valore; partial (solo zona): manca il dato di qualche comune, value è null e partialValue è sui comuni che lo hanno; missing: nessun valore."),
  origin: z.enum(["imported", "derived"]).describe("imported: come caricato (o aggregato dai valori caricati); derived: calcolato alla lettura con la formula del catalogo."),
  batchIds: z.array(z.int().min(1).describe("Identificativo di un caricamento.")).describe("I caricamenti da cui viene il valore (i suoi, o quelli dei valori da cui è calcolato)."),
  disclosure: DisclosureState,
};

export const ComuneValueSchema = z
  .object({ istat: IstatCode, name: Text("Nome del comune."), ...shownValueFields })
  .meta({ id: "ComuneValue", description: "Il valore di un indicatore per un comune, come lo mostrano le pagine." });

export const ZoneRowValueSchema = z
  .object(shownValueFields)
  .meta({ id: "ZoneRowValue", description: "Il valore caricato per l'intero ambito (riga senza comune), come lo mostrano le pagine." });

export const ZoneValueSchema = z
  .object({
    ...shownValueFields,
    partialValue: Decimal("Con status partial: il valore sui soli comuni che hanno il dato (protetto come value); altrimenti null.").nullable(),
    coverage: z
      .object({
        contributing: Int("Comuni (o riga d'ambito) che contribuiscono al valore della zona.").min(0),
        total: Int("Comuni della zona.").min(0),
        missing: z.array(IstatCode).describe("Comuni senza il dato."),
      })
      .describe("Copertura del valore della zona."),
    source: z.enum(["comuni", "comuni_and_zone_row", "zone_row"]).describe("Da cosa viene il valore della zona: i soli comuni, i comuni più la riga d'ambito, o la sola riga d'ambito."),
  })
  .meta({ id: "ZoneValue", description: "Il valore della zona secondo la regola dell'indicatore (somme, Σ numeratori / Σ denominatori, medie pesate), come lo mostrano le pagine." });

export const IndicatorYearValuesSchema = z
  .object({
    indicator: IndicatorCode,
    name: Text("Nome dell'indicatore."),
    unit: Text("Unità di misura."),
    decimals: Int("Decimali con cui le pagine mostrano il valore.").min(0).max(10),
    year: Year,
    origin: z.enum(["imported", "derived"]).describe("derived: indicatore calcolato dalla formula del catalogo; imported: indicatore caricato."),
    threshold: Int(`Soglia del segreto statistico della zona: i conteggi di persone sotto di essa sono protetti (da ${MIN_DISCLOSURE_THRESHOLD} a ${MAX_DISCLOSURE_THRESHOLD}).`)
      .min(MIN_DISCLOSURE_THRESHOLD)
      .max(MAX_DISCLOSURE_THRESHOLD),
    comuni: z.array(ComuneValueSchema).describe("Un valore per comune della zona, in ordine di nome (o solo il comune chiesto)."),
    zoneRow: ZoneRowValueSchema.nullable().describe("La riga caricata per l'intero ambito, se c'è; null altrimenti."),
    zone: ZoneValueSchema,
  })
  .meta({ id: "IndicatorYearValues", description: "I valori di un indicatore in un anno: ogni comune, la riga d'ambito e la zona." });
export const ZoneValuesListSchema = listOf(
  IndicatorYearValuesSchema,
  "ZoneValuesList",
  "I valori come li mostrano le pagine (Territorio, scheda comune), per indicatore e anno, nell'ordine dei parametri.",
);

const TargetStatusCode = z
  .enum(["raggiunto", "in_linea", "a_rischio", "fuori_traiettoria", "rispettato", "non_rispettato", "dato_mancante", "riservato"])
  .describe(
    "Stato nell'anno (regola della pagina «Piano di zona»): raggiunto, in_linea, a_rischio, fuori_traiettoria per le traiettorie; rispettato o non_rispettato per le soglie; dato_mancante senza valore; riservato quando il valore è protetto dal segreto statistico per chi legge.",
  );
const ProjectionSchema = z
  .object({
    band: z.enum(["raggiunge", "manca_di_poco", "lontano", "direzione_sbagliata", "non_calcolabile"]).describe("Esito della proiezione all'anno obiettivo (variazione media degli ultimi anni, fino a 5, almeno 3 valori)."),
    projected: Decimal("Valore proiettato all'anno obiettivo; null se non calcolabile.").nullable(),
    slope: Decimal("Variazione media annua usata; null se non calcolabile.").nullable(),
    missShare: Decimal("Quota della distanza che resta mancata dalla proiezione (0 se raggiunge); null se non calcolabile.").nullable(),
    reason: Text("Perché non è calcolabile; null altrimenti.").nullable(),
  })
  .meta({ id: "TargetProjection", description: "La proiezione di un obiettivo all'anno obiettivo." });
const YearValue = z.object({ year: Year, value: Decimal("Valore.") });
const TargetCellSchema = z.object({
  actual: Decimal("Valore osservato nell'anno come lo mostrano le pagine; null se manca o se è protetto (withheld).").nullable(),
  withheld: z.boolean().describe("Valore protetto dal segreto statistico per chi legge: stato «riservato»."),
  partial: z.boolean().describe("Valore di zona a cui manca il dato di qualche comune."),
  expected: Decimal("Valore atteso nell'anno sulla traiettoria (la soglia per soglie minime e massime); null se non determinabile.").nullable(),
  status: TargetStatusCode,
  projection: ProjectionSchema,
});
export const TargetItemSchema = z
  .object({
    id: Int("Identificativo dell'obiettivo (riga corrente).").min(1),
    plan: z.object({ id: Int("Identificativo del piano.").min(1), name: Text("Nome dell'edizione."), startYear: Year, endYear: Year }).nullable().describe("Il Piano sociale di zona dell'obiettivo."),
    objective: z
      .object({ code: Text("Codice dell'obiettivo nel piano."), area: Text("Area (aree di utenza ISTAT o sistema_governance)."), title: Text("Titolo.") })
      .nullable()
      .describe("L'obiettivo del piano a cui appartiene il traguardo; null se non è legato a un obiettivo."),
    indicator: z.object({ code: IndicatorCode, name: Text("Nome dell'indicatore."), unit: Text("Unità di misura."), decimals: Int("Decimali delle pagine.").min(0).max(10), polarity: z.union([z.literal(1), z.literal(-1), z.literal(0)]).meta({ description: "1: meglio più alto; -1: meglio più basso; 0: neutro.", format: "int32" }) }),
    territory: z.object({ istat: IstatCode.nullable().describe("null: l'intera zona."), name: Text("Nome del comune, o «Zona».") }),
    kind: z.enum(["trajectory", "floor", "ceiling"]).describe("trajectory: percorso dal valore base all'obiettivo; floor/ceiling: soglia minima/massima valida ogni anno."),
    provenance: z.enum(["psz", "leps", "regionale", "lavoro"]).describe("psz: delibera del PSZ; leps: LEPS nazionale; regionale: norma regionale; lavoro: valore di lavoro dell'Ufficio di Piano."),
    legalSource: Text("Riferimento normativo.").nullable(),
    baseline: YearValue.nullable().describe("Valore di partenza fissato (anno, valore); null se non indicato."),
    milestones: z.array(YearValue).describe("Tappe intermedie, per anno."),
    target: YearValue.describe("Valore da raggiungere e anno."),
    tolerance: Decimal("Tolleranza di un mantenimento, nell'unità dell'indicatore.").nullable(),
    year: Year.describe("Anno dei dati in cui l'obiettivo è giudicato."),
    ...TargetCellSchema.shape,
    comuni: z
      .array(
        z.object({
          istat: IstatCode,
          name: Text("Nome del comune."),
          ...TargetCellSchema.shape,
          baseline: YearValue.nullable().describe("Valore di partenza del comune nell'anno base (un comune parte dal proprio valore)."),
          target: Decimal("Valore da raggiungere nel comune (per un mantenimento, il proprio valore di partenza)."),
        }),
      )
      .describe("Per un obiettivo di zona: lo stesso obiettivo letto in ogni comune (come nel quadro per comune); per un obiettivo di un comune: vuoto."),
  })
  .meta({ id: "TargetItem", description: "Un obiettivo del Piano sociale di zona giudicato in un anno, come lo mostra la pagina «Piano di zona»." });
export const TargetListSchema = listOf(TargetItemSchema, "TargetList", "Gli obiettivi del piano, nell'ordine della pagina (obiettivo, indicatore, territorio).");

const LepsSocialWorkersSchema = z.object({
  year: Year,
  population: Decimal("Residenti della zona (P).").nullable(),
  fte: Decimal("Assistenti sociali dipendenti di comuni e ambito, equivalenti a tempo pieno (N).").nullable(),
  residentsPerAs: Decimal("Residenti per assistente sociale.").nullable(),
  level: z.enum(["obiettivo", "livello_minimo", "sotto_minimo", "dato_mancante"]).describe("obiettivo: almeno 1 ogni 4.000; livello_minimo: almeno 1 ogni 5.000; sotto_minimo; dato_mancante."),
  requiredForMinimum: Decimal("Assistenti sociali necessari per 1 ogni 5.000.").nullable(),
  requiredForGoal: Decimal("Assistenti sociali necessari per 1 ogni 4.000.").nullable(),
  gapToMinimum: Decimal("Assistenti sociali che mancano per 1 ogni 5.000 (0 se raggiunto).").nullable(),
  gapToGoal: Decimal("Assistenti sociali che mancano per 1 ogni 4.000 (0 se raggiunto).").nullable(),
  incentive: z
    .object({ eligible: z.boolean().describe("N ≥ P/6.500."), firstTier: Decimal("40.000 € per AS oltre P/6.500 fino a P/5.000."), secondTier: Decimal("20.000 € per AS oltre P/5.000 fino a P/4.000."), amount: Decimal("Contributo annuo stimato in euro.") })
    .nullable()
    .describe("Contributo stimato (L. 178/2020, c. 797); null se mancano i dati."),
  note: Text("Perché manca la valutazione (valore riservato, dato parziale, dato mancante); null altrimenti.").nullable(),
});
export const LepsSchema = z
  .object({
    year: Year.describe("Anno dei dati."),
    socialWorkers: LepsSocialWorkersSchema.describe("LEPS servizio sociale professionale nell'anno."),
    nidi: z
      .object({
        year: Year,
        coverage: Decimal("Posti nei nidi per 100 bambini di 0–2 anni.").nullable(),
        places: Decimal("Posti nei servizi per la prima infanzia.").nullable(),
        children: Decimal("Bambini di 0–2 anni.").nullable(),
        target: Decimal("Obiettivo di copertura (33%)."),
        targetYear: Year.describe("Anno dell'obiettivo (2027)."),
        note: Text("Perché manca la copertura; null altrimenti.").nullable(),
      })
      .describe("Copertura dei nidi nell'anno, rispetto al 33% entro il 2027."),
    checklist: z
      .array(
        z.object({
          code: Text("Codice della voce."),
          label: Text("La voce."),
          source: Text("Riferimento normativo."),
          state: z.enum(["attivo", "in_avvio", "non_attivo"]).nullable().describe("Stato corrente; null se mai rilevato."),
          evidence: Text("Evidenza.").nullable(),
          evidenceUrl: Text("Collegamento all'evidenza.").nullable(),
          assessedOn: z.iso.date().nullable().describe("Data a cui si riferisce lo stato (AAAA-MM-GG)."),
          setBy: Text("Chi lo ha impostato.").nullable(),
        }),
      )
      .describe("I LEPS qualitativi (L. 234/2021) con lo stato corrente."),
  })
  .meta({ id: "Leps", description: "Il pannello LEPS della zona in un anno, lo stesso della pagina «LEPS»." });

export type ZoneBody = z.infer<typeof ZoneSchema>;
export type ComuneOfZoneBody = z.infer<typeof ComuneOfZoneSchema>;
export type ZoneMembershipBody = z.infer<typeof ZoneMembershipSchema>;
export type ObservationBody = z.infer<typeof ObservationSchema>;
export type ImportBatchBody = z.infer<typeof ImportBatchSchema>;
export type FragilityBody = z.infer<typeof FragilitySchema>;
export type ComuneProfileBody = z.infer<typeof ComuneProfileSchema>;
export type IndicatorYearValuesBody = z.infer<typeof IndicatorYearValuesSchema>;
export type TargetItemBody = z.infer<typeof TargetItemSchema>;
export type LepsBody = z.infer<typeof LepsSchema>;

export const OpenApiDocumentSchema = z
  .looseObject({
    openapi: z.string().regex(/^3\.1\.\d+$/).describe("Versione di OpenAPI."),
    info: z.looseObject({ title: z.string().describe("Titolo."), version: z.string().describe("Versione dell'API (semver).") }),
    paths: z.record(z.string(), z.unknown()).describe("Gli endpoint."),
  })
  .meta({ id: "OpenApiDocument", description: "Il documento OpenAPI 3.1 di questa API." });

const RowMessageSchema = z.object({
  line: Int("Riga del file (1 = la prima, come la mostra un editor di testo)."),
  column: Text("Colonna, come la intitola il file."),
  value: Text("Valore della cella (abbreviato se lungo)."),
  message: Text("Il problema, in italiano."),
});

const ColumnMappingSchema = z.object({
  index: Int("Posizione della colonna (0 = la prima)."),
  header: Text("Intestazione, come la scrive il file."),
  field: Text("Campo del tipo di dati che la colonna riempie; null: colonna non letta.").nullable(),
  label: Text("Nome del campo come lo scrivono i modelli.").nullable(),
  score: Int("Quanto è sicura la corrispondenza, 0–100 (100: uguale o scelta dall'utente).").nullable(),
  origin: z.enum(["chosen", "saved", "guessed"]).nullable().optional().describe("chosen: dalla corrispondenza indicata (map); saved: da una corrispondenza salvata per la zona; guessed: dall'intestazione."),
  candidates: z.array(z.object({ field: Text("Campo."), label: Text("Nome del campo."), score: Int("Punteggio 0–100.") })).optional().describe("I campi che l'intestazione potrebbe essere, dal più probabile."),
  samples: z.array(z.string()).optional().describe("Alcuni valori della colonna."),
});

const SdmxReportSchema = z.object({
  dataflow: Text("Il dataflow del file (es. IT1:22_289(1.0)).").nullable(),
  dimensions: z.array(z.string()).describe("Le dimensioni che distinguono le serie (oltre a territorio e periodo)."),
  series: z.array(
    z.object({
      when: z.record(z.string(), z.string()).describe("Valore di ciascuna dimensione."),
      labels: z.record(z.string(), z.string()).describe("Etichette dei valori, se il file le ha."),
      rows: Int("Righe del file con questa combinazione."),
      indicator: IndicatorCode.nullable().optional().describe("Indicatore che la combinazione diventa; null: ignorata; assente: da scegliere."),
    }),
  ),
  truncated: z.boolean().describe("Il file ha più combinazioni di quelle elencate."),
});

/** The report of a preview or a commit (imports/report.ts ImportReport): the same object as `npm run import -- --json` and the page show. */
export const ImportReportSchema = z
  .object({
    batchId: Int("Caricamento creato; null per un'anteprima o un file rifiutato.").nullable(),
    status: z.enum(["previewed", "committed", "unchanged", "rejected"]).describe("previewed: anteprima, nulla scritto; committed: importato; unchanged: già presente; rejected: errori, nulla scritto."),
    fileName: Text("Nome del file."),
    fileHash: Text("SHA-256 del file."),
    fileSize: Int("Byte del file."),
    kind: Text("Tipo di dati riconosciuto o scelto.").nullable(),
    zoneCode: ZoneCode.nullable(),
    encoding: Text("Codifica dei caratteri.").nullable(),
    delimiter: Text("Separatore delle colonne.").nullable(),
    headerLine: Int("Riga dell'intestazione.").nullable(),
    format: Text("Formato riconosciuto (es. «valori, formato lungo», «valori, SDMX-CSV»).").nullable(),
    rowsRead: Int("Righe di dati lette."),
    inserted: Int("Valori nuovi."),
    updated: Int("Valori modificati."),
    unchanged: Int("Valori invariati."),
    rejected: Int("Righe scartate."),
    fileErrors: z.array(z.string()).describe("Problemi del file intero: nulla si può importare."),
    errors: z.array(RowMessageSchema).describe("Errori delle righe (al più 1.000)."),
    errorsTotal: Int("Errori delle righe in tutto."),
    warnings: z.array(RowMessageSchema).describe("Avvisi da confermare (acceptWarnings=true)."),
    warningsTotal: Int("Avvisi in tutto."),
    changes: z.array(z.object({ line: Int("Riga."), label: Text("Che cosa cambia."), before: Text("Prima."), after: Text("Dopo.") })).describe("Valori che cambiano (al più 500)."),
    notes: z.array(z.string()).describe("Scelte fatte leggendo il file."),
    sheet: Text("Il foglio letto (fogli di calcolo).").optional(),
    sheets: z.array(z.string()).optional().describe("Tutti i fogli del file (fogli di calcolo)."),
    mapping: z.array(ColumnMappingSchema).optional().describe("Come sono lette le colonne del file."),
    mappingNeeded: z.boolean().optional().describe("true: serve la corrispondenza delle colonne (map) per leggere il file."),
    savedMapping: z
      .object({
        name: Text("Nome della corrispondenza salvata."),
        automatic: z.boolean().describe("true: trovata dalle intestazioni del file; false: indicata per nome (mapping)."),
        savedBy: Text("Chi l'ha salvata.").nullable(),
        savedAt: z.iso.datetime().describe("Quando (ISO 8601)."),
      })
      .nullable()
      .optional()
      .describe("La corrispondenza delle colonne salvata per la zona che è stata applicata."),
    mappingSave: z
      .object({ name: Text("Nome con cui è (o sarà, alla conferma) salvata."), replaces: z.boolean().describe("Sostituisce quella salvata per le stesse intestazioni.") })
      .nullable()
      .optional()
      .describe("La corrispondenza indicata con map, che la conferma salva per la zona."),
    sdmx: SdmxReportSchema.optional().describe("File SDMX-CSV: le combinazioni di dimensioni e l'indicatore di ciascuna."),
  })
  .meta({ id: "ImportReport", description: "Il rapporto di un'anteprima o di un'importazione." });

/** One line of the import endpoint's NDJSON answer. */
export const ImportEventSchema = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("progress"), rowsRead: Int("Righe lette finora.") }),
    z.object({ type: z.literal("report"), report: ImportReportSchema, uploadId: z.uuid().nullable().describe("Per confermare lo stesso file senza inviarlo di nuovo (intestazione X-Upload-Id); null se non serve.") }),
    z.object({ type: z.literal("error"), message: Text("Errore interno: nulla è stato scritto.") }),
  ])
  .meta({ id: "ImportEvent", description: "Una riga della risposta NDJSON dell'importazione: avanzamento, poi il rapporto (o un errore)." });
export type ImportReportBody = z.infer<typeof ImportReportSchema>;
