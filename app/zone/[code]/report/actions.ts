"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { serverDb } from "@/db/server";
import { saveReportText } from "@/db/queries/report-texts";
import { requirePage } from "@/app/_auth/access";
import type { FormState } from "@/app/components/form-state";
import { REPORT_TEXT_KEYS } from "@/lib/report/texts";
import { approveReport, publishEdition, shareReportDraft } from "@/db/queries/report-editions";
import { ConflictError, UnprocessableError } from "@/lib/errors";
import { ZONE_CODE } from "@/lib/territory/zone-code";

const text = (v: FormDataEntryValue | null) => (typeof v === "string" ? v : "");

const ReportTextForm = z.object({
  zone: z.string().regex(ZONE_CODE),
  year: z.coerce.number().int().min(1990).max(2100),
  key: z.enum(REPORT_TEXT_KEYS),
  body: z.string().trim().max(8000, "Al massimo 8.000 caratteri."),
});

/**
 * Saves one planner's text of a report draft (introduction, conclusions, a
 * section's comment). Planners only (plan.write in the zone); an empty text
 * clears it. Author and date are the signed-in planner and now.
 */
export async function saveReportTextAction(_state: FormState, form: FormData): Promise<FormState> {
  const values = { body: text(form.get("body")) };
  const parsed = ReportTextForm.safeParse({ zone: text(form.get("zone")), year: text(form.get("year")), key: text(form.get("key")), body: values.body });
  if (!parsed.success) {
    const bodyIssue = parsed.error.issues.find((i) => i.path[0] === "body");
    return bodyIssue ? { error: "Controllare il testo.", fieldErrors: { body: bodyIssue.message }, values } : { error: "Richiesta non valida." };
  }
  const { zone, year, key, body } = parsed.data;
  const principal = await requirePage("plan.write", zone);
  try {
    await saveReportText(await serverDb(), zone, year, key, body, principal.label);
  } catch (error) {
    console.error("[report]", error);
    return { error: "Salvataggio non riuscito. Il problema è stato registrato.", values };
  }
  revalidatePath(`/zone/${zone}/report/${year}`);
  return { ok: body === "" ? "Testo rimosso." : "Testo salvato." };
}

const ApprovalForm = z.object({
  zone: z.string().regex(ZONE_CODE),
  year: z.coerce.number().int().min(1990).max(2100),
  number: z.string().trim().min(1, "Indicare il numero della deliberazione.").max(60, "Al massimo 60 caratteri."),
  date: z.iso.date({ error: "Data non valida: indicarla come gg/mm/aaaa." }).refine((v) => v <= new Date().toISOString().slice(0, 10), "La data non può essere nel futuro."),
});

/** Records the Conferenza's approval of the draft (deliberation number and date). Planners only. */
export async function approveReportAction(_state: FormState, form: FormData): Promise<FormState> {
  const values = { number: text(form.get("number")), date: text(form.get("date")) };
  const parsed = ApprovalForm.safeParse({ zone: text(form.get("zone")), year: text(form.get("year")), ...values });
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((field === "number" || field === "date") && !fieldErrors[field]) fieldErrors[field] = issue.message;
    }
    return Object.keys(fieldErrors).length > 0 ? { error: "Controllare i campi segnalati.", fieldErrors, values } : { error: "Richiesta non valida." };
  }
  const { zone, year, number, date } = parsed.data;
  const principal = await requirePage("plan.write", zone);
  try {
    await approveReport(await serverDb(), zone, year, { number, date }, principal.label);
  } catch (error) {
    console.error("[report]", error);
    return { error: "Salvataggio non riuscito. Il problema è stato registrato.", values };
  }
  revalidatePath(`/zone/${zone}/report/${year}`);
  return { ok: "Approvazione registrata: ora la relazione si può pubblicare." };
}

const DraftTarget = z.object({ zone: z.string().regex(ZONE_CODE), year: z.coerce.number().int().min(1990).max(2100) });

/** Shares the draft with the Conferenza (or stops sharing it). Planners only. */
export async function shareReportAction(_state: FormState, form: FormData): Promise<FormState> {
  const parsed = DraftTarget.safeParse({ zone: text(form.get("zone")), year: text(form.get("year")) });
  if (!parsed.success) return { error: "Richiesta non valida." };
  const principal = await requirePage("plan.write", parsed.data.zone);
  const shared = text(form.get("shared")) === "1";
  await shareReportDraft(await serverDb(), parsed.data.zone, parsed.data.year, shared, principal.label);
  revalidatePath(`/zone/${parsed.data.zone}/report/${parsed.data.year}`);
  return { ok: shared ? "Bozza condivisa con la Conferenza." : "La bozza non è più condivisa." };
}

/** Publishes the approved draft as a frozen edition. Planners only. */
export async function publishReportAction(_state: FormState, form: FormData): Promise<FormState> {
  const parsed = DraftTarget.safeParse({ zone: text(form.get("zone")), year: text(form.get("year")) });
  if (!parsed.success) return { error: "Richiesta non valida." };
  const { zone, year } = parsed.data;
  const principal = await requirePage("plan.write", zone);
  try {
    const edition = await publishEdition(await serverDb(), zone, year, principal.label);
    revalidatePath(`/zone/${zone}/report`);
    return { ok: `Pubblicata l'edizione n. ${edition.number}.`, href: `/zone/${zone}/report/${year}/edizioni/${edition.number}` };
  } catch (error) {
    if (error instanceof ConflictError || error instanceof UnprocessableError) return { error: error.message };
    console.error("[report]", error);
    return { error: "Pubblicazione non riuscita. Il problema è stato registrato." };
  }
}
