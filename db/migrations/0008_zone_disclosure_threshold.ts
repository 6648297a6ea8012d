import type { Kysely } from "kysely";
import { executeStatements } from "./statements";

/**
 * The disclosure threshold of each zone (lib/disclosure/, docs/riservatezza.md):
 * counts of people below it are withheld from the Conferenza, API tokens and
 * public outputs. SISTAN's 3 by default; an administrator may raise it for a
 * zone (never below 3), audited (db/queries/zone-settings.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    alter table zone add column disclosure_threshold integer not null default 3;
    alter table zone add constraint zone_disclosure_threshold_check check (disclosure_threshold between 3 and 20);
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await executeStatements(db, `alter table zone drop constraint if exists zone_disclosure_threshold_check; alter table zone drop column if exists disclosure_threshold`);
}
