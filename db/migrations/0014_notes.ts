import type { Kysely } from "kysely";
import { executeStatements } from "./statements";

/**
 * Planners' notes (issue 13): dated and signed interpretations or caveats on
 * an indicator, a target or a comune of a zone, kept for the report. A target
 * is named by its identity in the plan (plan, indicator, territory, kind,
 * target year), so a note stays with it through its edits. Deleting a note
 * only marks it (who, when): the audit log and the history keep it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    create table note (
      id bigint generated always as identity primary key,
      zone_code text not null references zone(code),
      subject_kind text not null check (subject_kind in ('indicator','target','comune')),
      subject_key text not null check (length(subject_key) between 1 and 200),
      body text not null check (length(body) between 1 and 4000),
      noted_on date not null,
      author text not null,
      created_at timestamptz not null default now(),
      deleted_at timestamptz,
      deleted_by text,
      -- Notes of the demo dataset carry its batch, so a new demo load replaces them.
      batch_id bigint references import_batch(id)
    );
    create index note_subject_idx on note (zone_code, subject_kind, subject_key) where deleted_at is null;
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await executeStatements(db, `drop table if exists note`);
}
