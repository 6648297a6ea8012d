import { sql } from "kysely";
import type { Db } from "./zones";
import { toNumberOrNull } from "./convert";
import { oncePerRequest } from "./request-memo";

export interface ComuneWithPopulation {
  istat: string;
  name: string;
  province: string;
  cadastralCode: string | null;
  /** Latest resident population (indicator POP_TOT), or null if never loaded. */
  population: number | null;
  year: number | null;
}

export const POPULATION_INDICATOR = "POP_TOT";

/** The comuni of a zone with their latest population, by name. */
export function listComuniOfZone(db: Db, zoneCode: string): Promise<ComuneWithPopulation[]> {
  return oncePerRequest(db, `comuni:${zoneCode}`, () => readComuniOfZone(db, zoneCode));
}

async function readComuniOfZone(db: Db, zoneCode: string): Promise<ComuneWithPopulation[]> {
  // The current rows (currentObservation) as two disjoint parts, as in indicators.ts storedYearlyValues: the
  // rows not replaced through observation_current_idx, and those an applying batch replaces only while one applies.
  const applying = db.selectFrom("import_batch").select("import_batch.id").where("import_batch.status", "=", "applying");
  const part = () =>
    db
      .selectFrom("observation")
      .select(["comune_istat", "value", "year"])
      .where("zone_code", "=", zoneCode)
      .where("indicator_code", "=", POPULATION_INDICATOR)
      .where("period_type", "=", "year")
      .where("comune_istat", "is not", null)
      .where("value", "is not", null);
  const current = part()
    .where("replaced_by_batch", "is", null)
    .where("batch_id", "not in", applying)
    .unionAll(
      part()
        .where(sql<string | number>`coalesce(observation.replaced_by_batch, 0)`, "in", applying)
        .where((eb) => eb.exists(applying)),
    )
    .as("cur");
  const latest = db
    .selectFrom(current)
    .select(["cur.comune_istat", "cur.value", "cur.year"])
    .distinctOn("cur.comune_istat")
    .orderBy("cur.comune_istat")
    .orderBy("cur.year", "desc")
    .as("pop");

  const rows = await db
    .selectFrom("comune")
    .leftJoin(latest, "pop.comune_istat", "comune.istat")
    .select([
      "comune.istat",
      "comune.name",
      "comune.province",
      "comune.cadastral_code as cadastralCode",
      "pop.value as population",
      "pop.year as year",
    ])
    .where("comune.zone_code", "=", zoneCode)
    .where("comune.suppressed_on", "is", null)
    .orderBy(sql`lower(comune.name)`)
    .execute();

  return rows.map((r) => ({
    ...r,
    population: toNumberOrNull(r.population),
    year: toNumberOrNull(r.year),
  }));
}

/** Every current comune that belongs to a zone, by region, zone number and name (the admin's choice of a user's comune). */
export async function listZonedComuni(db: Db): Promise<{ istat: string; name: string; zoneCode: string; regionCode: string }[]> {
  const rows = await db
    .selectFrom("comune")
    .innerJoin("zone", "zone.code", "comune.zone_code")
    .select(["comune.istat", "comune.name", "zone.code as zoneCode", "zone.region_code as regionCode"])
    .where("comune.suppressed_on", "is", null)
    .orderBy("zone.region_code")
    .orderBy("zone.number")
    .orderBy("comune.name")
    .execute();
  return rows;
}
