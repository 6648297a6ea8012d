import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { serverDb } from "@/db/server";
import { listComuniOfZone } from "@/db/queries/comuni";
import { requirePage } from "@/app/_auth/access";
import { RESOURCE_KIND_LABELS_IT } from "@/lib/catalog/resource-kinds";

export const metadata: Metadata = { title: "Risorse" };

const Filters = z.object({
  comune: z.string().regex(/^\d{6}$/).optional().catch(undefined),
  tipo: z.enum(Object.keys(RESOURCE_KIND_LABELS_IT) as [string, ...string[]]).optional().catch(undefined),
});

type Params = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | undefined>> };

export default async function ResourcesPage({ params, searchParams }: Params) {
  const { code } = await params;
  await requirePage("zone.read", code);
  const filters = Filters.parse(await searchParams);
  const db = await serverDb();
  let query = db
    .selectFrom("resource as r")
    .leftJoin("comune as c", "c.istat", "r.comune_istat")
    .select(["r.id", "r.kind", "r.name", "r.address", "r.postal_code", "r.phone", "r.email", "r.opening_hours", "r.capacity", "c.name as comune", "c.istat"])
    .where("r.zone_code", "=", code)
    .where("r.replaced_by_batch", "is", null)
    .orderBy("c.name")
    .orderBy("r.name");
  if (filters.comune) query = query.where("r.comune_istat", "=", filters.comune);
  if (filters.tipo) query = query.where("r.kind", "=", filters.tipo as never);
  const [resources, comuni] = await Promise.all([query.execute(), listComuniOfZone(db, code)]);

  return (
    <>
      <h1 className="h2">Risorse e punti di accesso</h1>
      <p>Uffici della Cittadinanza, strutture, associazioni e servizi di volontariato della zona. Si aggiornano importando i dati «risorse».</p>
      <form method="get" className="row g-3 align-items-end mb-4 no-print">
        <div className="col-md-4">
          <label htmlFor="comune" className="form-label">Comune</label>
          <select id="comune" name="comune" className="form-select" defaultValue={filters.comune ?? ""}>
            <option value="">Tutti</option>
            {comuni.map((c) => (
              <option key={c.istat} value={c.istat}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="col-md-4">
          <label htmlFor="tipo" className="form-label">Tipo</label>
          <select id="tipo" name="tipo" className="form-select" defaultValue={filters.tipo ?? ""}>
            <option value="">Tutti</option>
            {Object.entries(RESOURCE_KIND_LABELS_IT).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="col-md-4">
          <button type="submit" className="btn btn-primary">Filtra</button>
        </div>
      </form>
      {resources.length === 0 ? (
        <p>Nessuna risorsa con questi filtri.</p>
      ) : (
        <div className="table-responsive" tabIndex={0} role="region" aria-label="Elenco delle risorse, scorrevole">
          <table className="table table-sm align-middle">
            <caption className="caption-top">{resources.length} risorse</caption>
            <thead>
              <tr>
                <th scope="col">Nome</th>
                <th scope="col">Tipo</th>
                <th scope="col">Comune</th>
                <th scope="col">Indirizzo</th>
                <th scope="col">Telefono</th>
                <th scope="col">Orari</th>
                <th scope="col" className="num">Posti</th>
              </tr>
            </thead>
            <tbody>
              {resources.map((r) => (
                <tr key={String(r.id)}>
                  <th scope="row">{r.name}</th>
                  <td>{RESOURCE_KIND_LABELS_IT[r.kind] ?? r.kind}</td>
                  <td>{r.istat ? <Link href={`/comuni/${r.istat}`}>{r.comune}</Link> : "—"}</td>
                  <td>{[r.address, r.postal_code].filter(Boolean).join(" – ") || "—"}</td>
                  <td>{r.phone ?? "—"}</td>
                  <td>{r.opening_hours ?? "—"}</td>
                  <td className="num">{r.capacity ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
