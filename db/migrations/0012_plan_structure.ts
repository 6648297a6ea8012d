import type { Kysely } from "kysely";
import { executeStatements } from "./statements";

/**
 * Plan structure (issue 13): a PSZ edition's adopting act, its objectives
 * grouped by area, and per target its kind (a trajectory, or a floor or
 * ceiling that holds every year), provenance, milestones and the tolerance
 * of a maintenance target. Objectives are created by the `obiettivi` import
 * (and the demo); a target names its objective by code within its plan.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    alter table plan add column act_type text check (act_type in ('accordo_di_programma','deliberazione'));
    alter table plan add column act_number text;

    create table plan_objective (
      id bigint generated always as identity primary key,
      zone_code text not null references zone(code),
      plan_id bigint not null references plan(id) on delete cascade,
      code text not null,
      area text not null check (area in
        ('famiglia_minori','disabili','dipendenze','anziani','immigrati','poverta','multiutenza','sistema_governance')),
      title text not null,
      description text,
      office text,
      batch_id bigint references import_batch(id),
      unique (plan_id, code)
    );
    create index plan_objective_zone_idx on plan_objective (zone_code, plan_id);

    alter table target add column objective_code text;
    alter table target add column kind text not null default 'trajectory' check (kind in ('trajectory','floor','ceiling'));
    alter table target add column provenance text not null default 'lavoro' check (provenance in ('psz','leps','regionale','lavoro'));
    alter table target add column milestones jsonb not null default '[]'::jsonb;
    alter table target add column tolerance numeric check (tolerance >= 0);
    alter table target add constraint target_objective_fk
      foreign key (plan_id, objective_code) references plan_objective (plan_id, code);
    create index target_zone_idx on target (zone_code, plan_id) where replaced_by_batch is null;
    -- A threshold and a trajectory on the same indicator and year can stand side by side
    -- (the LEPS 1:5,000 every year and the 1:4,000 goal by the plan's end).
    drop index target_current_idx;
    create unique index target_current_idx on target
      (zone_code, coalesce(plan_id, 0), indicator_code, coalesce(comune_istat, ''),
       coalesce(service_code, ''), target_year, kind)
      where replaced_by_batch is null;

    -- Rows written before this migration: a legal source means a national LEPS, a plan a PSZ deliberation.
    update target set provenance = case when legal_source is not null then 'leps' when plan_id is not null then 'psz' else 'lavoro' end;
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    drop index if exists target_zone_idx;
    drop index if exists target_current_idx;
    create unique index target_current_idx on target
      (zone_code, coalesce(plan_id, 0), indicator_code, coalesce(comune_istat, ''), coalesce(service_code, ''), target_year)
      where replaced_by_batch is null;
    alter table target drop constraint if exists target_objective_fk;
    alter table target drop column if exists objective_code, drop column if exists kind, drop column if exists provenance,
      drop column if exists milestones, drop column if exists tolerance;
    drop table if exists plan_objective;
    alter table plan drop column if exists act_type, drop column if exists act_number;
  `,
  );
}
