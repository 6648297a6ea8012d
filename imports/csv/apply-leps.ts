import type { Db } from "@/db/queries/zones";
import { toIsoDate } from "@/db/queries/convert";
import { LEPS_ITEM_STATE_LABELS_IT, LEPS_ITEMS, type LepsItemCode, type LepsItemState } from "@/lib/leps/items";
import type { LepsRow } from "./rows";
import type { RowError, ValueChange } from "../report";

/**
 * The `leps` kind: the qualitative LEPS checklist of a zone from a file. Each
 * row sets one item as the planner's form does: the current state is closed
 * (replaced_at, and replaced_by_batch = this batch) and the new one added
 * with the batch's id. A row equal to the current state changes nothing.
 * Undo (imports/load/revert.ts) removes the batch's states and reopens the
 * ones it closed.
 */
export interface LepsApplyResult {
  counts: { inserted: number; updated: number; unchanged: number };
  rejected: number;
  changes: ValueChange[];
  undo: null;
  apply(batchId: number): Promise<void>;
}

const label = (code: string) => LEPS_ITEMS.find((i) => i.code === code)?.label ?? code;
const stateText = (s: { state: string; evidence: string | null; assessedOn: string | null }) =>
  `${(LEPS_ITEM_STATE_LABELS_IT as Record<string, { label: string } | undefined>)[s.state]?.label ?? s.state}${s.assessedOn ? ` al ${s.assessedOn.split("-").reverse().join("/")}` : ""}${s.evidence ? ` – ${s.evidence}` : ""}`;

export async function applyLepsRows(trx: Db, zoneCode: string, rows: { line: number; row: LepsRow }[], errors: RowError[], actor: string | null): Promise<LepsApplyResult> {
  const current = new Map((await trx.selectFrom("leps_item").selectAll().where("zone_code", "=", zoneCode).where("replaced_at", "is", null).execute()).map((r) => [r.item, r]));
  const firstLine = new Map<string, number>();
  const writes: { line: number; row: LepsRow; previousId: string | number | null }[] = [];
  const changes: ValueChange[] = [];
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  let rejected = 0;
  for (const { line, row } of rows) {
    const seen = firstLine.get(row.item);
    if (seen !== undefined) {
      rejected++;
      errors.push({ line, column: "", value: row.item, message: `Riga ${line}: la voce «${label(row.item)}» è già alla riga ${seen}; la riga ${line} è scartata.` });
      continue;
    }
    firstLine.set(row.item, line);
    const now = current.get(row.item as LepsItemCode);
    const before = now ? { state: now.state, evidence: now.evidence, evidenceUrl: now.evidence_url, assessedOn: toIsoDate(now.assessed_on) } : null;
    if (before && before.state === row.state && before.evidence === row.evidence && before.evidenceUrl === row.evidenceUrl && before.assessedOn === row.assessedOn) {
      counts.unchanged++;
      continue;
    }
    if (before) counts.updated++;
    else counts.inserted++;
    changes.push({ line, label: label(row.item), before: before ? stateText(before) : "non rilevato", after: stateText(row) });
    writes.push({ line, row, previousId: now?.id ?? null });
  }
  return {
    counts,
    rejected,
    changes,
    undo: null,
    async apply(batchId: number) {
      for (const w of writes) {
        if (w.previousId !== null) await trx.updateTable("leps_item").set({ replaced_at: new Date(), replaced_by_batch: batchId }).where("id", "=", w.previousId).execute();
        await trx
          .insertInto("leps_item")
          .values({
            zone_code: zoneCode,
            item: w.row.item as LepsItemCode,
            state: w.row.state as LepsItemState,
            evidence: w.row.evidence,
            evidence_url: w.row.evidenceUrl,
            assessed_on: w.row.assessedOn,
            set_by: actor ?? "importazione",
            batch_id: batchId,
          })
          .execute();
      }
    },
  };
}

/**
 * Undo of a `leps` batch: refused when one of its states has been changed
 * since (in the app or by a later file), else its states go and the ones it
 * closed are current again.
 */
export async function revertLepsBatch(trx: Db, batchId: number): Promise<{ removed: number; restored: number; blockedBy: string | null }> {
  const later = await trx.selectFrom("leps_item").select(["item", "replaced_by_batch"]).where("batch_id", "=", batchId).where("replaced_at", "is not", null).limit(1).executeTakeFirst();
  if (later) {
    const by = later.replaced_by_batch === null ? "una modifica fatta nella pagina LEPS" : `il caricamento ${String(later.replaced_by_batch)}`;
    return { removed: 0, restored: 0, blockedBy: `lo stato di «${label(later.item)}» è stato cambiato dopo, da ${by}` };
  }
  const removed = Number((await trx.deleteFrom("leps_item").where("batch_id", "=", batchId).executeTakeFirst()).numDeletedRows);
  const restored = Number((await trx.updateTable("leps_item").set({ replaced_at: null, replaced_by_batch: null }).where("replaced_by_batch", "=", batchId).executeTakeFirst()).numUpdatedRows);
  return { removed, restored, blockedBy: null };
}
