import { NextResponse } from "next/server";
import { serverDb } from "@/db/server";
import { listZones } from "@/db/queries/zones";
import { handleApi } from "../_shared/respond";

/** GET /api/v1/zones → [{ code, name, region, capofila }] */
export function GET() {
  return handleApi(async () => {
    const zones = await listZones(await serverDb());
    return NextResponse.json(
      zones.map((z) => ({ code: z.code, name: z.name, region: z.region, capofila: z.capofila, capofilaIstat: z.capofilaIstat })),
    );
  });
}
