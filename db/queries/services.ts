import "server-only";
import type { Db } from "./zones";
import { toIsoDate, toNumber } from "./convert";
import type { ServiceArea, SpendingType } from "@/lib/catalog/service-areas";

/**
 * The zone's service catalogue (issue 14): every current service with its
 * ISTAT category, nomenclatore code, management mode, managing body, the
 * comuni it is delivered in and its sedi. Zone-scoped; current rows only.
 * Read by the Servizi pages, their downloads, the API and the report.
 */
export interface ServiceRow {
  code: string;
  name: string;
  area: ServiceArea;
  spendingType: SpendingType;
  managingBody: string | null;
  categoryCode: string | null;
  nomenclatoreCode: string | null;
  nomenclatoreFrom: string | null;
  nomenclatoreTo: string | null;
  managementMode: string | null;
  /** ISTAT codes and names of the comuni of delivery; empty = the whole zone. */
  comuni: { istat: string; name: string }[];
  sedi: string[];
}

export interface ServiceFilter {
  area?: ServiceArea | undefined;
  category?: string | undefined;
}

const strings = (raw: unknown): string[] => (Array.isArray(raw) ? raw.filter((v): v is string => typeof v === "string") : []);

export async function listServices(db: Db, zoneCode: string, filter: ServiceFilter = {}): Promise<ServiceRow[]> {
  let q = db
    .selectFrom("service")
    .select(["code", "name", "area", "spending_type", "managing_body", "category_code", "nomenclatore_code", "nomenclatore_from", "nomenclatore_to", "management_mode", "comuni", "sedi"])
    .where("zone_code", "=", zoneCode)
    .where("replaced_by_batch", "is", null);
  if (filter.area) q = q.where("area", "=", filter.area);
  if (filter.category) q = q.where("category_code", "=", filter.category);
  const [rows, comuni] = await Promise.all([
    q.orderBy("area").orderBy("name").execute(),
    db.selectFrom("comune").select(["istat", "name"]).where("zone_code", "=", zoneCode).execute(),
  ]);
  const names = new Map(comuni.map((c) => [c.istat, c.name]));
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    area: r.area,
    spendingType: r.spending_type,
    managingBody: r.managing_body,
    categoryCode: r.category_code,
    nomenclatoreCode: r.nomenclatore_code,
    nomenclatoreFrom: toIsoDate(r.nomenclatore_from),
    nomenclatoreTo: toIsoDate(r.nomenclatore_to),
    managementMode: r.management_mode,
    comuni: strings(r.comuni).map((istat) => ({ istat, name: names.get(istat) ?? istat })),
    sedi: strings(r.sedi),
  }));
}

export async function getService(db: Db, zoneCode: string, code: string): Promise<ServiceRow | null> {
  const all = await listServices(db, zoneCode);
  return all.find((s) => s.code === code) ?? null;
}

/** The reference list as stored (migration 0016), with its source. */
export async function serviceCategories(db: Db): Promise<{ code: string; name: string; source: string }[]> {
  return db.selectFrom("service_category").select(["code", "name", "source"]).orderBy("code").execute();
}

/** Number of current services of the zone (for a section that has nothing to show). */
export async function countServices(db: Db, zoneCode: string): Promise<number> {
  const r = await db.selectFrom("service").select((eb) => eb.fn.countAll().as("n")).where("zone_code", "=", zoneCode).where("replaced_by_batch", "is", null).executeTakeFirst();
  return toNumber((r?.n as string | number | undefined) ?? 0);
}
