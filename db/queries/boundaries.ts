import "server-only";
import type { Db } from "./zones";
import type { AreaGeometry } from "@/lib/geo/types";

export interface ComuneBoundary {
  istat: string;
  name: string;
  geometry: AreaGeometry;
}

/** Current boundaries of the zone's comuni (empty when none were imported). */
export async function zoneBoundaries(db: Db, zoneCode: string): Promise<ComuneBoundary[]> {
  const rows = await db
    .selectFrom("comune_boundary as b")
    .innerJoin("comune as c", "c.istat", "b.comune_istat")
    .select(["c.istat", "c.name", "b.geometry"])
    .where("c.zone_code", "=", zoneCode)
    .where("b.replaced_by_batch", "is", null)
    .orderBy("c.istat")
    .execute();
  return rows.map((r) => ({
    istat: r.istat,
    name: r.name,
    // jsonb comes back parsed from both drivers.
    geometry: (typeof r.geometry === "string" ? JSON.parse(r.geometry) : r.geometry) as AreaGeometry,
  }));
}
