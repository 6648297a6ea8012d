import { serverDatabase } from "@/db/server";
import { batchZone } from "@/db/queries/imports";
import { revertBatch } from "@/imports/load/revert";
import { authenticateApi, requireApi } from "@/app/_auth/access";
import { NotFoundError } from "@/lib/errors";
import { handleApi, jsonWrite } from "@/lib/api/respond";
import { BatchPath, parseParams } from "@/lib/api/params";

/**
 * POST /api/v1/imports/{id}/revert → undoes a committed batch: {batchId, removed, restored}.
 * An id that is not a positive integer within bigint is a 400 before any query;
 * a batch that a later one replaced is a 409 (RevertError is a ConflictError).
 */
export function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleApi(request, async () => {
    const who = await authenticateApi(request); // before the lookup: anonymous requests must not learn which batches exist
    if (who instanceof Response) return who;
    const { id } = parseParams(BatchPath, await params);
    const handle = await serverDatabase();
    const batch = await batchZone(handle.db, id);
    if (!batch) throw new NotFoundError(`Il caricamento ${id} non esiste.`);
    const principal = await requireApi(who, batch.zoneCode ? "imports.write" : "admin", batch.zoneCode);
    if (principal instanceof Response) return principal;
    return jsonWrite(await revertBatch(handle, id, principal.label));
  });
}
