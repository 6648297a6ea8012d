import { NextResponse } from "next/server";
import { serverDb } from "@/db/server";
import { getZone } from "@/db/queries/zones";
import { listComuniOfZone } from "@/db/queries/comuni";
import { handleApi, jsonError } from "../../../_shared/respond";
import { requireApi } from "@/app/_auth/access";

/** GET /api/v1/zones/{code}/comuni → [{ istat, name, province, population, year }] */
export function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  return handleApi(async () => {
    const { code } = await params;
    const principal = await requireApi(request, "zone.read", code);
    if (principal instanceof Response) return principal;
    const db = await serverDb();
    if (!(await getZone(db, code))) return jsonError(404, `Zona sociale "${code}" non trovata.`);
    const comuni = await listComuniOfZone(db, code);
    return NextResponse.json(
      comuni.map((c) => ({ istat: c.istat, name: c.name, province: c.province, population: c.population, year: c.year })),
    );
  });
}
