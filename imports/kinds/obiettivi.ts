import { z } from "zod";
import { comuneRef, indicatorCode, serviceCode, year } from "./row-schemas";
import { column, type KindDefinition } from "./types";

/** PSZ targets and LEPS thresholds: from a baseline (year, value) to a target (year, value). */
export const obiettiviRowSchema = z
  .object({
    indicator: indicatorCode,
    comune: comuneRef.nullable(),
    service: serviceCode.nullable(),
    plan: z.string().regex(/^\d{4}\s*[-–/]\s*\d{4}$/, "non è un'edizione del piano (es. 2024-2026)").nullable(),
    baselineYear: year.nullable(),
    baselineValue: z.number().nullable(),
    targetYear: year,
    targetValue: z.number(),
    legalSource: z.string().nullable(),
    note: z.string().nullable(),
  })
  .superRefine((row, ctx) => {
    if ((row.baselineYear === null) !== (row.baselineValue === null)) {
      ctx.addIssue({ code: "custom", path: [row.baselineYear === null ? "baselineYear" : "baselineValue"], message: "anno e valore di partenza vanno indicati insieme" });
    }
    if (row.baselineYear !== null && row.baselineYear >= row.targetYear) {
      ctx.addIssue({ code: "custom", path: ["targetYear"], message: "l'anno dell'obiettivo deve seguire l'anno di partenza" });
    }
  });
export type ObiettiviRow = z.infer<typeof obiettiviRowSchema>;

export const obiettivi: KindDefinition<typeof obiettiviRowSchema> = {
  name: "obiettivi",
  label: "Obiettivi del Piano sociale di zona",
  allowExtraColumns: false,
  needsZone: true,
  schema: obiettiviRowSchema,
  columns: [
    column("indicator", "indicatore", "code", true, "Codice dell'indicatore del catalogo.", ["codice indicatore"]),
    column("comune", "comune", "comune", false, "Vuoto o «zona» per un obiettivo di zona; altrimenti il comune.", ["territorio"], { allowsZone: true }),
    column("service", "servizio", "code", false, "Codice del servizio, per gli standard della carta dei servizi.", ["codice servizio"]),
    column("plan", "piano", "text", false, "Edizione del Piano sociale di zona, es. 2024-2026.", ["psz", "piano sociale di zona", "edizione"]),
    column("baselineYear", "anno base", "year", false, "Anno del valore di partenza.", ["anno di base", "anno baseline", "anno di partenza"]),
    column("baselineValue", "valore base", "number", false, "Valore di partenza.", ["valore di base", "baseline", "valore di partenza"]),
    column("targetYear", "anno obiettivo", "year", true, "Anno entro cui raggiungere l'obiettivo.", ["anno target", "entro"]),
    column("targetValue", "valore obiettivo", "number", true, "Valore da raggiungere.", ["target", "obiettivo"]),
    column("legalSource", "fonte normativa", "text", false, "Norma che fissa la soglia (per i LEPS).", ["riferimento normativo", "norma"]),
    column("note", "note", "text", false, "Note libere.", []),
  ],
  examples: [
    ["RESIDENTI_PER_AS", "zona", "", "2024-2026", "2023", "5.900", "2026", "5.000", "L. 178/2020 c. 797", "LEPS assistenti sociali"],
    ["COPERTURA_NIDI", "Narni", "", "2024-2026", "2023", "24,5", "2027", "33", "L. 234/2021", ""],
  ],
};
