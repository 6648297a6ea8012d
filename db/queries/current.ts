import { sql, type RawBuilder } from "kysely";

/**
 * The one reader predicate for current observations. A `valori` import writes
 * its rows in chunks under a batch in the state 'applying' (imports/load/chunked.ts):
 * until that batch turns 'committed' its new rows stay hidden and the rows it
 * replaces stay visible, so a reader never sees half an import. Two arms so
 * that each can use the partial indexes (`where replaced_by_batch is null`,
 * `where replaced_by_batch is not null`); with no import under way the
 * sub-select is empty and the first arm is the plain `replaced_by_batch is null`.
 *
 * `alias` is the table name or alias in the query; it comes from code, never from input.
 */
export function currentObservation(alias: "observation" | "o" = "observation"): RawBuilder<boolean> {
  const a = sql.raw(alias);
  const applying = sql`(select b.id from import_batch b where b.status = 'applying')`;
  return sql<boolean>`((${a}.replaced_by_batch is null and ${a}.batch_id not in ${applying}) or ${a}.replaced_by_batch in ${applying})`;
}
