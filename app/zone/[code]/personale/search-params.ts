import { z } from "zod";

/** The staff page's year; empty = the latest with staff data. */
export function parseStaffSearch(params: Record<string, string | string[] | undefined>): { year: number | undefined } {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  const year = z.coerce.number().int().min(1990).max(2100).optional().catch(undefined).parse(first(params.anno));
  return { year };
}
