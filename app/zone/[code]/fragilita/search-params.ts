import { z } from "zod";
import { IndicatorCodes } from "@/app/_search/codes";

/** Fragility filters (page and API share them): year, base year, indicator set. */
export const FragilitySearch = z.object({
  anno: z.coerce.number().int().min(1900).max(2100).optional(),
  base: z.coerce.number().int().min(1900).max(2100).optional(),
  indicatori: IndicatorCodes.optional(),
});
