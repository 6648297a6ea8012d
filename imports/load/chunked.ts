import { sql } from "kysely";
import type { DatabaseHandle } from "@/db/client";
import type { Db } from "@/db/queries/zones";
import { toNumber } from "@/db/queries/convert";
import { BLOCK_ROWS } from "./versioned";
import { importLockKey, inZoneQueue, yieldToOthers } from "./session";

/**
 * How a chunked `valori` import publishes its rows (see imports/load/session.ts):
 *
 * 1. the batch row is created in the state 'applying';
 * 2. block by block, in short transactions, the rows it replaces get
 *    `replaced_by_batch` and its rows are inserted: readers do not see the new
 *    rows and still see the replaced ones (db/queries/current.ts), and the
 *    unique index of current rows stays valid at every commit;
 * 3. one small transaction turns the batch 'committed' (with its audit event):
 *    from then on readers see the new rows and not the replaced ones.
 *
 * A failure during 2 undoes the batch (`undoApplyingBatch`); a process killed
 * during 2 leaves the batch 'applying', undone at the next start
 * (`recoverInterruptedImports`). Either way nothing of it was ever visible.
 */

/** Step 3: the batch's rows become the current ones. */
export async function publishBatch(trx: Db, batchId: number): Promise<void> {
  await trx.updateTable("import_batch").set({ status: "committed", committed_at: new Date() }).where("id", "=", batchId).where("status", "=", "applying").execute();
}

/**
 * Removes what an 'applying' batch wrote, in short transactions: first its own
 * rows, then the rows it had replaced are current again (in this order the
 * unique index of current rows holds at every commit; while the batch is
 * still 'applying' readers see the same thing throughout). Then the batch is 'failed'.
 */
export async function undoApplyingBatch(batchId: number, step: <T>(work: (trx: Db) => Promise<T>) => Promise<T>): Promise<{ removed: number; restored: number }> {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion
  const batch = Number(batchId);
  let removed = 0;
  let restored = 0;
  for (;;) {
    const n = await step(async (trx) => {
      // By the primary key (zone_code, id): db/distribution.ts.
      const r = await sql.raw(`delete from observation where (zone_code, id) in (select zone_code, id from observation where batch_id = ${batch} limit ${BLOCK_ROWS})`).execute(trx);
      return toNumber(r.numAffectedRows ?? 0);
    });
    removed += n;
    if (n === 0) break;
  }
  for (;;) {
    const n = await step(async (trx) => {
      const r = await sql
        .raw(`update observation set replaced_by_batch = null where (zone_code, id) in (select zone_code, id from observation where replaced_by_batch = ${batch} limit ${BLOCK_ROWS})`)
        .execute(trx);
      return toNumber(r.numAffectedRows ?? 0);
    });
    restored += n;
    if (n === 0) break;
  }
  await step((trx) => trx.updateTable("import_batch").set({ status: "failed" }).where("id", "=", batch).execute());
  return { removed, restored };
}

export interface RecoveredBatch {
  batchId: number;
  zoneCode: string | null;
  fileName: string;
  removed: number;
  restored: number;
}

/**
 * At start-up: batches left 'applying' by a process that died in the middle of
 * writing (kill -9, power cut, a backup taken meanwhile) are undone and marked
 * 'failed', with a log line and an audit event. On PostgreSQL a batch whose
 * importer still holds its zone's advisory lock (another process, alive) is left alone.
 */
export async function recoverInterruptedImports(handle: DatabaseHandle, log: (message: string) => void = (m) => console.warn(m)): Promise<RecoveredBatch[]> {
  const exists = await sql<{ t: string | null }>`select to_regclass('import_batch')::text as t`.execute(handle.db);
  if (!exists.rows[0]?.t) return [];
  const pending = await handle.db.selectFrom("import_batch").select(["id", "zone_code", "file_name"]).where("status", "=", "applying").orderBy("id").execute();
  const recovered: RecoveredBatch[] = [];
  for (const b of pending) {
    const batchId = toNumber(b.id);
    const undo = async (): Promise<{ removed: number; restored: number } | null> => {
      if (handle.kind === "postgres") {
        // One transaction under the zone's lock: PostgreSQL's readers are not blocked by it.
        return handle.db.transaction().execute(async (trx) => {
          const got = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(hashtext(${importLockKey(b.zone_code)})) as ok`.execute(trx);
          if (!got.rows[0]?.ok) return null;
          const still = await trx.selectFrom("import_batch").select("status").where("id", "=", batchId).executeTakeFirst();
          if (still?.status !== "applying") return null;
          return undoApplyingBatch(batchId, (work) => work(trx));
        });
      }
      return undoApplyingBatch(batchId, async (work) => {
        const result = await handle.db.transaction().execute(work);
        await yieldToOthers();
        return result;
      });
    };
    const result = await inZoneQueue(importLockKey(b.zone_code), undo);
    if (!result) continue;
    await handle.db
      .insertInto("audit_event")
      .values({ actor: null, action: "import.recover", zone_code: b.zone_code, subject: `import_batch:${batchId}`, details: JSON.stringify({ fileName: b.file_name, ...result }) })
      .execute();
    log(
      `Importazione interrotta: il caricamento ${batchId} (${b.file_name}${b.zone_code ? `, zona ${b.zone_code}` : ""}) non era finito; ` +
        `tolte le ${result.removed} righe scritte a metà e ripristinati ${result.restored} valori precedenti. Nulla era visibile: ripetere l'importazione.`,
    );
    recovered.push({ batchId, zoneCode: b.zone_code, fileName: b.file_name, ...result });
  }
  return recovered;
}
