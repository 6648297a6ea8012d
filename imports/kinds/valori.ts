import { z } from "zod";
import { comuneRef, indicatorCode, periodSchema, serviceCode } from "./row-schemas";
import { column, type KindDefinition } from "./types";

/**
 * Indicator values per comune (or the whole zone) and period. The long format
 * is described here; the wide formats (one column per indicator, one column
 * per year) are recognised by valori-layout.ts and produce the same rows.
 */
export const valoriRowSchema = z
  .object({
    indicator: indicatorCode,
    /** The comune as written, or its ISTAT code once resolved; null for the whole zone. */
    comune: comuneRef.nullable(),
    period: periodSchema,
    value: z.number().nullable(),
    numerator: z.number().nullable(),
    denominator: z.number().nullable(),
    service: serviceCode.nullable(),
  })
  .superRefine((row, ctx) => {
    if (row.denominator === 0) ctx.addIssue({ code: "custom", path: ["denominator"], message: "il denominatore non può essere zero" });
    if (row.denominator !== null && row.denominator < 0) ctx.addIssue({ code: "custom", path: ["denominator"], message: "il denominatore non può essere negativo" });
  });
export type ValoriRow = z.infer<typeof valoriRowSchema>;

export const valori: KindDefinition<typeof valoriRowSchema> = {
  name: "valori",
  label: "Valori degli indicatori",
  allowExtraColumns: false,
  needsZone: true,
  schema: valoriRowSchema,
  columns: [
    column("indicator", "indicatore", "code", true, "Codice dell'indicatore del catalogo (es. POP_TOT).", ["codice indicatore", "cod indicatore", "cod_ind"]),
    column("comune", "comune", "comune", true, "Codice ISTAT, codice catastale o nome del comune; «zona» per un valore dell'intera zona.", ["codice istat", "istat", "codice comune", "territorio", "denominazione comune"], { allowsZone: true }),
    column("period", "periodo", "period", true, "Anno (2024), trimestre (2024-T1, I trimestre 2024) o mese (2024-03, 03/2024).", ["anno", "periodo di riferimento", "data di riferimento"]),
    column("value", "valore", "number", true, "Il valore; vuoto, -, n.d., .. o NA se mancante.", ["dato", "valore indicatore"], { allowsEmptyCell: true }),
    column("numerator", "numeratore", "number", false, "Per i rapporti: il numeratore.", ["num"]),
    column("denominator", "denominatore", "number", false, "Per i rapporti: il denominatore.", ["den"]),
    column("service", "servizio", "code", false, "Codice del servizio, per le misure di qualità di un servizio.", ["codice servizio"]),
  ],
  examples: [
    ["POP_TOT", "055022", "2024", "19.313", "", "", ""],
    ["POP_65_PLUS", "Narni", "2024", "5.735", "", "", ""],
    ["PERC_65_PLUS", "zona", "2024", "29,7", "15.360", "51.700", ""],
  ],
};
