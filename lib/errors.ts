/**
 * Typed errors that the layers below (queries, imports, lib) throw when a
 * request cannot be served, each with an Italian message for the user. One
 * module (lib/api/problem.ts) turns them into HTTP statuses and problem+json
 * bodies for the API and the downloads; pages and server actions show
 * `userMessage(error)`. Anything else is an internal error: logged, never shown.
 */

/** The kinds of problem, each with its HTTP status (the `type` of a problem+json body is derived from it). */
export const PROBLEM_KINDS = {
  "richiesta-non-valida": 400,
  "autenticazione-richiesta": 401,
  "accesso-negato": 403,
  "non-trovato": 404,
  "metodo-non-consentito": 405,
  conflitto: 409,
  "file-troppo-grande": 413,
  "dati-non-elaborabili": 422,
  "troppe-richieste": 429,
  "errore-interno": 500,
} as const;

export type ProblemKind = keyof typeof PROBLEM_KINDS;
export type ProblemStatus = (typeof PROBLEM_KINDS)[ProblemKind];

/** Italian title of each kind: the same for every occurrence (RFC 9457 `title`). */
export const PROBLEM_TITLES_IT: Record<ProblemKind, string> = {
  "richiesta-non-valida": "Richiesta non valida",
  "autenticazione-richiesta": "Autenticazione richiesta",
  "accesso-negato": "Accesso negato",
  "non-trovato": "Risorsa non trovata",
  "metodo-non-consentito": "Metodo non consentito",
  conflitto: "Conflitto con lo stato attuale",
  "file-troppo-grande": "File troppo grande",
  "dati-non-elaborabili": "Dati non elaborabili",
  "troppe-richieste": "Troppe richieste",
  "errore-interno": "Errore interno",
};

/** One problem in a field, a parameter or a row of a file (row and column when it comes from a file). */
export interface FieldProblem {
  /** Query parameter, body field or column name. */
  field?: string;
  /** 1-based row of the file, when the problem is in a file. */
  row?: number;
  message: string;
}

/** Base of the typed errors: an Italian message (the `detail`) and its kind. */
export abstract class AppError extends Error {
  abstract readonly kind: ProblemKind;
  readonly errors: readonly FieldProblem[];

  constructor(message: string, errors: readonly FieldProblem[] = []) {
    super(message);
    this.name = new.target.name;
    this.errors = errors;
  }

  get status(): ProblemStatus {
    return PROBLEM_KINDS[this.kind];
  }
}

/** Malformed input: a parameter of the wrong form, an id out of range, a body that cannot be read (400). */
export class InvalidInputError extends AppError {
  readonly kind = "richiesta-non-valida";
}

/** No credentials, or credentials that are not valid (401). */
export class UnauthenticatedError extends AppError {
  readonly kind = "autenticazione-richiesta";
}

/** Authenticated, but not allowed to do this (403). */
export class ForbiddenError extends AppError {
  readonly kind = "accesso-negato";
}

/** Unknown, or not visible to the caller: the two look the same (404). */
export class NotFoundError extends AppError {
  readonly kind = "non-trovato";
}

/** The method is not served at this address (405). */
export class MethodNotAllowedError extends AppError {
  readonly kind = "metodo-non-consentito";
}

/** The request is valid but the current state forbids it (409), e.g. undoing an import that a later one replaced. */
export class ConflictError extends AppError {
  readonly kind = "conflitto";
}

/** The body exceeds the configured size (413). */
export class PayloadTooLargeError extends AppError {
  readonly kind = "file-troppo-grande";
}

/** Well-formed but semantically invalid: an indicator that cannot be used that way, a base year after the year (422). */
export class UnprocessableError extends AppError {
  readonly kind = "dati-non-elaborabili";
}

/** Past the rate limit (429); the client may retry after `retryAfterSeconds`. */
export class TooManyRequestsError extends AppError {
  readonly kind = "troppe-richieste";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

export const INTERNAL_ERROR_MESSAGE_IT = "Errore interno del server. Il problema è stato registrato.";

/** The message to show a user for an error caught by a page or a server action: typed errors say why, the rest stays private. */
export function userMessage(error: unknown): string {
  return error instanceof AppError ? error.message : INTERNAL_ERROR_MESSAGE_IT;
}
