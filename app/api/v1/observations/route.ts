import { z } from "zod";
import { serverDb } from "@/db/server";
import { indicatorExists, listObservationPage, withDisclosure } from "@/db/queries/observations";
import { requireApi } from "@/app/_auth/access";
import { NotFoundError } from "@/lib/errors";
import { handleApi, jsonList } from "@/lib/api/respond";
import { decodeCursor, pageOf } from "@/lib/api/pagination";
import { parseParams, queryObject } from "@/lib/api/params";
import { ObservationsQuery } from "../_contract/requests";

const Position = z.object({ id: z.int().min(0) });

/**
 * GET /api/v1/observations?indicator=CODE&zona=CODE[&period=P][&limit=N][&cursor=C]
 * → {items: [{id, istat, comune, period, value, numerator, denominator, batchId}], next}:
 * the stored rows as loaded (istat null: a value of the whole zone). Derived
 * indicators are computed at read time and are in /zones/{code}/values instead.
 */
export function GET(request: Request) {
  return handleApi(request, async () => {
    const query = parseParams(ObservationsQuery, queryObject(new URL(request.url).searchParams));
    const principal = await requireApi(request, "zone.read", query.zona);
    if (principal instanceof Response) return principal;
    const db = await serverDb();
    if (!(await indicatorExists(db, query.indicator))) throw new NotFoundError(`Indicatore "${query.indicator}" non presente nel catalogo.`);
    const after = decodeCursor(Position, query.cursor);
    const stored = await listObservationPage(db, { zoneCode: query.zona, indicator: query.indicator, period: query.period, afterId: after?.id, limit: query.limit + 1 });
    // Disclosure controlled for this principal in the query layer (db/queries/values.ts): withheld counts are null.
    const rows = await withDisclosure(db, query.zona, query.indicator, stored, principal);
    return jsonList(request, pageOf(request, rows, query.limit, (last) => ({ id: last.id })));
  });
}
