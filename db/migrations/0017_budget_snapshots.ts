import type { Kysely } from "kysely";
import { executeStatements } from "./statements";

/**
 * Budget snapshots (issue 15): a budget line is reported at dates ("situazione
 * al 30/06/2025"), so the date is part of its key and a line has one row per
 * snapshot; the PNRR project (CUP or the project's code) distinguishes lines of
 * the same fund; opening residui passivi and payments on them; the reason of a
 * disimpegno (a later snapshot lower than an earlier one). The primary key gets
 * zone_code (issue 18). Existing rows are year-end snapshots.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    alter table budget_line add column reference_date date;
    update budget_line set reference_date = make_date(year, 12, 31);
    alter table budget_line alter column reference_date set not null;
    alter table budget_line add column project text check (project is null or length(project) between 1 and 64);
    alter table budget_line add column residui_iniziali numeric(14,2) check (residui_iniziali >= 0);
    alter table budget_line add column pagato_residui numeric(14,2) check (pagato_residui >= 0);
    alter table budget_line add column disimpegno_reason text check (disimpegno_reason is null or length(disimpegno_reason) between 1 and 500);
    alter table budget_line add constraint budget_line_residui_check
      check (pagato_residui is null or (residui_iniziali is not null and pagato_residui <= residui_iniziali));
    alter table budget_line drop constraint budget_line_pkey;
    alter table budget_line add primary key (zone_code, id);
    drop index budget_line_current_idx;
    create unique index budget_line_current_idx on budget_line
      (zone_code, year, service_code, funding_code, coalesce(comune_istat, ''), coalesce(project, ''), reference_date)
      where replaced_by_batch is null;
    create index budget_line_batch_idx on budget_line (batch_id);
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    drop index if exists budget_line_batch_idx;
    drop index if exists budget_line_current_idx;
    delete from budget_line b where exists (
      select 1 from budget_line l where l.zone_code = b.zone_code and l.year = b.year and l.service_code = b.service_code
        and l.funding_code = b.funding_code and coalesce(l.comune_istat, '') = coalesce(b.comune_istat, '')
        and coalesce(l.project, '') = coalesce(b.project, '') and l.reference_date > b.reference_date);
    alter table budget_line drop constraint budget_line_pkey;
    alter table budget_line add primary key (id);
    alter table budget_line drop constraint if exists budget_line_residui_check;
    alter table budget_line drop column disimpegno_reason, drop column pagato_residui, drop column residui_iniziali, drop column project, drop column reference_date;
    create unique index budget_line_current_idx on budget_line
      (zone_code, year, service_code, funding_code, coalesce(comune_istat, ''))
      where replaced_by_batch is null;
  `,
  );
}
