import { serverDb } from "@/db/server";
import { zoneServiceItems } from "@/db/queries/services-api";
import { requireApi } from "@/app/_auth/access";
import { handleApi, jsonList } from "@/lib/api/respond";
import { pageInMemory } from "@/lib/api/pagination";
import { parseParams, queryObject, ZonePath } from "@/lib/api/params";
import { ZoneServicesQuery } from "../../../_contract/requests";

/**
 * GET /api/v1/zones/{code}/services[?area=&category=]
 * → {items: [{code, name, area, spendingType, category, nomenclatore, managementMode, managingBody, comuni, sedi}], next}:
 * the zone's service catalogue, as the Servizi page lists it.
 */
export function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  return handleApi(request, async () => {
    const { code } = parseParams(ZonePath, await params);
    const query = parseParams(ZoneServicesQuery, queryObject(new URL(request.url).searchParams));
    const principal = await requireApi(request, "zone.read", code);
    if (principal instanceof Response) return principal;
    const items = await zoneServiceItems(await serverDb(), code, { area: query.area, category: query.category });
    return jsonList(request, pageInMemory(request, items, query.limit, query.cursor));
  });
}
