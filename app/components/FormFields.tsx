"use client";

import Link from "next/link";
import { useActionState, type ReactNode } from "react";
import type { FormState } from "./form-state";

/**
 * Accessible forms over a server action: each field with its label, an
 * error below it tied by aria-describedby and aria-invalid, and above the
 * fields a summary of the errors linking to each (WCAG 3.3.1, 3.3.3).
 */

export interface FieldSpec {
  name: string;
  label: string;
  hint?: string;
}

type Action = (state: FormState, form: FormData) => Promise<FormState>;

export function useForm(action: Action, prefix: string) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, {});
  const id = (name: string) => `${prefix}-${name}`;
  const error = (name: string) => state.fieldErrors?.[name];
  const described = (name: string, hint?: string) => {
    const ids = [hint ? `${id(name)}-aiuto` : null, error(name) ? `${id(name)}-errore` : null].filter(Boolean).join(" ");
    return { id: id(name), name, "aria-invalid": error(name) ? true : undefined, "aria-describedby": ids || undefined };
  };
  /** The default of a field: what was sent, after a refused submit; else the initial value. */
  const value = (name: string, initial: string | number | null | undefined) => state.values?.[name] ?? (initial === null || initial === undefined ? "" : String(initial));
  /**
   * A key for the form: a refused submit remounts it with what was sent as
   * defaults (React resets a form after its action, and a select keeps the
   * option it was first rendered with).
   */
  const key = JSON.stringify(state.values ?? null);
  return { state, formAction, pending, id, error, described, value, key };
}

export type FormApi = ReturnType<typeof useForm>;

export function ErrorSummary({ form, labels }: { form: FormApi; labels: Record<string, string> }) {
  const { state } = form;
  const fields = Object.entries(state.fieldErrors ?? {});
  return (
    <div aria-live="polite">
      {state.ok && (
        <p className="alert alert-success py-2 small">
          {state.ok} {state.href && <Link href={state.href}>Vedi</Link>}
        </p>
      )}
      {state.error && (
        <div className="alert alert-danger py-2 small" role="alert">
          <p className="mb-1">{state.error}</p>
          {fields.length > 0 && (
            <ul className="mb-0">
              {fields.map(([name, message]) => (
                <li key={name}>
                  <a href={`#${form.id(name)}`}>{labels[name] ?? name}</a>: {message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

/** A labelled control with its hint and error; `children` gets the control's props. */
export function Field({ form, name, label, hint, column = "col-md-3", children }: { form: FormApi; name: string; label: string; hint?: string; column?: string; children: (props: ReturnType<FormApi["described"]>) => ReactNode }) {
  const error = form.error(name);
  return (
    <div className={column}>
      <label htmlFor={form.id(name)} className="form-label small">
        {label}
      </label>
      {children(form.described(name, hint))}
      {hint && (
        <div id={`${form.id(name)}-aiuto`} className="form-text">
          {hint}
        </div>
      )}
      {error && (
        <div id={`${form.id(name)}-errore`} className="invalid-feedback d-block">
          {error}
        </div>
      )}
    </div>
  );
}

/** A one-button form (undo, retire) with its answer beside it. */
export function ActionButton({ action, fields, label, className = "btn btn-outline-secondary btn-sm" }: { action: Action; fields: Record<string, string>; label: string; className?: string }) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, {});
  return (
    <form action={formAction} className="d-inline">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={className} disabled={pending}>
        {label}
      </button>
      <span aria-live="polite" className="small ms-2">
        {state.ok && <span className="text-success">{state.ok}</span>}
        {state.error && <span className="text-danger">{state.error}</span>}
      </span>
    </form>
  );
}
