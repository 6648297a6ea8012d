import { serverDb } from "@/db/server";
import { zoneLeps } from "@/db/queries/plan-api";
import { requireApi } from "@/app/_auth/access";
import { handleApi, jsonRead } from "@/lib/api/respond";
import { parseParams, queryObject, ZonePath } from "@/lib/api/params";
import { ZoneLepsQuery } from "../../../_contract/requests";

/**
 * GET /api/v1/zones/{code}/leps[?year=Y]
 * → {year, socialWorkers: {population, fte, residentsPerAs, level, incentive, …},
 *    nidi: {coverage, places, children, target, targetYear}, checklist: [{code, state, evidence, …}]}:
 * the LEPS page of the zone in one year, from the values as shown to this reader.
 */
export function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  return handleApi(request, async () => {
    const { code } = parseParams(ZonePath, await params);
    const query = parseParams(ZoneLepsQuery, queryObject(new URL(request.url).searchParams));
    const principal = await requireApi(request, "zone.read", code);
    if (principal instanceof Response) return principal;
    return jsonRead(request, await zoneLeps(await serverDb(), code, principal, { year: query.year }));
  });
}
