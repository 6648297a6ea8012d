import { z } from "zod";
import { SERVICE_AREA_CODES } from "@/lib/catalog/service-areas";

/** The quality page's filters: year, area di utenza, and only the standards not met or without data. */
export const QualitySearch = z.object({
  anno: z.coerce.number().int().min(1990).max(2100).optional().catch(undefined),
  area: z.enum(SERVICE_AREA_CODES).optional().catch(undefined),
  esito: z.enum(["non_rispettato", "dato_mancante"]).optional().catch(undefined),
});
export type QualityFilter = { year: number | undefined; area: (typeof SERVICE_AREA_CODES)[number] | undefined; outcome: "non_rispettato" | "dato_mancante" | undefined };

export function parseQualitySearch(params: Record<string, string | string[] | undefined>): QualityFilter {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  const p = QualitySearch.parse({ anno: first(params.anno), area: first(params.area), esito: first(params.esito) });
  return { year: p.anno, area: p.area, outcome: p.esito };
}

export function qualitySearchQuery(f: QualityFilter, year: number | null): string {
  return `?${new URLSearchParams({ ...(year !== null ? { anno: String(year) } : {}), ...(f.area ? { area: f.area } : {}), ...(f.outcome ? { esito: f.outcome } : {}) })}`;
}
