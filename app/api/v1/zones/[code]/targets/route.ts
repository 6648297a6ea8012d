import { serverDb } from "@/db/server";
import { zoneTargetItems } from "@/db/queries/plan-api";
import { requireApi } from "@/app/_auth/access";
import { handleApi, jsonList } from "@/lib/api/respond";
import { pageInMemory } from "@/lib/api/pagination";
import { parseParams, queryObject, ZonePath } from "@/lib/api/params";
import { ZoneTargetsQuery } from "../../../_contract/requests";

/**
 * GET /api/v1/zones/{code}/targets[?year=Y][&plan=ID][&limit=N][&cursor=C]
 * → {items: [{objective, indicator, territory, baseline, milestones, target,
 *    expected, actual, status, projection, provenance, comuni: [...]}], next}:
 * the targets of the Piano page, judged in the year from the values as shown
 * to this reader (a withheld count: status "riservato", actual null).
 */
export function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  return handleApi(request, async () => {
    const { code } = parseParams(ZonePath, await params);
    const query = parseParams(ZoneTargetsQuery, queryObject(new URL(request.url).searchParams));
    // 404 for an unknown zone, 403 for a zone of others: before anything about the zone is read.
    const principal = await requireApi(request, "zone.read", code);
    if (principal instanceof Response) return principal;
    const items = await zoneTargetItems(await serverDb(), code, principal, { year: query.year, planId: query.plan });
    return jsonList(request, pageInMemory(request, items, query.limit, query.cursor));
  });
}
