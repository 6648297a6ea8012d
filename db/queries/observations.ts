import "server-only";
import type { Db } from "./zones";
import { toNumber, toNumberOrNull } from "./convert";

/** Latest year with a current yearly value of `indicator` in the zone, or null. */
export async function latestYear(db: Db, zoneCode: string, indicator: string): Promise<number | null> {
  const row = await db
    .selectFrom("observation")
    .select(({ fn }) => fn.max("year").as("year"))
    .where("zone_code", "=", zoneCode)
    .where("indicator_code", "=", indicator)
    .where("period_type", "=", "year")
    .where("replaced_by_batch", "is", null)
    .executeTakeFirst();
  return toNumberOrNull(row?.year ?? null);
}

/** Whether the zone's current figures include synthetic demo data. */
export async function zoneHasDemoData(db: Db, zoneCode: string): Promise<boolean> {
  const row = await db
    .selectFrom("import_batch")
    .select("id")
    .where("kind", "=", "demo")
    .where("status", "=", "committed")
    .where((eb) => eb.or([eb("zone_code", "=", zoneCode), eb("zone_code", "is", null)]))
    .executeTakeFirst();
  return row !== undefined;
}

export interface ObservationRow {
  istat: string | null;
  comune: string | null;
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/** Current observations of one indicator in a zone (optionally one period), as stored. */
export async function listObservations(
  db: Db,
  zoneCode: string,
  indicator: string,
  period: string | null,
): Promise<ObservationRow[]> {
  let query = db
    .selectFrom("observation as o")
    .leftJoin("comune as c", "c.istat", "o.comune_istat")
    .select(["o.comune_istat", "c.name", "o.period", "o.value", "o.numerator", "o.denominator"])
    .where("o.zone_code", "=", zoneCode)
    .where("o.indicator_code", "=", indicator)
    .where("o.replaced_by_batch", "is", null)
    .orderBy("o.period")
    .orderBy("c.name");
  if (period) query = query.where("o.period", "=", period);
  const rows = await query.execute();
  return rows.map((r) => ({
    istat: r.comune_istat,
    comune: r.name,
    period: r.period,
    value: toNumberOrNull(r.value),
    numerator: toNumberOrNull(r.numerator),
    denominator: toNumberOrNull(r.denominator),
  }));
}

export interface StoredObservation {
  id: number;
  istat: string | null;
  comune: string | null;
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  batchId: number;
}

export interface ObservationPage {
  zoneCode: string;
  indicator: string;
  period?: string | undefined;
  /** Rows after this id (the previous page's last). */
  afterId?: number | undefined;
  limit: number;
}

/**
 * One page of the current observations of an indicator in a zone (optionally
 * one period), as stored, in storage order: by id, so that pages follow each
 * other without gaps or repeats while imports add rows.
 */
export async function listObservationPage(db: Db, page: ObservationPage): Promise<StoredObservation[]> {
  let query = db
    .selectFrom("observation as o")
    .leftJoin("comune as c", "c.istat", "o.comune_istat")
    .select(["o.id", "o.comune_istat", "c.name", "o.period", "o.value", "o.numerator", "o.denominator", "o.batch_id"])
    .where("o.zone_code", "=", page.zoneCode)
    .where("o.indicator_code", "=", page.indicator)
    .where("o.replaced_by_batch", "is", null)
    .orderBy("o.id")
    .limit(page.limit);
  if (page.period) query = query.where("o.period", "=", page.period);
  if (page.afterId !== undefined) query = query.where("o.id", ">", page.afterId);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: toNumber(r.id),
    istat: r.comune_istat,
    comune: r.name,
    period: r.period,
    value: toNumberOrNull(r.value),
    numerator: toNumberOrNull(r.numerator),
    denominator: toNumberOrNull(r.denominator),
    batchId: toNumber(r.batch_id),
  }));
}

/** Whether the catalogue has the indicator. */
export async function indicatorExists(db: Db, code: string): Promise<boolean> {
  return (await db.selectFrom("indicator").select("code").where("code", "=", code).executeTakeFirst()) !== undefined;
}
