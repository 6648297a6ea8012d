import type { Metadata } from "next";
import "@/app/components/territory-tables.css";
import Link from "next/link";
import { serverDb } from "@/db/server";
import { listComuniOfZone } from "@/db/queries/comuni";
import { listResources } from "@/db/queries/resources";
import { requirePage } from "@/app/_auth/access";
import { RESOURCE_KIND_LABELS_IT, RESOURCE_KINDS } from "@/lib/catalog/resource-kinds";
import { formatNumber } from "@/lib/format";
import { DownloadLinks } from "@/app/components/DownloadLinks";
import { FilterForm, SelectField } from "@/app/components/FilterForm";
import { parseResourceSearch } from "./search-params";

export const metadata: Metadata = { title: "Risorse" };

type Params = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ResourcesPage({ params, searchParams }: Params) {
  const { code } = await params;
  await requirePage("zone.read", code);
  const filter = parseResourceSearch(await searchParams);
  const db = await serverDb();
  const [resources, comuni] = await Promise.all([listResources(db, code, filter), listComuniOfZone(db, code)]);
  const comuneName = comuni.find((c) => c.istat === filter.comune)?.name;
  const query = `?${new URLSearchParams({ ...(filter.comune ? { comune: filter.comune } : {}), ...(filter.kind ? { tipo: filter.kind } : {}) })}`;
  const described = [filter.kind ? RESOURCE_KIND_LABELS_IT[filter.kind] : null, comuneName ? `comune di ${comuneName}` : null].filter(Boolean).join(", ");

  return (
    <>
      <h1 className="h2">Risorse e punti di accesso</h1>
      <p>
        Uffici della Cittadinanza, strutture, associazioni e servizi di volontariato della zona. L&apos;elenco si aggiorna importando i
        dati «risorse».
      </p>
      <FilterForm submitLabel="Filtra" submitColumn="col-md-4">
        <SelectField name="comune" label="Comune" column="col-md-4" defaultValue={filter.comune ?? ""} empty="Tutti" options={comuni.map((c) => ({ value: c.istat, label: c.name }))} />
        <SelectField name="tipo" label="Tipo" column="col-md-4" defaultValue={filter.kind ?? ""} empty="Tutti" options={RESOURCE_KINDS.map((k) => ({ value: k, label: RESOURCE_KIND_LABELS_IT[k] }))} />
      </FilterForm>
      {resources.length === 0 ? (
        <p className="alert alert-info" role="status">
          Nessuna risorsa registrata{described ? ` (${described})` : " per questa zona"}. Le risorse si caricano dalla pagina «Importa dati»,
          tipo «risorse».
        </p>
      ) : (
        <>
          <DownloadLinks href={`/zone/${code}/risorse/dati`} query={query} what="l'elenco delle risorse" />
          <div className="table-responsive" tabIndex={0} role="region" aria-label="Elenco delle risorse, scorrevole">
            <table className="table table-sm align-middle">
              <caption className="caption-top">
                {resources.length === 1 ? "1 risorsa" : `${resources.length} risorse`}
                {described ? ` (${described})` : ""}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Nome</th>
                  <th scope="col">Tipo</th>
                  <th scope="col">Comune</th>
                  <th scope="col">Indirizzo</th>
                  <th scope="col">Contatti</th>
                  <th scope="col">Orari</th>
                  <th scope="col" className="num">
                    Posti
                  </th>
                </tr>
              </thead>
              <tbody>
                {resources.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{r.name}</th>
                    <td>{RESOURCE_KIND_LABELS_IT[r.kind]}</td>
                    <td>{r.comuneIstat ? <Link href={`/comuni/${r.comuneIstat}`}>{r.comuneName}</Link> : "—"}</td>
                    <td>{[r.address, r.postalCode].filter(Boolean).join(" – ") || "—"}</td>
                    <td>
                      {r.phone && <div>tel. {r.phone}</div>}
                      {r.fax && <div>fax {r.fax}</div>}
                      {r.email && <div>{r.email}</div>}
                      {!r.phone && !r.fax && !r.email && "—"}
                    </td>
                    <td>{r.openingHours ?? "—"}</td>
                    <td className="num">{r.capacity === null ? "—" : formatNumber(r.capacity)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
