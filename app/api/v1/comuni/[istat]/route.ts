import { NextResponse } from "next/server";
import { serverDb } from "@/db/server";
import { comuneProfile, comuneZone } from "@/db/queries/comune-profile";
import { authenticateApi, requireApi } from "@/app/_auth/access";
import { handleApi, jsonError } from "../../_shared/respond";

/** GET /api/v1/comuni/{istat} → the comune's profile: indicators by year, zone values, rank, fragility, resources, services. */
export function GET(request: Request, { params }: { params: Promise<{ istat: string }> }) {
  return handleApi(async () => {
    const { istat } = await params;
    const who = await authenticateApi(request); // before the lookup: anonymous requests must not learn which comuni exist
    if (who instanceof Response) return who;
    if (!/^\d{6}$/.test(istat)) return jsonError(400, "Codice ISTAT di 6 cifre atteso.");
    const db = await serverDb();
    const comune = await comuneZone(db, istat);
    if (!comune) return jsonError(404, `Comune ${istat} non trovato o non assegnato a una zona sociale.`);
    const principal = await requireApi(who, "zone.read", comune.zoneCode);
    if (principal instanceof Response) return principal;
    const profile = await comuneProfile(db, istat);
    if (!profile) return jsonError(404, `Comune ${istat} non trovato.`);
    return NextResponse.json({
      ...profile,
      indicators: profile.indicators.map((i) => ({ code: i.def.code, name: i.def.name, unit: i.def.unit, series: i.series, latest: i.latest, zone: i.zone, region: i.region, rank: i.rank, of: i.of })),
    });
  });
}
