import type { NextRequest } from "next/server";
import { serverDb } from "@/db/server";
import type { Db } from "@/db/queries/zones";
import { comuneZone } from "@/db/queries/comune-profile";
import { authenticateApi, requireApi } from "@/app/_auth/access";
import { handleApi, jsonError } from "@/app/api/v1/_shared/respond";
import { exportResponse, ExportRequestError, type ExportFormat, type ExportTable } from "@/lib/export/table";

/**
 * Route handlers for the CSV and XLSX downloads of the tables a page shows.
 * The loader reads the same URL filters as the page, so a download always
 * matches the view it came from; access is checked as for the API.
 */
export type ZoneTableLoader = (db: Db, zoneCode: string, search: URLSearchParams) => Promise<ExportTable | null>;

async function respond(format: ExportFormat, load: () => Promise<ExportTable | null>): Promise<Response> {
  try {
    const table = await load();
    if (!table) return jsonError(404, "Nessuna tabella da scaricare con questi filtri.");
    return await exportResponse(format, table);
  } catch (error) {
    if (error instanceof ExportRequestError) return jsonError(400, error.message);
    throw error;
  }
}

type ZoneContext = { params: Promise<{ code: string }> };
type ComuneContext = { params: Promise<{ istat: string }> };

export function zoneTableRoute(format: ExportFormat, load: ZoneTableLoader) {
  return (request: NextRequest, { params }: ZoneContext): Promise<Response> =>
    handleApi(async () => {
      const { code } = await params;
      const principal = await requireApi(request, "zone.read", code);
      if (principal instanceof Response) return principal;
      const db = await serverDb();
      return respond(format, () => load(db, code, request.nextUrl.searchParams));
    });
}

export type ComuneTableLoader = (db: Db, istat: string, search: URLSearchParams) => Promise<ExportTable | null>;

export function comuneTableRoute(format: ExportFormat, load: ComuneTableLoader) {
  return (request: NextRequest, { params }: ComuneContext): Promise<Response> =>
    handleApi(async () => {
      const { istat } = await params;
      // Authenticated before the lookup: an anonymous request must not learn which comuni exist.
      const who = await authenticateApi(request);
      if (who instanceof Response) return who;
      if (!/^\d{6}$/.test(istat)) return jsonError(400, "Codice ISTAT di 6 cifre atteso.");
      const db = await serverDb();
      const comune = await comuneZone(db, istat);
      if (!comune) return jsonError(404, `Comune ${istat} non trovato o non assegnato a una zona sociale.`);
      const principal = await requireApi(who, "zone.read", comune.zoneCode);
      if (principal instanceof Response) return principal;
      return respond(format, () => load(db, istat, request.nextUrl.searchParams));
    });
}
