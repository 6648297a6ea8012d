import type { Db } from "@/db/queries/zones";
import { listServices } from "@/db/queries/services";
import { serviceAreaLabel, spendingTypeLabel } from "@/lib/catalog/service-areas";
import { managementModeLabel, serviceCategoryLabel } from "@/lib/services/categories";
import type { ExportTable } from "@/lib/export/table";
import { parseServiceSearch } from "./search-params";

/** The service catalogue as a table, with the page's filters. */
export async function servicesExport(db: Db, code: string, searchParams: URLSearchParams): Promise<ExportTable> {
  const filter = parseServiceSearch(Object.fromEntries(searchParams));
  const rows = await listServices(db, code, filter);
  return {
    fileBase: `servizi-${code}`,
    sheet: "Servizi",
    header: ["codice", "nome", "area di utenza", "tipo di spesa", "categoria ISTAT", "codice nomenclatore", "valido dal", "valido al", "modalità di gestione", "ente gestore", "comuni di erogazione", "sedi"],
    rows: rows.map((s) => [
      s.code,
      s.name,
      serviceAreaLabel(s.area),
      spendingTypeLabel(s.spendingType),
      s.categoryCode ? serviceCategoryLabel(s.categoryCode) : null,
      s.nomenclatoreCode,
      s.nomenclatoreFrom,
      s.nomenclatoreTo,
      s.managementMode ? managementModeLabel(s.managementMode) : null,
      s.managingBody,
      s.comuni.length === 0 ? "tutta la zona" : s.comuni.map((c) => c.name).join("; "),
      s.sedi.join("; "),
    ]),
  };
}
