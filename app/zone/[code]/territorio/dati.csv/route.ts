import type { NextRequest } from "next/server";
import { serverDb } from "@/db/server";
import { territoryTable } from "@/db/queries/territory";
import { requireApi } from "@/app/_auth/access";
import { csvResponse, toCsv } from "@/lib/export/csv";
import { handleApi } from "@/app/api/v1/_shared/respond";
import { parseTerritorySearch } from "../search-params";

/** The Territorio table as CSV, with the same filters as the page. */
export function GET(request: NextRequest, { params }: { params: Promise<{ code: string }> }) {
  return handleApi(async () => {
    const { code } = await params;
    const principal = await requireApi(request, "zone.read", code);
    if (principal instanceof Response) return principal;
    const search = parseTerritorySearch(Object.fromEntries(request.nextUrl.searchParams));
    const table = await territoryTable(await serverDb(), code, search.indicators, search.year);
    const header = ["codice ISTAT", "comune", ...table.indicators.map((d) => `${d.name} (${d.unit})`), "indice di fragilità", "decile"];
    const rows = table.rows.map((r) => [r.istat, r.name, ...table.indicators.map((d) => r.values[d.code] ?? null), r.fragility.index, r.fragility.decile]);
    rows.push(["", "Zona", ...table.indicators.map((d) => table.zone[d.code]?.value ?? null), null, null]);
    rows.push(["", table.region.name, ...table.indicators.map((d) => table.region.values[d.code] ?? null), null, null]);
    return csvResponse(`territorio-${code}-${table.year ?? ""}.csv`, toCsv(header, rows));
  });
}
