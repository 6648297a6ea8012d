import type { Metadata } from "next";
import "@/app/components/territory-tables.css";
import Link from "next/link";
import { serverDb } from "@/db/server";
import { listServices } from "@/db/queries/services";
import { requirePage } from "@/app/_auth/access";
import { SERVICE_AREAS, serviceAreaLabel, spendingTypeLabel } from "@/lib/catalog/service-areas";
import { ISTAT_SERVICE_CATEGORIES, ISTAT_SERVICE_CATEGORY_SOURCE, managementModeLabel, serviceCategoryLabel } from "@/lib/services/categories";
import { formatDate } from "@/lib/format";
import { DownloadLinks } from "@/app/components/DownloadLinks";
import { FilterForm, SelectField } from "@/app/components/FilterForm";
import { parseServiceSearch, serviceSearchQuery } from "./search-params";

export const metadata: Metadata = { title: "Servizi" };

type Params = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The zone's service catalogue, filtered by area di utenza and ISTAT category in the URL. */
export default async function ServicesPage({ params, searchParams }: Params) {
  const { code } = await params;
  await requirePage("zone.read", code);
  const filter = parseServiceSearch(await searchParams);
  const db = await serverDb();
  const services = await listServices(db, code, filter);
  const query = serviceSearchQuery(filter);
  const described = [filter.area ? `area ${serviceAreaLabel(filter.area)}` : null, filter.category ? `categoria ${serviceCategoryLabel(filter.category)}` : null].filter(Boolean).join(", ");

  return (
    <>
      <h1 className="h2">Servizi della zona</h1>
      <p>
        Il catalogo dei servizi: area di utenza e tipo di spesa come nell&apos;indagine ISTAT sugli interventi e servizi sociali dei comuni, la
        categoria di servizio ISTAT, il codice del nomenclatore, come è gestito e dove è erogato. Si aggiorna importando i dati «servizi». La
        qualità rispetto alla carta dei servizi è nella pagina <Link href={`/zone/${code}/qualita`}>Qualità</Link>, il personale in{" "}
        <Link href={`/zone/${code}/personale`}>Personale</Link>.
      </p>
      <FilterForm submitLabel="Filtra" submitColumn="col-md-4">
        <SelectField name="area" label="Area di utenza" column="col-md-4" defaultValue={filter.area ?? ""} empty="Tutte" options={SERVICE_AREAS.map((a) => ({ value: a.code, label: a.label }))} />
        <SelectField name="categoria" label="Categoria ISTAT" column="col-md-4" defaultValue={filter.category ?? ""} empty="Tutte" options={ISTAT_SERVICE_CATEGORIES.map((c) => ({ value: c.code, label: `${c.label} (${c.code})` }))} />
      </FilterForm>
      {services.length === 0 ? (
        <p className="alert alert-info" role="status">
          Nessun servizio{described ? ` (${described})` : " registrato per questa zona"}. I servizi si caricano dalla pagina «Importa dati», tipo
          «servizi».
        </p>
      ) : (
        <>
          <DownloadLinks href={`/zone/${code}/servizi/dati`} query={query} what="il catalogo dei servizi" />
          <div className="table-responsive" tabIndex={0} role="region" aria-label="Catalogo dei servizi, scorrevole">
            <table className="table table-sm align-middle">
              <caption className="caption-top">
                {services.length === 1 ? "1 servizio" : `${services.length} servizi`}
                {described ? ` (${described})` : ""}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Servizio</th>
                  <th scope="col">Area di utenza</th>
                  <th scope="col">Tipo di spesa</th>
                  <th scope="col">Categoria ISTAT</th>
                  <th scope="col">Nomenclatore</th>
                  <th scope="col">Gestione</th>
                  <th scope="col">Ente gestore</th>
                  <th scope="col">Dove</th>
                </tr>
              </thead>
              <tbody>
                {services.map((s) => (
                  <tr key={s.code}>
                    <th scope="row">
                      <Link href={`/zone/${code}/servizi/${encodeURIComponent(s.code)}`}>{s.name}</Link>
                      <div className="small text-secondary">
                        <code>{s.code}</code>
                      </div>
                    </th>
                    <td>{serviceAreaLabel(s.area)}</td>
                    <td>{spendingTypeLabel(s.spendingType)}</td>
                    <td>{s.categoryCode ? serviceCategoryLabel(s.categoryCode) : "—"}</td>
                    <td>
                      {s.nomenclatoreCode ? (
                        <>
                          <code>{s.nomenclatoreCode}</code>
                          {(s.nomenclatoreFrom || s.nomenclatoreTo) && (
                            <div className="small">
                              {s.nomenclatoreFrom ? `dal ${formatDate(s.nomenclatoreFrom)}` : ""}
                              {s.nomenclatoreTo ? ` al ${formatDate(s.nomenclatoreTo)}` : ""}
                            </div>
                          )}
                        </>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td>{managementModeLabel(s.managementMode)}</td>
                    <td>{s.managingBody ?? "—"}</td>
                    <td>
                      {s.comuni.length === 0 ? "Tutta la zona" : s.comuni.map((c) => c.name).join(", ")}
                      {s.sedi.length > 0 && <div className="small">Sedi: {s.sedi.join("; ")}</div>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="small text-secondary">Categorie: {ISTAT_SERVICE_CATEGORY_SOURCE}</p>
        </>
      )}
    </>
  );
}
