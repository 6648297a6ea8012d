import { serverDb } from "@/db/server";
import { zoneQualityItems } from "@/db/queries/services-api";
import { requireApi } from "@/app/_auth/access";
import { handleApi, jsonList } from "@/lib/api/respond";
import { pageInMemory } from "@/lib/api/pagination";
import { parseParams, queryObject, ZonePath } from "@/lib/api/params";
import { ZoneQualityQuery } from "../../../_contract/requests";

/**
 * GET /api/v1/zones/{code}/quality[?year=Y&service=S]
 * → {items: [{service, year, metrics: [{code, value, state, standard, status, rule, trend…}], coverage, spendingPerUser}], next}:
 * the Qualità page in one year; counts of people protected for this reader.
 */
export function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  return handleApi(request, async () => {
    const { code } = parseParams(ZonePath, await params);
    const query = parseParams(ZoneQualityQuery, queryObject(new URL(request.url).searchParams));
    const principal = await requireApi(request, "zone.read", code);
    if (principal instanceof Response) return principal;
    const items = await zoneQualityItems(await serverDb(), code, principal, { year: query.year, service: query.service });
    return jsonList(request, pageInMemory(request, items, query.limit, query.cursor));
  });
}
