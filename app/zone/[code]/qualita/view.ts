import type { Db } from "@/db/queries/zones";
import { qualityInYear, zoneServiceQuality, type ServiceQuality, type ServiceYear } from "@/db/queries/quality";
import type { Principal } from "@/lib/auth/roles";
import type { StandardStatus } from "@/lib/services/quality";
import type { QualityFilter } from "./search-params";

/** What the quality page and its downloads show for the URL's filters (one function, so they agree). */
export async function qualityView(db: Db, zone: string, principal: Principal, filter: QualityFilter) {
  const q = await zoneServiceQuality(db, zone, { principal });
  const year = filter.year !== undefined && q.years.includes(filter.year) ? filter.year : (q.years.at(-1) ?? null);
  const rows: { quality: ServiceQuality; inYear: ServiceYear }[] = [];
  const counts: Record<StandardStatus, number> = { rispettato: 0, non_rispettato: 0, dato_mancante: 0, nessuno_standard: 0 };
  if (year !== null)
    for (const s of q.services) {
      if (filter.area && s.service.area !== filter.area) continue;
      const inYear = qualityInYear(s, year);
      if (!inYear) continue;
      for (const m of inYear.metrics) counts[m.evaluation.status]++;
      if (filter.outcome && !inYear.metrics.some((m) => m.evaluation.status === filter.outcome)) continue;
      rows.push({ quality: s, inYear });
    }
  return { ...q, year, rows, counts };
}
