import { NextResponse, type NextRequest } from "next/server";
import { serverDb } from "@/db/server";
import { FragilityRequestError, zoneFragility } from "@/db/queries/fragility";
import { zoneYears } from "@/db/queries/indicators";
import { requireApi } from "@/app/_auth/access";
import { handleApi, jsonError } from "../../../_shared/respond";
import { FragilitySearch } from "@/app/zone/[code]/fragilita/search-params";

/**
 * GET /api/v1/zones/{zona}/fragility?year=Y[&base=B][&indicators=A,B,…]
 * → {year, base, method: "AMPI+", indicators: [{code, polarity, reference, min, max}],
 *    comuni: [{istat, name, index, rank, decile, components: [{indicator, value, normalized}]}]}
 */
export function GET(request: NextRequest, { params }: { params: Promise<{ code: string }> }) {
  return handleApi(async () => {
    const { code } = await params;
    const principal = await requireApi(request, "zone.read", code);
    if (principal instanceof Response) return principal;
    const q = request.nextUrl.searchParams;
    const parsed = FragilitySearch.safeParse({ anno: q.get("year") ?? undefined, base: q.get("base") ?? undefined, indicatori: q.getAll("indicators").join(",") || undefined });
    if (!parsed.success) return jsonError(400, "Parametri non validi: year e base sono anni (es. 2024), indicators codici separati da virgole.");
    const db = await serverDb();
    const year = parsed.data.anno ?? (await zoneYears(db, code)).at(-1);
    if (year === undefined) return jsonError(404, `Nessun dato per la zona ${code}.`);
    try {
      const result = await zoneFragility(db, code, { year, baseYear: parsed.data.base, indicators: parsed.data.indicatori });
      return NextResponse.json({
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
      });
    } catch (error) {
      if (error instanceof FragilityRequestError || error instanceof RangeError) return jsonError(400, error.message);
      throw error;
    }
  });
}
