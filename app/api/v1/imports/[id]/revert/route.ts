import { NextResponse } from "next/server";
import { serverDatabase } from "@/db/server";
import { revertBatch, RevertError } from "@/imports/load/revert";
import { handleApi, jsonError } from "../../../_shared/respond";

/** POST /api/v1/imports/{id}/revert → undoes a committed batch: {batchId, removed, restored}. */
export function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleApi(async () => {
    const id = Number((await params).id);
    if (!Number.isInteger(id) || id <= 0) return jsonError(400, "Identificativo del caricamento non valido.");
    try {
      const result = await revertBatch(await serverDatabase(), id, "web");
      return NextResponse.json(result);
    } catch (error) {
      if (error instanceof RevertError) return jsonError(409, error.message);
      throw error;
    }
  });
}
