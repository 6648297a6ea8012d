import "server-only";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../schema";
import { currentObservation } from "./current";

export type Db = Kysely<Database> | Transaction<Database>;

export interface ZoneSummary {
  code: string;
  number: number;
  name: string;
  region: string;
  capofila: string;
  capofilaIstat: string;
}

function zoneSummaries(db: Db) {
  return db
    .selectFrom("zone")
    .innerJoin("region", "region.code", "zone.region_code")
    .innerJoin("comune", "comune.istat", "zone.capofila_istat")
    .select([
      "zone.code",
      "zone.number",
      "zone.name",
      "region.name as region",
      "comune.name as capofila",
      "zone.capofila_istat as capofilaIstat",
    ]);
}

/** Zones a user may see: null means every zone (see lib/auth/roles.ts zoneScope). */
export type ZoneScope = { zones: readonly string[]; regions: readonly string[] } | null;

/**
 * The zones, limited to a scope: the filter lives here so that no page can
 * forget it. The scope is required: pass `zoneScope(principal)`, or `null`
 * (every zone) only in command-line tools and tests.
 */
export async function listZones(db: Db, scope: ZoneScope): Promise<ZoneSummary[]> {
  let query = zoneSummaries(db).orderBy("zone.region_code").orderBy("zone.number");
  if (scope) {
    const zones = scope.zones.length ? [...scope.zones] : [""];
    const regions = scope.regions.length ? [...scope.regions] : [""];
    query = query.where((eb) => eb.or([eb("zone.code", "in", zones), eb("zone.region_code", "in", regions)]));
  }
  return query.execute();
}

export async function getZone(db: Db, code: string): Promise<ZoneSummary | null> {
  return (await zoneSummaries(db).where("zone.code", "=", code).executeTakeFirst()) ?? null;
}

/** A zone's code and region, for access checks; null when it does not exist. */
export async function zoneRegion(db: Db, code: string): Promise<{ code: string; regionCode: string } | null> {
  const zone = await db.selectFrom("zone").select(["code", "region_code"]).where("code", "=", code).executeTakeFirst();
  return zone ? { code: zone.code, regionCode: zone.region_code } : null;
}

/** The zone to open at `/`: the configured one, else the first with data, else the first. */
export async function defaultZoneCode(db: Db, configured: string | undefined, scope: ZoneScope): Promise<string | null> {
  const visible = await listZones(db, scope);
  if (configured && visible.some((z) => z.code === configured)) return configured;
  if (visible.length === 0) return null;
  const withData = await db
    .selectFrom("observation")
    .select("zone_code")
    .where(currentObservation())
    .where("zone_code", "in", visible.map((z) => z.code))
    .limit(1)
    .executeTakeFirst();
  return withData?.zone_code ?? (visible[0] as ZoneSummary).code;
}
