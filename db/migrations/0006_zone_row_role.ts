import type { Kysely } from "kysely";
import { executeStatements } from "./statements";

/**
 * Per indicator, what a zone-level row (a value of the ATS, comune_istat null)
 * means: "component" adds to the comuni (social workers, spending of the ATS),
 * "alternative" is the zone's total used only when no comune has data.
 * The standard catalogue's components are set here for databases loaded
 * before the column existed; admins' own indicators keep the default.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    alter table indicator add column zone_row text not null default 'alternative'
      check (zone_row in ('component', 'alternative'));
    update indicator set zone_row = 'component'
      where code in ('AS_FTE', 'SPESA_SOCIALE', 'POSTI_NIDO') and aggregation = 'sum';
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await executeStatements(db, `alter table indicator drop column if exists zone_row`);
}
