import type { Kysely } from "kysely";
import { executeStatements } from "./statements";

/**
 * Territory model for any region (issue 18, docs/distribuzione.md «Territorio»):
 *
 * - zone_membership: which zone a comune belonged to and when. valid_from and
 *   valid_to are inclusive days (null: since always / still valid). A city
 *   split into several ATS has one row per part (part names it, share its
 *   weight, e.g. of the population); part '' is the whole comune. A year is
 *   aggregated with the comuni whose membership covers 31 December of that
 *   year (db/queries/membership.ts). Reference table (per comune, shared by
 *   every zone): it references only reference tables (db/distribution.ts).
 *   comune.zone_code stays the current zone, recomputed from these rows by
 *   every write (syncCurrentZones).
 * - zone.official_code: the ATS code as the Region or the Ministry names it;
 *   zone.code stays the Osservatorio's own key (region prefix and number).
 * - the zone code pattern allows up to 3 digits (about 90 zones in Lombardia,
 *   600 nationwide); Umbria's UMB-01 … UMB-12 stay valid.
 *
 * The memberships of today's comune.zone_code are copied as rows valid since
 * always (until the day before suppression, for a suppressed comune).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    alter table zone drop constraint zone_code_check;
    alter table zone add constraint zone_code_check check (code ~ '^[A-Z]{3}-[0-9]{2,3}$');
    alter table zone add column official_code text;
    create unique index zone_official_code_idx on zone (region_code, official_code) where official_code is not null;

    create table zone_membership (
      id bigint generated always as identity primary key,
      comune_istat text not null references comune(istat),
      zone_code text not null references zone(code),
      part text not null default '',
      share numeric(5,4) check (share > 0 and share <= 1),
      valid_from date,
      valid_to date,
      check (valid_to is null or valid_from is null or valid_to >= valid_from)
    );
    create unique index zone_membership_key_idx on zone_membership (comune_istat, part, coalesce(valid_from, date '0001-01-01'));
    create index zone_membership_zone_idx on zone_membership (zone_code, comune_istat);

    insert into zone_membership (comune_istat, zone_code, valid_to)
      select istat, zone_code, suppressed_on - 1 from comune where zone_code is not null;
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    drop table if exists zone_membership;
    drop index if exists zone_official_code_idx;
    alter table zone drop column if exists official_code;
    alter table zone drop constraint zone_code_check;
    alter table zone add constraint zone_code_check check (code ~ '^[A-Z]{3}-[0-9]{2}$');
  `,
  );
}
