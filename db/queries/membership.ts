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

/** A comune's membership of a zone as the «Comuni della zona» page and the API show it. */
export interface ZoneMemberEntry {
  istat: string;
  name: string;
  province: string;
  /** The part of a city split into several ATS; null: the whole comune. */
  part: string | null;
  share: number | null;
  /** Inclusive days (YYYY-MM-DD), null: since always / still valid. */
  validFrom: string | null;
  validTo: string | null;
  /** The years whose zone figures count the comune (membership covering 31 December, comune not suppressed): null, unbounded. */
  firstYear: number | null;
  lastYear: number | null;
  /** Whether the membership covers `today` and the comune still exists. */
  current: boolean;
  /** ISTAT suppression (merger): the day the comune ceased, and the comune it merged into. */
  suppressedOn: string | null;
  successor: { istat: string; name: string; zoneCode: string | null } | null;
  /** The comune's memberships of other zones (before it moved here, or after it left). */
  elsewhere: { zoneCode: string; zoneName: string; validFrom: string | null; validTo: string | null }[];
}

const yearOf = (iso: string) => Number(iso.slice(0, 4));

/** The first and last year a membership counts in its zone's figures (coversYear), null when unbounded; an empty range gives first > last. */
export function countedYears(validFrom: string | null, validTo: string | null, suppressedOn: string | null): { firstYear: number | null; lastYear: number | null } {
  const firstYear = validFrom === null ? null : yearOf(validFrom);
  const ends = [validTo === null ? null : validTo.slice(5) === "12-31" ? yearOf(validTo) : yearOf(validTo) - 1, suppressedOn === null ? null : yearOf(suppressedOn) - 1].filter((y): y is number => y !== null);
  return { firstYear, lastYear: ends.length === 0 ? null : Math.min(...ends) };
}

/**
 * Every membership of a zone, past and present (zone_membership), with each
 * comune's merger and its memberships of other zones: which comuni belonged
 * to the zone, and in which years its figures count them. Current members
 * first, then by name and start.
 */
export async function zoneMemberHistory(db: Db, zoneCode: string, today: string = new Date().toISOString().slice(0, 10)): Promise<ZoneMemberEntry[]> {
  const rows = await db
    .selectFrom("zone_membership as m")
    .innerJoin("comune as c", "c.istat", "m.comune_istat")
    .leftJoin("comune as s", "s.istat", "c.successor_istat")
    .select([
      "m.comune_istat as istat",
      "c.name",
      "c.province",
      "m.part",
      "m.share",
      sql<string | null>`m.valid_from::text`.as("validFrom"),
      sql<string | null>`m.valid_to::text`.as("validTo"),
      sql<string | null>`c.suppressed_on::text`.as("suppressedOn"),
      "s.istat as successorIstat",
      "s.name as successorName",
      "s.zone_code as successorZone",
    ])
    .where("m.zone_code", "=", zoneCode)
    .execute();
  const istat = [...new Set(rows.map((r) => r.istat))];
  const others =
    istat.length === 0
      ? []
      : await db
          .selectFrom("zone_membership as m")
          .innerJoin("zone as z", "z.code", "m.zone_code")
          .select(["m.comune_istat as istat", "m.zone_code as zoneCode", "z.name as zoneName", sql<string | null>`m.valid_from::text`.as("validFrom"), sql<string | null>`m.valid_to::text`.as("validTo")])
          .where("m.comune_istat", "in", istat)
          .where("m.zone_code", "<>", zoneCode)
          .orderBy(sql`m.valid_from nulls first`)
          .orderBy("m.zone_code")
          .execute();
  const entries = rows.map((r): ZoneMemberEntry => {
    const current = (r.validFrom === null || r.validFrom <= today) && (r.validTo === null || r.validTo >= today) && (r.suppressedOn === null || r.suppressedOn > today);
    return {
      istat: r.istat,
      name: r.name,
      province: r.province,
      part: r.part === "" ? null : r.part,
      share: r.share === null ? null : Number(r.share),
      validFrom: r.validFrom,
      validTo: r.validTo,
      ...countedYears(r.validFrom, r.validTo, r.suppressedOn),
      current,
      suppressedOn: r.suppressedOn,
      successor: r.successorIstat && r.successorName ? { istat: r.successorIstat, name: r.successorName, zoneCode: r.successorZone } : null,
      elsewhere: others.filter((o) => o.istat === r.istat).map((o) => ({ zoneCode: o.zoneCode, zoneName: o.zoneName, validFrom: o.validFrom, validTo: o.validTo })),
    };
  });
  return entries.sort(
    (a, b) => Number(b.current) - Number(a.current) || a.name.localeCompare(b.name, "it") || (a.part ?? "").localeCompare(b.part ?? "", "it") || (a.validFrom ?? "").localeCompare(b.validFrom ?? ""),
  );
}
