import "server-only";
import type { Db } from "./zones";
import { toNumber, toNumberOrNull } from "./convert";
import type { IseeBand, IseeDistribution } from "@/lib/copayment/simulate";

/**
 * The ISEE distributions of the zone's services (import kind `isee`,
 * migration 0019): current rows only, zone-scoped. A distribution is either
 * bands (users per ISEE band) or points (isee_to = isee_from: users with
 * exactly that ISEE, from a file of anonymous users), never both for one
 * service and year (the import checks it). The counts are of people: pages
 * showing them to readers go through lib/disclosure.
 */
export interface StoredDistributionRef {
  serviceCode: string;
  serviceName: string;
  year: number;
  users: number;
  kind: IseeDistribution["kind"];
}

/** Every service and year with a stored distribution, newest year first. */
export async function listIseeDistributions(db: Db, zoneCode: string): Promise<StoredDistributionRef[]> {
  const rows = await db
    .selectFrom("isee_distribution as d")
    .leftJoin("service as s", (j) => j.onRef("s.zone_code", "=", "d.zone_code").onRef("s.code", "=", "d.service_code").on("s.replaced_by_batch", "is", null))
    .select((eb) => [
      "d.service_code",
      "d.year",
      "s.name",
      eb.fn.sum<string | number>("d.users").as("users"),
      eb.fn.countAll<string | number>().filterWhere(eb.ref("d.isee_to"), "=", eb.ref("d.isee_from")).as("points"),
    ])
    .where("d.zone_code", "=", zoneCode)
    .where("d.replaced_by_batch", "is", null)
    .groupBy(["d.service_code", "d.year", "s.name"])
    .orderBy("d.year", "desc")
    .orderBy("d.service_code")
    .execute();
  return rows.map((r) => ({ serviceCode: r.service_code, serviceName: r.name ?? r.service_code, year: r.year, users: toNumber(r.users), kind: toNumber(r.points) > 0 ? "values" : "bands" }));
}

/** The stored distribution of a service in a year, as the simulator reads it; null when none was imported. */
export async function storedIseeDistribution(db: Db, zoneCode: string, serviceCode: string, year: number): Promise<IseeDistribution | null> {
  const rows = await db
    .selectFrom("isee_distribution")
    .select(["isee_from", "isee_to", "users", "exempt"])
    .where("zone_code", "=", zoneCode)
    .where("service_code", "=", serviceCode)
    .where("year", "=", year)
    .where("replaced_by_batch", "is", null)
    .orderBy("isee_from")
    .execute();
  if (rows.length === 0) return null;
  const parsed = rows.map((r) => ({ from: toNumber(r.isee_from), to: toNumberOrNull(r.isee_to), users: toNumber(r.users), exempt: toNumber(r.exempt) }));
  if (parsed.every((r) => r.to === r.from)) {
    const values: number[] = [];
    for (const p of parsed) for (let i = 0; i < p.users; i++) values.push(p.from);
    return { kind: "values", values, exempt: parsed.reduce((s, p) => s + p.exempt, 0) };
  }
  const bands: IseeBand[] = parsed.map((p) => ({ from: p.from, to: p.to, users: p.users, exempt: p.exempt }));
  return { kind: "bands", bands };
}
