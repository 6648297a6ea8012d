import type { NextRequest } from "next/server";
import { requireApi } from "@/app/_auth/access";
import { handleApi } from "@/lib/api/respond";
import { parseParams, ZonePath } from "@/lib/api/params";
import { editionForDownload, reportDownload } from "../../../../downloads";

/** A published edition's tables as CSV (`tabella=…`; `formato=standard` for `,` and decimal point), for every reader of the zone. */
export function GET(request: NextRequest, { params }: { params: Promise<{ code: string; anno: string; numero: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const raw = await params;
    const { code } = parseParams(ZonePath, { code: raw.code });
    const principal = await requireApi(request, "zone.read", code);
    if (principal instanceof Response) return principal;
    return reportDownload("csv", await editionForDownload(code, raw.anno, raw.numero), request.nextUrl.searchParams);
  });
}
