/**
 * Request header that proxy.ts sets to the path and query asked for (always
 * overwriting what the client sent), so that the login can send the user back to it.
 */
export const REQUESTED_PATH_HEADER = "x-osservatorio-path";

/** A `next` target for the login: a path of this site only (no "//host", no scheme, no backslash). */
export function safeNextPath(value: string | null | undefined): string | undefined {
  if (!value || !value.startsWith("/") || value.startsWith("//")) return undefined;
  return /^\/[\w\-/.%?=&~+,]*$/.test(value) ? value : undefined;
}
