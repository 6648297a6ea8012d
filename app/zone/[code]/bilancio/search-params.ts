import { z } from "zod";
import { AT_RISK_DEFAULTS } from "@/lib/budget/at-risk";
import type { Measure } from "@/lib/budget/breakdown";
import type { BudgetView } from "@/lib/budget/summary";

/**
 * The budget page's choices, all in the URL: year (anno), snapshot date
 * (situazione), breakdown (vista), measure (misura), funding source (fonte)
 * and the funds-at-risk thresholds (mesi, soglia in %). Bad values fall back
 * to the defaults.
 */
export const BudgetSearch = z.object({
  anno: z.coerce.number().int().min(1990).max(2100).optional().catch(undefined),
  situazione: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  vista: z.enum(["area", "servizio", "fonte", "comune", "istat"]).catch("area"),
  misura: z.enum(["assoluto", "abitante", "percentuale"]).catch("assoluto"),
  fonte: z.string().regex(/^[A-Z][A-Z0-9_]{0,49}$/).optional().catch(undefined),
  mesi: z.coerce.number().int().min(1).max(60).catch(AT_RISK_DEFAULTS.months),
  soglia: z.coerce.number().min(1).max(100).catch(AT_RISK_DEFAULTS.threshold * 100),
});

export interface BudgetFilter {
  year: number | undefined;
  asOf: string | undefined;
  /** A breakdown, or the ISTAT survey's layout. */
  view: BudgetView | "istat";
  measure: Measure;
  source: string | undefined;
  months: number;
  /** Percent (50 = 50%). */
  thresholdPercent: number;
}

export function parseBudgetSearch(params: Record<string, string | string[] | undefined>): BudgetFilter {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  const p = BudgetSearch.parse({
    anno: first(params.anno),
    situazione: first(params.situazione),
    vista: first(params.vista),
    misura: first(params.misura),
    fonte: first(params.fonte),
    mesi: first(params.mesi),
    soglia: first(params.soglia),
  });
  return { year: p.anno, asOf: p.situazione, view: p.vista, measure: p.misura, source: p.fonte, months: p.mesi, thresholdPercent: p.soglia };
}

/** The query string of a view, with `change` applied (for the toggles' links and the downloads). */
export function budgetSearchQuery(f: BudgetFilter, year: number | null, asOf: string | null, change: Partial<BudgetFilter> = {}): string {
  const g = { ...f, ...change };
  const q = new URLSearchParams();
  if (year !== null) q.set("anno", String(year));
  if (asOf) q.set("situazione", asOf);
  q.set("vista", g.view);
  q.set("misura", g.measure);
  if (g.source) q.set("fonte", g.source);
  if (g.months !== AT_RISK_DEFAULTS.months) q.set("mesi", String(g.months));
  if (g.thresholdPercent !== AT_RISK_DEFAULTS.threshold * 100) q.set("soglia", String(g.thresholdPercent));
  return `?${q}`;
}
