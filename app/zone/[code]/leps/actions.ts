"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { serverDb } from "@/db/server";
import { setLepsItem } from "@/db/queries/leps";
import { requirePage } from "@/app/_auth/access";
import { LEPS_ITEM_CODES, LEPS_ITEM_STATES } from "@/lib/leps/items";
import { ZONE_CODE } from "@/lib/territory/zone-code";

export type LepsField = "state" | "evidence" | "evidenceUrl" | "assessedOn";

export interface LepsFormState {
  ok?: string;
  error?: string;
  fieldErrors?: Partial<Record<LepsField, string>>;
}

const text = (v: FormDataEntryValue | null) => (typeof v === "string" ? v : "");

const LepsItemForm = z.object({
  zone: z.string().regex(ZONE_CODE),
  item: z.enum(LEPS_ITEM_CODES),
  state: z.enum(LEPS_ITEM_STATES, { error: "Scegliere lo stato: attivo, in avvio o non attivo." }),
  evidence: z.string().trim().max(2000, "Al massimo 2.000 caratteri.").transform((v) => v || null),
  evidenceUrl: z
    .string()
    .trim()
    .max(500, "Indirizzo troppo lungo.")
    .refine((v) => v === "" || /^https?:\/\/[^\s]+$/.test(v), "Indirizzo non valido: deve iniziare con https:// (o http://).")
    .transform((v) => v || null),
  assessedOn: z.iso.date({ error: "Data non valida: indicarla come gg/mm/aaaa." }).refine((v) => v <= new Date().toISOString().slice(0, 10), "La data non può essere nel futuro."),
});

/**
 * Sets one qualitative LEPS of a zone. Planners only (plan.write in the zone);
 * the form is parsed with safeParse and each problem returned on its field;
 * the change and its audit event are written in one transaction.
 */
export async function setLepsItemAction(_state: LepsFormState, form: FormData): Promise<LepsFormState> {
  const parsed = LepsItemForm.safeParse({
    zone: text(form.get("zone")),
    item: text(form.get("item")),
    state: text(form.get("state")),
    evidence: text(form.get("evidence")),
    evidenceUrl: text(form.get("evidenceUrl")),
    assessedOn: text(form.get("assessedOn")),
  });
  if (!parsed.success) {
    const fieldErrors: LepsFormState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === "state" || field === "evidence" || field === "evidenceUrl" || field === "assessedOn") fieldErrors[field] ??= issue.message;
    }
    return Object.keys(fieldErrors).length > 0 ? { fieldErrors, error: "Controllare i campi segnalati." } : { error: "Richiesta non valida." };
  }
  const principal = await requirePage("plan.write", parsed.data.zone);
  try {
    await setLepsItem(await serverDb(), parsed.data.zone, parsed.data, principal.label);
  } catch (error) {
    console.error("[leps]", error);
    return { error: "Salvataggio non riuscito. Il problema è stato registrato." };
  }
  revalidatePath(`/zone/${parsed.data.zone}/leps`);
  return { ok: "Stato salvato." };
}
