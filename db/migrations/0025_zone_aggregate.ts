import type { Kysely } from "kysely";
import { executeStatements } from "./statements";

/**
 * Zone figures maintained in the database (issue 18, read paths at scale):
 * each indicator's figure for a zone and a year by its rule
 * (lib/indicators/aggregate.ts, derived indicators included), written in the
 * same transaction as the import or undo that changes its inputs
 * (db/queries/zone-aggregates.ts). The region's figure is read from its zones'
 * rows in one query instead of recomputing every zone at each request.
 * Zone-owned: zone_code leads the primary key (distributed by zone on Citus).
 * A figure with no contributing data, or not aggregated by rule ("none"), has no row.
 * Filled for the data already stored by db/migrate.ts, once this migration runs.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    create table zone_aggregate (
      zone_code text not null references zone(code),
      indicator_code text not null references indicator(code) on delete cascade,
      year smallint not null,
      status text not null check (status in ('complete','incomplete','undefined')),
      value double precision,
      partial_value double precision,
      numerator double precision,
      denominator double precision,
      contributing integer not null,
      total integer not null,
      source text not null check (source in ('comuni','comuni_and_zone_row','zone_row')),
      primary key (zone_code, indicator_code, year)
    );
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await executeStatements(db, `drop table if exists zone_aggregate`);
}
