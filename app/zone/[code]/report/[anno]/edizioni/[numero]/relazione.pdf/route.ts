import type { NextRequest } from "next/server";
import { serverDb } from "@/db/server";
import { getZone } from "@/db/queries/zones";
import { listEditions } from "@/db/queries/report-editions";
import { requireApi } from "@/app/_auth/access";
import { handleApi } from "@/lib/api/respond";
import { parseParams, ZonePath } from "@/lib/api/params";
import { NotFoundError } from "@/lib/errors";
import { parseReportYear } from "@/lib/report/year";
import { reportPdfResponse } from "../../../../pdf-response";

/** The PDF of a published edition, for every reader of the zone. */
export function GET(request: NextRequest, { params }: { params: Promise<{ code: string; anno: string; numero: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const raw = await params;
    const { code } = parseParams(ZonePath, { code: raw.code });
    const principal = await requireApi(request, "zone.read", code);
    if (principal instanceof Response) return principal;
    const year = parseReportYear(raw.anno);
    const number = /^\d{1,4}$/.test(raw.numero) ? Number(raw.numero) : null;
    const db = await serverDb();
    const edition = year === null || number === null ? undefined : (await listEditions(db, code, year)).find((e) => e.number === number);
    const zone = await getZone(db, code);
    if (!edition || !zone) throw new NotFoundError(`Edizione ${raw.numero} della relazione ${raw.anno} non trovata.`);
    return reportPdfResponse(request, `/zone/${code}/report/${year}/edizioni/${number}`, `relazione-${code}-${year}-edizione-${number}.pdf`, `${zone.name} · Relazione annuale ${year} · edizione n. ${number}`);
  });
}
