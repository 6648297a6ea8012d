import { NextResponse } from "next/server";
import { serverDatabase } from "@/db/server";
import { revertBatch, RevertError } from "@/imports/load/revert";
import { handleApi, jsonError } from "../../../_shared/respond";
import { authenticateApi, requireApi } from "@/app/_auth/access";

/** POST /api/v1/imports/{id}/revert → undoes a committed batch: {batchId, removed, restored}. */
export function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleApi(async () => {
    const who = await authenticateApi(request); // before the lookup: anonymous requests must not learn which batches exist
    if (who instanceof Response) return who;
    const id = Number((await params).id);
    if (!Number.isInteger(id) || id <= 0) return jsonError(400, "Identificativo del caricamento non valido.");
    const handle = await serverDatabase();
    const batch = await handle.db.selectFrom("import_batch").select("zone_code").where("id", "=", id).executeTakeFirst();
    if (!batch) return jsonError(404, `Il caricamento ${id} non esiste.`);
    const principal = await requireApi(who, batch.zone_code ? "imports.write" : "admin", batch.zone_code);
    if (principal instanceof Response) return principal;
    try {
      const result = await revertBatch(handle, id, principal.label);
      return NextResponse.json(result);
    } catch (error) {
      if (error instanceof RevertError) return jsonError(409, error.message);
      throw error;
    }
  });
}
