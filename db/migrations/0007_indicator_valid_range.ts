import type { Kysely } from "kysely";
import { executeStatements } from "./statements";

/**
 * An optional valid range per indicator (lib/indicators/plausibility.ts):
 * an imported value outside it is refused on its row. For a percentage it
 * replaces the default 0–100 (an indicator that may exceed 100 says so here).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    alter table indicator add column valid_min numeric;
    alter table indicator add column valid_max numeric;
    alter table indicator add constraint indicator_valid_range_check
      check (valid_min is null or valid_max is null or valid_min <= valid_max);
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await executeStatements(db, `alter table indicator drop constraint if exists indicator_valid_range_check; alter table indicator drop column if exists valid_min; alter table indicator drop column if exists valid_max`);
}
