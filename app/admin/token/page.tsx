import type { Metadata } from "next";
import { serverDb } from "@/db/server";
import { listApiTokens } from "@/db/auth/users";
import { requirePage } from "@/app/_auth/access";
import { formatDate } from "@/lib/format";
import { AdminForm } from "../AdminForm";
import { createTokenAction, revokeTokenAction } from "../actions";

export const metadata: Metadata = { title: "Token API" };

export default async function TokensPage() {
  await requirePage("admin");
  const tokens = await listApiTokens(await serverDb());
  return (
    <>
      <h1 className="h2">Token API</h1>
      <p>
        I token danno accesso in sola lettura all&apos;API JSON (<code>Authorization: Bearer …</code>) per le zone indicate,
        per esempio ai sistemi regionali. Sono conservati solo come impronta: il token si vede una volta, alla creazione.
      </p>
      <p>
        Un token appartiene all&apos;amministratore che lo crea e non legge mai più di quanto quell&apos;utente legge oggi:
        se l&apos;account è disattivato il token smette di funzionare, se perde delle zone il token le perde con lui.
        I conteggi di persone arrivano al token protetti dal segreto statistico (valori piccoli nascosti), come alla
        Conferenza di zona, a meno di concedere i <strong>dati non protetti</strong>.
      </p>
      <div className="table-responsive mb-5" tabIndex={0} role="region" aria-label="Tabella scorrevole">
        <table className="table table-sm align-middle">
          <caption className="caption-top">Token API</caption>
          <thead>
            <tr>
              <th scope="col">N.</th>
              <th scope="col">Nome</th>
              <th scope="col">Zone</th>
              <th scope="col">Regioni</th>
              <th scope="col">Dati</th>
              <th scope="col">Di</th>
              <th scope="col">Creato</th>
              <th scope="col">Ultimo uso</th>
              <th scope="col">Stato</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id}>
                <td className="num">{t.id}</td>
                <th scope="row">{t.name}</th>
                <td>{t.zones.join(", ") || "—"}</td>
                <td>{t.regions.join(", ") || "—"}</td>
                <td>{t.unprotected_data ? <strong>non protetti</strong> : "protetti"}</td>
                <td>
                  {t.owner_email ?? "utente eliminato: non funziona"}
                  {t.owner_disabled && " (disattivato: non funziona)"}
                </td>
                <td>{formatDate(t.created_at)}</td>
                <td>{t.last_used_at ? formatDate(t.last_used_at) : "mai"}</td>
                <td>
                  {t.revoked_at ? (
                    "revocato"
                  ) : (
                    <form action={revokeTokenAction}>
                      <input type="hidden" name="id" value={t.id} />
                      <button type="submit" className="btn btn-outline-danger btn-sm">
                        Revoca<span className="visually-hidden"> il token {t.name}</span>
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="nuovo-token">
        <h2 id="nuovo-token" className="h4">
          Nuovo token
        </h2>
        <AdminForm action={createTokenAction} submit="Crea token">
          <div className="row g-3 mb-3">
            <div className="col-md-4">
              <label htmlFor="token-name" className="form-label">Nome (chi lo usa)</label>
              <input id="token-name" name="name" required className="form-control" />
            </div>
            <div className="col-md-4">
              <label htmlFor="token-zones" className="form-label">Zone (es. UMB-11)</label>
              <input id="token-zones" name="zones" className="form-control" />
            </div>
            <div className="col-md-4">
              <label htmlFor="token-regions" className="form-label">Regioni (es. 10)</label>
              <input id="token-regions" name="regions" className="form-control" />
            </div>
            <div className="col-12">
              <div className="form-check">
                <input id="token-unprotected" name="unprotected" type="checkbox" value="1" className="form-check-input" aria-describedby="token-unprotected-help" />
                <label htmlFor="token-unprotected" className="form-check-label">
                  Dati non protetti
                </label>
              </div>
              <p id="token-unprotected-help" className="form-text">
                Il token riceve i conteggi di persone così come sono, anche quelli piccoli (1 o 2 persone) che il segreto
                statistico nasconde. Solo per sistemi che trattano dati personali con una base giuridica e non li pubblicano.
              </p>
            </div>
          </div>
        </AdminForm>
      </section>
    </>
  );
}
