import { z } from "zod";
import { IstatCode } from "./params";
import { listOf } from "./pagination";
import { SERVICE_AREA_CODES, SPENDING_TYPE_CODES } from "@/lib/catalog/service-areas";
import { MANAGEMENT_MODE_CODES } from "@/lib/services/categories";

/**
 * Response shapes of the services endpoints (issue 14): the catalogue, the
 * quality against the carta dei servizi and the staff of a zone. The same
 * figures as the Servizi, Qualità and Personale pages.
 */
const Decimal = (description: string) => z.number().describe(description);
const Text = (description: string) => z.string().describe(description);
const Year = z.int().min(1900).max(2100).meta({ description: "Anno.", format: "int32" });
const IsoDate = (description: string) => z.iso.date().describe(description);

const ServiceRefSchema = z.object({
  code: Text("Codice del servizio nella zona."),
  name: Text("Nome del servizio."),
  area: z.enum(SERVICE_AREA_CODES).describe("Area di utenza (indagine ISTAT)."),
});

export const ServiceSchema = z
  .object({
    ...ServiceRefSchema.shape,
    spendingType: z.enum(SPENDING_TYPE_CODES).describe("Tipo di spesa (indagine ISTAT)."),
    category: z
      .object({ code: Text("Codice CATEGORY_OF_SERVICE dell'ISTAT."), name: Text("Nome della categoria.") })
      .nullable()
      .describe("Categoria del servizio nell'indagine ISTAT «Interventi e servizi sociali dei comuni»; null se non indicata."),
    nomenclatore: z
      .object({ code: Text("Codice nel nomenclatore."), validFrom: IsoDate("Valido dal (AAAA-MM-GG).").nullable(), validTo: IsoDate("Valido fino al (AAAA-MM-GG).").nullable() })
      .nullable()
      .describe("Codice del nomenclatore regionale o nazionale, con le date di validità; null se non indicato."),
    managementMode: z.enum(MANAGEMENT_MODE_CODES).nullable().describe("Modalità di gestione; null se non indicata."),
    managingBody: Text("Ente gestore.").nullable(),
    comuni: z.array(z.object({ istat: IstatCode, name: Text("Nome del comune.") })).describe("Comuni in cui è erogato; vuoto: tutta la zona."),
    sedi: z.array(Text("Sede.")).describe("Sedi del servizio."),
  })
  .meta({ id: "Service", description: "Un servizio della zona, come nel catalogo «Servizi»." });
export const ServiceListSchema = listOf(ServiceSchema, "ServiceList", "I servizi della zona, per area di utenza e nome.");

const ShownState = z
  .enum(["public", "suppressed", "unpublishable", "missing"])
  .describe("public: pubblicabile; suppressed: conteggio protetto dal segreto statistico per chi legge (value null); unpublishable: mostrato a chi legge ma non pubblicabile; missing: nessun dato.");

const DerivedSchema = z.object({
  value: Decimal("Il valore; null se non calcolabile o protetto.").nullable(),
  numerator: Decimal("Numeratore; null se manca o è protetto.").nullable(),
  denominator: Decimal("Denominatore; null se manca.").nullable(),
  state: ShownState,
  reason: Text("Perché manca il valore (n.d.); null altrimenti.").nullable(),
});

export const QualityMetricSchema = z.object({
  code: Text("Codice dell'indicatore (SRV_…)."),
  label: Text("La misura."),
  unit: Text("Unità di misura."),
  polarity: z.union([z.literal(1), z.literal(-1), z.literal(0)]).describe("1: più alto è meglio; -1: più basso è meglio; 0: neutro."),
  value: Decimal("Valore nell'anno; null se manca o è protetto.").nullable(),
  state: ShownState,
  reason: Text("Perché manca il valore; null altrimenti.").nullable(),
  standard: z
    .object({
      kind: z.enum(["floor", "ceiling", "trajectory"]).describe("floor: un minimo; ceiling: un massimo; trajectory: letto secondo il verso della misura."),
      value: Decimal("Valore dello standard."),
      fromYear: Year.describe("Anno da cui vale."),
      source: Text("Fonte (carta dei servizi, delibera).").nullable(),
      text: Text("Lo standard in parole, per esempio «al massimo 30 giorni»."),
    })
    .nullable()
    .describe("Lo standard della carta dei servizi valido nell'anno; null se non fissato."),
  status: z.enum(["rispettato", "non_rispettato", "dato_mancante", "nessuno_standard"]).describe("Esito rispetto allo standard."),
  rule: Text("La regola e l'esito in parole."),
  previous: Decimal("Valore dell'anno prima; null se manca o è protetto.").nullable(),
  trend: z.enum(["migliora", "peggiora", "stabile", "aumenta", "cala", "nd"]).describe("Andamento sull'anno prima, secondo il verso della misura."),
  trendText: Text("L'andamento in parole."),
});

export const ServiceQualitySchema = z
  .object({
    service: ServiceRefSchema,
    year: Year.describe("Anno delle misure."),
    metrics: z.array(QualityMetricSchema).describe("Le misure del servizio, nell'ordine della pagina «Qualità»."),
    coverage: DerivedSchema.extend({ population: Text("Popolazione di riferimento.") }).describe("Copertura = utenti ÷ popolazione di riferimento × 100."),
    spendingPerUser: DerivedSchema.describe("Spesa per utente = spesa impegnata (senza compartecipazione) ÷ utenti, in euro."),
    usersByComune: z
      .array(z.object({ istat: IstatCode, name: Text("Nome del comune."), value: Decimal("Utenti residenti nel comune; null se manca o è protetto.").nullable(), state: ShownState }))
      .describe("Utenti per comune di residenza, protetti dal segreto statistico insieme al loro totale; vuoto se il servizio ha solo il dato di zona."),
  })
  .meta({ id: "ServiceQuality", description: "La qualità di un servizio in un anno, rispetto agli standard della carta dei servizi." });
export const ServiceQualityListSchema = listOf(ServiceQualitySchema, "ServiceQualityList", "I servizi con misure nell'anno, per area di utenza e nome.");

const StaffGroupSchema = z.object({
  key: Text("Codice del gruppo (profilo, datore di lavoro, servizio o sede; vuoto: non indicato)."),
  label: Text("Il gruppo in parole."),
  fte: Decimal("Equivalenti a tempo pieno alla data."),
  previous: Decimal("Equivalenti a tempo pieno alla data dell'anno prima; null se quell'anno non ha dati sul personale.").nullable(),
});

export const StaffSchema = z
  .object({
    year: Year.describe("Anno."),
    asOf: IsoDate("Data della rilevazione letta per l'anno (l'ultima dell'anno)."),
    totalFte: Decimal("Equivalenti a tempo pieno in tutto."),
    previousTotalFte: Decimal("Equivalenti a tempo pieno all'ultima data dell'anno prima; null se manca.").nullable(),
    lepsSocialWorkersFte: Decimal("Assistenti sociali dipendenti di comuni e ambito (quelli che contano per il LEPS 1:5.000)."),
    residents: Decimal("Residenti della zona nell'anno; null se non caricati.").nullable(),
    per10000: Decimal("Equivalenti a tempo pieno ogni 10.000 residenti; null se mancano i residenti.").nullable(),
    per10000Reason: Text("Perché manca il valore ogni 10.000 residenti; null altrimenti.").nullable(),
    byProfile: z.array(StaffGroupSchema).describe("Per profilo professionale."),
    byEmployer: z.array(StaffGroupSchema).describe("Per datore di lavoro."),
    byService: z.array(StaffGroupSchema).describe("Per servizio."),
    bySede: z.array(StaffGroupSchema).describe("Per sede."),
  })
  .meta({ id: "Staff", description: "Il personale dei servizi della zona in un anno, come nella pagina «Personale»." });

export type ServiceBody = z.infer<typeof ServiceSchema>;
export type ServiceQualityBody = z.infer<typeof ServiceQualitySchema>;
export type StaffBody = z.infer<typeof StaffSchema>;
