import type { Metadata } from "next";
import { z } from "zod";
import { serverDb } from "@/db/server";
import { listAudit } from "@/db/queries/audit";
import { requirePage } from "@/app/_auth/access";
import { auditActionLabel, auditDetailsText, auditSubjectLabel } from "@/lib/audit-words";

export const metadata: Metadata = { title: "Registro delle attività" };

const Filters = z.object({
  azione: z.string().max(60).optional().catch(undefined),
  chi: z.string().max(120).optional().catch(undefined),
  prima: z.coerce.number().int().positive().optional().catch(undefined),
});

const ACTIONS: Record<string, string> = {
  login: "Accessi",
  "import.": "Importazioni e annullamenti",
  "user.": "Utenti",
  "token.": "Token API",
};

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requirePage("admin");
  const filters = Filters.parse(await searchParams);
  const events = await listAudit(await serverDb(), { action: filters.azione, actor: filters.chi, before: filters.prima, limit: 100 });
  const last = events[events.length - 1];
  return (
    <>
      <h1 className="h2">Registro delle attività</h1>
      <form method="get" className="row g-3 align-items-end mb-4">
        <div className="col-md-4">
          <label htmlFor="azione" className="form-label">Attività</label>
          <select id="azione" name="azione" className="form-select" defaultValue={filters.azione ?? ""}>
            <option value="">Tutte</option>
            {Object.entries(ACTIONS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="col-md-4">
          <label htmlFor="chi" className="form-label">Chi (e-mail o parte)</label>
          <input id="chi" name="chi" defaultValue={filters.chi ?? ""} className="form-control" />
        </div>
        <div className="col-md-4">
          <button type="submit" className="btn btn-primary">
            Filtra
          </button>
        </div>
      </form>
      <div className="table-responsive" tabIndex={0} role="region" aria-label="Tabella scorrevole">
        <table className="table table-sm">
          <caption className="caption-top">Attività, dalla più recente (100 per pagina)</caption>
          <thead>
            <tr>
              <th scope="col">Quando</th>
              <th scope="col">Chi</th>
              <th scope="col">Attività</th>
              <th scope="col">Zona</th>
              <th scope="col">Oggetto</th>
              <th scope="col">Dettagli</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td>{new Date(e.at).toLocaleString("it-IT", { timeZone: "Europe/Rome" })}</td>
                <td>{e.actor ?? "—"}</td>
                <td>{auditActionLabel(e.action)}</td>
                <td>{e.zoneCode ?? "—"}</td>
                <td>{auditSubjectLabel(e.subject)}</td>
                <td className="small">{auditDetailsText(e.details) || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {events.length === 100 && last && (
        <p>
          <a href={`?${new URLSearchParams({ ...(filters.azione ? { azione: filters.azione } : {}), ...(filters.chi ? { chi: filters.chi } : {}), prima: String(last.id) })}`}>
            Attività precedenti
          </a>
        </p>
      )}
    </>
  );
}
