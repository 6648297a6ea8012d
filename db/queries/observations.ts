import "server-only";
import { sql } from "kysely";
import type { Db } from "./zones";
import { toNumber, toNumberOrNull } from "./convert";
import { indicatorDefinitions } from "./indicators";
import { zoneValuesAsShown } from "./values";
import { peopleCountOf, type DisclosureState } from "./values-disclosure";
import { seesUnprotectedCounts, type Principal } from "@/lib/auth/roles";
import { protectTables } from "@/lib/disclosure";
import { zoneDisclosureThreshold } from "./zone-settings";
import { currentObservation } from "./current";

/** Latest year with a current yearly value of `indicator` in the zone, or null. */
export async function latestYear(db: Db, zoneCode: string, indicator: string): Promise<number | null> {
  const row = await db
    .selectFrom("observation")
    .select(({ fn }) => fn.max("year").as("year"))
    .where("zone_code", "=", zoneCode)
    .where("indicator_code", "=", indicator)
    .where("period_type", "=", "year")
    .where(currentObservation())
    .executeTakeFirst();
  return toNumberOrNull(row?.year ?? null);
}

/** The zone-owned, versioned tables the demo writes: a current row of a demo batch in one of them is demo data shown. */
const DEMO_DATA_TABLES = ["service", "staff_position", "resource", "budget_line", "isee_distribution", "target", "leps_item"] as const;

/**
 * Whether the zone's pages show synthetic demo data: a current row of the
 * zone (a figure, a service, a budget line, a resource, a target…) comes from
 * a committed demo batch (kind 'demo', db/demo/load.ts). Decided by the rows,
 * not by the batch's list of zones: a zone with no data says nothing, and a
 * zone whose demo rows have all been replaced by imports of real data is no
 * longer «Dati dimostrativi».
 */
export async function zoneHasDemoData(db: Db, zoneCode: string): Promise<boolean> {
  const demo = sql`(select b.id from import_batch b where b.kind = 'demo' and b.status = 'committed')`;
  const current = DEMO_DATA_TABLES.map(
    (t) => sql`exists (select 1 from ${sql.table(t)} t where t.zone_code = ${zoneCode} and t.batch_id in ${demo} and t.replaced_by_batch is null)`,
  );
  const row = await sql<{ shown: boolean }>`
    select (exists (select 1 from observation o where o.zone_code = ${zoneCode} and o.batch_id in ${demo} and ${currentObservation("o")})
      or ${sql.join(current, sql` or `)}) as shown`.execute(db);
  return row.rows[0]?.shown === true;
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
    .where(currentObservation("o"))
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
    .where(currentObservation("o"))
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

interface ObservationLike {
  istat: string | null;
  period: string;
  value: number | null;
  numerator: number | null;
}

/**
 * Stored observations of one indicator disclosure controlled for `principal`:
 * yearly values of a count of people (or of a rate on one) get the same
 * pattern as the pages (zoneValuesAsShown, decided over the whole zone);
 * quarters and months are protected period by period. "suppressed" rows
 * have value and numerator null.
 */
export async function withDisclosure<T extends ObservationLike>(
  db: Db,
  zoneCode: string,
  indicator: string,
  rows: readonly T[],
  principal: Principal,
): Promise<(T & { disclosure: DisclosureState })[]> {
  const catalogue = await indicatorDefinitions(db);
  const byCode = new Map(catalogue.map((d) => [d.code, d]));
  const def = byCode.get(indicator);
  if (!def || peopleCountOf(def, byCode) === null) return rows.map((r) => ({ ...r, disclosure: "public" as const }));
  const protect = !seesUnprotectedCounts(principal);
  const isYear = (p: string) => /^\d{4}$/.test(p);
  const years = [...new Set(rows.filter((r) => isYear(r.period)).map((r) => Number(r.period)))];
  const shown = years.length > 0 ? await zoneValuesAsShown(db, zoneCode, { principal, codes: [indicator], years }) : null;
  const states = new Map<string, DisclosureState>();
  for (const v of shown?.values ?? []) {
    for (const c of v.comuni) states.set(`${c.istat}|${v.year}`, c.disclosure);
    if (v.zoneRow) states.set(`|${v.year}`, v.zoneRow.disclosure);
  }
  // Sub-annual periods: every period of the zone, read whole, so a page of rows gets the same pattern as any other.
  const periods = [...new Set(rows.filter((r) => !isYear(r.period)).map((r) => r.period))];
  const threshold = periods.length > 0 ? await zoneDisclosureThreshold(db, zoneCode) : 0;
  for (const p of periods) {
    const all = await listObservations(db, zoneCode, indicator, p);
    const people = (r: ObservationRow) => (def.isCountOfPeople ? r.value : r.numerator);
    const key = (r: { istat: string | null }) => r.istat ?? "zona";
    const table = protectTables({
      threshold,
      tables: [{ id: p, rows: all.map(key), columns: [{ key: "n", kind: "people" }], cells: Object.fromEntries(all.map((r) => [key(r), { n: people(r) }])) }],
    }).tables[0]!;
    for (const r of all) {
      const status = table.cells[key(r)]?.n?.status;
      // A rate stored without its numerator cannot be protected with it: withheld.
      const hidden = (status !== undefined && status !== "shown" && status !== "missing") || (!def.isCountOfPeople && r.value !== null && r.numerator === null);
      if (hidden) states.set(`${r.istat ?? ""}|${p}`, protect ? "suppressed" : "unpublishable");
    }
  }
  return rows.map((r) => {
    const state = states.get(`${r.istat ?? ""}|${r.period}`) ?? "public";
    return state === "suppressed" ? { ...r, value: null, numerator: null, disclosure: state } : { ...r, disclosure: state };
  });
}
