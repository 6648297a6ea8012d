"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { serverDb } from "@/db/server";
import { addNote, deleteNote } from "@/db/queries/notes";
import { requirePage } from "@/app/_auth/access";
import { can } from "@/lib/auth/roles";
import { NOTE_SUBJECT_KINDS } from "@/lib/notes";
import type { FormState } from "@/app/components/form-state";
import { ZONE_CODE } from "@/lib/territory/zone-code";

/**
 * Notes on an indicator, a target or a comune: planners of the zone add
 * them (plan.write, checked here); the author or an administrator deletes
 * one (a mark, audited). The page to refresh comes with the form.
 */

const text = (v: FormDataEntryValue | null) => (typeof v === "string" ? v : "");
const SUBJECT_KEY: Record<(typeof NOTE_SUBJECT_KINDS)[number], RegExp> = {
  indicator: /^[A-Z][A-Z0-9_]{0,63}$/,
  comune: /^\d{6}$/,
  service: /^[A-Z0-9][A-Z0-9_]{0,49}$/,
  target: /^\d{1,15}:[A-Z][A-Z0-9_]{0,63}:(zona|\d{6}):(trajectory|floor|ceiling):\d{4}$/,
};

const NoteForm = z
  .object({
    zone: z.string().regex(ZONE_CODE),
    subjectKind: z.enum(NOTE_SUBJECT_KINDS),
    subjectKey: z.string().max(200),
    body: z.string().trim().min(1, "Scrivere il testo della nota.").max(4000, "Al massimo 4.000 caratteri."),
    notedOn: z.iso.date({ error: "Data non valida: indicarla come gg/mm/aaaa." }).refine((v) => v <= new Date().toISOString().slice(0, 10), "La data non può essere nel futuro."),
    page: z.string().regex(/^\/[\w\-/]*$/),
  })
  .refine((n) => SUBJECT_KEY[n.subjectKind].test(n.subjectKey), { path: ["subjectKey"], error: "Oggetto della nota non valido." });

export async function addNoteAction(_state: FormState, form: FormData): Promise<FormState> {
  const zone = text(form.get("zone"));
  if (!ZONE_CODE.test(zone)) return { error: "Richiesta non valida." };
  const principal = await requirePage("plan.write", zone);
  const raw = Object.fromEntries(["zone", "subjectKind", "subjectKey", "body", "notedOn", "page"].map((k) => [k, text(form.get(k))]));
  const parsed = NoteForm.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const f = String(issue.path[0] ?? "");
      if (f === "body" || f === "notedOn") fieldErrors[f] ??= issue.message;
    }
    return Object.keys(fieldErrors).length > 0 ? { error: "Controllare i campi segnalati.", fieldErrors, values: raw } : { error: "Richiesta non valida." };
  }
  try {
    await addNote(await serverDb(), zone, parsed.data, principal.label);
  } catch (error) {
    console.error("[note]", error);
    return { error: "Salvataggio non riuscito. Il problema è stato registrato." };
  }
  revalidatePath(parsed.data.page);
  return { ok: "Nota aggiunta." };
}

export async function deleteNoteAction(_state: FormState, form: FormData): Promise<FormState> {
  const zone = text(form.get("zone"));
  const id = z.coerce.number().int().positive().safeParse(text(form.get("noteId")));
  const page = text(form.get("page"));
  if (!ZONE_CODE.test(zone) || !id.success || !/^\/[\w\-/]*$/.test(page)) return { error: "Richiesta non valida." };
  const principal = await requirePage("plan.write", zone);
  try {
    const result = await deleteNote(await serverDb(), zone, id.data, { label: principal.label, admin: can(principal, "admin") });
    if (!result.ok) return { error: result.error };
  } catch (error) {
    console.error("[note]", error);
    return { error: "Eliminazione non riuscita. Il problema è stato registrato." };
  }
  revalidatePath(page);
  return { ok: "Nota eliminata." };
}
