import { serverDb } from "@/db/server";
import { listComuniOfZone } from "@/db/queries/comuni";
import { requireApi } from "@/app/_auth/access";
import { handleApi, jsonList } from "@/lib/api/respond";
import { pageInMemory } from "@/lib/api/pagination";
import { ListQuery } from "../../../_contract/requests";
import { parseParams, queryObject, ZonePath } from "@/lib/api/params";
import type { ComuneOfZoneBody } from "@/lib/api/schemas";

/** GET /api/v1/zones/{code}/comuni → {items: [{istat, name, province, population, year}], next} */
export function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  return handleApi(request, async () => {
    const { code } = parseParams(ZonePath, await params);
    const query = parseParams(ListQuery, queryObject(new URL(request.url).searchParams));
    // requireApi answers 404 for an unknown zone and 403 for a zone of others.
    const principal = await requireApi(request, "zone.read", code);
    if (principal instanceof Response) return principal;
    const comuni = await listComuniOfZone(await serverDb(), code);
    const items = comuni.map((c): ComuneOfZoneBody => ({ istat: c.istat, name: c.name, province: c.province, population: c.population, year: c.year }));
    return jsonList(request, pageInMemory(request, items, query.limit, query.cursor));
  });
}
