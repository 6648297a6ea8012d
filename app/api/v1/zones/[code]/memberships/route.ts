import { serverDb } from "@/db/server";
import { zoneMemberHistory } from "@/db/queries/membership";
import { requireApi } from "@/app/_auth/access";
import { handleApi, jsonList } from "@/lib/api/respond";
import { pageInMemory } from "@/lib/api/pagination";
import { ListQuery } from "../../../_contract/requests";
import { parseParams, queryObject, ZonePath } from "@/lib/api/params";
import type { ZoneMembershipBody } from "@/lib/api/schemas";

/** GET /api/v1/zones/{code}/memberships → {items: [{istat, name, part, validFrom, validTo, firstYear, lastYear, successorIstat…}], next} */
export function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  return handleApi(request, async () => {
    const { code } = parseParams(ZonePath, await params);
    const query = parseParams(ListQuery, queryObject(new URL(request.url).searchParams));
    // requireApi answers 404 for an unknown zone and 403 for a zone of others.
    const principal = await requireApi(request, "zone.read", code);
    if (principal instanceof Response) return principal;
    const members = await zoneMemberHistory(await serverDb(), code);
    const items = members.map(
      (m): ZoneMembershipBody => ({
        istat: m.istat,
        name: m.name,
        province: m.province,
        part: m.part,
        share: m.share,
        validFrom: m.validFrom,
        validTo: m.validTo,
        firstYear: m.firstYear,
        lastYear: m.lastYear,
        current: m.current,
        suppressedOn: m.suppressedOn,
        successorIstat: m.successor?.istat ?? null,
        successorName: m.successor?.name ?? null,
      }),
    );
    return jsonList(request, pageInMemory(request, items, query.limit, query.cursor));
  });
}
