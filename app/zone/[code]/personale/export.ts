import type { Db } from "@/db/queries/zones";
import { zoneStaff } from "@/db/queries/staff";
import type { ExportTable } from "@/lib/export/table";
import { staffEmployerLabel, staffProfileLabel, countsForLeps } from "@/lib/services/staff";
import { parseStaffSearch } from "./search-params";

/** The staff rows at the chosen year's date, as imported (one row per profile, employer, service and sede). */
export async function staffExport(db: Db, code: string, searchParams: URLSearchParams): Promise<ExportTable | null> {
  const { year } = parseStaffSearch(Object.fromEntries(searchParams));
  const staff = await zoneStaff(db, code);
  const y = staff.byYear.find((s) => s.year === year) ?? staff.byYear.at(-1);
  if (!y) return null;
  return {
    fileBase: `personale-${code}-${y.year}`,
    sheet: `Personale ${y.year}`,
    header: ["data", "profilo", "datore di lavoro", "comune del datore", "servizio", "sede", "FTE", "conta per il LEPS"],
    rows: y.rows.map((r) => [r.asOf, staffProfileLabel(r.profile), staffEmployerLabel(r.employer), r.employerComune, r.serviceCode, r.sede, r.fte, countsForLeps(r.profile, r.employer) ? "sì" : "no"]),
  };
}
