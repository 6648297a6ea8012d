import type { Kysely } from "kysely";
import { executeStatements } from "./statements";

/**
 * Column mappings saved for a zone (imports/csv/column-map.ts): how the
 * columns of a file with a given set of headers are read (header → field, or
 * ignored; for an SDMX-CSV file also which dimension values make which
 * indicator). `header_key` is a hash of the file's headers, so the next file
 * with the same headers is read the same way without asking. Zone-less kinds
 * (the comuni list, the catalogue) keep theirs with zone_code null.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    create table column_mapping (
      id serial primary key,
      zone_code text references zone(code),
      kind text not null,
      header_key text not null,
      name text not null check (length(name) between 1 and 100),
      mapping jsonb not null,
      created_by text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index column_mapping_headers on column_mapping (coalesce(zone_code, ''), kind, header_key);
    create unique index column_mapping_name on column_mapping (coalesce(zone_code, ''), lower(name));
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await executeStatements(db, `drop table if exists column_mapping`);
}
