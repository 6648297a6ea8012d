import type { Metadata } from "next";
import { serverDb } from "@/db/server";
import { listZoneThresholds } from "@/db/queries/zone-settings";
import { requirePage } from "@/app/_auth/access";
import { accessibleZones } from "@/lib/auth/roles";
import { MAX_DISCLOSURE_THRESHOLD, MIN_DISCLOSURE_THRESHOLD, disclosureMethodIt } from "@/lib/disclosure";
import { AdminForm } from "../AdminForm";
import { setZoneThresholdAction } from "../actions";

export const metadata: Metadata = { title: "Zone: soglia di riservatezza" };

export default async function ZoneSettingsPage() {
  const admin = await requirePage("admin");
  const zones = accessibleZones(admin, await listZoneThresholds(await serverDb()));
  return (
    <>
      <h1 className="h2">Zone: soglia di riservatezza statistica</h1>
      <p>
        Alla Conferenza di zona, ai token API senza «dati non protetti» e nelle esportazioni i conteggi di persone
        inferiori alla soglia della zona non si mostrano («&lt; 3» con la soglia predefinita), insieme ai valori da cui si
        potrebbero ricavare. La soglia minima è {MIN_DISCLOSURE_THRESHOLD} (regole SISTAN); alzarla protegge di più e
        nasconde più valori. Ogni modifica è registrata nel registro delle attività.
      </p>
      <p className="small text-secondary">{disclosureMethodIt()}</p>
      <div className="table-responsive mb-4" tabIndex={0} role="region" aria-label="Tabella scorrevole">
        <table className="table table-sm align-middle">
          <caption className="caption-top">Soglia per zona</caption>
          <thead>
            <tr>
              <th scope="col">Zona</th>
              <th scope="col">Nome</th>
              <th scope="col" className="num">Soglia</th>
              <th scope="col">Segno mostrato</th>
            </tr>
          </thead>
          <tbody>
            {zones.map((z) => (
              <tr key={z.code}>
                <td>{z.code}</td>
                <th scope="row">{z.name}</th>
                <td className="num">{z.threshold}</td>
                <td>«&lt; {z.threshold}»</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {zones.length > 0 && (
        <section aria-labelledby="nuova-soglia">
          <h2 id="nuova-soglia" className="h4">
            Cambia la soglia di una zona
          </h2>
          <AdminForm action={setZoneThresholdAction} submit="Salva la soglia">
            <div className="row g-3 mb-3">
              <div className="col-md-6">
                <label htmlFor="threshold-zone" className="form-label">Zona</label>
                <select id="threshold-zone" name="zone" className="form-select" required>
                  {zones.map((z) => (
                    <option key={z.code} value={z.code}>
                      {z.code} · {z.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="col-md-3">
                <label htmlFor="threshold-value" className="form-label">Soglia</label>
                <input
                  id="threshold-value"
                  name="threshold"
                  type="number"
                  min={MIN_DISCLOSURE_THRESHOLD}
                  max={MAX_DISCLOSURE_THRESHOLD}
                  step={1}
                  required
                  className="form-control"
                  aria-describedby="threshold-help"
                />
              </div>
              <p id="threshold-help" className="form-text col-12">
                Un numero intero da {MIN_DISCLOSURE_THRESHOLD} a {MAX_DISCLOSURE_THRESHOLD}: i conteggi di persone inferiori non si pubblicano.
              </p>
            </div>
          </AdminForm>
        </section>
      )}
    </>
  );
}
