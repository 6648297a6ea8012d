import "server-only";
import type { Db } from "./zones";
import { toNumber, toNumberOrNull } from "./convert";
import type { ResourceKind } from "@/db/schema";

/**
 * The territory's access points and resources (Uffici della Cittadinanza,
 * facilities, associations, volunteer services) and the zone's services.
 * Always scoped by zone; only current rows (not replaced by a later import).
 */
export interface ResourceRow {
  id: number;
  kind: ResourceKind;
  name: string;
  comuneIstat: string | null;
  comuneName: string | null;
  address: string | null;
  postalCode: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  openingHours: string | null;
  capacity: number | null;
  source: string | null;
}

export interface ResourceFilter {
  /** ISTAT code of a comune of the zone. */
  comune?: string | undefined;
  kind?: ResourceKind | undefined;
}

export async function listResources(db: Db, zoneCode: string, filter: ResourceFilter = {}): Promise<ResourceRow[]> {
  let query = db
    .selectFrom("resource as r")
    .leftJoin("comune as c", "c.istat", "r.comune_istat")
    .select([
      "r.id",
      "r.kind",
      "r.name",
      "r.comune_istat",
      "c.name as comune_name",
      "r.address",
      "r.postal_code",
      "r.phone",
      "r.fax",
      "r.email",
      "r.opening_hours",
      "r.capacity",
      "r.source",
    ])
    .where("r.zone_code", "=", zoneCode)
    .where("r.replaced_by_batch", "is", null);
  if (filter.comune) query = query.where("r.comune_istat", "=", filter.comune);
  if (filter.kind) query = query.where("r.kind", "=", filter.kind);
  const rows = await query.orderBy("c.name").orderBy("r.kind").orderBy("r.name").execute();
  return rows.map((r) => ({
    id: toNumber(r.id),
    kind: r.kind,
    name: r.name,
    comuneIstat: r.comune_istat,
    comuneName: r.comune_name,
    address: r.address,
    postalCode: r.postal_code,
    phone: r.phone,
    fax: r.fax,
    email: r.email,
    openingHours: r.opening_hours,
    capacity: toNumberOrNull(r.capacity),
    source: r.source,
  }));
}

/** The kinds of resource present in the zone, for the filter. */
export async function resourceKindsOfZone(db: Db, zoneCode: string): Promise<ResourceKind[]> {
  const rows = await db
    .selectFrom("resource")
    .select("kind")
    .distinct()
    .where("zone_code", "=", zoneCode)
    .where("replaced_by_batch", "is", null)
    .orderBy("kind")
    .execute();
  return rows.map((r) => r.kind);
}

export interface ServiceRow {
  code: string;
  name: string;
  area: string;
  spendingType: string;
  managingBody: string | null;
}

/** The zone's services (managed jointly for all its residents), by area and name. */
export async function listServices(db: Db, zoneCode: string): Promise<ServiceRow[]> {
  return db
    .selectFrom("service")
    .select(["code", "name", "area", "spending_type as spendingType", "managing_body as managingBody"])
    .where("zone_code", "=", zoneCode)
    .where("replaced_by_batch", "is", null)
    .orderBy("area")
    .orderBy("name")
    .execute();
}
