"use client";

import { useActionState } from "react";
import { login, type FormState } from "@/app/_auth/actions";

export function LoginForm({ next }: { next?: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(login, {});
  return (
    <form action={action} className="mt-4" noValidate>
      {next && <input type="hidden" name="next" value={next} />}
      {state.error && (
        <div className="alert alert-danger" role="alert">
          {state.error}
        </div>
      )}
      <div className="form-group mb-4">
        <label htmlFor="email" className="active">
          E-mail
        </label>
        {/* React resets the form after the action to the next render's defaults: the e-mail typed survives a refusal. */}
        <input id="email" name="email" type="email" autoComplete="username" required className="form-control" defaultValue={state.email} />
      </div>
      <div className="form-group mb-4">
        <label htmlFor="password" className="active">
          Password
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className="form-control" />
      </div>
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {pending ? "Accesso in corso…" : "Accedi"}
      </button>
    </form>
  );
}
