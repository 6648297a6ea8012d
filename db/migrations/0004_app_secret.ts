import type { Kysely } from "kysely";
import { executeStatements } from "./statements";

/**
 * Secrets the application generates for itself (the key that signs session
 * cookies when BETTER_AUTH_SECRET is unset). Kept in the database rather than
 * in the data folder, so that PostgreSQL installs keep nothing in the folder
 * and a backup (db/backup.ts) carries the key with the sessions it signed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    create table app_secret (
      name text primary key,
      value text not null,
      created_at timestamptz not null default now()
    );
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await executeStatements(db, `drop table if exists app_secret`);
}
