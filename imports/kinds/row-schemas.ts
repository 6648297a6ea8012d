import { z } from "zod";

/** Zod pieces shared by the kinds' row schemas; messages are Italian because users read them. */
export const periodSchema = z.object({
  period: z.string(),
  type: z.enum(["year", "quarter", "month"]),
  start: z.string(),
  end: z.string(),
  year: z.number().int(),
});

export const indicatorCode = z.string().regex(/^[A-Z][A-Z0-9_]*$/, "non è un codice indicatore valido: lettere maiuscole, cifre e _, iniziando con una lettera");
export const serviceCode = z.string().regex(/^[A-Z0-9][A-Z0-9_]*$/, "non è un codice di servizio valido: lettere, cifre e _");
export const istatCode = z.string().regex(/^\d{6}$/, "non è un codice ISTAT di 6 cifre");
export const year = z.number().int().min(1900, "anno fuori intervallo").max(2100, "anno fuori intervallo");
export const amount = z.number().min(0, "non può essere negativo");
/** A comune as written (or its ISTAT code once resolved); null is the whole zone. */
export const comuneRef = z.string().min(1);
