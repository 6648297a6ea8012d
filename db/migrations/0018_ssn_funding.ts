import type { Kysely } from "kysely";
import { executeStatements } from "./statements";

/**
 * The health service's quota of integrated socio-sanitary services as a
 * funding source (issue 15): the ISTAT survey counts it apart (EXPSSN) from the
 * comuni's spending. Also in lib/catalog/funding-sources.ts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    insert into funding_source (code, name, description) values
      ('SSN', 'Quota del Servizio sanitario (ASL)', 'Quota sanitaria dei servizi socio-sanitari integrati: nell''indagine ISTAT è la spesa del servizio sanitario (EXPSSN), non dei comuni.')
      on conflict (code) do nothing;
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await executeStatements(db, `delete from funding_source f where f.code = 'SSN' and not exists (select 1 from budget_line b where b.funding_code = 'SSN');`);
}
