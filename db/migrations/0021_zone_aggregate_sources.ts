import type { Kysely } from "kysely";
import { executeStatements } from "./statements";

/**
 * Where each maintained zone figure comes from (issue 18, read paths at
 * scale; db/queries/zone-aggregates.ts): beside zone_aggregate's row of a
 * zone, indicator and year, the import batches the figure comes from and the
 * comuni it lacks, so that the pages read the zone's figure as maintained
 * instead of recomputing it from every stored row at each request. Written
 * and deleted with the zone_aggregate row, in the same transaction.
 * A table of its own, not columns of zone_aggregate: migrations apply in
 * number order on a new database, and 0025 comes later. Zone-owned: zone_code
 * leads the primary key (distributed by zone on Citus, colocated with
 * zone_aggregate); it references only reference tables.
 * Filled for the data already stored by db/migrate.ts, once this migration runs.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    create table zone_aggregate_source (
      zone_code text not null references zone(code),
      indicator_code text not null references indicator(code) on delete cascade,
      year smallint not null,
      batch_ids integer[] not null,
      missing text[] not null,
      primary key (zone_code, indicator_code, year)
    );
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await executeStatements(db, `drop table if exists zone_aggregate_source`);
}
