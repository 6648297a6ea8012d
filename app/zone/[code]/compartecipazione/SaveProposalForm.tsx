"use client";

import { ErrorSummary, Field, useForm } from "@/app/components/FormFields";
import { saveProposalAction } from "./actions";

const LABELS = { title: "Titolo della proposta", note: "Motivazione (facoltativa)" };

/** A planner saves rule B, against rule A, as a draft proposta di regolamento (then opens its printable summary). */
export function SaveProposalForm({ zone, query }: { zone: string; query: string }) {
  const form = useForm(saveProposalAction, "proposta");
  return (
    <section aria-labelledby="salva-proposta" className="mt-4 no-print">
      <h2 id="salva-proposta" className="h4">
        Salvare la regola B come proposta di regolamento
      </h2>
      <p className="small">La proposta conserva le due regole e la distribuzione usata; la sua sintesi si stampa per la Conferenza di zona.</p>
      <form key={form.key} action={form.formAction} aria-label="Salvare la proposta di regolamento" noValidate>
        <ErrorSummary form={form} labels={LABELS} />
        <input type="hidden" name="zone" value={zone} />
        <input type="hidden" name="query" value={query} />
        <div className="row g-2 align-items-start">
          <Field form={form} name="title" label={LABELS.title} column="col-md-5">
            {(p) => <input {...p} className="form-control" defaultValue={form.value("title", "")} maxLength={200} />}
          </Field>
          <Field form={form} name="note" label={LABELS.note} column="col-md-5">
            {(p) => <textarea {...p} className="form-control" rows={2} defaultValue={form.value("note", "")} />}
          </Field>
          <div className="col-md-2 pt-md-4">
            <button type="submit" className="btn btn-primary mt-md-2" disabled={form.pending}>
              Salva la proposta
            </button>
          </div>
        </div>
      </form>
    </section>
  );
}
