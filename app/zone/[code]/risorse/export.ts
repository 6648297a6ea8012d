import type { Db } from "@/db/queries/zones";
import { listResources } from "@/db/queries/resources";
import { RESOURCE_KIND_LABELS_IT } from "@/lib/catalog/resource-kinds";
import type { ExportTable } from "@/lib/export/table";
import { parseResourceSearch } from "./search-params";

/** The Risorse directory as a table, with the page's filters. */
export async function resourcesExport(db: Db, code: string, searchParams: URLSearchParams): Promise<ExportTable> {
  const filter = parseResourceSearch(Object.fromEntries(searchParams));
  const rows = await listResources(db, code, filter);
  return {
    fileBase: `risorse-${code}`,
    sheet: "Risorse",
    header: ["nome", "tipo", "codice ISTAT", "comune", "indirizzo", "CAP", "telefono", "fax", "e-mail", "orari", "posti", "fonte"],
    rows: rows.map((r) => [
      r.name,
      RESOURCE_KIND_LABELS_IT[r.kind],
      r.comuneIstat,
      r.comuneName,
      r.address,
      r.postalCode,
      r.phone,
      r.fax,
      r.email,
      r.openingHours,
      r.capacity,
      r.source,
    ]),
  };
}
