import { z } from "zod";
import { InvalidInputError } from "@/lib/errors";

/**
 * Cursor pagination of the lists that can grow: `limit` items per page
 * (at most MAX_LIMIT) and, while more follow, a `next` link that carries an
 * opaque cursor. Clients follow `next` and never build cursors themselves.
 */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export const Limit = z.coerce
  .number()
  .int("numero intero")
  .min(1, "almeno 1")
  .max(MAX_LIMIT, `al massimo ${MAX_LIMIT}`)
  .default(DEFAULT_LIMIT)
  .meta({ description: `Elementi per pagina (predefinito ${DEFAULT_LIMIT}, massimo ${MAX_LIMIT}).`, format: "int32" });

export const Cursor = z
  .string()
  .max(512, "cursore troppo lungo")
  .regex(/^[A-Za-z0-9_-]+$/, "cursore non valido: usare il link `next` della pagina precedente")
  .meta({ description: "Cursore opaco della pagina successiva: si ottiene dal link `next`, non va costruito." });

/** The parameters of a paginated list, to extend with each endpoint's filters. */
export const PageParams = z.object({ limit: Limit, cursor: Cursor.optional() });

/** The envelope of every list: `items`, and `next` (the address of the next page, or null on the last). */
export function listOf<T extends z.ZodType>(item: T, id: string, description: string) {
  return z
    .object({
      items: z.array(item),
      next: z.string().nullable().describe("Indirizzo (relativo) della pagina successiva; null sull'ultima."),
    })
    .meta({ id, description });
}

export function encodeCursor(position: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(position)).toString("base64url");
}

/** Decodes a cursor with the schema of its position; anything else (tampered, from another list) is a 400. */
export function decodeCursor<S extends z.ZodType>(schema: S, cursor: string | undefined): z.output<S> | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON: falls through to the same answer as a wrong shape
  }
  throw new InvalidInputError("Cursore non valido: usare il link `next` della pagina precedente.", [{ field: "cursor", message: "cursore non valido" }]);
}

/** The address of the next page: the request's own path and query with `cursor` replaced. */
export function nextLink(request: Request, cursor: string): string {
  const url = new URL(request.url);
  url.searchParams.set("cursor", cursor);
  return url.pathname + url.search;
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

/**
 * One page out of rows fetched with limit + 1: the extra row only says that
 * another page exists; the cursor is the position of the last row returned.
 */
export function pageOf<T>(request: Request, rows: readonly T[], limit: number, positionOf: (last: T) => Record<string, string | number>): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const next = rows.length > limit && last !== undefined ? nextLink(request, encodeCursor(positionOf(last))) : null;
  return { items, next };
}

/** Pagination of a short list held in memory (zones, comuni of a zone): the cursor is the offset. */
export const OffsetPosition = z.object({ o: z.int().min(0) });
export function pageInMemory<T>(request: Request, all: readonly T[], limit: number, cursor: string | undefined): Page<T> {
  const offset = decodeCursor(OffsetPosition, cursor)?.o ?? 0;
  return pageOf(request, all.slice(offset, offset + limit + 1), limit, () => ({ o: offset + limit }));
}
