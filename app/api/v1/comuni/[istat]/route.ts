import { serverDb } from "@/db/server";
import { comuneProfile, comuneZone } from "@/db/queries/comune-profile";
import { authenticateApi, requireApi } from "@/app/_auth/access";
import { NotFoundError } from "@/lib/errors";
import { handleApi, jsonRead } from "@/lib/api/respond";
import { ComunePath, parseParams } from "@/lib/api/params";
import type { ComuneProfileBody } from "@/lib/api/schemas";

/** GET /api/v1/comuni/{istat} → the comune's profile: indicators by year, zone values, rank, fragility, resources, services. */
export function GET(request: Request, { params }: { params: Promise<{ istat: string }> }) {
  return handleApi(request, async () => {
    const who = await authenticateApi(request); // before the lookup: anonymous requests must not learn which comuni exist
    if (who instanceof Response) return who;
    const { istat } = parseParams(ComunePath, await params);
    const db = await serverDb();
    const comune = await comuneZone(db, istat);
    if (!comune) throw new NotFoundError(`Comune ${istat} non trovato o non assegnato a una zona sociale.`);
    const principal = await requireApi(who, "zone.read", comune.zoneCode);
    if (principal instanceof Response) return principal;
    // Values as shown to this principal: withheld counts are null (db/queries/values.ts).
    const profile = await comuneProfile(db, istat, principal);
    if (!profile) throw new NotFoundError(`Comune ${istat} non trovato.`);
    const body: ComuneProfileBody = {
      ...profile,
      indicators: profile.indicators.map((i) => ({ code: i.def.code, name: i.def.name, unit: i.def.unit, series: i.series, latest: i.latest, zone: i.zone, region: i.region, rank: i.rank, of: i.of })),
    };
    return jsonRead(request, body);
  });
}
