import type { NextRequest } from "next/server";
import { serverDb } from "@/db/server";
import { requireApi } from "@/app/_auth/access";
import { csvResponse, toCsv } from "@/lib/export/csv";
import { handleApi } from "@/app/api/v1/_shared/respond";
import { territoryExport } from "../export";

/** The Territorio table as CSV, with the same filters as the page. */
export function GET(request: NextRequest, { params }: { params: Promise<{ code: string }> }) {
  return handleApi(async () => {
    const { code } = await params;
    const principal = await requireApi(request, "zone.read", code);
    if (principal instanceof Response) return principal;
    const { fileBase, header, rows } = await territoryExport(await serverDb(), code, request.nextUrl.searchParams);
    return csvResponse(`${fileBase}.csv`, toCsv(header, rows));
  });
}
