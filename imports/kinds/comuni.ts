import { z } from "zod";
import { istatCode } from "./row-schemas";
import { column, type KindDefinition } from "./types";

/**
 * ISTAT's "Elenco comuni italiani" as ISTAT publishes it (`;`, Windows-1252,
 * multi-line quoted headers, dotted thousands). Its many other columns are
 * ignored; these refresh the reference list.
 */
export const comuniRowSchema = z.object({
  istat: istatCode,
  name: z.string().min(1),
  province: z.string().regex(/^[A-Z]{2}$/, "non è una sigla di provincia (due lettere, es. PG)"),
  cadastral: z.string().regex(/^[A-Z]\d{3}$/, "non è un codice catastale (una lettera e tre cifre, es. F844)").nullable(),
  regionCode: z.string().regex(/^\d{2}$/, "non è un codice regione di 2 cifre"),
  regionName: z.string().min(1),
  legalPopulation: z.number().int().min(0).nullable(),
});
export type ComuniRow = z.infer<typeof comuniRowSchema>;

export const comuni: KindDefinition<typeof comuniRowSchema> = {
  name: "comuni",
  label: "Elenco comuni ISTAT",
  allowExtraColumns: true,
  needsZone: false,
  schema: comuniRowSchema,
  columns: [
    column("istat", "Codice Comune formato alfanumerico", "istat", true, "Codice ISTAT del comune, 6 cifre.", ["codice istat", "codice comune", "pro_com_t", "codice istat comune"]),
    column("name", "Denominazione in italiano", "text", true, "Nome ufficiale del comune.", ["denominazione comune", "comune", "nome comune"]),
    column("province", "Sigla automobilistica", "text", true, "Sigla della provincia (PG, TR…).", ["sigla provincia", "provincia", "sigla"]),
    column("cadastral", "Codice Catastale del comune", "text", false, "Codice catastale (Belfiore): una lettera e tre cifre.", ["codice catastale", "belfiore", "codice belfiore"]),
    column("regionCode", "Codice Regione", "text", true, "Codice ISTAT della regione, 2 cifre.", ["cod_reg", "codice della regione"]),
    column("regionName", "Denominazione Regione", "text", true, "Nome della regione.", ["regione", "denominazione della regione"]),
    column("legalPopulation", "Popolazione legale", "integer", false, "Popolazione legale dell'ultimo censimento.", ["Popolazione legale 2011 (09/10/2011)", "popolazione legale 2021"]),
  ],
  examples: [
    ["055022", "Narni", "TR", "F844", "10", "Umbria", "19.252"],
    ["054039", "Perugia", "PG", "G478", "10", "Umbria", "162.449"],
    ["054013", "Città di Castello", "PG", "C745", "10", "Umbria", "39.483"],
  ],
};
