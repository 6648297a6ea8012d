import type { DatabaseHandle } from "@/db/client";
import { toNumber } from "@/db/queries/convert";
import { withImportSession } from "./session";
import type { Db } from "@/db/queries/zones";
import type { ReferenceUndo } from "../csv/apply-reference";
import { restoreZoneSnapshot, type ZoneUndo } from "../csv/apply-zone";
import { ConflictError } from "@/lib/errors";
import { revertPlanChanges, type PlanUndo } from "../csv/plans";
import { revertLepsBatch } from "../csv/apply-leps";
import { aggregateScopesOf, refreshScopes } from "@/db/queries/zone-aggregates";

const VERSIONED_TABLES = ["observation", "budget_line", "service", "target", "resource", "comune_boundary", "staff_position", "isee_distribution"] as const;

/** The batch cannot be undone in the current state (HTTP 409 through lib/api/problem.ts). */
export class RevertError extends ConflictError {}

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
    .select(["id", "status", "zone_code", "kind", "report"])
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
    const undo = (batch.report as { undo?: ReferenceUndo | ZoneUndo | null } | null)?.undo;
    // What the undo changes in the zone figures, read while the batch's rows are still there.
    const scopes = await aggregateScopesOf(trx, batchId, undo ?? null);
    if (undo) {
      const result = await restoreSnapshot(trx, batchId, undo);
      removed += result.removed;
      restored += result.restored;
    }
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
    // The LEPS states a `leps` file set.
    if (batch.kind === "leps") {
      const result = await revertLepsBatch(trx, batchId);
      if (result.blockedBy) throw new RevertError(`Non si può annullare il caricamento ${batchId}: ${result.blockedBy}.`);
      removed += result.removed;
      restored += result.restored;
    }
    // The plans and objectives an `obiettivi` file created or changed, once its targets are gone.
    const planUndo = (batch.report as { planUndo?: PlanUndo } | null)?.planUndo;
    if (planUndo) {
      const result = await revertPlanChanges(trx, planUndo);
      if (result.blockedBy) throw new RevertError(`Non si può annullare il caricamento ${batchId}: ${result.blockedBy}; annullare prima quello.`);
      removed += result.removed;
      restored += result.restored;
    }
    await refreshScopes(trx, scopes);
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

/**
 * Undo of a reference import (indicator catalogue, comuni list): deletes the
 * rows it added, unless data already refers to them, and puts back the rows
 * it changed as they were.
 */
async function restoreSnapshot(trx: Db, batchId: number, undo: ReferenceUndo | ZoneUndo): Promise<{ removed: number; restored: number }> {
  if (undo.table === "zone") return restoreZones(trx, batchId, undo);
  if (undo.table === "indicator") {
    if (undo.inserted.length > 0) {
      const used = await trx.selectFrom("observation").select("indicator_code").where("indicator_code", "in", undo.inserted).limit(1).executeTakeFirst();
      if (used) {
        throw new RevertError(`L'indicatore ${used.indicator_code}, aggiunto dal caricamento ${batchId}, ha già dei valori: annullare prima i caricamenti di quei valori.`);
      }
      await trx.deleteFrom("indicator").where("code", "in", undo.inserted).execute();
    }
    for (const row of undo.previous) {
      const { code, ...rest } = row as { code: string } & Record<string, unknown>;
      await trx.updateTable("indicator").set(rest as never).where("code", "=", code).execute();
    }
  } else {
    if (undo.inserted.length > 0) {
      const used = await trx.selectFrom("observation").select("comune_istat").where("comune_istat", "in", undo.inserted).limit(1).executeTakeFirst();
      if (used) throw new RevertError(`Il comune ${String(used.comune_istat)}, aggiunto dal caricamento ${batchId}, ha già dei valori: annullare prima quei caricamenti.`);
      await trx.deleteFrom("comune").where("istat", "in", undo.inserted).execute();
    }
    for (const row of undo.previous) {
      const { istat, ...rest } = row as { istat: string } & Record<string, unknown>;
      await trx.updateTable("comune").set(rest as never).where("istat", "=", istat).execute();
    }
    // After the comuni are back in their regions, a region the list added and nothing uses goes.
    const regions = undo.insertedRegions ?? [];
    if (regions.length > 0) {
      await trx
        .deleteFrom("region")
        .where("code", "in", regions)
        .where((eb) => eb.not(eb.exists(eb.selectFrom("comune").select("istat").whereRef("comune.region_code", "=", "region.code"))))
        .where((eb) => eb.not(eb.exists(eb.selectFrom("zone").select("code").whereRef("zone.region_code", "=", "region.code"))))
        .execute();
    }
  }
  return { removed: undo.inserted.length, restored: undo.previous.length };
}

/**
 * Undo of a `zone` import: refused while a later `zone` import of the same
 * zones is in force (undo that one first), or once anything refers to a zone
 * it created (data, a batch even if undone, an audit event, a user's access);
 * otherwise memberships, zones and comuni go back as they were.
 */
async function restoreZones(trx: Db, batchId: number, undo: ZoneUndo): Promise<{ removed: number; restored: number }> {
  const later = await trx.selectFrom("import_batch").select(["id", "report"]).where("kind", "=", "zone").where("status", "=", "committed").where("id", ">", batchId).orderBy("id").execute();
  for (const b of later) {
    const zones = (b.report as { undo?: { zones?: unknown } } | null)?.undo?.zones;
    if (Array.isArray(zones) && zones.some((z) => undo.zones.includes(String(z)))) {
      throw new RevertError(`Il caricamento ${String(b.id)} ha cambiato di nuovo le stesse zone: annullare prima il caricamento ${String(b.id)}.`);
    }
  }
  if (undo.inserted.length > 0) {
    const uses = [
      trx.selectFrom("observation").select("zone_code").where("zone_code", "in", undo.inserted).limit(1),
      trx.selectFrom("import_batch").select("zone_code").where("zone_code", "in", undo.inserted).limit(1),
      trx.selectFrom("service").select("zone_code").where("zone_code", "in", undo.inserted).limit(1),
      trx.selectFrom("plan").select("zone_code").where("zone_code", "in", undo.inserted).limit(1),
      trx.selectFrom("user_zone").select("zone_code").where("zone_code", "in", undo.inserted).limit(1),
      trx.selectFrom("audit_event").select("zone_code").where("zone_code", "in", undo.inserted).limit(1),
    ];
    for (const q of uses) {
      const used = await q.executeTakeFirst();
      if (used?.zone_code) throw new RevertError(
          `La zona ${used.zone_code}, aggiunta dal caricamento ${batchId}, ha già dati, caricamenti (anche annullati) o utenti: non si può togliere annullando. Un nuovo file di tipo zone può cambiarne i comuni e le date.`,
        );
    }
  }
  return restoreZoneSnapshot(trx, undo);
}
