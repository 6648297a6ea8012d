import { serverDb } from "@/db/server";
import { zoneFragility } from "@/db/queries/fragility";
import { zoneDefaultYear } from "@/db/queries/values";
import { requireApi } from "@/app/_auth/access";
import { NotFoundError, UnprocessableError } from "@/lib/errors";
import { handleApi, jsonRead } from "@/lib/api/respond";
import { parseParams, queryObject, ZonePath } from "@/lib/api/params";
import type { FragilityBody } from "@/lib/api/schemas";
import { FragilityQuery } from "../../../_contract/requests";

/**
 * GET /api/v1/zones/{code}/fragility?year=Y[&base=B][&indicators=A,B,…]
 * → {year, base, method: "AMPI+", indicators: [{code, polarity, reference, min, max}],
 *    comuni: [{istat, name, index, rank, decile, change, excluded, components: [{indicator, value, normalized}]}]}
 * Malformed parameters → 400; an index that cannot be computed with these choices → 422.
 */
export function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  return handleApi(request, async () => {
    const { code } = parseParams(ZonePath, await params);
    const query = parseParams(FragilityQuery, queryObject(new URL(request.url).searchParams, ["indicators"]));
    const principal = await requireApi(request, "zone.read", code);
    if (principal instanceof Response) return principal;
    const db = await serverDb();
    // The same default year as the pages (the latest with the zone's data complete).
    const year = query.year ?? (await zoneDefaultYear(db, code)) ?? undefined;
    if (year === undefined) throw new NotFoundError(`Nessun dato per la zona ${code}.`);
    // Disclosure controlled for this principal: components on withheld counts, and their index, are null.
    const result = await zoneFragility(db, code, { year, baseYear: query.base, indicators: query.indicators, principal }).catch((error: unknown) => {
      // The AMPI computation refuses impossible inputs with a RangeError (Italian message): the request is the cause.
      throw error instanceof RangeError ? new UnprocessableError(error.message) : error;
    });
    const body: FragilityBody = {
      year: result.year,
      base: result.baseYear,
      method: result.method,
      indicators: result.indicators,
      comuni: result.units.map((u) => ({
        istat: u.unit,
        name: u.name,
        index: u.index,
        rank: u.rank,
        decile: u.decile,
        change: u.change,
        excluded: u.excluded ? u.exclusionReason : null,
        components: u.components,
      })),
    };
    return jsonRead(request, body);
  });
}
