"use client";

import { useActionState } from "react";
import { changePassword, type FormState } from "@/app/_auth/actions";

export function PasswordForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(changePassword, {});
  return (
    <form action={action} className="mt-4" style={{ maxWidth: 520 }}>
      <div aria-live="polite">
        {state.error && <div className="alert alert-danger">{state.error}</div>}
        {state.ok && <div className="alert alert-success">{state.ok}</div>}
      </div>
      {[
        ["current", "Password attuale", "current-password"],
        ["password", "Nuova password (almeno 12 caratteri)", "new-password"],
        ["confirm", "Ripeti la nuova password", "new-password"],
      ].map(([name, label, autocomplete]) => (
        <div className="form-group mb-4" key={name}>
          <label htmlFor={name} className="active">
            {label}
          </label>
          <input id={name} name={name} type="password" autoComplete={autocomplete} required className="form-control" />
        </div>
      ))}
      <button type="submit" className="btn btn-primary" disabled={pending}>
        Cambia password
      </button>
    </form>
  );
}
