import type { NextRequest } from "next/server";
import { serverDb } from "@/db/server";
import { getZone } from "@/db/queries/zones";
import { reportDraft } from "@/db/queries/report-texts";
import { requireApi } from "@/app/_auth/access";
import { handleApi } from "@/lib/api/respond";
import { parseParams, ZonePath } from "@/lib/api/params";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { parseReportYear } from "@/lib/report/year";
import { reportPdfResponse } from "../../pdf-response";

/** The PDF of a report draft (lib/report/pdf.ts); a Conferenza member only of a shared draft. */
export function GET(request: NextRequest, { params }: { params: Promise<{ code: string; anno: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const raw = await params;
    const { code } = parseParams(ZonePath, { code: raw.code });
    const principal = await requireApi(request, "zone.read", code);
    if (principal instanceof Response) return principal;
    const year = parseReportYear(raw.anno);
    if (year === null) throw new NotFoundError(`Anno ${raw.anno} non valido: indicarlo con quattro cifre.`);
    const db = await serverDb();
    const [zone, draft] = await Promise.all([getZone(db, code), reportDraft(db, code, year)]);
    if (!zone) throw new NotFoundError(`Zona ${code} non trovata.`);
    if (principal.role === "conferenza" && !draft?.shared) throw new ForbiddenError("La bozza di questa relazione non è stata condivisa con la Conferenza di zona.");
    return reportPdfResponse(request, `/zone/${code}/report/${year}`, `relazione-${code}-${year}-bozza.pdf`, `${zone.name} · Relazione annuale ${year}`);
  });
}
