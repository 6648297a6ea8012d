"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { serverDatabase, serverDb } from "@/db/server";
import { createObjective, createPlan, retireTarget, saveTarget, undoAppChange } from "@/db/queries/target-edits";
import { requirePage } from "@/app/_auth/access";
import { ObjectiveForm, PlanForm, TargetForm } from "@/lib/targets/schema";
import type { FormState } from "@/app/components/form-state";
import { ZONE_CODE } from "@/lib/territory/zone-code";

/**
 * The planner's changes to the Piano: targets created, edited, retired;
 * editions and objectives created; an in-app change undone. Each action
 * checks plan.write in the zone first (the Conferenza and analysts are
 * refused here, whatever the page shows), parses with the shared schemas of
 * lib/targets/schema.ts and returns each problem on its field.
 */

const ZONE = ZONE_CODE;
const text = (v: FormDataEntryValue | null) => (typeof v === "string" ? v : "");
const fieldsOf = (form: FormData, names: readonly string[]) => Object.fromEntries(names.map((n) => [n, text(form.get(n))]));

/** The zone the form names, if well formed; each action then checks plan.write in it (redirects otherwise). */
function zoneOf(form: FormData): string | null {
  const zone = text(form.get("zone"));
  return ZONE.test(zone) ? zone : null;
}

function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "");
    if (field && field !== "zone") out[field] ??= issue.message;
  }
  return out;
}

const invalid = (fieldErrors: Record<string, string>): FormState => (Object.keys(fieldErrors).length > 0 ? { error: "Controllare i campi segnalati.", fieldErrors } : { error: "Richiesta non valida." });
const failed = (error: unknown): FormState => {
  console.error("[piano]", error);
  return { error: "Salvataggio non riuscito. Il problema è stato registrato." };
};
const refresh = (zone: string) => revalidatePath(`/zone/${zone}/piano`, "layout");

const TARGET_FIELDS = Object.keys(TargetForm.shape);

export async function saveTargetAction(_state: FormState, form: FormData): Promise<FormState> {
  const zone = zoneOf(form);
  if (!zone) return { error: "Richiesta non valida." };
  const who = { zone, principal: await requirePage("plan.write", zone) };
  const raw = fieldsOf(form, TARGET_FIELDS);
  const parsed = TargetForm.safeParse(raw);
  if (!parsed.success) return { ...invalid(fieldErrorsOf(parsed.error)), values: raw };
  const replace = z.coerce.number().int().positive().safeParse(text(form.get("replaceId")));
  try {
    const result = await saveTarget(await serverDb(), who.zone, parsed.data, who.principal.label, replace.success ? replace.data : undefined);
    if (!result.ok) return { error: result.error, fieldErrors: result.fieldErrors, values: raw };
    refresh(who.zone);
    return { ok: replace.success ? "Modifica salvata: la versione precedente resta nello storico." : "Obiettivo creato.", href: `/zone/${who.zone}/piano/${parsed.data.indicatorCode}?piano=${parsed.data.planId}` };
  } catch (error) {
    return failed(error);
  }
}

export async function retireTargetAction(_state: FormState, form: FormData): Promise<FormState> {
  const zone = zoneOf(form);
  const id = z.coerce.number().int().positive().safeParse(text(form.get("targetId")));
  if (!zone || !id.success) return { error: "Richiesta non valida." };
  const who = { zone, principal: await requirePage("plan.write", zone) };
  try {
    const result = await retireTarget(await serverDb(), who.zone, id.data, who.principal.label);
    if (!result.ok) return { error: result.error };
    refresh(who.zone);
    return { ok: "Obiettivo ritirato: si può annullare dalle modifiche recenti della pagina del Piano.", href: `/zone/${who.zone}/piano` };
  } catch (error) {
    return failed(error);
  }
}

export async function undoChangeAction(_state: FormState, form: FormData): Promise<FormState> {
  const zone = zoneOf(form);
  const batchId = z.coerce.number().int().positive().safeParse(text(form.get("batchId")));
  if (!zone || !batchId.success) return { error: "Richiesta non valida." };
  const who = { zone, principal: await requirePage("plan.write", zone) };
  try {
    const result = await undoAppChange(await serverDatabase(), who.zone, batchId.data, who.principal.label);
    if (!result.ok) return { error: result.error };
    refresh(who.zone);
    return { ok: "Modifica annullata: tutto è tornato come prima." };
  } catch (error) {
    return failed(error);
  }
}

export async function createPlanAction(_state: FormState, form: FormData): Promise<FormState> {
  const zone = zoneOf(form);
  if (!zone) return { error: "Richiesta non valida." };
  const who = { zone, principal: await requirePage("plan.write", zone) };
  const raw = fieldsOf(form, ["zone", "name", "startYear", "endYear", "actType", "actNumber", "actDate"]);
  const parsed = PlanForm.safeParse(raw);
  if (!parsed.success) return { ...invalid(fieldErrorsOf(parsed.error)), values: raw };
  try {
    const result = await createPlan(await serverDb(), who.zone, parsed.data, who.principal.label);
    if (!result.ok) return { error: result.error, fieldErrors: result.fieldErrors, values: raw };
    refresh(who.zone);
    return { ok: `Edizione ${parsed.data.startYear}–${parsed.data.endYear} creata.`, href: `/zone/${who.zone}/piano?piano=${result.id}` };
  } catch (error) {
    return failed(error);
  }
}

export async function createObjectiveAction(_state: FormState, form: FormData): Promise<FormState> {
  const zone = zoneOf(form);
  if (!zone) return { error: "Richiesta non valida." };
  const who = { zone, principal: await requirePage("plan.write", zone) };
  const raw = fieldsOf(form, ["zone", "planId", "code", "area", "title", "description", "office"]);
  const parsed = ObjectiveForm.safeParse(raw);
  if (!parsed.success) return { ...invalid(fieldErrorsOf(parsed.error)), values: raw };
  try {
    const result = await createObjective(await serverDb(), who.zone, parsed.data, who.principal.label);
    if (!result.ok) return { error: result.error, fieldErrors: result.fieldErrors, values: raw };
    refresh(who.zone);
    return { ok: `Obiettivo ${parsed.data.code} creato.` };
  } catch (error) {
    return failed(error);
  }
}
