import { serverDb } from "@/db/server";
import { indicatorYearValues, selectIndicatorYears } from "@/db/queries/values-api";
import { requireApi } from "@/app/_auth/access";
import { handleApi, jsonList } from "@/lib/api/respond";
import { pageInMemory } from "@/lib/api/pagination";
import { parseParams, queryObject, ZonePath } from "@/lib/api/params";
import { ZoneValuesQuery } from "../../../_contract/requests";

/**
 * GET /api/v1/zones/{code}/values[?indicators=A,B][&years=2023,2024][&comune=ISTAT][&limit=N][&cursor=C]
 * → {items: [{indicator, name, unit, decimals, year, origin, comuni: [...], zoneRow, zone}], next}:
 * one item per indicator and year, the values as Territorio and the scheda
 * show them to this reader (withheld counts of people null, disclosure "suppressed").
 * Pages split the (indicator, year) pairs, so each page reads only its own.
 */
export function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  return handleApi(request, async () => {
    const { code } = parseParams(ZonePath, await params);
    const query = parseParams(ZoneValuesQuery, queryObject(new URL(request.url).searchParams, ["indicators", "years"]));
    // 404 for an unknown zone, 403 for a zone of others: before anything about the zone is read.
    const principal = await requireApi(request, "zone.read", code);
    if (principal instanceof Response) return principal;
    const db = await serverDb();
    const pairs = await selectIndicatorYears(db, code, query);
    const page = pageInMemory(request, pairs, query.limit, query.cursor);
    const items = await indicatorYearValues(db, code, page.items, { principal, comune: query.comune });
    return jsonList(request, { items, next: page.next });
  });
}
