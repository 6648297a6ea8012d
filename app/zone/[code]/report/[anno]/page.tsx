import type { Metadata } from "next";
import "../report.css";
import { notFound } from "next/navigation";
import { serverDb } from "@/db/server";
import { buildReport } from "@/db/queries/report";
import { reportDraft } from "@/db/queries/report-texts";
import { requirePage } from "@/app/_auth/access";
import { can } from "@/lib/auth/roles";
import { ReportView } from "../ReportView";
import { PrintButtonBinder } from "@/app/components/PrintButtonBinder";
import { parseReportYear } from "@/lib/report/year";
import { PdfActions } from "../PdfActions";
import { ReportAdmin } from "../ReportAdmin";
import { listEditions } from "@/db/queries/report-editions";
import Link from "next/link";
import { formatDate } from "@/lib/format";

type Params = { params: Promise<{ code: string; anno: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { anno } = await params;
  return { title: `Relazione annuale ${parseReportYear(anno) ?? ""}`.trim() };
}

/**
 * The draft of a year's report, composed now from the current data. Planners
 * write its texts here; a Conferenza member reads it only when shared.
 */
export default async function ReportPage({ params, searchParams }: Params) {
  const { code, anno } = await params;
  const pdfOutcome = (await searchParams).pdf;
  const principal = await requirePage("zone.read", code);
  const year = parseReportYear(anno);
  if (year === null) notFound();
  const db = await serverDb();
  const draft = await reportDraft(db, code, year);
  if (principal.role === "conferenza" && !draft?.shared) {
    return (
      <>
        <h1 className="h2">Relazione {year}</h1>
        <p className="alert alert-info">La bozza di questa relazione non è stata condivisa con la Conferenza di zona.</p>
      </>
    );
  }
  const [doc, editions] = await Promise.all([buildReport(db, code, year), listEditions(db, code, year)]);
  const editable = can(principal, "plan.write") ? { zone: code, year } : null;
  const status =
    draft?.status === "approvata" ? `Bozza approvata dalla Conferenza (deliberazione n. ${draft.deliberationNumber} del ${formatDate(draft.deliberationDate)}), da pubblicare` : "Bozza: i valori cambiano con le importazioni";
  return (
    <>
      {editions.length > 0 && (
        <div className="no-print alert alert-info">
          <p className="mb-1">Edizioni pubblicate di questa relazione (non cambiano con le importazioni successive):</p>
          <ul className="mb-0">
            {editions.map((e) => (
              <li key={e.id}>
                <Link href={`/zone/${code}/report/${year}/edizioni/${e.number}`}>Edizione n. {e.number}</Link> del {formatDate(e.publishedAt)}
                {e.supersededByNumber ? `, sostituita dall'edizione n. ${e.supersededByNumber}` : ", in vigore"}
              </li>
            ))}
          </ul>
        </div>
      )}
      {editable && <ReportAdmin zone={code} year={year} approved={draft?.status === "approvata"} shared={draft?.shared ?? false} />}
      <PdfActions href={`/zone/${code}/report/${year}/relazione.pdf`} outcome={typeof pdfOutcome === "string" ? pdfOutcome : null} />
      <p className="no-print small">
        <a href={`/zone/${code}/report/${year}/dati.xlsx`} download>
          Scarica tutte le tabelle della relazione in Excel (XLSX)
        </a>
        : un foglio per tabella; ogni tabella si scarica anche da sola, in CSV o XLSX, sotto la tabella.
      </p>
      <ReportView doc={doc} status={status} editable={editable} downloads={`/zone/${code}/report/${year}`} />
      <PrintButtonBinder />
    </>
  );
}
