import type { Kysely } from "kysely";
import { executeStatements } from "./statements";

/**
 * The LEPS checklist becomes an import kind (`leps`): a batch may carry it,
 * and its rows record the batch, so that undoing the import closes them and
 * makes the states they replaced current again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    alter table import_batch drop constraint if exists import_batch_kind_check;
    alter table import_batch add constraint import_batch_kind_check check (kind in
      ('comuni','indicatori','valori','obiettivi','servizi','bilancio','risorse','confini','leps','demo','riferimento'));
    alter table leps_item add column replaced_by_batch bigint references import_batch(id);
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    alter table leps_item drop column if exists replaced_by_batch;
    alter table import_batch drop constraint if exists import_batch_kind_check;
    alter table import_batch add constraint import_batch_kind_check check (kind in
      ('comuni','indicatori','valori','obiettivi','servizi','bilancio','risorse','confini','demo','riferimento'));
  `,
  );
}
