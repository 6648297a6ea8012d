import { serverDb } from "@/db/server";
import { getZone } from "@/db/queries/zones";
import { buildReport } from "@/db/queries/report";
import { reportDraft } from "@/db/queries/report-texts";
import { getEdition } from "@/db/queries/report-editions";
import type { Principal } from "@/lib/auth/roles";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { csvFormatOf, exportResponse, ExportRequestError } from "@/lib/export/table";
import { toXlsxBook, xlsxResponse } from "@/lib/export/xlsx";
import { documentTables, type ReportDocument } from "@/lib/report/model";
import { reportFileBase, reportTableExport, reportWorkbook } from "@/lib/report/export";
import { parseReportYear } from "@/lib/report/year";

/**
 * The downloads of a report's tables, for a draft and for an edition: read
 * from the document (the draft composed now, or the frozen edition), so they
 * carry exactly the page's disclosure-controlled cells. `tabella=ID` gives one
 * table; the XLSX without it is the whole report, one sheet per table.
 */

/** The draft's document, for who may read the draft (a Conferenza member only when shared). */
export async function draftForDownload(principal: Principal, code: string, anno: string): Promise<{ doc: ReportDocument; edition: null; status: string }> {
  const year = parseReportYear(anno);
  if (year === null) throw new NotFoundError(`Anno ${anno} non valido: indicarlo con quattro cifre.`);
  const db = await serverDb();
  const [zone, draft] = await Promise.all([getZone(db, code), reportDraft(db, code, year)]);
  if (!zone) throw new NotFoundError(`Zona ${code} non trovata.`);
  if (principal.role === "conferenza" && !draft?.shared) throw new ForbiddenError("La bozza di questa relazione non è stata condivisa con la Conferenza di zona.");
  return { doc: await buildReport(db, code, year), edition: null, status: "bozza, i valori cambiano con le importazioni" };
}

/** A published edition's frozen document, for every reader of the zone. */
export async function editionForDownload(code: string, anno: string, numero: string): Promise<{ doc: ReportDocument; edition: number; status: string }> {
  const year = parseReportYear(anno);
  const number = /^\d{1,4}$/.test(numero) ? Number(numero) : null;
  const edition = year === null || number === null ? null : await getEdition(await serverDb(), code, year, number);
  if (!edition) throw new NotFoundError(`Edizione ${numero} della relazione ${anno} non trovata.`);
  return {
    doc: edition.document,
    edition: edition.number,
    status: `edizione n. ${edition.number}, deliberazione n. ${edition.deliberationNumber} del ${edition.deliberationDate}${edition.supersededByNumber ? `, sostituita dall'edizione n. ${edition.supersededByNumber}` : ""}`,
  };
}

export async function reportDownload(format: "csv" | "xlsx", source: { doc: ReportDocument; edition: number | null; status: string }, search: URLSearchParams): Promise<Response> {
  const tableId = search.get("tabella");
  const chosen = format === "xlsx" ? "xlsx" : csvFormatOf(search);
  if (!tableId) {
    if (format === "csv") {
      throw new ExportRequestError(`Indicare la tabella da scaricare (tabella=…): ${documentTables(source.doc).map((t) => t.table.id).join(", ")}. Tutte le tabelle insieme: dati.xlsx.`);
    }
    return xlsxResponse(`${reportFileBase(source.doc, source.edition)}-tabelle.xlsx`, await toXlsxBook(reportWorkbook(source.doc, source.edition, source.status)));
  }
  const table = reportTableExport(source.doc, tableId, source.edition);
  if (!table) throw new NotFoundError(`La relazione non ha la tabella «${tableId}».`);
  return exportResponse(chosen, table);
}
