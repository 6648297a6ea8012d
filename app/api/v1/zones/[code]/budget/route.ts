import { serverDb } from "@/db/server";
import { zoneBudgetApi } from "@/db/queries/budget-api";
import { requireApi } from "@/app/_auth/access";
import { handleApi, jsonRead } from "@/lib/api/respond";
import { parseParams, queryObject, ZonePath } from "@/lib/api/params";
import { BudgetQuery } from "@/lib/api/budget-schemas";

/**
 * GET /api/v1/zones/{code}/budget[?year=Y&asOf=D&months=N&threshold=F&source=S]
 * → {year, asOf, totals, rates, byArea, bySource, byService, byComune, atRisk, …}:
 * the budget page of the zone in one year at one snapshot date.
 */
export function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  return handleApi(request, async () => {
    const { code } = parseParams(ZonePath, await params);
    const query = parseParams(BudgetQuery, queryObject(new URL(request.url).searchParams));
    const principal = await requireApi(request, "zone.read", code);
    if (principal instanceof Response) return principal;
    return jsonRead(request, await zoneBudgetApi(await serverDb(), code, query));
  });
}
