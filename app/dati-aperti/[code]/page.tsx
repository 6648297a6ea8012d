import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { serverDb } from "@/db/server";
import { zoneOpenData } from "@/db/queries/opendata";
import { zoneHasDemoData } from "@/db/queries/observations";
import { ZoneCode } from "@/lib/api/params";
import { formatDate } from "@/lib/format";
import { documentTables } from "@/lib/report/model";
import { catalogPath, CC_BY_4, CC_BY_4_NAME_IT, datasetIdentifier, tableCsvPath } from "@/lib/opendata/dcat";
import { DemoBanner } from "@/app/components/DemoBanner";

export const metadata: Metadata = { title: "Dati aperti" };

/**
 * A zone's open data, for anyone (no account): the tables of its published
 * report editions in force, each downloadable as standard CSV, and the
 * DCAT-AP_IT catalogue that portals harvest. Drafts never appear.
 */
export default async function OpenDataPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  if (!ZoneCode.safeParse(code).success) notFound();
  const db = await serverDb();
  const [data, demo] = await Promise.all([zoneOpenData(db, code), zoneHasDemoData(db, code)]);
  if (!data) notFound();
  return (
    <main id="contenuto" className="container my-4">
      {demo && <DemoBanner />}
      <h1>Dati aperti – {data.zone.name}</h1>
      <p className="lead">
        Le tabelle delle relazioni annuali alla Conferenza di zona approvate e pubblicate dall&apos;Ufficio di Piano, dopo il controllo del segreto
        statistico: dove un valore potrebbe far riconoscere una persona, la tabella riporta «&lt; soglia» invece del numero.
      </p>
      <dl className="row">
        <dt className="col-sm-3">Titolare dei dati</dt>
        <dd className="col-sm-9">
          {data.capofila.name} (comune capofila; codice {data.capofila.identifier})
        </dd>
        <dt className="col-sm-3">Licenza</dt>
        <dd className="col-sm-9">
          <a href={CC_BY_4} rel="license">
            {CC_BY_4_NAME_IT}
          </a>
          : riutilizzabili citando la fonte.
        </dd>
        <dt className="col-sm-3">Formato</dt>
        <dd className="col-sm-9">CSV in UTF-8, separatore virgola e punto decimale; una cella vuota è un valore mancante.</dd>
        <dt className="col-sm-3">Catalogo DCAT-AP_IT</dt>
        <dd className="col-sm-9">
          <a href={catalogPath(data.zone.code)}>catalogo in JSON-LD</a>, per la raccolta da parte dei portali regionali e nazionali (dati.gov.it)
        </dd>
      </dl>
      {data.editions.length === 0 ? (
        <p className="alert alert-info">Nessuna relazione annuale pubblicata: i dati aperti compaiono quando l&apos;Ufficio di Piano pubblica un&apos;edizione approvata.</p>
      ) : (
        data.editions.map((e) => {
          const tables = documentTables(e.document);
          return (
            <section key={`${e.year}-${e.number}`} className="mb-5" aria-labelledby={`titolo-${e.year}`}>
              <h2 id={`titolo-${e.year}`} className="h3">
                Relazione annuale {e.year}
              </h2>
              <p>
                Edizione n. {e.number}, approvata con deliberazione della Conferenza di zona n. {e.deliberationNumber} del {formatDate(e.deliberationDate)},
                pubblicata il {formatDate(e.publishedAt)}. {tables.length} tabelle.
              </p>
              <div className="table-responsive" tabIndex={0} role="region" aria-label={`Tabelle della relazione ${e.year}, tabella scorrevole`}>
                <table className="table table-sm">
                  <caption className="caption-top">Tabelle della relazione {e.year} come dati aperti</caption>
                  <thead>
                    <tr>
                      <th scope="col">Tabella</th>
                      <th scope="col">Sezione</th>
                      <th scope="col">Identificativo</th>
                      <th scope="col">Scarica</th>
                    </tr>
                  </thead>
                  <tbody>
                    {tables.map(({ table, where }) => (
                      <tr key={table.id}>
                        <th scope="row">{table.caption}</th>
                        <td>{where}</td>
                        <td className="small text-break">{datasetIdentifier(data, e.year, table.id)}</td>
                        <td>
                          <a href={tableCsvPath(data.zone.code, e.year, e.number, table.id)} download>
                            CSV<span className="visually-hidden"> di «{table.caption}»</span>
                          </a>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          );
        })
      )}
    </main>
  );
}
