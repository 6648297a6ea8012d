import { createHash } from "node:crypto";
import type { Db } from "./queries/zones";
import type { ImportKind } from "./schema";
import { toNumber } from "./queries/convert";

export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

export interface NewBatch {
  kind: ImportKind;
  zoneCode: string | null;
  fileName: string;
  fileHash: string;
  userLabel: string | null;
  format?: string | null;
  encoding?: string | null;
  delimiter?: string | null;
  fileSize?: number | null;
  counts?: { rowsRead: number; inserted: number; updated: number; unchanged: number; rejected: number };
  report?: unknown;
  /** "applying": rows are still to be written and readers do not see them (imports/load/chunked.ts). Default "committed". */
  status?: "applying" | "committed";
}

/** Creates a committed (or applying) batch row and returns its id. Call inside the load's transaction. */
export async function createCommittedBatch(trx: Db, batch: NewBatch): Promise<number> {
  const row = await trx
    .insertInto("import_batch")
    .values({
      kind: batch.kind,
      zone_code: batch.zoneCode,
      file_name: batch.fileName,
      file_hash: batch.fileHash,
      format: batch.format ?? null,
      encoding: batch.encoding ?? null,
      delimiter: batch.delimiter ?? null,
      file_size: batch.fileSize ?? null,
      rows_read: batch.counts?.rowsRead ?? 0,
      inserted: batch.counts?.inserted ?? 0,
      updated: batch.counts?.updated ?? 0,
      unchanged: batch.counts?.unchanged ?? 0,
      rejected: batch.counts?.rejected ?? 0,
      status: batch.status ?? "committed",
      user_label: batch.userLabel,
      committed_at: batch.status === "applying" ? null : new Date(),
      report: JSON.stringify(batch.report ?? {}),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return toNumber(row.id);
}
