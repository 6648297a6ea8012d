import type { Kysely } from "kysely";
import { executeStatements } from "./statements";

/**
 * API tokens: the "dati non protetti" grant (counts of people without
 * disclosure control, lib/auth/roles.ts seesUnprotectedCounts), off unless an
 * administrator grants it. Login attempts: an index for the per-address limit.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    alter table api_token add column unprotected_data boolean not null default false;
    create index login_attempt_ip_idx on login_attempt (ip, at desc);
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    drop index if exists login_attempt_ip_idx;
    alter table api_token drop column if exists unprotected_data;
  `,
  );
}
