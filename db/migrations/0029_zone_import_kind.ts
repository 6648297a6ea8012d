import type { Kysely } from "kysely";
import { executeStatements } from "./statements";

/** The `zone` import kind (issue 18; imports/csv/apply-zone.ts): zone sociali / ATS of any region with their members over time. */
export async function up(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    alter table import_batch drop constraint if exists import_batch_kind_check;
    alter table import_batch add constraint import_batch_kind_check check (kind in
      ('comuni','indicatori','valori','obiettivi','servizi','bilancio','risorse','confini','leps','personale','isee','zone','demo','riferimento'));
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    delete from import_batch where kind = 'zone';
    alter table import_batch drop constraint if exists import_batch_kind_check;
    alter table import_batch add constraint import_batch_kind_check check (kind in
      ('comuni','indicatori','valori','obiettivi','servizi','bilancio','risorse','confini','leps','personale','isee','demo','riferimento'));
  `,
  );
}
