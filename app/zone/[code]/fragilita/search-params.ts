import { z } from "zod";

const Codes = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim().toUpperCase()).filter((s) => /^[A-Z][A-Z0-9_]*$/.test(s)));

/** Fragility filters (page and API share them): year, base year, indicator set. */
export const FragilitySearch = z.object({
  anno: z.coerce.number().int().min(1900).max(2100).optional(),
  base: z.coerce.number().int().min(1900).max(2100).optional(),
  indicatori: Codes.optional(),
});
