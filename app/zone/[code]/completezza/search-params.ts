import { z } from "zod";
import { THEMES } from "@/lib/catalog/schema";
import type { CompletenessRequest } from "@/db/queries/completeness";

/** The Completezza page's filters, in the URL (the template download reads the same). */
export const CompletenessSearch = z.object({
  anno: z.coerce.number().int().min(1900).max(2100).optional().catch(undefined),
  tema: z.enum(THEMES).optional().catch(undefined),
  vista: z.enum(["tutti", "lacune"]).optional().catch(undefined),
  indicatore: z.string().regex(/^[A-Z][A-Z0-9_]*$/).optional().catch(undefined),
});

export function parseCompletenessSearch(params: Record<string, string | string[] | undefined>): CompletenessRequest & { view: "tutti" | "lacune" } {
  const p = CompletenessSearch.parse(params);
  const view = p.vista ?? "tutti";
  return { year: p.anno, theme: p.tema, onlyGaps: view === "lacune", indicator: p.indicatore, view };
}

/** The query string of a view (and of its template download). */
export function completenessQuery(q: { year?: number | null; theme?: string; view?: string; indicator?: string }): string {
  const s = new URLSearchParams();
  if (q.year !== undefined && q.year !== null) s.set("anno", String(q.year));
  if (q.theme) s.set("tema", q.theme);
  if (q.view && q.view !== "tutti") s.set("vista", q.view);
  if (q.indicator) s.set("indicatore", q.indicator);
  const text = s.toString();
  return text ? `?${text}` : "";
}
