import type { Kysely } from "kysely";
import { executeStatements } from "./statements";

/**
 * Co-payment (issue 15): the ISEE distribution of a service's users, imported
 * (kind `isee`) and versioned like the other imported rows — users per ISEE
 * band, or one "point" per distinct ISEE value of a file of anonymous users
 * (isee_to = isee_from) — and the draft proposte di regolamento saved from
 * the simulator (the rule, the rule it is compared with, the distribution it
 * was estimated on, who saved it and when). Both are zone-owned.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    create table isee_distribution (
      zone_code text not null references zone(code),
      id bigint generated always as identity,
      year smallint not null check (year between 1990 and 2100),
      service_code text not null,
      isee_from numeric(12,2) not null check (isee_from >= 0),
      isee_to numeric(12,2) check (isee_to is null or isee_to >= isee_from),
      users integer not null check (users >= 0),
      exempt integer not null default 0 check (exempt >= 0 and exempt <= users),
      batch_id bigint references import_batch(id),
      replaced_by_batch bigint references import_batch(id),
      primary key (zone_code, id)
    );
    create unique index isee_distribution_current_idx on isee_distribution
      (zone_code, year, service_code, isee_from, coalesce(isee_to::text, ''))
      where replaced_by_batch is null;
    create index isee_distribution_batch_idx on isee_distribution (batch_id);

    create table copayment_proposal (
      zone_code text not null references zone(code),
      id bigint generated always as identity,
      title text not null check (length(title) between 1 and 200),
      service_code text,
      year smallint check (year between 1990 and 2100),
      rule jsonb not null,
      baseline_rule jsonb not null,
      distribution jsonb not null,
      distribution_source text not null check (distribution_source in ('importata','inserita')),
      note text check (note is null or length(note) <= 4000),
      author text not null,
      created_at timestamptz not null default now(),
      primary key (zone_code, id)
    );

    alter table import_batch drop constraint if exists import_batch_kind_check;
    alter table import_batch add constraint import_batch_kind_check check (kind in
      ('comuni','indicatori','valori','obiettivi','servizi','bilancio','risorse','confini','leps','personale','isee','demo','riferimento'));
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    drop table if exists copayment_proposal;
    drop table if exists isee_distribution;
    alter table import_batch drop constraint if exists import_batch_kind_check;
    alter table import_batch add constraint import_batch_kind_check check (kind in
      ('comuni','indicatori','valori','obiettivi','servizi','bilancio','risorse','confini','leps','personale','demo','riferimento'));
  `,
  );
}
