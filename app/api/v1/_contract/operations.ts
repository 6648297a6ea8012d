import { z } from "zod";
import { ComunePath, ZonePath, BatchPath } from "@/lib/api/params";
import {
  ComuneOfZoneListSchema,
  ZoneMembershipListSchema,
  ComuneProfileSchema,
  FragilitySchema,
  ImportBatchListSchema,
  ImportEventSchema,
  OpenApiDocumentSchema,
  ObservationListSchema,
  RevertResultSchema,
  ZoneListSchema,
  ZoneValuesListSchema,
  TargetListSchema,
  LepsSchema,
} from "@/lib/api/schemas";
import { UPLOAD_ID_HEADER } from "@/imports/report";
import { ServiceListSchema, ServiceQualityListSchema, StaffSchema } from "@/lib/api/service-schemas";
import { ZoneQualityQuery, ZoneServicesQuery, ZoneStaffQuery } from "./requests";
import { DcatCatalogSchema, OpenDataTablePath } from "@/lib/api/opendata-schemas";
import { BudgetQuery, BudgetSchema, CopaymentSimulateBody, CopaymentSimulationSchema } from "@/lib/api/budget-schemas";
import { FragilityQuery, ImportPostHeaders, ImportPostQuery, ImportsQuery, ListQuery, ObservationsQuery, ZoneLepsQuery, ZoneTargetsQuery, ZoneValuesQuery } from "./requests";

/**
 * Every operation of the API with the schemas its handler parses and
 * answers with: the OpenAPI document (./openapi.ts) is generated from this
 * list, and tests/unit/auth/route-inventory.test.ts fails when a route file
 * under app/api has no entry here.
 */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422;

export interface Operation {
  /** The route file that answers (as the inventory test finds it). */
  file: string;
  method: "get" | "post";
  /** OpenAPI path, with the parameter names of the route folders. */
  path: string;
  operationId: string;
  tag: "Zone" | "Comuni" | "Valori" | "Piano" | "Servizi" | "Caricamenti" | "Dati aperti" | "Documentazione";
  summary: string;
  description: string;
  pathParams?: z.ZodObject;
  query?: z.ZodObject;
  /** Request headers the operation reads (besides credentials and If-None-Match). */
  headers?: z.ZodObject;
  /** The success answer: a JSON schema, or another media type described in words. */
  response:
    /** JSON validated by `schema`; `mediaType` when it is not application/json (the JSON-LD of the open data catalogue). */
    | { status: 200; description: string; schema: z.ZodType; mediaType?: "application/ld+json" }
    | { status: 200; description: string; mediaType: "text/csv" | "application/x-ndjson" | "application/gzip"; example: string }
    /** NDJSON whose every line is an object of `lineSchema`. */
    | { status: 200; description: string; mediaType: "application/x-ndjson"; lineSchema: z.ZodType; example: unknown };
  /** Request body: an upload (bytes), or JSON validated by `schema`. */
  body?: { mediaType: string; description: string; schema?: z.ZodType };
  /** Problem answers besides 401, 429 and 500, which every operation has. */
  problems: readonly ProblemStatus[];
  /** Public: no credentials needed (the document itself). */
  public?: boolean;
  /** Reads carry ETag and Cache-Control and answer 304 to If-None-Match. */
  cacheable: boolean;
}

/**
 * A read of a list that can grow: its query extends PageParams (limit,
 * cursor), it answers one page (`{items, next}`, next page also in Link),
 * a malformed limit or cursor is a 400, and it revalidates with ETag.
 */
function listOperation(
  op: Omit<Operation, "method" | "response" | "cacheable" | "problems"> & { query: z.ZodObject; page: string; schema: z.ZodType; problems: readonly Exclude<ProblemStatus, 400>[] },
): Operation {
  const { page, schema, problems, ...rest } = op;
  return { ...rest, method: "get", response: { status: 200, description: `Una pagina di ${page} (\`next\`: la successiva).`, schema }, problems: [400, ...problems], cacheable: true };
}

export const OPERATIONS: readonly Operation[] = [
  listOperation({
    file: "app/api/v1/zones/route.ts",
    path: "/api/v1/zones",
    operationId: "listZones",
    tag: "Zone",
    summary: "Zone sociali visibili",
    description: "Le zone sociali che l'utente o il token può vedere, per regione e numero.",
    query: ListQuery,
    page: "zone",
    schema: ZoneListSchema,
    problems: [403],
  }),
  listOperation({
    file: "app/api/v1/zones/[code]/comuni/route.ts",
    path: "/api/v1/zones/{code}/comuni",
    operationId: "listComuniOfZone",
    tag: "Comuni",
    summary: "Comuni di una zona",
    description: "I comuni della zona con la popolazione residente più recente (POP_TOT) e il suo anno.",
    pathParams: ZonePath,
    query: ListQuery,
    page: "comuni",
    schema: ComuneOfZoneListSchema,
    problems: [403, 404],
  }),
  listOperation({
    file: "app/api/v1/zones/[code]/memberships/route.ts",
    path: "/api/v1/zones/{code}/memberships",
    operationId: "listZoneMemberships",
    tag: "Comuni",
    summary: "Appartenenza dei comuni alla zona nel tempo",
    description: [
      "Ogni periodo in cui un comune (o una sua parte, per una città divisa fra più ambiti) è appartenuto alla zona, con le date di inizio e fine e gli anni in cui conta nei valori della zona: un anno si calcola con i comuni che appartengono alla zona il 31 dicembre.",
      "Un comune passato a un'altra zona conserva la sua storia in entrambe; un comune soppresso per fusione ISTAT indica il comune in cui è confluito.",
    ].join(" "),
    pathParams: ZonePath,
    query: ListQuery,
    page: "appartenenze",
    schema: ZoneMembershipListSchema,
    problems: [403, 404],
  }),
  listOperation({
    file: "app/api/v1/zones/[code]/values/route.ts",
    path: "/api/v1/zones/{code}/values",
    operationId: "listZoneValues",
    tag: "Valori",
    summary: "Valori come li mostrano le pagine",
    description: [
      "Per ogni indicatore e anno chiesti: il valore di ogni comune, della riga d'ambito e della zona, con numeratore, denominatore, stato (complete, partial, missing), origine (imported o derived, cioè calcolato dalla formula del catalogo) e caricamenti di provenienza.",
      "Sono gli stessi numeri della pagina «Territorio» e della scheda comune (a parte l'arrotondamento), compresi gli indicatori derivati (PERC_65_PLUS, RESIDENTI_PER_AS…), che /observations non ha.",
      "Segreto statistico: per un token senza «dati non protetti» e per la Conferenza di zona i conteggi di persone sotto la soglia della zona (`threshold`, predefinita 3), i tassi calcolati su di essi e quanto permetterebbe di ricavarli hanno `disclosure` = suppressed e `value`, `numerator` null; le pagine stampano «< 3» (con la soglia della zona).",
      "Un elemento per coppia indicatore–anno: la paginazione divide le coppie. 404 per un indicatore fuori catalogo o un comune sconosciuto; 422 per un comune di un'altra zona.",
    ].join(" "),
    pathParams: ZonePath,
    query: ZoneValuesQuery,
    page: "valori",
    schema: ZoneValuesListSchema,
    problems: [403, 404, 422],
  }),
  {
    file: "app/api/v1/zones/[code]/fragility/route.ts",
    method: "get",
    path: "/api/v1/zones/{code}/fragility",
    operationId: "getZoneFragility",
    tag: "Valori",
    summary: "Indice di fragilità AMPI+",
    description:
      "L'indice di fragilità AMPI+ dei comuni della zona, lo stesso della pagina «Fragilità». Riferimento: valore della zona nell'anno base; goalpost sui comuni dall'anno base all'anno. 422 se l'indice non si può calcolare con le scelte date (indicatore sconosciuto, neutro o conteggio, anno base successivo, dati mancanti).",
    pathParams: ZonePath,
    query: FragilityQuery,
    response: { status: 200, description: "L'indice per comune, con i riferimenti.", schema: FragilitySchema },
    problems: [400, 403, 404, 422],
    cacheable: true,
  },
  listOperation({
    file: "app/api/v1/zones/[code]/targets/route.ts",
    path: "/api/v1/zones/{code}/targets",
    operationId: "listZoneTargets",
    tag: "Piano",
    summary: "Obiettivi del Piano sociale di zona",
    description: [
      "Gli obiettivi dell'edizione del piano (quella che copre l'anno, o `plan`), giudicati nell'anno come nella pagina «Piano di zona»: obiettivo, indicatore, territorio, valore base, tappe, valore da raggiungere, valore atteso, valore osservato, stato, proiezione e provenienza; per un obiettivo di zona anche la lettura in ogni comune (il quadro per comune).",
      "I valori sono quelli mostrati a chi chiede: un conteggio di persone protetto dal segreto statistico ha `actual` null, `withheld` true e stato «riservato», e nessuna proiezione.",
      "404 per un piano sconosciuto nella zona; 422 per un anno senza dati nella zona.",
    ].join(" "),
    pathParams: ZonePath,
    query: ZoneTargetsQuery,
    page: "obiettivi",
    schema: TargetListSchema,
    problems: [403, 404, 422],
  }),
  {
    file: "app/api/v1/zones/[code]/leps/route.ts",
    method: "get",
    path: "/api/v1/zones/{code}/leps",
    operationId: "getZoneLeps",
    tag: "Piano",
    summary: "LEPS della zona",
    description:
      "Lo stesso contenuto della pagina «LEPS» in un anno: residenti per assistente sociale rispetto a 1:5.000 e 1:4.000 con il contributo stimato e i suoi dati, copertura dei nidi rispetto al 33% entro il 2027, e lo stato corrente dei LEPS qualitativi (attivo, in avvio, non attivo) con evidenza, data e autore. 422 per un anno senza dati nella zona.",
    pathParams: ZonePath,
    query: ZoneLepsQuery,
    response: { status: 200, description: "Il pannello LEPS dell'anno.", schema: LepsSchema },
    problems: [400, 403, 404, 422],
    cacheable: true,
  },
  listOperation({
    file: "app/api/v1/zones/[code]/services/route.ts",
    path: "/api/v1/zones/{code}/services",
    operationId: "listZoneServices",
    tag: "Servizi",
    summary: "Catalogo dei servizi della zona",
    description:
      "I servizi correnti della zona, come nella pagina «Servizi»: codice, nome, area di utenza, tipo di spesa, categoria dell'indagine ISTAT, codice del nomenclatore con le date di validità, modalità di gestione, ente gestore, comuni di erogazione e sedi. Filtri per area e categoria.",
    pathParams: ZonePath,
    query: ZoneServicesQuery,
    page: "servizi",
    schema: ServiceListSchema,
    problems: [403, 404],
  }),
  listOperation({
    file: "app/api/v1/zones/[code]/quality/route.ts",
    path: "/api/v1/zones/{code}/quality",
    operationId: "listZoneServiceQuality",
    tag: "Servizi",
    summary: "Qualità dei servizi rispetto alla carta dei servizi",
    description: [
      "Per ogni servizio con misure nell'anno, come nella pagina «Qualità»: ogni misura con lo standard della carta dei servizi valido nell'anno, l'esito (rispettato, non rispettato, dato mancante, nessuno standard) con la regola in parole e l'andamento secondo il verso della misura; copertura e spesa per utente con numeratore e denominatore («n.d.» con il motivo quando il denominatore manca o è zero).",
      "I conteggi di persone (utenti, richieste, lista d'attesa) sono protetti dal segreto statistico per chi legge: `state` «suppressed» e `value` null, come le pagine stampano «< soglia»; anche le misure calcolate su un conteggio protetto lo sono.",
      "422 per un anno senza misure nella zona.",
    ].join(" "),
    pathParams: ZonePath,
    query: ZoneQualityQuery,
    page: "servizi con le loro misure",
    schema: ServiceQualityListSchema,
    problems: [403, 404, 422],
  }),
  {
    file: "app/api/v1/zones/[code]/staff/route.ts",
    method: "get",
    path: "/api/v1/zones/{code}/staff",
    operationId: "getZoneStaff",
    tag: "Servizi",
    summary: "Personale dei servizi della zona",
    description:
      "Il personale in equivalenti a tempo pieno all'ultima data dell'anno, come nella pagina «Personale»: in tutto e ogni 10.000 residenti, per profilo, datore di lavoro, servizio e sede, con l'anno prima accanto; gli assistenti sociali di comuni e ambito che contano per il LEPS. 422 per un anno senza dati sul personale.",
    pathParams: ZonePath,
    query: ZoneStaffQuery,
    response: { status: 200, description: "Il personale dell'anno.", schema: StaffSchema },
    problems: [400, 403, 404, 422],
    cacheable: true,
  },
  {
    file: "app/api/v1/zones/[code]/budget/route.ts",
    method: "get",
    path: "/api/v1/zones/{code}/budget",
    operationId: "getZoneBudget",
    tag: "Piano",
    summary: "Bilancio della zona",
    description:
      "Lo stesso contenuto della pagina «Bilancio»: in un esercizio, alla data di una situazione (per ogni riga di bilancio l'ultima situazione a quella data), i totali per fase (stanziato, impegnato, liquidato, pagato, residui), i tassi (capacità di impegno, di pagamento, di spesa, smaltimento dei residui, velocità di gestione) come somme di numeratori su somme di denominatori, le ripartizioni per area di utenza, fonte, servizio e comune, e i fondi a rischio. Un denominatore zero dà value null con il motivo. 422 per un esercizio o una data senza dati.",
    pathParams: ZonePath,
    query: BudgetQuery,
    response: { status: 200, description: "Il bilancio dell'esercizio alla data.", schema: BudgetSchema },
    problems: [400, 403, 404, 422],
    cacheable: true,
  },
  {
    file: "app/api/v1/zones/[code]/copayment/simulate/route.ts",
    method: "post",
    path: "/api/v1/zones/{code}/copayment/simulate",
    operationId: "simulateCopayment",
    tag: "Piano",
    summary: "Simula una regola di compartecipazione",
    description:
      "Applica una regola di compartecipazione basata sull'ISEE (lineare, a potenza, a fasce; soglia di esenzione, ISEE della quota massima, quota minima e massima) a una distribuzione dell'ISEE degli utenti (utenti per fascia, oppure un valore per utente anonimo): gettito, quota media e utenti per fascia. Con «compareWith» confronta due regole: differenza di gettito, chi paga di più e chi di meno, per fascia. Non salva nulla. 400 per un corpo malformato, 422 per una regola incoerente.",
    pathParams: ZonePath,
    body: { mediaType: "application/json", description: "La regola, l'eventuale seconda regola e la distribuzione.", schema: CopaymentSimulateBody },
    response: { status: 200, description: "La simulazione.", schema: CopaymentSimulationSchema },
    problems: [400, 403, 404, 422],
    cacheable: false,
  },
  {
    file: "app/api/v1/comuni/[istat]/route.ts",
    method: "get",
    path: "/api/v1/comuni/{istat}",
    operationId: "getComuneProfile",
    tag: "Comuni",
    summary: "Profilo di un comune",
    description: "Gli stessi dati della scheda del comune: indicatori per anno, valori di zona e regione, posizione, fragilità, risorse e servizi.",
    pathParams: ComunePath,
    response: { status: 200, description: "Il profilo del comune.", schema: ComuneProfileSchema },
    problems: [400, 403, 404],
    cacheable: true,
  },
  listOperation({
    file: "app/api/v1/observations/route.ts",
    path: "/api/v1/observations",
    operationId: "listObservations",
    tag: "Valori",
    summary: "Valori memorizzati di un indicatore",
    description:
      "Le righe correnti di un indicatore nella zona, come caricate, in ordine di memorizzazione. Gli indicatori derivati (calcolati alla lettura) non hanno righe memorizzate: i valori come li mostrano le pagine sono in /zones/{code}/values.",
    query: ObservationsQuery,
    page: "valori memorizzati",
    schema: ObservationListSchema,
    problems: [403, 404],
  }),
  listOperation({
    file: "app/api/v1/imports/route.ts",
    path: "/api/v1/imports",
    operationId: "listImports",
    tag: "Caricamenti",
    summary: "Caricamenti",
    description: "Le importazioni delle zone visibili (e quelle di tutte le zone), più recenti prima.",
    query: ImportsQuery,
    page: "caricamenti",
    schema: ImportBatchListSchema,
    problems: [403, 404],
  }),
  {
    file: "app/api/v1/imports/route.ts",
    method: "post",
    path: "/api/v1/imports",
    operationId: "importFile",
    tag: "Caricamenti",
    summary: "Importazione di un file",
    description:
      `Anteprima o conferma di un file. Corpo: il file intero con la sua Content-Length (400 senza; 413 oltre il limite del server o la quota dei file in attesa dell'utente), oppure nessun corpo e l'intestazione ${UPLOAD_ID_HEADER} = l'uploadId restituito dall'anteprima dello stesso utente per la stessa zona (404 se scaduto: i file in attesa durano 6 ore). Risposta in NDJSON: eventi di avanzamento e infine il rapporto (lo stesso di \`npm run import -- --json\`). Analisti e amministratori della zona; senza zona solo gli amministratori.`,
    query: ImportPostQuery,
    headers: ImportPostHeaders,
    body: { mediaType: "application/octet-stream", description: "Il file CSV, XLSX o GeoJSON." },
    response: {
      status: 200,
      description: "Eventi NDJSON, uno per riga (ImportEvent): avanzamento, poi il rapporto (ImportReport).",
      mediaType: "application/x-ndjson",
      lineSchema: ImportEventSchema,
      example: { type: "progress", rowsRead: 1000 },
    },
    problems: [400, 403, 404, 413],
    cacheable: false,
  },
  {
    file: "app/api/v1/imports/[id]/revert/route.ts",
    method: "post",
    path: "/api/v1/imports/{id}/revert",
    operationId: "revertImport",
    tag: "Caricamenti",
    summary: "Annullamento di un caricamento",
    description: "Annulla un'importazione confermata: i valori tornano esattamente come prima. 409 se un caricamento successivo ha sostituito alcuni dei suoi valori (va annullato prima quello).",
    pathParams: BatchPath,
    response: { status: 200, description: "Righe rimosse e tornate correnti.", schema: RevertResultSchema },
    problems: [400, 403, 404, 409],
    cacheable: false,
  },
  {
    file: "app/api/v1/backup/route.ts",
    method: "post",
    path: "/api/v1/backup",
    operationId: "backupDatabase",
    tag: "Caricamenti",
    summary: "Copia di sicurezza del database",
    description: "Solo per `npm run backup` sulla macchina del server (segreto locale della cartella dati): la copia coerente di tutto il database, compressa (vedi docs/backup.md). Nessun utente la scarica via HTTP: 403.",
    response: { status: 200, description: "Il file della copia (gzip).", mediaType: "application/gzip", example: "" },
    problems: [403],
    cacheable: false,
  },
  {
    file: "app/api/v1/imports/templates/[kind]/route.ts",
    method: "get",
    path: "/api/v1/imports/templates/{kind}",
    operationId: "getImportTemplate",
    tag: "Caricamenti",
    summary: "Modello CSV di un tipo di dati",
    description: "Il modello CSV (separatore `;`, UTF-8 con BOM) di un tipo di dati.",
    pathParams: z.object({ kind: z.string().max(64).describe("Tipo di dati (valori, servizi, bilancio…).") }),
    response: { status: 200, description: "Il modello CSV.", mediaType: "text/csv", example: "indicatore;comune;periodo;valore\n" },
    problems: [403, 404],
    cacheable: false,
  },
  {
    file: "app/api/v1/opendata/zones/[code]/catalog/route.ts",
    method: "get",
    path: "/api/v1/opendata/zones/{code}/catalog",
    operationId: "getZoneOpenDataCatalog",
    tag: "Dati aperti",
    summary: "Catalogo DCAT-AP_IT dei dati aperti di una zona",
    description: [
      "Il catalogo dei dati aperti della zona secondo il profilo DCAT-AP_IT (AgID), in JSON-LD, perché i portali regionali e nazionali (dati.gov.it) lo raccolgano.",
      "Ogni tabella delle edizioni in vigore della relazione annuale alla Conferenza di zona è un dataset: identificativo (stabile fra le edizioni dello stesso anno), titolo, descrizione, data di modifica, tema SOCI, titolare dei dati (il comune capofila), frequenza annuale, licenza CC BY 4.0 e una distribuzione CSV in UTF-8 scaricabile senza credenziali.",
      "Pubblico: solo ciò che è stato approvato e pubblicato, dopo il controllo del segreto statistico; le bozze non compaiono mai. Una zona senza edizioni pubblicate ha un catalogo senza dataset. 404 per una zona sconosciuta.",
    ].join(" "),
    pathParams: ZonePath,
    response: { status: 200, description: "Il catalogo DCAT-AP_IT in JSON-LD.", schema: DcatCatalogSchema, mediaType: "application/ld+json" },
    problems: [400, 404],
    public: true,
    cacheable: true,
  },
  {
    file: "app/api/v1/opendata/zones/[code]/reports/[year]/editions/[number]/tables/[table]/route.ts",
    method: "get",
    path: "/api/v1/opendata/zones/{code}/reports/{year}/editions/{number}/tables/{table}",
    operationId: "getOpenDataTable",
    tag: "Dati aperti",
    summary: "Una tabella di un'edizione pubblicata, in CSV",
    description:
      "La distribuzione di un dataset del catalogo: una tabella di un'edizione pubblicata della relazione annuale, in CSV standard (separatore virgola, punto decimale, UTF-8 senza BOM). Un valore protetto dal segreto statistico è «< soglia» come nella relazione, un valore mancante è una cella vuota. Pubblico; le edizioni sostituite restano scaricabili. 404 per un'edizione o una tabella che non c'è.",
    pathParams: OpenDataTablePath,
    response: { status: 200, description: "La tabella in CSV.", mediaType: "text/csv", example: "Comune,Popolazione residente\r\nNarni,19000\r\n" },
    problems: [400, 404],
    public: true,
    cacheable: false,
  },
  {
    file: "app/api/v1/openapi.json/route.ts",
    method: "get",
    path: "/api/v1/openapi.json",
    operationId: "getOpenApiDocument",
    tag: "Documentazione",
    summary: "Documento OpenAPI",
    description: "Questo documento, generato dagli schemi con cui l'applicazione valida richieste e risposte. Pubblico: descrive l'interfaccia, nessun dato. Reso per le persone alla pagina /api.",
    response: { status: 200, description: "Il documento OpenAPI 3.1.", schema: OpenApiDocumentSchema },
    problems: [],
    public: true,
    cacheable: true,
  },
];
