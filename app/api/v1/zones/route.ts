import { NextResponse } from "next/server";
import { serverDb } from "@/db/server";
import { listZones } from "@/db/queries/zones";
import { handleApi } from "../_shared/respond";
import { requireApi } from "@/app/_auth/access";
import { zoneScope } from "@/lib/auth/roles";

/** GET /api/v1/zones → [{ code, name, region, capofila }], the zones the caller may see. */
export function GET(request: Request) {
  return handleApi(async () => {
    const principal = await requireApi(request, "zone.read");
    if (principal instanceof Response) return principal;
    const zones = await listZones(await serverDb(), zoneScope(principal));
    return NextResponse.json(
      zones.map((z) => ({ code: z.code, name: z.name, region: z.region, capofila: z.capofila, capofilaIstat: z.capofilaIstat })),
    );
  });
}
