import type { Kysely } from "kysely";
import { executeStatements } from "./statements";

/** Comune boundaries for the map, imported by users (dataset kind `confini`), versioned like other imports. */
export async function up(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    create table comune_boundary (
      id bigint generated always as identity primary key,
      comune_istat text not null references comune(istat),
      geometry jsonb not null,
      batch_id bigint references import_batch(id),
      replaced_by_batch bigint references import_batch(id)
    );
    create unique index comune_boundary_current_idx on comune_boundary (comune_istat)
      where replaced_by_batch is null;
    create index comune_boundary_batch_idx on comune_boundary (batch_id);
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await executeStatements(db, `drop table if exists comune_boundary`);
}
