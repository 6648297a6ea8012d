import { z } from "zod";

/**
 * A list of indicator codes from the query string, as `?indicatori=A,B` or
 * repeated `?indicatori=A&indicatori=B`: trimmed, upper-cased, and anything
 * that is not a code dropped (a link edited by hand still opens the page).
 */
export const IndicatorCodes = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim().toUpperCase()).filter((s) => /^[A-Z][A-Z0-9_]*$/.test(s)));
