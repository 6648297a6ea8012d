import { sql } from "kysely";
import type { Db } from "@/db/queries/zones";
import { toNumber } from "@/db/queries/convert";
import type { ImportSession } from "../load/session";

/**
 * An `isee` file gives the whole ISEE distribution of each service and year it
 * names. Two steps beyond the versioned load (imports/load/versioned.ts):
 * anonymous users with the same ISEE are one "point" with their number of
 * users; and the current rows of those services and years that the file does
 * not restate are withdrawn under the import's batch, so that a new set of
 * bands replaces the old one instead of overlapping it. Undoing the import
 * restores them (imports/load/revert.ts, as for any replaced row).
 */

/** Sums the staged points (isee_to = isee_from) of the same service, year and value into the first of them. Returns how many users were merged away. */
export async function mergeIseePoints(session: ImportSession): Promise<{ users: number; values: number }> {
  const stage = session.stage;
  const stats = await sql.raw<{ users: string | number | null; values: string | number | null }>(`select sum(users) as users, count(distinct (year, service_code, isee_from)) as values from ${stage} where isee_to = isee_from`).execute(session.trx);
  const users = toNumber(stats.rows[0]?.users ?? 0);
  const values = toNumber(stats.rows[0]?.values ?? 0);
  await sql
    .raw(
      `with g as (select year, service_code, isee_from, min(seq) as keep, sum(users) as users, sum(exempt) as exempt
         from ${stage} where isee_to = isee_from group by year, service_code, isee_from having count(*) > 1)
       update ${stage} s set users = g.users, exempt = g.exempt from g where s.seq = g.keep`,
    )
    .execute(session.trx);
  await sql
    .raw(
      `delete from ${stage} s where s.isee_to = s.isee_from and exists (select 1 from ${stage} p
         where p.isee_to = p.isee_from and p.year = s.year and p.service_code = s.service_code and p.isee_from = s.isee_from and p.seq < s.seq)`,
    )
    .execute(session.trx);
  return { users, values };
}

export interface IseeWithdrawal {
  ids: number[];
  /** "SAD_ANZIANI 2025" → rows withdrawn. */
  byService: Map<string, number>;
}

/** The current rows of the staged services and years that the stage does not restate. */
export async function plannedIseeWithdrawals(session: ImportSession, zoneCode: string): Promise<IseeWithdrawal> {
  const rows = await sql<{ id: string | number; year: number; service_code: string }>`
    select t.id, t.year, t.service_code from isee_distribution t
    where t.zone_code = ${zoneCode} and t.replaced_by_batch is null
      and exists (select 1 from ${sql.table(session.stage)} s where s.year = t.year and s.service_code = t.service_code)
      and not exists (select 1 from ${sql.table(session.stage)} s where s.year = t.year and s.service_code = t.service_code
        and s.isee_from = t.isee_from and coalesce(s.isee_to::text, '') = coalesce(t.isee_to::text, ''))
    order by t.service_code, t.year, t.isee_from`.execute(session.trx);
  const byService = new Map<string, number>();
  for (const r of rows.rows) byService.set(`${r.service_code} ${r.year}`, (byService.get(`${r.service_code} ${r.year}`) ?? 0) + 1);
  return { ids: rows.rows.map((r) => toNumber(r.id)), byService };
}

/** Marks the withdrawn rows replaced by the batch (inside the import's transaction). */
export async function withdrawIseeRows(trx: Db, zoneCode: string, batchId: number, ids: readonly number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 1000) {
    await trx.updateTable("isee_distribution").set({ replaced_by_batch: batchId }).where("zone_code", "=", zoneCode).where("id", "in", ids.slice(i, i + 1000)).where("replaced_by_batch", "is", null).execute();
  }
}

/** The preview's notes, in Italian. */
export function iseeNotes(merged: { users: number; values: number }, withdrawal: IseeWithdrawal): string[] {
  const out: string[] = [];
  if (merged.users > merged.values) out.push(`${merged.users.toLocaleString("it-IT", { useGrouping: "always" })} utenti con il loro ISEE, conservati come ${merged.values.toLocaleString("it-IT", { useGrouping: "always" })} valori distinti con il numero di utenti di ciascuno.`);
  if (withdrawal.ids.length > 0) {
    const list = [...withdrawal.byService].map(([k, n]) => `${k}: ${n.toLocaleString("it-IT", { useGrouping: "always" })}`).join("; ");
    out.push(`Il file sostituisce la distribuzione già importata: ${withdrawal.ids.length === 1 ? "1 fascia non più presente è ritirata" : `${withdrawal.ids.length.toLocaleString("it-IT", { useGrouping: "always" })} fasce non più presenti sono ritirate`} (${list}); annullando il caricamento tornano attive.`);
  }
  return out;
}
