import type { Metadata } from "next";
import { serverDb } from "@/db/server";
import { listUsers } from "@/db/auth/users";
import { ROLES, ROLE_LABELS_IT } from "@/lib/auth/roles";
import { requirePage } from "@/app/_auth/access";
import { formatDate } from "@/lib/format";
import { AdminForm } from "../AdminForm";
import { createUserAction, resetPasswordAction } from "../actions";

export const metadata: Metadata = { title: "Utenti" };

export default async function UsersPage() {
  await requirePage("admin");
  const users = await listUsers(await serverDb());
  return (
    <>
      <h1 className="h2">Utenti</h1>
      <p>Gli utenti sono creati dall&apos;amministratore; non esiste registrazione pubblica.</p>
      <div className="table-responsive mb-5" tabIndex={0} role="region" aria-label="Tabella scorrevole">
        <table className="table table-sm align-middle">
          <caption className="caption-top">Utenti dell&apos;Osservatorio con ruolo e zone</caption>
          <thead>
            <tr>
              <th scope="col">E-mail</th>
              <th scope="col">Ruolo</th>
              <th scope="col">Zone</th>
              <th scope="col">Regioni</th>
              <th scope="col">Creato il</th>
              <th scope="col">Password</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <th scope="row">{u.email}</th>
                <td>{ROLE_LABELS_IT[u.role]}</td>
                <td>{u.zones.join(", ") || (u.role === "admin" && u.regions.length === 0 ? "tutte" : "—")}</td>
                <td>{u.regions.join(", ") || "—"}</td>
                <td>{formatDate(u.createdAt)}</td>
                <td>
                  <AdminForm action={resetPasswordAction} submit={`Reimposta la password di ${u.email}`}>
                    <input type="hidden" name="userId" value={u.id} />
                  </AdminForm>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="nuovo-utente">
        <h2 id="nuovo-utente" className="h4">
          Nuovo utente
        </h2>
        <AdminForm action={createUserAction} submit="Crea utente">
          <div className="row g-3 mb-3">
            <div className="col-md-6">
              <label htmlFor="new-email" className="form-label">E-mail</label>
              <input id="new-email" name="email" type="email" required className="form-control" />
            </div>
            <div className="col-md-6">
              <label htmlFor="new-name" className="form-label">Nome (facoltativo)</label>
              <input id="new-name" name="name" className="form-control" />
            </div>
            <div className="col-md-4">
              <label htmlFor="new-role" className="form-label">Ruolo</label>
              <select id="new-role" name="role" className="form-select" defaultValue="pianificatore">
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS_IT[r]}
                  </option>
                ))}
              </select>
            </div>
            <div className="col-md-4">
              <label htmlFor="new-zones" className="form-label">Zone (es. UMB-11, UMB-06)</label>
              <input id="new-zones" name="zones" className="form-control" />
            </div>
            <div className="col-md-4">
              <label htmlFor="new-regions" className="form-label">Tutte le zone delle regioni (es. 10)</label>
              <input id="new-regions" name="regions" className="form-control" />
            </div>
          </div>
        </AdminForm>
      </section>
    </>
  );
}
