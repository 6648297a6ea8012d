import type { Kysely } from "kysely";
import { executeStatements } from "./statements";

/**
 * Why an imported value is missing, when the file said so with ISTAT's
 * conventional signs (imports/csv/number.ts): "unknown" ("...."),
 * "below_half_unit" (".."), "confidential" ("*" or "x", withheld by the
 * source). A confidential value stays marked as such on every page
 * (lib/disclosure's confidential cells).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    alter table observation add column missing_reason text;
    alter table observation add constraint observation_missing_reason_check
      check (missing_reason is null or (value is null and missing_reason in ('unknown', 'below_half_unit', 'confidential')));
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await executeStatements(db, `alter table observation drop constraint if exists observation_missing_reason_check; alter table observation drop column if exists missing_reason`);
}
