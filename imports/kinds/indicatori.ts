import { z } from "zod";
import { AGGREGATIONS, THEMES } from "@/lib/catalog/schema";
import { indicatorCode } from "./row-schemas";
import { column, type KindDefinition } from "./types";

/** The indicator catalogue: one row per indicator, derived ones with numerator/denominator and scale. */
const THEME_SPELLINGS: Record<string, readonly string[]> = {
  demografia: ["demografia", "popolazione"],
  fragilita: ["fragilità", "fragilita"],
  bisogni: ["bisogni", "bisogno"],
  risorse: ["risorse"],
  psz: ["psz", "piano sociale di zona", "piano di zona"],
  leps: ["leps", "livelli essenziali"],
  qualita: ["qualità", "qualita", "qualità dei servizi"],
};
const AGGREGATION_SPELLINGS: Record<string, readonly string[]> = {
  sum: ["somma"],
  ratio: ["rapporto", "rapporto di somme"],
  weighted_mean: ["media ponderata", "media pesata"],
  none: ["nessuna", "non aggregabile"],
};
const POLARITY_SPELLINGS: Record<string, readonly string[]> = {
  "1": ["+1", "+", "positiva", "più alto è meglio", "alto è meglio"],
  "-1": ["−1", "negativa", "più basso è meglio", "basso è meglio"],
  "0": ["neutra", "neutro"],
};

export const indicatoriRowSchema = z
  .object({
    code: indicatorCode,
    name: z.string().min(3, "nome troppo corto"),
    theme: z.enum(THEMES),
    unit: z.string().min(1),
    polarity: z.enum(["1", "-1", "0"]).transform((p) => Number(p) as 1 | -1 | 0),
    aggregation: z.enum(AGGREGATIONS),
    numerator: indicatorCode.nullable(),
    denominator: indicatorCode.nullable(),
    scale: z.number().positive("deve essere maggiore di zero").nullable(),
    isCountOfPeople: z.boolean().nullable(),
    decimals: z.number().int().min(0, "da 0 a 6").max(6, "da 0 a 6").nullable(),
    source: z.string().nullable(),
    description: z.string().nullable(),
  })
  .superRefine((row, ctx) => {
    if ((row.numerator === null) !== (row.denominator === null)) {
      ctx.addIssue({ code: "custom", path: [row.numerator === null ? "numerator" : "denominator"], message: "numeratore e denominatore vanno indicati insieme" });
    }
    if (row.aggregation === "ratio" && row.numerator === null) {
      ctx.addIssue({ code: "custom", path: ["numerator"], message: "un indicatore aggregato come rapporto richiede numeratore e denominatore" });
    }
  });
export type IndicatoriRow = z.infer<typeof indicatoriRowSchema>;

export const indicatori: KindDefinition<typeof indicatoriRowSchema> = {
  name: "indicatori",
  label: "Catalogo degli indicatori",
  allowExtraColumns: false,
  needsZone: false,
  schema: indicatoriRowSchema,
  columns: [
    column("code", "codice", "code", true, "Codice dell'indicatore: maiuscole, cifre e _ (es. POP_TOT).", ["codice indicatore", "indicatore"]),
    column("name", "nome", "text", true, "Nome in italiano.", ["denominazione", "nome indicatore"]),
    column("theme", "tema", "enum", true, `Uno tra: ${THEMES.join(", ")}.`, ["area tematica", "ambito"], { values: THEME_SPELLINGS }),
    column("unit", "unità", "text", true, "Unità di misura (persone, %, per 1.000 ab., €…).", ["unità di misura", "um"]),
    column("polarity", "polarità", "enum", true, "1 se più alto è meglio, -1 se più basso è meglio, 0 se neutro.", ["verso"], { values: POLARITY_SPELLINGS }),
    column("aggregation", "aggregazione", "enum", true, "Regola per la zona: somma, rapporto, media ponderata, nessuna.", ["regola di aggregazione"], { values: AGGREGATION_SPELLINGS }),
    column("numerator", "numeratore", "code", false, "Codice dell'indicatore al numeratore (indicatori derivati).", ["codice numeratore"]),
    column("denominator", "denominatore", "code", false, "Codice dell'indicatore al denominatore (indicatori derivati).", ["codice denominatore"]),
    column("scale", "scala", "number", false, "Fattore di scala del rapporto (100 per %, 1000 per mille).", ["fattore di scala", "moltiplicatore"]),
    column("isCountOfPeople", "conteggio di persone", "boolean", false, "sì se conta persone: i valori sotto 3 si oscurano nei report pubblici.", ["conteggio persone", "persone"]),
    column("decimals", "decimali", "integer", false, "Cifre decimali da mostrare, da 0 a 6.", ["cifre decimali"]),
    column("source", "fonte", "text", false, "Fonte dei dati.", ["fonte dei dati"]),
    column("description", "descrizione", "text", false, "Come si calcola, in una frase.", ["note", "definizione"]),
  ],
  examples: [
    ["UTENTI_CD", "Utenti dei centri diurni", "qualità", "persone", "1", "somma", "", "", "", "sì", "0", "Ufficio di Piano", "Persone che hanno frequentato un centro diurno nell'anno."],
    ["TASSO_UTENTI_CD", "Utenti dei centri diurni per 1.000 anziani", "qualità", "per 1.000 ab. 65+", "1", "rapporto", "UTENTI_CD", "POP_65_PLUS", "1.000", "no", "1", "Ufficio di Piano", "Utenti ogni 1.000 residenti di 65 anni e più."],
  ],
};
