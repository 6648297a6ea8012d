import type { Kysely } from "kysely";
import { executeStatements } from "./statements";

/**
 * A `valori` import writes its rows in short chunks (imports/load/chunked.ts)
 * under a batch in the state 'applying': readers do not see those rows and
 * still see the rows they replace (db/queries/current.ts) until the batch
 * turns 'committed' in one small transaction. A batch left 'applying' by a
 * killed process is undone at start-up (imports/load/recover.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    alter table import_batch drop constraint import_batch_status_check;
    alter table import_batch add constraint import_batch_status_check
      check (status in ('previewed','applying','committed','reverted','failed'));
    create index import_batch_applying_idx on import_batch (id) where status = 'applying';
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    drop index if exists import_batch_applying_idx;
    alter table import_batch drop constraint import_batch_status_check;
    alter table import_batch add constraint import_batch_status_check
      check (status in ('previewed','committed','reverted','failed'));
  `,
  );
}
