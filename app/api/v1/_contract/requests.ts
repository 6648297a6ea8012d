import { z } from "zod";
import { BatchId, IndicatorCode, IstatCode, Period, Year, ZoneCode } from "@/lib/api/params";
import { PageParams } from "@/lib/api/pagination";
import { DATASET_KINDS, UPLOAD_ID_HEADER } from "@/imports/report";
import { MAX_MAP_ENTRIES } from "@/imports/csv/column-map";
import { SERVICE_AREA_CODES } from "@/lib/catalog/service-areas";

/**
 * One zod schema per request shape (query parameters) of the API: the
 * handlers parse with these and the OpenAPI document lists their fields.
 */
export const ListQuery = PageParams;

export const ObservationsQuery = PageParams.extend({
  indicator: IndicatorCode,
  zona: ZoneCode,
  period: Period.optional(),
});

export const ImportsQuery = PageParams.extend({
  zona: ZoneCode.optional().describe("Solo i caricamenti di questa zona (e quelli di tutte le zone)."),
});

export const ImportPostQuery = z.object({
  mode: z.enum(["preview", "commit", "commit-valid"]).default("preview").describe("preview: solo controllo; commit: tutto o niente; commit-valid: solo le righe valide."),
  zona: ZoneCode.optional().describe("Zona dei dati; senza, solo per i dati di tutte le zone (amministratori)."),
  kind: z.enum(DATASET_KINDS).optional().describe("Tipo di dati; se manca è riconosciuto dalle colonne."),
  // Stored with the batch: no NUL or other control characters (PostgreSQL refuses NUL in text).
  name: z
    .string()
    .min(1, "almeno un carattere")
    .max(255, "al massimo 255 caratteri")
    .regex(/^[^\u0000-\u001f\u007f]+$/, "il nome del file non può contenere caratteri di controllo")
    .optional()
    .describe("Nome del file."),
  sheet: z
    .string()
    .min(1, "almeno un carattere")
    .max(100, "al massimo 100 caratteri")
    .regex(/^[^\u0000-\u001f\u007f]+$/, "il nome del foglio non può contenere caratteri di controllo")
    .optional()
    .describe("Foglio da leggere in un foglio di calcolo con più fogli: nome o numero (1 = il primo); se manca, il primo foglio con dati."),
  acceptWarnings: z.enum(["true", "false"]).optional().describe("true: le avvertenze dell'anteprima sono accettate (necessario per confermare un file che ne ha)."),
  map: z
    .array(z.string().min(3, "almeno colonna=campo").max(1000, "al massimo 1000 caratteri").regex(/^[^\u0000-\u001f\u007f]+$/, "senza caratteri di controllo"))
    .max(MAX_MAP_ENTRIES, `al massimo ${MAX_MAP_ENTRIES} corrispondenze`)
    .meta({ "x-repeated": true })
    .optional()
    .describe(
      "Corrispondenza delle colonne, un parametro per colonna (ripetuto, mai separato da virgole): «intestazione=campo» (per esempio «Cod. ISTAT=comune»), «intestazione=ignora»; per un file SDMX-CSV «DIMENSIONE=valore,DIMENSIONE=valore=INDICATORE». La conferma la salva per la zona e la applica ai file successivi con le stesse intestazioni.",
    ),
  mapping: z
    .string()
    .trim()
    .min(1, "almeno un carattere")
    .max(100, "al massimo 100 caratteri")
    .regex(/^[^\u0000-\u001f\u007f]+$/, "senza caratteri di controllo")
    .optional()
    .describe("Nome di una corrispondenza delle colonne salvata per la zona, da applicare al posto di quella trovata dalle intestazioni; con map, il nome con cui la conferma la salva."),
});

/** The upload's id travels in a header, never in the address (which logs and browser histories keep). */
export const ImportPostHeaders = z.object({
  [UPLOAD_ID_HEADER]: z
    .uuid("identificativo di un'anteprima")
    .optional()
    .describe("uploadId di un'anteprima (nel suo rapporto), invece del corpo: conferma lo stesso file senza inviarlo di nuovo."),
});

export const FragilityQuery = z.object({
  year: Year.optional().describe("Anno dell'indice; predefinito l'ultimo con dati."),
  base: Year.optional().describe("Anno base dei riferimenti; predefinito = year."),
  indicators: z.array(IndicatorCode).min(1).max(50, "al massimo 50 indicatori").optional().describe("Codici separati da virgole (o parametro ripetuto)."),
});

/** Upper bounds of the values endpoint's lists: a request names what it reads, pagination splits the answer. */
export const MAX_VALUE_INDICATORS = 100;
export const MAX_VALUE_YEARS = 50;

export const ZoneValuesQuery = PageParams.extend({
  indicators: z
    .array(IndicatorCode)
    .min(1)
    .max(MAX_VALUE_INDICATORS, `al massimo ${MAX_VALUE_INDICATORS} indicatori`)
    .optional()
    .describe("Codici degli indicatori, separati da virgole (o parametro ripetuto); predefinito tutto il catalogo, nel suo ordine."),
  years: z
    .array(Year)
    .min(1)
    .max(MAX_VALUE_YEARS, `al massimo ${MAX_VALUE_YEARS} anni`)
    .optional()
    .describe("Anni separati da virgole (o parametro ripetuto); predefinito l'anno che le pagine aprono (l'ultimo con la popolazione della zona completa)."),
  comune: IstatCode.optional().describe("Solo questo comune della zona (il valore della zona resta quello di tutta la zona)."),
});

export const BatchIdParam = BatchId;

export const ZoneTargetsQuery = PageParams.extend({
  year: Year.optional().describe("Anno dei dati in cui giudicare gli obiettivi; predefinito l'anno che le pagine aprono."),
  plan: z.coerce
    .number()
    .int("numero intero positivo")
    .min(1, "numero intero positivo")
    .max(Number.MAX_SAFE_INTEGER, "numero fuori dall'intervallo degli identificativi")
    .optional()
    .meta({ description: "Identificativo dell'edizione del piano; predefinita quella che copre l'anno (altrimenti la più recente).", format: "int64" }),
});

export const ZoneLepsQuery = z.object({
  year: Year.optional().describe("Anno dei dati; predefinito l'anno che le pagine aprono."),
});

export const ZoneServicesQuery = PageParams.extend({
  area: z.enum(SERVICE_AREA_CODES).optional().describe("Solo i servizi di quest'area di utenza."),
  category: z
    .string()
    .regex(/^[A-Z_]{2,20}$/, "codice di categoria ISTAT (per esempio HOMECARE)")
    .optional()
    .describe("Solo i servizi di questa categoria ISTAT (CATEGORY_OF_SERVICE, per esempio HOMECARE)."),
});

const ServiceCode = z
  .string()
  .min(1, "almeno un carattere")
  .max(50, "al massimo 50 caratteri")
  .regex(/^[^\u0000-\u001f\u007f]+$/, "senza caratteri di controllo")
  .describe("Codice del servizio nella zona.");

export const ZoneQualityQuery = PageParams.extend({
  year: Year.optional().describe("Anno delle misure; predefinito l'ultimo con misure di qualità."),
  service: ServiceCode.optional(),
});

export const ZoneStaffQuery = z.object({
  year: Year.optional().describe("Anno; predefinito l'ultimo con dati sul personale."),
});
