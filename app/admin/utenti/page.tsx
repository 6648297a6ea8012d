import type { Metadata } from "next";
import { serverDb } from "@/db/server";
import { listUsers } from "@/db/auth/users";
import { listZonedComuni } from "@/db/queries/comuni";
import { ROLE_LABELS_IT } from "@/lib/auth/roles";
import { requirePage } from "@/app/_auth/access";
import { formatDate } from "@/lib/format";
import { comuniOfScope } from "@/lib/auth/user-form";
import { AdminForm } from "../AdminForm";
import { NewUserFields } from "./NewUserFields";
import { AccessFields } from "./AccessFields";
import { createUserAction, resetPasswordAction, setComuneAction, setDisabledAction, updateAccessAction } from "../actions";

export const metadata: Metadata = { title: "Utenti" };

export default async function UsersPage() {
  const admin = await requirePage("admin");
  const db = await serverDb();
  const [users, comuni] = await Promise.all([
    listUsers(db),
    listZonedComuni(db),
  ]);
  const comuneName = new Map(comuni.map((c) => [c.istat, c.name]));
  // A Conferenza user may be bound to a comune of their zones (db/auth/users.ts setUserComune).
  const comuniOf = (u: (typeof users)[number]) => comuniOfScope(comuni, u.zones, u.regions);
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
              <th scope="col">Comune</th>
              <th scope="col">Stato</th>
              <th scope="col">Creato il</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <th scope="row">{u.email}</th>
                <td>{ROLE_LABELS_IT[u.role]}</td>
                <td>{u.zones.join(", ") || (u.role === "admin" && u.regions.length === 0 ? "tutte" : "—")}</td>
                <td>{u.regions.join(", ") || "—"}</td>
                <td>{u.comune ? `${comuneName.get(u.comune) ?? u.comune} (${u.comune})` : "—"}</td>
                <td>{u.disabled ? "disattivato" : "attivo"}</td>
                <td>{formatDate(u.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="modifica-utenti" className="mb-5">
        <h2 id="modifica-utenti" className="h4">
          Modifica utenti
        </h2>
        <p>Le modifiche di ruolo e zone valgono dalla pagina successiva dell&apos;utente; la disattivazione chiude subito le sue sessioni.</p>
        {users.map((u) => (
          <details key={u.id} className="border-bottom py-2">
            <summary>
              {u.email} · {ROLE_LABELS_IT[u.role]}
              {u.disabled ? " · disattivato" : ""}
            </summary>
            <div className="row g-4 mt-1">
              <div className="col-lg-6">
                <AdminForm action={updateAccessAction} submit={`Salva ruolo e zone di ${u.email}`}>
                  <input type="hidden" name="userId" value={u.id} />
                  <AccessFields
                    idSuffix={u.id}
                    column="mb-2"
                    role={{ defaultValue: u.role }}
                    zones={{ defaultValue: u.zones.join(", ") }}
                    regions={{ defaultValue: u.regions.join(", ") }}
                  />
                </AdminForm>
                {u.role === "conferenza" && (
                  <div className="mt-3">
                    <AdminForm action={setComuneAction} submit={`Salva il comune di ${u.email}`}>
                      <input type="hidden" name="userId" value={u.id} />
                      <div className="mb-3">
                        <label htmlFor={`comune-${u.id}`} className="form-label">
                          Il suo comune (si apre dopo l&apos;accesso, voce «Il mio comune»)
                        </label>
                        <select id={`comune-${u.id}`} name="comune" className="form-select" defaultValue={u.comune ?? ""}>
                          <option value="">nessuno (apre la zona)</option>
                          {comuniOf(u).map((c) => (
                            <option key={c.istat} value={c.istat}>
                              {c.name} ({c.zoneCode})
                            </option>
                          ))}
                        </select>
                      </div>
                    </AdminForm>
                  </div>
                )}
              </div>
              <div className="col-lg-6">
                <AdminForm action={resetPasswordAction} submit={`Reimposta la password di ${u.email}`}>
                  <input type="hidden" name="userId" value={u.id} />
                </AdminForm>
                {u.id !== admin.id && (
                  <div className="mt-3">
                    <AdminForm action={setDisabledAction} submit={u.disabled ? `Riattiva ${u.email}` : `Disattiva ${u.email}`}>
                      <input type="hidden" name="userId" value={u.id} />
                      <input type="hidden" name="disabled" value={u.disabled ? "0" : "1"} />
                    </AdminForm>
                  </div>
                )}
              </div>
            </div>
          </details>
        ))}
      </section>
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
            <NewUserFields comuni={comuni} />
          </div>
        </AdminForm>
      </section>
    </>
  );
}
