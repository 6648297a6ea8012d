import { z } from "zod";
import { BatchId, IndicatorCode, Period, Year, ZoneCode } from "@/lib/api/params";
import { PageParams } from "@/lib/api/pagination";
import { DATASET_KINDS } from "@/imports/report";

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
  name: z.string().min(1, "almeno un carattere").max(255, "al massimo 255 caratteri").optional().describe("Nome del file."),
  upload: z.string().regex(/^[0-9a-f-]{36}$/, "identificativo di un'anteprima").optional().describe("uploadId restituito da un'anteprima, invece del corpo."),
});

export const FragilityQuery = z.object({
  year: Year.optional().describe("Anno dell'indice; predefinito l'ultimo con dati."),
  base: Year.optional().describe("Anno base dei riferimenti; predefinito = year."),
  indicators: z.array(IndicatorCode).min(1).max(50, "al massimo 50 indicatori").optional().describe("Codici separati da virgole (o parametro ripetuto)."),
});

export const BatchIdParam = BatchId;
