import type { NextRequest } from "next/server";
import { serverDb } from "@/db/server";
import type { Db } from "@/db/queries/zones";
import { comuneZone } from "@/db/queries/comune-profile";
import { authenticateApi, requireApi } from "@/app/_auth/access";
import { NotFoundError } from "@/lib/errors";
import { handleApi } from "@/lib/api/respond";
import { ComunePath, parseParams, ZonePath } from "@/lib/api/params";
import { csvFormatOf, exportResponse, type ExportFormat, type ExportTable } from "@/lib/export/table";
import type { Principal } from "@/lib/auth/roles";

/**
 * Route handlers for the CSV and XLSX downloads of the tables a page shows.
 * The loader reads the same URL filters as the page, so a download always
 * matches the view it came from; access is checked as for the API, and errors
 * are problem+json like the API's (ExportRequestError is a 400). The loader
 * gets the principal, so that the values it reads are disclosure controlled
 * exactly as on the page (db/queries/values.ts). A CSV route answers for
 * Italian Excel, or with `formato=standard` in the standard dialect
 * (lib/export/csv.ts).
 */
export type ZoneTableLoader = (db: Db, zoneCode: string, search: URLSearchParams, principal: Principal) => Promise<ExportTable | null>;

async function respond(format: ExportFormat, search: URLSearchParams, load: () => Promise<ExportTable | null>): Promise<Response> {
  const chosen = format === "xlsx" ? format : csvFormatOf(search);
  const table = await load();
  if (!table) throw new NotFoundError("Nessuna tabella da scaricare con questi filtri.");
  return exportResponse(chosen, table);
}

type ZoneContext = { params: Promise<{ code: string }> };
type ComuneContext = { params: Promise<{ istat: string }> };

export function zoneTableRoute(format: ExportFormat, load: ZoneTableLoader) {
  return (request: NextRequest, { params }: ZoneContext): Promise<Response> =>
    handleApi(request, async () => {
      const { code } = parseParams(ZonePath, await params);
      const principal = await requireApi(request, "zone.read", code);
      if (principal instanceof Response) return principal;
      const db = await serverDb();
      return respond(format, request.nextUrl.searchParams, () => load(db, code, request.nextUrl.searchParams, principal));
    });
}

export type ComuneTableLoader = (db: Db, istat: string, search: URLSearchParams, principal: Principal) => Promise<ExportTable | null>;

export function comuneTableRoute(format: ExportFormat, load: ComuneTableLoader) {
  return (request: NextRequest, { params }: ComuneContext): Promise<Response> =>
    handleApi(request, async () => {
      // Authenticated before the lookup: an anonymous request must not learn which comuni exist.
      const who = await authenticateApi(request);
      if (who instanceof Response) return who;
      const { istat } = parseParams(ComunePath, await params);
      const db = await serverDb();
      const comune = await comuneZone(db, istat);
      if (!comune) throw new NotFoundError(`Comune ${istat} non trovato o non assegnato a una zona sociale.`);
      const principal = await requireApi(who, "zone.read", comune.zoneCode);
      if (principal instanceof Response) return principal;
      return respond(format, request.nextUrl.searchParams, () => load(db, istat, request.nextUrl.searchParams, principal));
    });
}
