import type { NextRequest } from "next/server";
import { serverDb } from "@/db/server";
import { gapTemplateRows, zoneCompleteness } from "@/db/queries/completeness";
import { requireApi } from "@/app/_auth/access";
import { handleApi } from "@/lib/api/respond";
import { parseParams, ZonePath } from "@/lib/api/params";
import { NotFoundError } from "@/lib/errors";
import { csvResponse } from "@/lib/export/csv";
import { rowsTemplateCsv } from "@/imports/csv/templates";
import { parseCompletenessSearch } from "../search-params";

/**
 * GET /zone/{code}/completezza/modello.csv?anno=Y[&tema=T][&indicatore=C]:
 * the gaps of the year (missing and out-of-date cells) as rows of the
 * `valori` import, ready to be filled in and imported back. For the Ufficio
 * di Piano (imports.read): it lists no value, only what is missing.
 */
export function GET(request: NextRequest, { params }: { params: Promise<{ code: string }> }) {
  return handleApi(request, async () => {
    const { code } = parseParams(ZonePath, await params);
    const principal = await requireApi(request, "imports.read", code);
    if (principal instanceof Response) return principal;
    const search = parseCompletenessSearch(Object.fromEntries(request.nextUrl.searchParams));
    const data = await zoneCompleteness(await serverDb(), code, search);
    if (data.year === null) throw new NotFoundError(`Nessun dato per la zona ${code}: non ci sono lacune da elencare.`);
    const rows = gapTemplateRows(data.gaps);
    const name = ["dati-mancanti", code, String(data.year), search.theme, search.indicator].filter(Boolean).join("-");
    return csvResponse(`${name}.csv`, rowsTemplateCsv("valori", rows));
  });
}
