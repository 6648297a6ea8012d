import { z } from "zod";
import { OBJECTIVE_AREA_CODES, TARGET_PROVENANCES } from "@/lib/targets/plan";
import { CELL_STATUS_LABELS_IT, type CellStatus } from "@/lib/targets/scorecard";

/** The Piano page's filters, in the URL so that every view can be shared and printed. */
const STATUS_CODES = Object.keys(CELL_STATUS_LABELS_IT) as [CellStatus, ...CellStatus[]];

export const PlanSearch = z.object({
  anno: z.coerce.number().int().min(1900).max(2100).optional().catch(undefined),
  piano: z.coerce.number().int().positive().optional().catch(undefined),
  vista: z.enum(["obiettivi", "scorecard"]).optional().catch(undefined),
  area: z.enum(OBJECTIVE_AREA_CODES as [string, ...string[]]).optional().catch(undefined),
  stato: z.enum(STATUS_CODES).optional().catch(undefined),
  comune: z.string().regex(/^\d{6}$/).optional().catch(undefined),
  provenienza: z.enum(TARGET_PROVENANCES).optional().catch(undefined),
});

export type PlanSearch = z.infer<typeof PlanSearch>;

export function parsePlanSearch(params: Record<string, string | string[] | undefined>) {
  const p = PlanSearch.parse(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v === "" ? undefined : v])));
  return { year: p.anno, planId: p.piano, view: p.vista ?? "obiettivi", area: p.area, status: p.stato, comune: p.comune, provenance: p.provenienza };
}

export type ParsedPlanSearch = ReturnType<typeof parsePlanSearch>;

/** The query string of a view with some filters changed (empty values dropped). */
export function planQuery(search: ParsedPlanSearch, year: number | null, changes: Record<string, string | undefined> = {}): string {
  const base: Record<string, string | undefined> = {
    anno: year === null ? undefined : String(year),
    piano: search.planId === undefined ? undefined : String(search.planId),
    vista: search.view,
    area: search.area,
    stato: search.status,
    comune: search.comune,
    provenienza: search.provenance,
    ...changes,
  };
  const entries = Object.entries(base).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== "");
  return `?${new URLSearchParams(entries)}`;
}
