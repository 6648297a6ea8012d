import "server-only";
import type { Db } from "./zones";
import { toNumber } from "./convert";

export interface BatchSummary {
  id: number;
  kind: string;
  zoneCode: string | null;
  fileName: string;
  format: string | null;
  status: string;
  userLabel: string | null;
  createdAt: string;
  committedAt: string | null;
  revertedAt: string | null;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** Import batches, newest first; with zones, only those of the zones (and zone-less ones when asked). */
export async function listBatches(
  db: Db,
  options: { zoneCodes?: readonly string[]; includeZoneless?: boolean; limit?: number; beforeId?: number } = {},
): Promise<BatchSummary[]> {
  let query = db
    .selectFrom("import_batch")
    .select([
      "id",
      "kind",
      "zone_code",
      "file_name",
      "format",
      "status",
      "user_label",
      "created_at",
      "committed_at",
      "reverted_at",
      "rows_read",
      "inserted",
      "updated",
      "unchanged",
      "rejected",
    ])
    .orderBy("id", "desc")
    .limit(options.limit ?? 200);
  if (options.beforeId !== undefined) query = query.where("id", "<", options.beforeId);
  if (options.zoneCodes) {
    const zones = [...options.zoneCodes];
    query = query.where((eb) =>
      options.includeZoneless
        ? eb.or([eb("zone_code", "in", zones.length ? zones : [""]), eb("zone_code", "is", null)])
        : eb("zone_code", "in", zones.length ? zones : [""]),
    );
  }
  const rows = await query.execute();
  const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
  return rows.map((r) => ({
    id: toNumber(r.id),
    kind: r.kind,
    zoneCode: r.zone_code,
    fileName: r.file_name,
    format: r.format,
    status: r.status,
    userLabel: r.user_label,
    createdAt: iso(r.created_at) as string,
    committedAt: iso(r.committed_at),
    revertedAt: iso(r.reverted_at),
    rowsRead: r.rows_read,
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
    rejected: r.rejected,
  }));
}

/** The zone of a batch (null: a batch of every zone), or null when there is no such batch. */
export async function batchZone(db: Db, id: number): Promise<{ zoneCode: string | null } | null> {
  const row = await db.selectFrom("import_batch").select("zone_code").where("id", "=", id).executeTakeFirst();
  return row ? { zoneCode: row.zone_code } : null;
}
