"use client";

import { ErrorSummary, Field, useForm } from "@/app/components/FormFields";
import { addNoteAction } from "./actions";

const LABELS = { body: "Testo della nota", notedOn: "Data" };

/** A planner's new note on one subject; the date defaults to today. */
export function NoteForm({ zone, subjectKind, subjectKey, page, label, today }: { zone: string; subjectKind: string; subjectKey: string; page: string; label: string; today: string }) {
  const form = useForm(addNoteAction, `nota-${subjectKind}-${subjectKey.replace(/[^\w-]/g, "-")}`);
  return (
    <form key={form.key} action={form.formAction} aria-label={label} noValidate className="no-print">
      <ErrorSummary form={form} labels={LABELS} />
      <input type="hidden" name="zone" value={zone} />
      <input type="hidden" name="subjectKind" value={subjectKind} />
      <input type="hidden" name="subjectKey" value={subjectKey} />
      <input type="hidden" name="page" value={page} />
      <div className="row g-2 align-items-start">
        <Field form={form} name="body" label={LABELS.body} column="col-md-8">
          {(p) => <textarea {...p} className="form-control form-control-sm" rows={2} defaultValue={form.value("body", "")} />}
        </Field>
        <Field form={form} name="notedOn" label={LABELS.notedOn} column="col-md-2">
          {(p) => <input {...p} type="date" className="form-control form-control-sm" defaultValue={form.value("notedOn", today)} />}
        </Field>
        <div className="col-md-2 pt-md-4">
          <button type="submit" className="btn btn-primary btn-sm mt-md-1" disabled={form.pending}>
            Aggiungi la nota
          </button>
        </div>
      </div>
    </form>
  );
}
