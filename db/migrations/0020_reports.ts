import type { Kysely } from "kysely";
import { executeStatements } from "./statements";

/**
 * Annual reports to the Conferenza di zona (issue 16): one draft per zone and
 * year (bozza → approvata, with the deliberation), the planners' texts per
 * section (author, date), and the published editions: the whole document
 * frozen as JSON, with the import batches it was built from. An edition is
 * superseded by a newer one, never edited. zone_code leads every key.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    create table report (
      zone_code text not null references zone(code),
      year integer not null check (year between 1990 and 2100),
      status text not null default 'bozza' check (status in ('bozza','approvata')),
      shared boolean not null default false,
      deliberation_number text check (deliberation_number is null or length(deliberation_number) between 1 and 60),
      deliberation_date date,
      approved_by text,
      approved_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (zone_code, year),
      check (status = 'bozza' or (deliberation_number is not null and deliberation_date is not null))
    );

    create table report_text (
      zone_code text not null,
      year integer not null,
      section_key text not null check (section_key ~ '^[a-z][a-z0-9_-]{0,60}$'),
      body text not null check (length(body) <= 8000),
      author text not null,
      updated_at timestamptz not null default now(),
      primary key (zone_code, year, section_key),
      foreign key (zone_code, year) references report(zone_code, year)
    );

    create table report_edition (
      zone_code text not null,
      id bigint generated always as identity,
      year integer not null,
      number integer not null check (number >= 1),
      published_at timestamptz not null default now(),
      published_by text not null,
      deliberation_number text not null,
      deliberation_date date not null,
      document jsonb not null,
      superseded_at timestamptz,
      superseded_by bigint,
      primary key (zone_code, id),
      unique (zone_code, year, number),
      foreign key (zone_code, year) references report(zone_code, year),
      foreign key (zone_code, superseded_by) references report_edition(zone_code, id)
    );

    create table report_edition_batch (
      zone_code text not null,
      edition_id bigint not null,
      batch_id bigint not null references import_batch(id),
      primary key (zone_code, edition_id, batch_id),
      foreign key (zone_code, edition_id) references report_edition(zone_code, id)
    );
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await executeStatements(db, `drop table if exists report_edition_batch; drop table if exists report_edition; drop table if exists report_text; drop table if exists report`);
}
