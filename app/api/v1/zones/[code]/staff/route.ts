import { serverDb } from "@/db/server";
import { zoneStaffBody } from "@/db/queries/services-api";
import { requireApi } from "@/app/_auth/access";
import { handleApi, jsonRead } from "@/lib/api/respond";
import { parseParams, queryObject, ZonePath } from "@/lib/api/params";
import { ZoneStaffQuery } from "../../../_contract/requests";

/**
 * GET /api/v1/zones/{code}/staff[?year=Y]
 * → {year, asOf, totalFte, lepsSocialWorkersFte, per10000, byProfile, byEmployer, byService, bySede}:
 * the Personale page in one year.
 */
export function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  return handleApi(request, async () => {
    const { code } = parseParams(ZonePath, await params);
    const query = parseParams(ZoneStaffQuery, queryObject(new URL(request.url).searchParams));
    const principal = await requireApi(request, "zone.read", code);
    if (principal instanceof Response) return principal;
    return jsonRead(request, await zoneStaffBody(await serverDb(), code, { year: query.year }));
  });
}
