import type { DatabaseHandle } from "@/db/client";
import { toNumber } from "@/db/queries/convert";
import { withImportSession } from "./session";

const VERSIONED_TABLES = ["observation", "budget_line", "service", "target", "resource", "comune_boundary"] as const;

export class RevertError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RevertError";
  }
}

export interface RevertResult {
  batchId: number;
  removed: number;
  restored: number;
}

/**
 * Undoes a committed batch: deletes the rows it wrote and makes current again
 * the rows it had replaced, so every value is exactly as before the import.
 * Refused when a later batch replaced some of its rows (undo that one first).
 */
export async function revertBatch(handle: DatabaseHandle, batchId: number, actor: string | null): Promise<RevertResult> {
  const batch = await handle.db
    .selectFrom("import_batch")
    .select(["id", "status", "zone_code", "kind"])
    .where("id", "=", batchId)
    .executeTakeFirst();
  if (!batch) throw new RevertError(`Il caricamento ${batchId} non esiste.`);
  if (batch.status !== "committed") {
    throw new RevertError(`Il caricamento ${batchId} non è attivo (stato: ${batch.status}): non c'è nulla da annullare.`);
  }

  return withImportSession(handle, { zoneCode: batch.zone_code, rollback: false }, async ({ trx }) => {
    for (const table of VERSIONED_TABLES) {
      const later = await trx
        .selectFrom(table)
        .select("replaced_by_batch")
        .where("batch_id", "=", batchId)
        .where("replaced_by_batch", "is not", null)
        .limit(1)
        .executeTakeFirst();
      if (later?.replaced_by_batch != null) {
        throw new RevertError(
          `Il caricamento ${String(later.replaced_by_batch)} ha sostituito valori del caricamento ${batchId}: ` +
            `annullare prima il caricamento ${String(later.replaced_by_batch)}.`,
        );
      }
    }
    let removed = 0;
    let restored = 0;
    for (const table of VERSIONED_TABLES) {
      const del = await trx.deleteFrom(table).where("batch_id", "=", batchId).executeTakeFirst();
      removed += toNumber(del.numDeletedRows);
      const upd = await trx
        .updateTable(table)
        .set({ replaced_by_batch: null })
        .where("replaced_by_batch", "=", batchId)
        .executeTakeFirst();
      restored += toNumber(upd.numUpdatedRows);
    }
    await trx
      .updateTable("import_batch")
      .set({ status: "reverted", reverted_at: new Date() })
      .where("id", "=", batchId)
      .execute();
    await trx
      .insertInto("audit_event")
      .values({
        actor,
        action: "import.revert",
        zone_code: batch.zone_code,
        subject: `import_batch:${batchId}`,
        details: JSON.stringify({ kind: batch.kind, removed, restored }),
      })
      .execute();
    return { batchId, removed, restored };
  });
}
