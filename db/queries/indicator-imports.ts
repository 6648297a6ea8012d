import "server-only";
import { sql } from "kysely";
import type { Db } from "./zones";
import { currentObservation } from "./current";
import { toNumber } from "./convert";

export interface IndicatorLastImport {
  zoneCode: string;
  zoneName: string;
  /** When the newest batch that holds current values of the indicator was committed. */
  committedAt: Date | null;
  firstYear: number;
  lastYear: number;
  values: number;
}

/**
 * For one indicator, per zone among `zones`: the latest committed import that
 * holds its current values, and the years covered. Filtered by zone, as every read.
 */
export async function indicatorLastImports(db: Db, code: string, zones: readonly string[]): Promise<IndicatorLastImport[]> {
  if (zones.length === 0) return [];
  const rows = await db
    .selectFrom("observation as o")
    .innerJoin("import_batch as b", "b.id", "o.batch_id")
    .innerJoin("zone as z", "z.code", "o.zone_code")
    .select([
      "o.zone_code as zoneCode",
      "z.name as zoneName",
      "z.region_code as regionCode",
      "z.number as zoneNumber",
      sql<Date | string | null>`max(b.committed_at)`.as("committedAt"),
      sql<number>`min(o.year)`.as("firstYear"),
      sql<number>`max(o.year)`.as("lastYear"),
      sql<string | number>`count(*)`.as("values"),
    ])
    .where("o.indicator_code", "=", code)
    .where("o.zone_code", "in", [...zones])
    .where(currentObservation("o"))
    .groupBy(["o.zone_code", "z.name", "z.region_code", "z.number"])
    .orderBy("z.region_code")
    .orderBy("z.number")
    .execute();
  return rows.map((r) => ({
    zoneCode: r.zoneCode,
    zoneName: r.zoneName,
    committedAt: r.committedAt === null ? null : new Date(r.committedAt),
    firstYear: toNumber(r.firstYear),
    lastYear: toNumber(r.lastYear),
    values: toNumber(r.values),
  }));
}
