import type { Metadata } from "next";
import Link from "next/link";
import { serverDb } from "@/db/server";
import { zoneYears } from "@/db/queries/indicators";
import { listReportDrafts } from "@/db/queries/report-texts";
import { listEditions } from "@/db/queries/report-editions";
import { formatDate } from "@/lib/format";
import { requirePage } from "@/app/_auth/access";
import { can } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Relazione annuale" };

/**
 * The zone's annual reports: one per year with data (and the current one).
 * Planners open any draft; a Conferenza member only the drafts a planner shared.
 */
export default async function ReportIndexPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const principal = await requirePage("zone.read", code);
  const db = await serverDb();
  const [years, drafts, editions] = await Promise.all([zoneYears(db, code), listReportDrafts(db, code), listEditions(db, code)]);
  const conferenza = principal.role === "conferenza";
  const all = [...new Set([...years, ...drafts.map((d) => d.year)])].sort((a, b) => b - a);
  const visible = conferenza ? all.filter((y) => drafts.find((d) => d.year === y)?.shared) : all;
  return (
    <>
      <h1 className="h2">Relazione annuale alla Conferenza di zona</h1>
      <p>
        Ogni anno l&apos;Ufficio di Piano riferisce ai sindaci: popolazione e bisogni, fragilità, stato del Piano di zona, livelli essenziali, qualità
        dei servizi, personale, bilancio, e una pagina per ogni comune. I valori sono quelli pubblicabili (tutela del segreto statistico).
      </p>
      {can(principal, "plan.write") && <p className="small">I pianificatori scrivono introduzione, conclusioni e commenti direttamente nella relazione.</p>}
      <p className="small">
        Le tabelle delle edizioni pubblicate sono anche <Link href={`/dati-aperti/${code}`}>dati aperti</Link>, senza bisogno di accedere (catalogo DCAT-AP_IT).
      </p>
      <h2 className="h4">Edizioni pubblicate</h2>
      {editions.length === 0 ? (
        <p>Nessuna edizione pubblicata.</p>
      ) : (
        <ul>
          {editions.map((e) => (
            <li key={e.id}>
              <Link href={`/zone/${code}/report/${e.year}/edizioni/${e.number}`}>
                Relazione {e.year}, edizione n. {e.number}
              </Link>{" "}
              · deliberazione n. {e.deliberationNumber} del {formatDate(e.deliberationDate)}, pubblicata il {formatDate(e.publishedAt)}
              {e.supersededByNumber ? ` · sostituita dall'edizione n. ${e.supersededByNumber}` : ""}
            </li>
          ))}
        </ul>
      )}
      <h2 className="h4">Bozze</h2>
      {visible.length === 0 ? (
        <p>{conferenza ? "Nessuna bozza condivisa con la Conferenza." : "Nessun dato caricato: la relazione si compone dai dati importati."}</p>
      ) : (
        <ul>
          {visible.map((y) => {
            const d = drafts.find((x) => x.year === y);
            return (
              <li key={y}>
                <Link href={`/zone/${code}/report/${y}`}>Relazione {y}</Link>
                {d ? ` · ${d.status === "approvata" ? "approvata" : "bozza"}${d.shared ? ", condivisa con la Conferenza" : ""}` : " · bozza non ancora iniziata"}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
