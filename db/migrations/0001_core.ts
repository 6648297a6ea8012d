import type { Kysely } from "kysely";
import { executeStatements } from "./statements";

/**
 * Core model (DESIGN.md §4). Frozen once landed: later changes go in new files.
 *
 * Conventions:
 * - ISTAT comune codes are 6-character strings, never numbers.
 * - Every table a dashboard reads has zone_code, and its hot indexes start with it,
 *   so that queries stay scoped by zone (and distributable by zone on Citus).
 * - Imported rows are versioned: a row is current while replaced_by_batch is null.
 *   A new import marks the old row replaced and inserts the new one, so undoing a
 *   batch deletes its rows and clears replaced_by_batch on the rows it replaced.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await executeStatements(db, `
    create table region (
      code text primary key check (code ~ '^[0-9]{2}$'),
      name text not null
    );

    create table zone (
      code text primary key check (code ~ '^[A-Z]{3}-[0-9]{2}$'),
      number integer not null,
      name text not null,
      region_code text not null references region(code),
      capofila_istat text not null,
      unique (region_code, number)
    );

    create table comune (
      istat text primary key check (istat ~ '^[0-9]{6}$'),
      name text not null,
      province text not null,
      cadastral_code text check (cadastral_code ~ '^[A-Z][0-9]{3}$'),
      region_code text not null references region(code),
      zone_code text references zone(code),
      -- Suppressed comuni (merged or renamed by ISTAT) keep their rows so that
      -- historical data is never orphaned; successor points to the new code.
      suppressed_on date,
      successor_istat text references comune(istat),
      updated_at timestamptz not null default now()
    );
    create index comune_zone_idx on comune (zone_code);
    create index comune_region_idx on comune (region_code);
    create unique index comune_cadastral_current_idx on comune (cadastral_code)
      where suppressed_on is null;

    alter table zone add constraint zone_capofila_fk
      foreign key (capofila_istat) references comune(istat) deferrable initially deferred;

    create table import_batch (
      id bigint generated always as identity primary key,
      kind text not null check (kind in
        ('comuni','indicatori','valori','obiettivi','servizi','bilancio','risorse','confini','demo','riferimento')),
      zone_code text references zone(code),
      file_name text not null,
      file_hash text not null,
      file_size bigint,
      encoding text,
      delimiter text,
      format text,
      status text not null check (status in ('previewed','committed','reverted','failed')),
      user_label text,
      created_at timestamptz not null default now(),
      committed_at timestamptz,
      reverted_at timestamptz,
      rows_read integer not null default 0,
      inserted integer not null default 0,
      updated integer not null default 0,
      unchanged integer not null default 0,
      rejected integer not null default 0,
      report jsonb not null default '{}'::jsonb
    );
    create index import_batch_zone_idx on import_batch (zone_code, created_at desc);
    create index import_batch_hash_idx on import_batch (file_hash);

    create table indicator (
      code text primary key check (code ~ '^[A-Z][A-Z0-9_]*$'),
      name text not null,
      theme text not null check (theme in
        ('demografia','fragilita','bisogni','risorse','psz','leps','qualita')),
      unit text not null,
      polarity smallint not null check (polarity in (-1, 0, 1)),
      aggregation text not null check (aggregation in ('sum','ratio','weighted_mean','none')),
      numerator_code text references indicator(code),
      -- Further inputs added to the numerator, e.g. P65+ in (P0-14 + P65+) / P15-64.
      numerator_plus_codes text[],
      denominator_code text references indicator(code),
      scale numeric,
      is_count_of_people boolean not null default false,
      decimals smallint not null default 0 check (decimals between 0 and 6),
      source text,
      description text,
      batch_id bigint references import_batch(id),
      check ((numerator_code is null) = (denominator_code is null))
    );

    create table service (
      id bigint generated always as identity primary key,
      zone_code text not null references zone(code),
      code text not null,
      name text not null,
      area text not null check (area in
        ('famiglia_minori','disabili','dipendenze','anziani','immigrati','poverta','multiutenza')),
      spending_type text not null check (spending_type in
        ('interventi_servizi','trasferimenti','strutture')),
      managing_body text,
      batch_id bigint references import_batch(id),
      replaced_by_batch bigint references import_batch(id)
    );
    create unique index service_current_idx on service (zone_code, code)
      where replaced_by_batch is null;

    create table observation (
      id bigint generated always as identity primary key,
      indicator_code text not null references indicator(code),
      zone_code text not null references zone(code),
      -- null: a value of the zone as a whole (e.g. social workers of the ATS).
      comune_istat text references comune(istat),
      service_code text,
      period text not null check (period ~ '^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$'),
      period_type text not null check (period_type in ('year','quarter','month')),
      period_start date not null,
      period_end date not null,
      year smallint not null,
      value numeric,
      numerator numeric,
      denominator numeric,
      batch_id bigint not null references import_batch(id),
      replaced_by_batch bigint references import_batch(id),
      created_at timestamptz not null default now(),
      check (period_end >= period_start)
    );
    -- One current value per indicator, territory, service and period.
    create unique index observation_current_idx on observation
      (zone_code, indicator_code, coalesce(comune_istat, ''), coalesce(service_code, ''), period)
      where replaced_by_batch is null;
    create index observation_zone_year_idx on observation (zone_code, year, indicator_code)
      where replaced_by_batch is null;
    create index observation_comune_idx on observation (comune_istat, indicator_code)
      where replaced_by_batch is null;
    create index observation_batch_idx on observation (batch_id);
    create index observation_replaced_idx on observation (replaced_by_batch)
      where replaced_by_batch is not null;

    create table plan (
      id bigint generated always as identity primary key,
      zone_code text not null references zone(code),
      name text not null,
      start_year smallint not null,
      end_year smallint not null,
      adopted_on date,
      batch_id bigint references import_batch(id),
      check (end_year >= start_year),
      unique (zone_code, start_year, end_year)
    );

    create table target (
      id bigint generated always as identity primary key,
      zone_code text not null references zone(code),
      plan_id bigint references plan(id) on delete cascade,
      indicator_code text not null references indicator(code),
      comune_istat text references comune(istat),
      service_code text,
      baseline_year smallint,
      baseline_value numeric,
      target_year smallint not null,
      target_value numeric not null,
      legal_source text,
      note text,
      batch_id bigint references import_batch(id),
      replaced_by_batch bigint references import_batch(id),
      check (baseline_year is null or baseline_year <= target_year)
    );
    create unique index target_current_idx on target
      (zone_code, coalesce(plan_id, 0), indicator_code, coalesce(comune_istat, ''),
       coalesce(service_code, ''), target_year)
      where replaced_by_batch is null;

    create table funding_source (
      code text primary key check (code ~ '^[A-Z][A-Z0-9_]*$'),
      name text not null,
      description text
    );

    create table budget_line (
      id bigint generated always as identity primary key,
      zone_code text not null references zone(code),
      year smallint not null,
      service_code text not null,
      funding_code text not null references funding_source(code),
      comune_istat text references comune(istat),
      stanziato numeric(14,2) not null default 0 check (stanziato >= 0),
      impegnato numeric(14,2) not null default 0 check (impegnato >= 0),
      liquidato numeric(14,2) not null default 0 check (liquidato >= 0),
      pagato numeric(14,2) not null default 0 check (pagato >= 0),
      deadline date,
      batch_id bigint references import_batch(id),
      replaced_by_batch bigint references import_batch(id)
    );
    create unique index budget_line_current_idx on budget_line
      (zone_code, year, service_code, funding_code, coalesce(comune_istat, ''))
      where replaced_by_batch is null;

    create table resource (
      id bigint generated always as identity primary key,
      zone_code text not null references zone(code),
      comune_istat text references comune(istat),
      kind text not null check (kind in
        ('ufficio_cittadinanza','struttura','associazione','volontariato','sportello','altro')),
      name text not null,
      address text,
      postal_code text,
      phone text,
      fax text,
      email text,
      opening_hours text,
      capacity integer check (capacity >= 0),
      source text,
      batch_id bigint references import_batch(id),
      replaced_by_batch bigint references import_batch(id)
    );
    create unique index resource_current_idx on resource
      (zone_code, coalesce(comune_istat, ''), kind, name)
      where replaced_by_batch is null;

    create table audit_event (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      actor text,
      action text not null,
      zone_code text references zone(code),
      subject text,
      details jsonb not null default '{}'::jsonb
    );
    create index audit_event_at_idx on audit_event (at desc);
    create index audit_event_zone_idx on audit_event (zone_code, at desc);
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  await executeStatements(db, `
    drop table if exists audit_event, resource, budget_line, funding_source, target, plan,
      observation, service, indicator, import_batch, comune, zone, region cascade;
  `);
}
