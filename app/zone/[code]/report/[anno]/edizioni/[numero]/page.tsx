import type { Metadata } from "next";
import "../../../report.css";
import Link from "next/link";
import { notFound } from "next/navigation";
import { serverDb } from "@/db/server";
import { getEdition } from "@/db/queries/report-editions";
import { requirePage } from "@/app/_auth/access";
import { formatDate } from "@/lib/format";
import { parseReportYear } from "@/lib/report/year";
import { ReportView } from "../../../ReportView";
import { PdfActions } from "../../../PdfActions";
import { PrintButtonBinder } from "@/app/components/PrintButtonBinder";

type Params = { params: Promise<{ code: string; anno: string; numero: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: "Relazione annuale, edizione pubblicata" };

/** A published edition: the frozen document as approved, readable by every reader of the zone, never edited. */
export default async function EditionPage({ params, searchParams }: Params) {
  const { code, anno, numero } = await params;
  await requirePage("zone.read", code);
  const year = parseReportYear(anno);
  if (year === null || !/^\d{1,4}$/.test(numero)) notFound();
  const edition = await getEdition(await serverDb(), code, year, Number(numero));
  if (!edition) notFound();
  const pdf = (await searchParams).pdf;
  const status = `Edizione n. ${edition.number}, approvata dalla Conferenza di zona con deliberazione n. ${edition.deliberationNumber} del ${formatDate(edition.deliberationDate)}, pubblicata il ${formatDate(edition.publishedAt)}${edition.supersededByNumber ? `; sostituita dall'edizione n. ${edition.supersededByNumber}` : ""}`;
  return (
    <>
      {edition.supersededByNumber && (
        <p className="alert alert-warning no-print">
          Questa edizione è stata sostituita: <Link href={`/zone/${code}/report/${year}/edizioni/${edition.supersededByNumber}`}>leggere l&apos;edizione n. {edition.supersededByNumber}</Link>.
        </p>
      )}
      <PdfActions href={`/zone/${code}/report/${year}/edizioni/${edition.number}/relazione.pdf`} outcome={typeof pdf === "string" ? pdf : null} />
      <p className="no-print small">
        <a href={`/zone/${code}/report/${year}/edizioni/${edition.number}/dati.xlsx`} download>
          Scarica tutte le tabelle della relazione in Excel (XLSX)
        </a>
        : un foglio per tabella; ogni tabella si scarica anche da sola, in CSV o XLSX, sotto la tabella.
      </p>
      <ReportView doc={edition.document} status={status} downloads={`/zone/${code}/report/${year}/edizioni/${edition.number}`} />
      <section className="no-print mt-4" aria-labelledby="titolo-importazioni">
        <h2 id="titolo-importazioni" className="h5">
          Importazioni da cui è composta questa edizione
        </h2>
        <ul className="small">
          {edition.batches.map((b) => (
            <li key={b.id}>
              n. {b.id}: {b.kind === "demo" ? "dati dimostrativi" : b.fileName}
              {b.committedAt ? `, del ${formatDate(b.committedAt)}` : ""}
            </li>
          ))}
        </ul>
      </section>
      <PrintButtonBinder />
    </>
  );
}
