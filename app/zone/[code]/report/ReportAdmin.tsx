"use client";

import { ActionButton, ErrorSummary, Field, useForm } from "@/app/components/FormFields";
import { approveReportAction, publishReportAction, shareReportAction } from "./actions";

/**
 * The planner's steps for a draft: share it with the Conferenza, record the
 * Conferenza's approval (deliberation number and date), publish it as a
 * frozen edition. Never printed.
 */
export function ReportAdmin({ zone, year, approved, shared }: { zone: string; year: number; approved: boolean; shared: boolean }) {
  const form = useForm(approveReportAction, "approvazione");
  const labels = { number: "Numero della deliberazione", date: "Data della deliberazione" };
  return (
    <section className="no-print border rounded p-3 mb-4" aria-labelledby="titolo-gestione">
      <h2 id="titolo-gestione" className="h5">
        Approvazione e pubblicazione
      </h2>
      <p className="small mb-2">
        1. Condividere la bozza con i componenti della Conferenza (facoltativo). 2. Registrare l&apos;approvazione della Conferenza. 3. Pubblicare:
        l&apos;edizione resta com&apos;è, anche dopo nuove importazioni.
      </p>
      <p className="mb-2">
        <ActionButton action={shareReportAction} fields={{ zone, year: String(year), shared: shared ? "0" : "1" }} label={shared ? "Non condividere più la bozza" : "Condividi la bozza con la Conferenza"} />
      </p>
      {!approved ? (
        <form action={form.formAction} key={form.key} className="row g-2 align-items-end" aria-label="Approvazione della Conferenza di zona">
          <div className="col-12">
            <ErrorSummary form={form} labels={labels} />
          </div>
          <input type="hidden" name="zone" value={zone} />
          <input type="hidden" name="year" value={year} />
          <Field form={form} name="number" label={labels.number} column="col-md-4">
            {(props) => <input {...props} className="form-control form-control-sm" defaultValue={form.value("number", "")} />}
          </Field>
          <Field form={form} name="date" label={labels.date} column="col-md-4">
            {(props) => <input {...props} type="date" className="form-control form-control-sm" defaultValue={form.value("date", "")} />}
          </Field>
          <div className="col-md-4">
            <button type="submit" className="btn btn-outline-primary btn-sm" disabled={form.pending}>
              Registra l&apos;approvazione
            </button>
          </div>
        </form>
      ) : (
        <ActionButton action={publishReportAction} fields={{ zone, year: String(year) }} label="Pubblica l'edizione" className="btn btn-primary btn-sm" />
      )}
    </section>
  );
}
