import { z } from "zod";
import { IndicatorCodes } from "@/app/_search/codes";

/** The Territorio page's filters, in the URL so that every view can be shared and printed. */
export const DEFAULT_INDICATORS = ["POP_TOT", "PERC_65_PLUS", "PERC_75_PLUS", "INDICE_VECCHIAIA", "PERC_STRANIERI", "PERC_ANZIANI_SOLI", "REDDITO_MEDIO", "TASSO_DISABILI_L104"];

const Codes = IndicatorCodes.pipe(z.array(z.string()).max(20));

export const TerritorySearch = z.object({
  anno: z.coerce.number().int().min(1900).max(2100).optional().catch(undefined),
  indicatori: Codes.optional().catch(undefined),
  ordina: z.string().regex(/^([A-Z][A-Z0-9_]*|nome|fragilita)$/).optional().catch(undefined),
  verso: z.enum(["asc", "desc"]).optional().catch(undefined),
  serie: z.string().regex(/^[A-Z][A-Z0-9_]*$/).optional().catch(undefined),
});

export type TerritorySearch = z.infer<typeof TerritorySearch>;

export function parseTerritorySearch(params: Record<string, string | string[] | undefined>) {
  const parsed = TerritorySearch.parse(params);
  const indicators = parsed.indicatori?.length ? parsed.indicatori : DEFAULT_INDICATORS;
  return {
    year: parsed.anno ?? null,
    indicators,
    sort: parsed.ordina ?? "nome",
    direction: parsed.verso ?? (parsed.ordina && parsed.ordina !== "nome" ? "desc" : "asc"),
    series: parsed.serie ?? indicators[0] ?? "POP_TOT",
  };
}

/** The sort key of a Territorio row for the `ordina` parameter: name, fragility index or an indicator's value. */
export function territorySortKey(sort: string) {
  return (r: { name: string; values: Record<string, number | null>; fragility: { index: number | null } }): number | string | null =>
    sort === "nome" ? r.name : sort === "fragilita" ? r.fragility.index : (r.values[sort] ?? null);
}
