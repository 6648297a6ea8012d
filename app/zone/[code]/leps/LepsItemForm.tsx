"use client";

import { useActionState } from "react";
import { setLepsItemAction, type LepsField, type LepsFormState } from "./actions";
import { LEPS_ITEM_STATE_LABELS_IT, LEPS_ITEM_STATES, type LepsItemState } from "@/lib/leps/items";

/** The planner's form of one qualitative LEPS: state, evidence, link, date. Errors appear on their field. */
export function LepsItemForm({ zone, item, label, state, evidence, evidenceUrl, assessedOn }: { zone: string; item: string; label: string; state: LepsItemState | null; evidence: string | null; evidenceUrl: string | null; assessedOn: string | null }) {
  const [result, action, pending] = useActionState<LepsFormState, FormData>(setLepsItemAction, {});
  const id = (f: LepsField) => `${item}-${f}`;
  const err = (f: LepsField) => result.fieldErrors?.[f];
  const described = (f: LepsField) => (err(f) ? { "aria-invalid": true, "aria-describedby": `${id(f)}-errore` } : {});
  const message = (f: LepsField) =>
    err(f) ? (
      <div id={`${id(f)}-errore`} className="invalid-feedback d-block">
        {err(f)}
      </div>
    ) : null;
  return (
    <form action={action} className="row g-2 align-items-end" aria-label={`Aggiorna: ${label}`}>
      <input type="hidden" name="zone" value={zone} />
      <input type="hidden" name="item" value={item} />
      <div className="col-md-2">
        <label htmlFor={id("state")} className="form-label small">
          Stato
        </label>
        <select id={id("state")} name="state" className="form-select form-select-sm" defaultValue={state ?? ""} {...described("state")}>
          <option value="">—</option>
          {LEPS_ITEM_STATES.map((s) => (
            <option key={s} value={s}>
              {LEPS_ITEM_STATE_LABELS_IT[s].label}
            </option>
          ))}
        </select>
        {message("state")}
      </div>
      <div className="col-md-4">
        <label htmlFor={id("evidence")} className="form-label small">
          Evidenza
        </label>
        <input id={id("evidence")} name="evidence" className="form-control form-control-sm" defaultValue={evidence ?? ""} {...described("evidence")} />
        {message("evidence")}
      </div>
      <div className="col-md-3">
        <label htmlFor={id("evidenceUrl")} className="form-label small">
          Collegamento (facoltativo)
        </label>
        <input id={id("evidenceUrl")} name="evidenceUrl" className="form-control form-control-sm" defaultValue={evidenceUrl ?? ""} inputMode="url" {...described("evidenceUrl")} />
        {message("evidenceUrl")}
      </div>
      <div className="col-md-2">
        <label htmlFor={id("assessedOn")} className="form-label small">
          Data
        </label>
        <input id={id("assessedOn")} name="assessedOn" type="date" className="form-control form-control-sm" defaultValue={assessedOn ?? ""} {...described("assessedOn")} />
        {message("assessedOn")}
      </div>
      <div className="col-md-1">
        <button type="submit" className="btn btn-primary btn-sm" disabled={pending}>
          Salva
        </button>
      </div>
      <div aria-live="polite" className="col-12 small">
        {result.ok && <span className="text-success">{result.ok}</span>}
        {result.error && <span className="text-danger">{result.error}</span>}
      </div>
    </form>
  );
}
