import { z } from "zod";
import {
  AppError,
  INTERNAL_ERROR_MESSAGE_IT,
  PROBLEM_KINDS,
  PROBLEM_TITLES_IT,
  TooManyRequestsError,
  type FieldProblem,
  type ProblemKind,
} from "@/lib/errors";

/**
 * The one translation of typed errors (lib/errors.ts) into HTTP: status,
 * `application/problem+json` body (RFC 9457) and headers. Every API route,
 * download route and the proxy answer errors through here.
 */
export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** Where each kind of problem is explained: a section of the API page (a relative URI, resolved against the server). */
export function problemType(kind: ProblemKind): string {
  return `/api#problema-${kind}`;
}

export const FieldProblemSchema = z
  .object({
    field: z.string().optional().describe("Parametro, campo o colonna interessati."),
    row: z.int().min(1).optional().describe("Riga del file (da 1), per i problemi di un file."),
    message: z.string().describe("Il problema, in italiano."),
  })
  .meta({ id: "FieldProblem", description: "Un problema in un parametro, un campo o una riga." });

export const ProblemSchema = z
  .object({
    type: z.string().describe("URI del tipo di problema (relativo al server)."),
    title: z.string().describe("Titolo del tipo di problema, in italiano."),
    status: z.int().min(400).max(599).describe("Codice di stato HTTP."),
    detail: z.string().describe("Spiegazione di questa occorrenza, in italiano."),
    instance: z.string().optional().describe("Percorso della richiesta che ha causato il problema."),
    errors: z.array(FieldProblemSchema).optional().describe("I problemi per parametro, campo o riga."),
  })
  .meta({ id: "Problem", description: "Errore nel formato application/problem+json (RFC 9457)." });

export type Problem = z.infer<typeof ProblemSchema>;

/** The typed error for anything thrown; unknown errors become an internal error (the caller logs the original). */
export function asAppError(error: unknown): AppError | null {
  return error instanceof AppError ? error : null;
}

/** The request path (with query) as the problem's `instance`: never the host, which a proxy may rewrite. */
export function instanceOf(request: Request | string): string {
  if (typeof request === "string") return request;
  const url = new URL(request.url);
  return url.pathname + url.search;
}

export function problemBody(kind: ProblemKind, detail: string, instance: string, errors: readonly FieldProblem[] = []): Problem {
  return {
    type: problemType(kind),
    title: PROBLEM_TITLES_IT[kind],
    status: PROBLEM_KINDS[kind],
    detail,
    ...(instance ? { instance } : {}),
    ...(errors.length ? { errors: [...errors] } : {}),
  };
}

/** The problem+json response for a typed error, or a 500 without internals for anything else. */
export function problemResponse(error: unknown, request: Request | string, headers: HeadersInit = {}): Response {
  const typed = asAppError(error);
  const instance = instanceOf(request);
  const body = typed ? problemBody(typed.kind, typed.message, instance, typed.errors) : problemBody("errore-interno", INTERNAL_ERROR_MESSAGE_IT, instance);
  const out = new Headers(headers);
  out.set("content-type", `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
  out.set("cache-control", "no-store");
  if (typed instanceof TooManyRequestsError) out.set("retry-after", String(typed.retryAfterSeconds));
  return new Response(JSON.stringify(body), { status: body.status, headers: out });
}
