import "server-only";
import type { Db } from "./zones";
import { getZone } from "./zones";
import { getEdition, listEditions } from "./report-editions";
import { comuneIpaCode, type PublishedEdition } from "@/lib/opendata/dcat";
import { reportTableExport } from "@/lib/report/export";
import type { ExportTable } from "@/lib/export/table";

/**
 * What a zone publishes as open data: the tables of its report editions in
 * force (one per year: the latest, not superseded), read from the frozen
 * documents only. A draft, shared or approved, is never read here.
 */
export interface ZoneOpenData {
  zone: { code: string; name: string };
  capofila: { name: string; identifier: string };
  editions: PublishedEdition[];
}

const iso = (d: Date | string) => (typeof d === "string" ? d : d.toISOString());

export async function zoneOpenData(db: Db, zoneCode: string): Promise<ZoneOpenData | null> {
  const zone = await getZone(db, zoneCode);
  if (!zone) return null;
  const capofila = await db.selectFrom("comune").select(["istat", "cadastral_code"]).where("istat", "=", zone.capofilaIstat).executeTakeFirst();
  const inForce = (await listEditions(db, zoneCode)).filter((e) => e.supersededByNumber === null);
  const editions: PublishedEdition[] = [];
  for (const e of inForce) {
    const full = await getEdition(db, zoneCode, e.year, e.number);
    if (!full) continue;
    editions.push({ year: e.year, number: e.number, publishedAt: iso(e.publishedAt), deliberationNumber: e.deliberationNumber, deliberationDate: e.deliberationDate, document: full.document });
  }
  return {
    zone: { code: zone.code, name: zone.name },
    capofila: { name: `Comune di ${zone.capofila}`, identifier: comuneIpaCode(zone.capofilaIstat, capofila?.cadastral_code ?? null) },
    editions,
  };
}

/** One table of a published edition (superseded editions stay published), as a download; null if there is none. */
export async function publishedTable(db: Db, zoneCode: string, year: number, number: number, tableId: string): Promise<ExportTable | null> {
  const edition = await getEdition(db, zoneCode, year, number);
  return edition ? reportTableExport(edition.document, tableId, edition.number) : null;
}
