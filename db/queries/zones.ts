import type { Kysely, Transaction } from "kysely";
import type { Database } from "../schema";

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

export async function listZones(db: Db): Promise<ZoneSummary[]> {
  return zoneSummaries(db).orderBy("zone.region_code").orderBy("zone.number").execute();
}

export async function getZone(db: Db, code: string): Promise<ZoneSummary | null> {
  return (await zoneSummaries(db).where("zone.code", "=", code).executeTakeFirst()) ?? null;
}

/** The zone to open at `/`: the configured one, else the first with data, else the first. */
export async function defaultZoneCode(db: Db, configured?: string): Promise<string | null> {
  if (configured && (await getZone(db, configured))) return configured;
  const withData = await db
    .selectFrom("observation")
    .innerJoin("zone", "zone.code", "observation.zone_code")
    .select("zone.code")
    .where("observation.replaced_by_batch", "is", null)
    .orderBy("zone.region_code")
    .orderBy("zone.number")
    .limit(1)
    .executeTakeFirst();
  if (withData) return withData.code;
  const first = await db.selectFrom("zone").select("code").orderBy("region_code").orderBy("number").limit(1).executeTakeFirst();
  return first?.code ?? null;
}
