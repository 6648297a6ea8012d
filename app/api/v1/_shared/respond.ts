import { AppError, ConflictError, ForbiddenError, InvalidInputError, NotFoundError, PayloadTooLargeError, UnauthenticatedError, UnprocessableError } from "@/lib/errors";
import { problemResponse } from "@/lib/api/problem";

/**
 * Compatibility for the import upload route (owned by the upload work) until
 * it throws typed errors itself: the same problem+json answers as every other
 * route (lib/api/problem.ts), from a status and an Italian message.
 */
const BY_STATUS: Record<number, new (message: string) => AppError> = {
  400: InvalidInputError,
  401: UnauthenticatedError,
  403: ForbiddenError,
  404: NotFoundError,
  409: ConflictError,
  413: PayloadTooLargeError,
  422: UnprocessableError,
};

export function jsonError(status: number, message: string, request?: Request): Response {
  const Kind = BY_STATUS[status];
  return problemResponse(Kind ? new Kind(message) : new Error(message), request ?? "");
}

