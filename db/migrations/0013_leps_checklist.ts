import type { Kysely } from "kysely";
import { executeStatements } from "./statements";

/**
 * The qualitative LEPS of a zone (lib/leps/items.ts): per item a state
 * (attivo, in avvio, non attivo), the evidence (text and link), the date it
 * refers to and who set it. Every change adds a row and closes the previous
 * one, so the history is kept; the current row has replaced_at null.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await executeStatements(
    db,
    `
    create table leps_item (
      id bigint generated always as identity primary key,
      zone_code text not null references zone(code),
      item text not null check (item in
        ('pronto_intervento','supervisione','dimissioni_protette','prevenzione_allontanamento',
         'residenza_fittizia','dopo_di_noi','percorso_integrato','domiciliare_anziani')),
      state text not null check (state in ('attivo','in_avvio','non_attivo')),
      evidence text,
      evidence_url text,
      assessed_on date not null,
      set_by text not null,
      set_at timestamptz not null default now(),
      batch_id bigint references import_batch(id),
      replaced_at timestamptz
    );
    create unique index leps_item_current_idx on leps_item (zone_code, item) where replaced_at is null;
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await executeStatements(db, `drop table if exists leps_item`);
}
