import { serverDb } from "@/db/server";
import { zoneOpenData } from "@/db/queries/opendata";
import { env } from "@/lib/env";
import { handleApi, jsonRead } from "@/lib/api/respond";
import { parseParams, ZonePath } from "@/lib/api/params";
import { NotFoundError } from "@/lib/errors";
import { dcatCatalog } from "@/lib/opendata/dcat";

/**
 * GET /api/v1/opendata/zones/{code}/catalog → the DCAT-AP_IT catalogue of the
 * zone's open data (JSON-LD) for portals to harvest. Public: it lists only the
 * tables of published editions, which passed disclosure control.
 */
export function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  return handleApi(request, async () => {
    const { code } = parseParams(ZonePath, await params);
    const data = await zoneOpenData(await serverDb(), code);
    if (!data) throw new NotFoundError(`Zona ${code} non trovata.`);
    const baseUrl = (env().BETTER_AUTH_URL ?? new URL(request.url).origin).replace(/\/+$/, "");
    const catalog = dcatCatalog({ baseUrl, ...data, today: new Date().toISOString().slice(0, 10) });
    return jsonRead(request, catalog, { "content-type": "application/ld+json; charset=utf-8", "access-control-allow-origin": "*" });
  });
}
