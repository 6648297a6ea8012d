import { serverDb } from "@/db/server";
import { listZones } from "@/db/queries/zones";
import { requireApi } from "@/app/_auth/access";
import { zoneScope } from "@/lib/auth/roles";
import { handleApi, jsonList } from "@/lib/api/respond";
import { pageInMemory } from "@/lib/api/pagination";
import { ListQuery } from "../_contract/requests";
import { parseParams, queryObject } from "@/lib/api/params";
import type { ZoneBody } from "@/lib/api/schemas";

/** GET /api/v1/zones → {items: [{code, name, region, capofila, capofilaIstat}], next}: the zones the caller may see. */
export function GET(request: Request) {
  return handleApi(request, async () => {
    const query = parseParams(ListQuery, queryObject(new URL(request.url).searchParams));
    const principal = await requireApi(request, "zone.read");
    if (principal instanceof Response) return principal;
    const zones = await listZones(await serverDb(), zoneScope(principal));
    const items = zones.map((z): ZoneBody => ({ code: z.code, name: z.name, region: z.region, capofila: z.capofila, capofilaIstat: z.capofilaIstat }));
    return jsonList(request, pageInMemory(request, items, query.limit, query.cursor));
  });
}
