import { z } from "zod";

/** The Mappa page's filters: indicator code and year (both optional: defaults below). */
export const MapSearch = z.object({
  indicatore: z.string().regex(/^[A-Z][A-Z0-9_]*$/).optional().catch(undefined),
  anno: z.coerce.number().int().min(1900).max(2100).optional().catch(undefined),
});

/** The indicator shown when none is chosen: the share of residents aged 75+ (Umbria's distinctive need). */
export const DEFAULT_MAP_INDICATOR = "PERC_75_PLUS";

export function parseMapSearch(params: Record<string, string | string[] | undefined>) {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const parsed = MapSearch.parse({ indicatore: first(params.indicatore), anno: first(params.anno) });
  return { indicator: parsed.indicatore ?? DEFAULT_MAP_INDICATOR, year: parsed.anno ?? null };
}
