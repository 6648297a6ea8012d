import { sql } from "kysely";
import type { Db } from "./zones";
import { oncePerRequest } from "./request-memo";

/**
 * Membership of the comuni in the zones over time (table zone_membership,
 * migration 0028; docs/distribuzione.md «Territorio»).
 *
 * The rule of a year: a comune counts in a zone's figures of year Y when one
 * of its memberships in that zone (the whole comune or a part of it) covers
 * 31 December of Y and the comune was not suppressed by then. A comune moved
 * from A to B on 1 January 2022 counts in A up to 2021 and in B from 2022; the
 * values each zone stored for it stay in that zone (observation.zone_code), so
 * its history stays in both. A city split into several ATS counts in each of
 * them: the values a zone stores for it are those of its part.
 */

export interface MembershipRow {
  comuneIstat: string;
  zoneCode: string;
  part: string;
  share: number | null;
  /** Inclusive days (YYYY-MM-DD), null: since always / still valid. */
  validFrom: string | null;
  validTo: string | null;
}

const yearEnd = (year: number) => `${String(year).padStart(4, "0")}-12-31`;

/** Whether a membership (and its comune, suppressed on `suppressedOn`) covers year `year`'s last day. */
export function coversYear(m: { validFrom: string | null; validTo: string | null }, suppressedOn: string | null, year: number): boolean {
  const day = yearEnd(year);
  return (m.validFrom === null || m.validFrom <= day) && (m.validTo === null || m.validTo >= day) && (suppressedOn === null || suppressedOn > day);
}

/** The comuni of a zone in each year: a function of the year, read once per request. */
export type MembersOfYear = (year: number) => readonly string[];

export function zoneMembersByYear(db: Db, zoneCode: string): Promise<MembersOfYear> {
  return oncePerRequest(db, `members-by-year:${zoneCode}`, () => readZoneMembersByYear(db, zoneCode));
}

/** zoneMembersByYear read now (the refresh of the maintained figures, after a write in the same transaction). */
export async function readZoneMembersByYear(db: Db, zoneCode: string): Promise<MembersOfYear> {
  const rows = await db
    .selectFrom("zone_membership as m")
    .innerJoin("comune as c", "c.istat", "m.comune_istat")
    .select([
      "m.comune_istat as istat",
      sql<string | null>`m.valid_from::text`.as("validFrom"),
      sql<string | null>`m.valid_to::text`.as("validTo"),
      sql<string | null>`c.suppressed_on::text`.as("suppressedOn"),
    ])
    .where("m.zone_code", "=", zoneCode)
    .orderBy("m.comune_istat")
    .execute();
  const memo = new Map<number, readonly string[]>();
  return (year: number) => {
    let members = memo.get(year);
    if (!members) {
      members = [...new Set(rows.filter((r) => coversYear(r, r.suppressedOn, year)).map((r) => r.istat))];
      memo.set(year, members);
    }
    return members;
  };
}

/** The memberships of some zones (or of every zone), as stored. */
export async function listMemberships(db: Db, zones?: readonly string[]): Promise<MembershipRow[]> {
  if (zones && zones.length === 0) return [];
  let query = db
    .selectFrom("zone_membership")
    .select([
      "comune_istat as comuneIstat",
      "zone_code as zoneCode",
      "part",
      "share",
      sql<string | null>`valid_from::text`.as("validFrom"),
      sql<string | null>`valid_to::text`.as("validTo"),
    ])
    .orderBy("zone_code")
    .orderBy("comune_istat")
    .orderBy("part")
    .orderBy(sql`valid_from nulls first`);
  if (zones) query = query.where("zone_code", "in", zones);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, share: r.share === null ? null : Number(r.share) }));
}

/**
 * Recomputes comune.zone_code, the current zone, from the memberships of the
 * given comuni: the membership covering today (the whole comune before a part,
 * then the largest share); failing that (a suppressed comune, a membership
 * not yet started) the latest to start; no membership, no zone. Every write
 * of zone_membership calls it in its transaction, so the two never disagree.
 */
export async function syncCurrentZones(trx: Db, istat: readonly string[]): Promise<void> {
  const unique = [...new Set(istat)];
  for (let i = 0; i < unique.length; i += 1000) {
    const chunk = unique.slice(i, i + 1000);
    await sql`
      update comune c set zone_code = (
        select m.zone_code from zone_membership m
        where m.comune_istat = c.istat
        order by ((m.valid_from is null or m.valid_from <= current_date) and (m.valid_to is null or m.valid_to >= current_date)) desc,
          (m.part = '') desc, m.share desc nulls last, coalesce(m.valid_from, date '0001-01-01') desc, m.zone_code
        limit 1)
      where c.istat in (${sql.join(chunk)})
        and c.zone_code is distinct from (
          select m.zone_code from zone_membership m
          where m.comune_istat = c.istat
          order by ((m.valid_from is null or m.valid_from <= current_date) and (m.valid_to is null or m.valid_to >= current_date)) desc,
            (m.part = '') desc, m.share desc nulls last, coalesce(m.valid_from, date '0001-01-01') desc, m.zone_code
          limit 1)`.execute(trx);
  }
}
