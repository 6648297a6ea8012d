import { z } from "zod";
import { InvalidInputError, type FieldProblem } from "@/lib/errors";
import { ZONE_CODE } from "@/lib/territory/zone-code";

/**
 * Schemas of the identifiers the API accepts in paths and queries, and the
 * parsing that turns a malformed one into a 400 naming the parameter. A
 * malformed value never reaches the database (a NUL byte or an id beyond
 * bigint would make it fail with a 500).
 */
export { ZONE_CODE };
export const ISTAT_CODE = /^\d{6}$/;

export const ZoneCode = z
  .string()
  .regex(ZONE_CODE, "codice zona nella forma UMB-11")
  .meta({ description: "Codice della zona sociale: sigla della regione e numero (per esempio UMB-11).", example: "UMB-11" });

export const IstatCode = z
  .string()
  .regex(ISTAT_CODE, "codice ISTAT di 6 cifre, per esempio 055022")
  .meta({ description: "Codice ISTAT del comune, sempre di 6 caratteri (con gli zeri iniziali).", example: "055022" });

export const IndicatorCode = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{0,63}$/, "codice indicatore, per esempio POP_TOT")
  .meta({ description: "Codice dell'indicatore nel catalogo.", example: "POP_TOT" });

export const Period = z
  .string()
  .regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, "periodo nella forma 2024, 2024-Q1 o 2024-03")
  .meta({ description: "Periodo: anno (2024), trimestre (2024-Q1) o mese (2024-03).", example: "2024" });

export const Year = z.coerce
  .number()
  .int("anno intero")
  .min(1900, "anno dal 1900")
  .max(2100, "anno fino al 2100")
  .meta({ description: "Anno.", example: 2024, format: "int32" });

/**
 * Database ids are bigint, but no sequence here gets near 2^53: ids beyond a
 * safe integer (and beyond bigint) are refused as malformed before any query,
 * where they would fail or be rounded to another id.
 */
export const BatchId = z
  .string()
  .regex(/^[1-9]\d{0,15}$/, "numero intero positivo")
  .refine((v) => /^\d+$/.test(v) && Number(v) <= Number.MAX_SAFE_INTEGER, "numero fuori dall'intervallo degli identificativi")
  .transform(Number)
  .meta({ description: "Identificativo di un caricamento (intero positivo).", example: "42" });

/** Comma-separated lists in one parameter (or the parameter repeated): `indicators=A,B` or `indicators=A&indicators=B`. */
export function listParam(search: URLSearchParams, name: string): string[] | undefined {
  const values = search.getAll(name).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  return values.length ? values : undefined;
}

const it = z.locales.it();

/** Italian text for each issue: our own messages where the schema has one, zod's Italian locale otherwise. */
function problems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({ field: issue.path.map(String).join(".") || undefined, message: issue.message }));
}

/**
 * Parses path or query parameters with their schema; a malformed one is a
 * 400 whose detail names it and whose `errors` list every problem.
 */
export function parseParams<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input, { error: it.localeError });
  if (result.success) return result.data;
  const list = problems(result.error);
  const first = list[0];
  const detail = first?.field ? `Parametro "${first.field}" non valido: ${first.message}.` : `Richiesta non valida: ${first?.message ?? ""}.`;
  throw new InvalidInputError(detail, list);
}

/** The query string as an object for parseParams: repeated keys keep their last value; lists go through listParam. */
export function queryObject(search: URLSearchParams, lists: readonly string[] = []): Record<string, string | string[]> {
  const out = new Map<string, string | string[]>();
  for (const [key, value] of search) if (!lists.includes(key)) out.set(key, value);
  for (const name of lists) {
    const values = listParam(search, name);
    if (values) out.set(name, values);
  }
  return Object.fromEntries(out);
}

/** Path parameters of the routes, by the folder names of app/api/v1. */
export const ZonePath = z.object({ code: ZoneCode });
export const ComunePath = z.object({ istat: IstatCode });
export const BatchPath = z.object({ id: BatchId });
