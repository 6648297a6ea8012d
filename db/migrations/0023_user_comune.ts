import type { Kysely } from "kysely";
import { executeStatements } from "./statements";

/**
 * The mayor's comune (issue 17): a Conferenza di zona user may be bound to one
 * comune of their zones; they land on its page after login and the header
 * shows "Il mio comune". Local (an account's setting, like user_zone): it
 * references the comune reference table, nothing references it. Whether the
 * comune is in the user's zones is checked by db/auth/users.ts at binding and
 * again when the user's role or zones change (the binding is dropped).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    create table user_comune (
      user_id text not null primary key references "auth_user" ("id") on delete cascade,
      comune_istat text not null references comune(istat)
    );
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await executeStatements(db, `drop table if exists user_comune`);
}
