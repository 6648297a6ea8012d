import type { NextRequest } from "next/server";
import { requireApi } from "@/app/_auth/access";
import { handleApi } from "@/lib/api/respond";
import { parseParams, ZonePath } from "@/lib/api/params";
import { draftForDownload, reportDownload } from "../../downloads";

/** The draft's tables as CSV (`tabella=…`; `formato=standard` for `,` and decimal point); a Conferenza member only of a shared draft. */
export function GET(request: NextRequest, { params }: { params: Promise<{ code: string; anno: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const raw = await params;
    const { code } = parseParams(ZonePath, { code: raw.code });
    const principal = await requireApi(request, "zone.read", code);
    if (principal instanceof Response) return principal;
    return reportDownload("csv", await draftForDownload(principal, code, raw.anno), request.nextUrl.searchParams);
  });
}
