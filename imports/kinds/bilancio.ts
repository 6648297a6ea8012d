import { z } from "zod";
import { FUNDING_SOURCES } from "@/lib/catalog/funding-sources";
import { amount, comuneRef, serviceCode, year } from "./row-schemas";
import { column, type KindDefinition } from "./types";

/** Budget lines: year, service, funding source, amounts per accounting stage (TUEL). */
const fundingValues = Object.fromEntries(FUNDING_SOURCES.map((f) => [f.code, [f.name]]));
fundingValues.FNPS?.push("fondo nazionale politiche sociali");
fundingValues.FNA?.push("fondo non autosufficienza", "fondo non autosufficienze");
fundingValues.FONDO_POVERTA?.push("fondo povertà", "quota servizi fondo povertà");
fundingValues.FSE_PLUS?.push("FSE+", "FSE");
fundingValues.COMUNI?.push("comuni", "quota comuni", "risorse proprie");

export const bilancioRowSchema = z
  .object({
    year,
    service: serviceCode,
    funding: z.enum(FUNDING_SOURCES.map((f) => f.code) as [string, ...string[]]),
    comune: comuneRef.nullable(),
    stanziato: amount,
    impegnato: amount,
    liquidato: amount.nullable(),
    pagato: amount,
    deadline: z.string().nullable(),
  })
  .superRefine((row, ctx) => {
    if (row.impegnato > row.stanziato) ctx.addIssue({ code: "custom", path: ["impegnato"], message: "l'impegnato supera lo stanziato" });
    if (row.liquidato !== null && row.liquidato > row.impegnato) ctx.addIssue({ code: "custom", path: ["liquidato"], message: "il liquidato supera l'impegnato" });
  });
export type BilancioRow = z.infer<typeof bilancioRowSchema>;

export const bilancio: KindDefinition<typeof bilancioRowSchema> = {
  name: "bilancio",
  label: "Bilancio dei servizi",
  allowExtraColumns: false,
  needsZone: true,
  schema: bilancioRowSchema,
  columns: [
    column("year", "anno", "year", true, "Esercizio finanziario.", ["esercizio", "anno di esercizio"]),
    column("service", "servizio", "code", true, "Codice del servizio (vedi i dati «servizi»).", ["codice servizio"]),
    column("funding", "fonte", "enum", true, "Fonte di finanziamento: FNPS, FONDO_POVERTA, FNA, DOPO_DI_NOI, PNRR_M5C2_…, FSE_PLUS, REGIONE, COMUNI, COMPARTECIPAZIONE, ALTRO.", ["fonte di finanziamento", "fondo", "finanziamento"], { values: fundingValues }),
    column("comune", "comune", "comune", false, "Vuoto per la spesa di zona; altrimenti il comune.", [], { allowsZone: true }),
    column("stanziato", "stanziato", "number", true, "Stanziamento in euro.", ["stanziamento", "previsione", "stanziamenti"]),
    column("impegnato", "impegnato", "number", true, "Impegni in euro.", ["impegni", "impegno"]),
    column("liquidato", "liquidato", "number", false, "Liquidazioni in euro.", ["liquidazioni", "liquidazione"]),
    column("pagato", "pagato", "number", true, "Pagamenti (mandati) in euro.", ["pagamenti", "mandati", "pagamento"]),
    column("deadline", "scadenza", "date", false, "Scadenza di rendicontazione (gg/mm/aaaa).", ["scadenza rendicontazione", "termine"]),
  ],
  examples: [
    ["2024", "SAD_ANZIANI", "FNA", "", "120.000,00", "115.500,00", "98.000,00", "90.250,50", "31/12/2025"],
    ["2024", "PIPPI", "PNRR_M5C2_1_1_1", "", "211.500,00", "150.000,00", "80.000,00", "62.000,00", "30/06/2026"],
    ["2024", "CONTRIBUTI_ECON", "COMUNI", "Amelia", "35.000,00", "35.000,00", "30.000,00", "30.000,00", ""],
  ],
};
