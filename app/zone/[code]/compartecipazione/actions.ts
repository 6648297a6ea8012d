"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { serverDb } from "@/db/server";
import { requirePage } from "@/app/_auth/access";
import { saveProposal } from "@/db/queries/copayment-proposals";
import type { FormState } from "@/app/components/form-state";
import { resolveSimulation } from "./resolve";

/**
 * Saves the simulator's rule B as a draft proposta di regolamento, compared
 * with rule A (the rule in force), on the distribution the page used, frozen.
 * Planners of the zone only (plan.write, checked here, server side): the
 * Conferenza reads and prints proposte, analysts import data.
 */
const text = (v: FormDataEntryValue | null) => (typeof v === "string" ? v : "");

const ProposalForm = z.object({
  zone: z.string().regex(/^[A-Z]{3}-\d{2}$/),
  title: z.string().trim().min(1, "Scrivere il titolo della proposta.").max(200, "Al massimo 200 caratteri."),
  note: z.string().trim().max(4000, "Al massimo 4.000 caratteri."),
  query: z.string().max(2_000_000),
});

export async function saveProposalAction(_state: FormState, form: FormData): Promise<FormState> {
  const zone = text(form.get("zone"));
  if (!/^[A-Z]{3}-\d{2}$/.test(zone)) return { error: "Richiesta non valida." };
  const principal = await requirePage("plan.write", zone);
  const raw = Object.fromEntries(["zone", "title", "note", "query"].map((k) => [k, text(form.get(k))]));
  const parsed = ProposalForm.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const f = String(issue.path[0] ?? "");
      if (f === "title" || f === "note") fieldErrors[f] ??= issue.message;
    }
    return Object.keys(fieldErrors).length > 0 ? { error: "Controllare i campi segnalati.", fieldErrors, values: raw } : { error: "Richiesta non valida." };
  }
  const db = await serverDb();
  const params = Object.fromEntries(new URLSearchParams(parsed.data.query));
  const sim = await resolveSimulation(db, zone, params);
  if (sim.issues.length > 0 || !sim.a.rule || !sim.b.rule || !sim.distribution) {
    return { error: `La simulazione ha problemi da correggere prima di salvarla: ${sim.issues.join("; ")}.`, values: raw };
  }
  let id: number;
  try {
    id = await saveProposal(
      db,
      zone,
      {
        title: parsed.data.title,
        note: parsed.data.note === "" ? null : parsed.data.note,
        serviceCode: sim.choice.kind === "stored" ? sim.choice.serviceCode : null,
        year: sim.choice.kind === "stored" ? sim.choice.year : null,
        rule: sim.b.rule,
        baselineRule: sim.a.rule,
        distribution: sim.distribution,
        distributionSource: sim.choice.kind === "stored" ? "importata" : "inserita",
      },
      principal.label,
    );
  } catch (error) {
    console.error("[proposta]", error);
    return { error: "Salvataggio non riuscito. Il problema è stato registrato.", values: raw };
  }
  revalidatePath(`/zone/${zone}/compartecipazione/proposte`);
  redirect(`/zone/${zone}/compartecipazione/proposte/${id}`);
}
