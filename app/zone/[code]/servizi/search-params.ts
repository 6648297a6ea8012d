import { z } from "zod";
import { SERVICE_AREA_CODES } from "@/lib/catalog/service-areas";
import { ISTAT_SERVICE_CATEGORY_CODES } from "@/lib/services/categories";

/** The catalogue's filters: area di utenza and ISTAT category; empty = all. */
export const ServiceSearch = z.object({
  area: z.enum(SERVICE_AREA_CODES).optional().catch(undefined),
  categoria: z.enum(ISTAT_SERVICE_CATEGORY_CODES).optional().catch(undefined),
});

export function parseServiceSearch(params: Record<string, string | string[] | undefined>) {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  const parsed = ServiceSearch.parse({ area: first(params.area), categoria: first(params.categoria) });
  return { area: parsed.area, category: parsed.categoria };
}

export function serviceSearchQuery(filter: { area?: string | undefined; category?: string | undefined }): string {
  return `?${new URLSearchParams({ ...(filter.area ? { area: filter.area } : {}), ...(filter.category ? { categoria: filter.category } : {}) })}`;
}
