import type { Kysely } from "kysely";
import { executeStatements } from "./statements";

/**
 * Citus-ready keys (issue 18, db/distribution.ts): every zone-owned table gets
 * zone_code in its primary key and in every unique constraint, and the
 * foreign keys between zone-owned tables (plans, their objectives, targets)
 * become composite with zone_code, so that each table can be distributed by
 * zone and every join between them stays on one node. Same rows, same
 * meaning: a plan's objectives and targets are of the plan's zone already.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    alter table target drop constraint target_objective_fk;
    alter table target drop constraint target_plan_id_fkey;
    alter table plan_objective drop constraint plan_objective_plan_id_fkey;
    alter table plan_objective drop constraint plan_objective_plan_id_code_key;
    alter table observation drop constraint observation_pkey, add constraint observation_pkey primary key (zone_code, id);
    alter table service drop constraint service_pkey, add constraint service_pkey primary key (zone_code, id);
    alter table plan drop constraint plan_pkey, add constraint plan_pkey primary key (zone_code, id);
    alter table plan_objective drop constraint plan_objective_pkey, add constraint plan_objective_pkey primary key (zone_code, id);
    alter table target drop constraint target_pkey, add constraint target_pkey primary key (zone_code, id);
    alter table resource drop constraint resource_pkey, add constraint resource_pkey primary key (zone_code, id);
    alter table leps_item drop constraint leps_item_pkey, add constraint leps_item_pkey primary key (zone_code, id);
    alter table note drop constraint note_pkey, add constraint note_pkey primary key (zone_code, id);
    alter table plan_objective add constraint plan_objective_plan_id_code_key unique (zone_code, plan_id, code);
    alter table plan_objective add constraint plan_objective_plan_fk foreign key (zone_code, plan_id) references plan (zone_code, id) on delete cascade;
    alter table target add constraint target_plan_fk foreign key (zone_code, plan_id) references plan (zone_code, id) on delete cascade;
    alter table target add constraint target_objective_fk foreign key (zone_code, plan_id, objective_code) references plan_objective (zone_code, plan_id, code);
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    alter table target drop constraint target_objective_fk;
    alter table target drop constraint target_plan_fk;
    alter table plan_objective drop constraint plan_objective_plan_fk;
    alter table plan_objective drop constraint plan_objective_plan_id_code_key;
    alter table observation drop constraint observation_pkey, add constraint observation_pkey primary key (id);
    alter table service drop constraint service_pkey, add constraint service_pkey primary key (id);
    alter table plan drop constraint plan_pkey, add constraint plan_pkey primary key (id);
    alter table plan_objective drop constraint plan_objective_pkey, add constraint plan_objective_pkey primary key (id);
    alter table target drop constraint target_pkey, add constraint target_pkey primary key (id);
    alter table resource drop constraint resource_pkey, add constraint resource_pkey primary key (id);
    alter table leps_item drop constraint leps_item_pkey, add constraint leps_item_pkey primary key (id);
    alter table note drop constraint note_pkey, add constraint note_pkey primary key (id);
    alter table plan_objective add constraint plan_objective_plan_id_code_key unique (plan_id, code);
    alter table plan_objective add constraint plan_objective_plan_id_fkey foreign key (plan_id) references plan (id) on delete cascade;
    alter table target add constraint target_plan_id_fkey foreign key (plan_id) references plan (id) on delete cascade;
    alter table target add constraint target_objective_fk foreign key (plan_id, objective_code) references plan_objective (plan_id, code);
  `,
  );
}
