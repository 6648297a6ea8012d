import "server-only";
import type { Db } from "./zones";
import { recordAudit } from "./audit";
import { toIsoDate, toNumber } from "./convert";
import type { NoteSubjectKind } from "@/lib/notes";

/**
 * Planners' notes on an indicator, a target or a comune of a zone: dated,
 * signed, shown where the object appears and kept for the report. Adding and
 * deleting are audited in the same transaction; a deleted note is only
 * marked (by whom, when), never removed.
 */

export interface Note {
  id: number;
  subjectKind: NoteSubjectKind;
  subjectKey: string;
  body: string;
  notedOn: string;
  author: string;
  createdAt: Date;
}

const noteOf = (r: { id: string | number; subject_kind: NoteSubjectKind; subject_key: string; body: string; noted_on: Date | string; author: string; created_at: Date }): Note => ({
  id: toNumber(r.id),
  subjectKind: r.subject_kind,
  subjectKey: r.subject_key,
  body: r.body,
  notedOn: toIsoDate(r.noted_on)!,
  author: r.author,
  createdAt: r.created_at,
});

/** The current notes on some subjects of the zone, newest date first. */
export async function notesOn(db: Db, zoneCode: string, subjects: readonly { kind: NoteSubjectKind; key: string }[]): Promise<Note[]> {
  if (subjects.length === 0) return [];
  const rows = await db
    .selectFrom("note")
    .selectAll()
    .where("zone_code", "=", zoneCode)
    .where("deleted_at", "is", null)
    .where((eb) => eb.or(subjects.map((s) => eb.and([eb("subject_kind", "=", s.kind), eb("subject_key", "=", s.key)]))))
    .orderBy("noted_on", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map(noteOf);
}

/**
 * Every current note of the zone, grouped as the report reads them: by kind
 * of subject, then subject, oldest first within a subject (a report tells
 * the story in order).
 */
export async function notesForReport(db: Db, zoneCode: string): Promise<Record<NoteSubjectKind, { key: string; notes: Note[] }[]>> {
  const rows = await db.selectFrom("note").selectAll().where("zone_code", "=", zoneCode).where("deleted_at", "is", null).orderBy("subject_kind").orderBy("subject_key").orderBy("noted_on").orderBy("id").execute();
  const out: Record<NoteSubjectKind, { key: string; notes: Note[] }[]> = { indicator: [], target: [], comune: [], service: [] };
  for (const r of rows) {
    const group = out[r.subject_kind];
    const last = group.at(-1);
    if (last && last.key === r.subject_key) last.notes.push(noteOf(r));
    else group.push({ key: r.subject_key, notes: [noteOf(r)] });
  }
  return out;
}

export interface NoteInput {
  subjectKind: NoteSubjectKind;
  subjectKey: string;
  body: string;
  notedOn: string;
}

export async function addNote(db: Db, zoneCode: string, input: NoteInput, author: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("note")
      .values({ zone_code: zoneCode, subject_kind: input.subjectKind, subject_key: input.subjectKey, body: input.body, noted_on: input.notedOn, author })
      .returning("id")
      .executeTakeFirstOrThrow();
    const id = toNumber(row.id);
    await recordAudit(trx, { actor: author, action: "note.add", zoneCode, subject: `note:${id}`, details: { ...input } });
    return id;
  });
}

/** Marks a note deleted: only its author or an administrator may (checked here, whatever the page offers). */
export async function deleteNote(db: Db, zoneCode: string, id: number, actor: { label: string; admin: boolean }): Promise<{ ok: true } | { ok: false; error: string }> {
  return db.transaction().execute(async (trx) => {
    const note = await trx.selectFrom("note").selectAll().where("zone_code", "=", zoneCode).where("id", "=", id).where("deleted_at", "is", null).executeTakeFirst();
    if (!note) return { ok: false as const, error: "Nota non trovata (forse già eliminata)." };
    if (note.author !== actor.label && !actor.admin) return { ok: false as const, error: "Solo chi ha scritto la nota, o un amministratore, la può eliminare." };
    await trx.updateTable("note").set({ deleted_at: new Date(), deleted_by: actor.label }).where("id", "=", id).execute();
    await recordAudit(trx, { actor: actor.label, action: "note.delete", zoneCode, subject: `note:${id}`, details: { subjectKind: note.subject_kind, subjectKey: note.subject_key, body: note.body, author: note.author } });
    return { ok: true as const };
  });
}
