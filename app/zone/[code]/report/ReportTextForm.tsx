"use client";

import { ErrorSummary, Field, useForm } from "@/app/components/FormFields";
import { saveReportTextAction } from "./actions";

/** A planner's text of the report draft, edited in place; hidden when printing. */
export function ReportTextForm({ zone, year, textKey, label, body }: { zone: string; year: number; textKey: string; label: string; body: string }) {
  const form = useForm(saveReportTextAction, `testo-${textKey}`);
  return (
    <details className="no-print report-edit mb-3">
      <summary className="small">{body ? `Modifica: ${label.toLowerCase()}` : `Scrivi: ${label.toLowerCase()}`}</summary>
      <form action={form.formAction} key={form.key} className="mt-2" aria-label={label}>
        <ErrorSummary form={form} labels={{ body: label }} />
        <input type="hidden" name="zone" value={zone} />
        <input type="hidden" name="year" value={year} />
        <input type="hidden" name="key" value={textKey} />
        <Field form={form} name="body" label={label} hint="Testo semplice; una riga vuota separa i paragrafi. Lasciare vuoto per togliere il testo." column="">
          {(props) => <textarea {...props} className="form-control" rows={5} defaultValue={form.value("body", body)} maxLength={8000} />}
        </Field>
        <button type="submit" className="btn btn-primary btn-sm mt-2" disabled={form.pending}>
          Salva il testo
        </button>
      </form>
    </details>
  );
}
