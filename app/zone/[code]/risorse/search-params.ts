import { z } from "zod";
import { RESOURCE_KINDS } from "@/lib/catalog/resource-kinds";

/** The Risorse page's filters: a comune (ISTAT code) and a kind of resource; empty = all. */
export const ResourceSearch = z.object({
  comune: z.string().regex(/^\d{6}$/).optional().catch(undefined),
  tipo: z.enum(RESOURCE_KINDS).optional().catch(undefined),
});

export function parseResourceSearch(params: Record<string, string | string[] | undefined>) {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  const parsed = ResourceSearch.parse({ comune: first(params.comune), tipo: first(params.tipo) });
  return { comune: parsed.comune, kind: parsed.tipo };
}
