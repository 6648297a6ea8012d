import type { Metadata } from "next";
import { serverDb } from "@/db/server";
import { listBatches } from "@/db/queries/imports";
import { indicatorDefinitions } from "@/db/queries/indicators";
import { env } from "@/lib/env";
import { DATASET_KINDS, DATASET_KIND_LABELS_IT } from "@/imports/report";
import { formatNumber } from "@/lib/format";
import { ImportWizard } from "./ImportWizard";
import { RevertButton } from "./RevertButton";
import { requirePage } from "@/app/_auth/access";
import { can } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Importa dati" };

/** Date and time of an import in Italy's time, as the audit log shows them. */
const batchTime = new Intl.DateTimeFormat("it-IT", { timeZone: "Europe/Rome", day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit" });

/** The kind in words; the demo loader's batch is not one of the import kinds. */
function kindName(kind: string): string {
  if (kind === "demo") return "Dati dimostrativi";
  return (DATASET_KIND_LABELS_IT as Record<string, string>)[kind] ?? kind;
}

const STATUS_IT: Record<string, string> = {
  committed: "attivo",
  reverted: "annullato",
  previewed: "anteprima",
  failed: "non riuscito",
  applying: "in scrittura",
};

export default async function ImportPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const principal = await requirePage("imports.read", code);
  const canWrite = can(principal, "imports.write");
  const db = await serverDb();
  const batches = await listBatches(db, { zoneCodes: [code], includeZoneless: true, limit: 100 });
  const indicators = (await indicatorDefinitions(db)).map((d) => ({ code: d.code, name: d.name }));
  return (
    <>
      <h1 className="h2">Importa dati</h1>
      <p>
        Carica i file CSV esportati da Excel, ISTAT, INPS, Regione o dalla contabilità dei comuni. Il file viene
        prima controllato (anteprima): nulla viene scritto finché non confermi. Ogni importazione si può annullare.
      </p>
      <details className="mb-4">
        <summary>Formati accettati e modelli da scaricare</summary>
        <ul className="mt-2">
          {DATASET_KINDS.filter((k) => k !== "confini").map((k) => (
            <li key={k}>
              {DATASET_KIND_LABELS_IT[k]}: <a href={`/api/v1/imports/templates/${k}`}>modello CSV</a>
            </li>
          ))}
          <li>{DATASET_KIND_LABELS_IT.confini}: file GeoJSON o TopoJSON con il codice ISTAT del comune tra le proprietà.</li>
        </ul>
        <p className="small">Descrizione completa delle colonne: docs/formati-dati.md.</p>
      </details>
      {canWrite ? (
        <ImportWizard zoneCode={code} maxUploadMb={env().OSSERVATORIO_MAX_UPLOAD_MB} indicators={indicators} />
      ) : (
        <p className="alert alert-info">Il profilo {principal.label} può consultare lo storico ma non importare dati.</p>
      )}

      <section aria-labelledby="storico-titolo">
        <h2 id="storico-titolo" className="h4">
          Storico delle importazioni
        </h2>
        {batches.length === 0 ? (
          <p>Nessuna importazione.</p>
        ) : (
          <div className="table-responsive" tabIndex={0} role="region" aria-label="Tabella scorrevole">
            <table className="table table-sm align-middle">
              <caption className="visually-hidden">Importazioni della zona, dalla più recente</caption>
              <thead>
                <tr>
                  <th scope="col">N.</th>
                  <th scope="col">Data</th>
                  <th scope="col">File</th>
                  <th scope="col">Tipo</th>
                  <th scope="col">Utente</th>
                  <th scope="col" className="num">Righe</th>
                  <th scope="col" className="num">Nuovi</th>
                  <th scope="col" className="num">Modificati</th>
                  <th scope="col" className="num">Scartate</th>
                  <th scope="col">Stato</th>
                  <th scope="col">
                    <span className="visually-hidden">Azioni</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {batches.map((b) => (
                  <tr key={b.id}>
                    <td className="num">{b.id}</td>
                    <td>{batchTime.format(new Date(b.createdAt))}</td>
                    <td>{b.fileName}</td>
                    <td>{kindName(b.kind)}</td>
                    <td>{b.userLabel ?? ""}</td>
                    <td className="num">{formatNumber(b.rowsRead)}</td>
                    <td className="num">{formatNumber(b.inserted)}</td>
                    <td className="num">{formatNumber(b.updated)}</td>
                    <td className="num">{formatNumber(b.rejected)}</td>
                    <td>
                      {STATUS_IT[b.status] ?? b.status}
                      {b.status === "reverted" && b.revertedAt && <div className="small">il {batchTime.format(new Date(b.revertedAt))}</div>}
                    </td>
                    <td>{canWrite && b.status === "committed" && b.kind !== "demo" && <RevertButton batchId={b.id} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
