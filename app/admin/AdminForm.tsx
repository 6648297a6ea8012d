"use client";

import { useActionState, type ReactNode } from "react";
import type { AdminState } from "./actions";

/** A form bound to an admin server action, showing its error, its result and a secret shown once. */
export function AdminForm({
  action,
  submit,
  children,
}: {
  action: (state: AdminState, form: FormData) => Promise<AdminState>;
  submit: string;
  children?: ReactNode;
}) {
  const [state, formAction, pending] = useActionState<AdminState, FormData>(action, {});
  return (
    <form action={formAction}>
      {children}
      <button type="submit" className="btn btn-primary btn-sm" disabled={pending}>
        {submit}
      </button>
      <div aria-live="polite" className="mt-2">
        {state.error && <div className="alert alert-danger">{state.error}</div>}
        {state.ok && (
          <div className="alert alert-success">
            {state.ok} {state.secret && <code className="user-select-all">{state.secret}</code>}
          </div>
        )}
      </div>
    </form>
  );
}
