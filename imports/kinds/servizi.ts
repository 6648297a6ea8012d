import { z } from "zod";
import { SERVICE_AREAS, SPENDING_TYPES } from "@/lib/catalog/service-areas";
import { serviceCode } from "./row-schemas";
import { column, type KindDefinition } from "./types";

/** The zone's services, classified as ISTAT's survey does (area di utenza, spending type). */
const AREA_SPELLINGS: Record<string, readonly string[]> = {
  famiglia_minori: ["famiglia e minori", "famiglie e minori", "minori", "famiglia"],
  disabili: ["disabilità", "persone con disabilità"],
  dipendenze: ["dipendenza"],
  anziani: ["anziani (65 anni e più)", "anziani non autosufficienti"],
  immigrati: ["immigrati, rom, sinti e caminanti", "immigrati e nomadi", "stranieri"],
  poverta: ["povertà", "povertà, disagio adulti e senza dimora", "disagio adulti", "povertà e disagio adulti"],
  multiutenza: ["multi utenza"],
};
const areaValues = Object.fromEntries(SERVICE_AREAS.map((a) => [a.code, [a.label, ...(AREA_SPELLINGS[a.code] ?? [])]]));
const spendingValues = Object.fromEntries(SPENDING_TYPES.map((s) => [s.code, [s.label, ...(s.code === "interventi_servizi" ? ["servizi", "interventi"] : [])]]));

export const serviziRowSchema = z.object({
  code: serviceCode,
  name: z.string().min(3, "nome troppo corto"),
  area: z.enum(SERVICE_AREAS.map((a) => a.code) as [string, ...string[]]),
  spendingType: z.enum(SPENDING_TYPES.map((s) => s.code) as [string, ...string[]]),
  managingBody: z.string().nullable(),
});
export type ServiziRow = z.infer<typeof serviziRowSchema>;

export const servizi: KindDefinition<typeof serviziRowSchema> = {
  name: "servizi",
  label: "Servizi della zona",
  allowExtraColumns: false,
  needsZone: true,
  schema: serviziRowSchema,
  columns: [
    column("code", "codice", "code", true, "Codice del servizio nella zona (es. SAD_ANZIANI).", ["codice servizio"]),
    column("name", "nome", "text", true, "Nome del servizio.", ["denominazione", "servizio", "nome servizio"]),
    column("area", "area di utenza", "enum", true, "Famiglia e minori, disabili, dipendenze, anziani, immigrati, povertà o multiutenza.", ["area utenza", "area"], { values: areaValues }),
    column("spendingType", "tipo di spesa", "enum", true, "Interventi e servizi, trasferimenti in denaro oppure strutture.", ["tipologia di spesa", "macroarea", "tipo spesa"], { values: spendingValues }),
    column("managingBody", "ente gestore", "text", false, "Chi gestisce il servizio.", ["gestore", "ente"]),
  ],
  examples: [
    ["SAD_ANZIANI", "Assistenza domiciliare anziani", "anziani", "interventi e servizi", "Comune di Narni (capofila)"],
    ["CONTRIBUTI_ECON", "Contributi economici", "povertà", "trasferimenti in denaro", "Comune di Narni (capofila)"],
    ["CD_DISABILI", "Centro diurno per persone con disabilità", "disabili", "strutture", "Cooperativa sociale"],
  ],
};
