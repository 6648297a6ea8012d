import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import { PdfUnavailableError, renderReportPdf } from "@/lib/report/pdf";

/**
 * Renders a report page (a draft or an edition) to PDF with the requester's
 * cookies. Without a browser, or if rendering fails, sends the reader back
 * to the page, which says why and offers the browser's print dialog.
 */
export async function reportPdfResponse(request: NextRequest, pagePath: string, fileName: string, footer: string): Promise<Response> {
  const page = new URL(pagePath, request.nextUrl.origin);
  try {
    const pdf = await renderReportPdf({ url: page.href, cookieHeader: request.headers.get("cookie"), footer });
    return new Response(new Uint8Array(pdf), {
      headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${fileName}"`, "Cache-Control": "private, no-store" },
    });
  } catch (error) {
    const unavailable = error instanceof PdfUnavailableError;
    if (!unavailable) console.error("[report pdf]", error);
    page.searchParams.set("pdf", unavailable ? "non-disponibile" : "errore");
    return NextResponse.redirect(page, 303);
  }
}
