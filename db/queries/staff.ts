import "server-only";
import type { Db } from "./zones";
import { toIsoDate, toNumber } from "./convert";
import { currentObservation } from "./current";
import { countsForLeps, ftePer10000, staffDateOfYear, staffEmployerLabel, staffProfileLabel, STAFF_PROFILE_CODES } from "@/lib/services/staff";

/**
 * Staff of the zone's services (import kind `personale`): full-time
 * equivalents by profile, employer, service and sede, read at the latest date
 * of each year. Zone-scoped, current rows only. FTE are not counts of people
 * (a 0,5 FTE is not a person), so they are shown as they are; the LEPS figure
 * counts only social workers of the comuni and the ATS.
 */
export interface StaffRow {
  asOf: string;
  profile: string;
  employer: string;
  employerComune: string | null;
  serviceCode: string | null;
  sede: string | null;
  fte: number;
}

export interface StaffGroup {
  key: string;
  label: string;
  fte: number;
  /** FTE of the same group at the previous year's date; null when that year has no staff data. */
  previous: number | null;
}

export interface StaffYear {
  year: number;
  asOf: string;
  total: number;
  previousTotal: number | null;
  /** Social workers of the comuni and the ATS (the LEPS's N). */
  lepsSocialWorkers: number;
  residents: number | null;
  per10000: { value: number | null; reason: string | null };
  byProfile: StaffGroup[];
  byEmployer: StaffGroup[];
  byService: StaffGroup[];
  bySede: StaffGroup[];
  rows: StaffRow[];
}

export interface ZoneStaff {
  years: number[];
  byYear: StaffYear[];
}

async function staffRows(db: Db, zoneCode: string): Promise<StaffRow[]> {
  const rows = await db
    .selectFrom("staff_position")
    .select(["as_of", "profile", "employer", "employer_comune", "service_code", "sede", "fte"])
    .where("zone_code", "=", zoneCode)
    .where("replaced_by_batch", "is", null)
    .orderBy("as_of")
    .execute();
  return rows.map((r) => ({ asOf: toIsoDate(r.as_of)!, profile: r.profile, employer: r.employer, employerComune: r.employer_comune, serviceCode: r.service_code, sede: r.sede, fte: toNumber(r.fte) }));
}

/** The zone's residents by year: the comuni's POP_TOT, or the zone's own row when no comune has it. */
async function residentsByYear(db: Db, zoneCode: string): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom("observation as o")
    .select(["o.year", "o.comune_istat", "o.value"])
    .where("o.zone_code", "=", zoneCode)
    .where("o.indicator_code", "=", "POP_TOT")
    .where("o.service_code", "is", null)
    .where("o.period_type", "=", "year")
    .where(currentObservation("o"))
    .execute();
  const comuni = await db.selectFrom("comune").select("istat").where("zone_code", "=", zoneCode).execute();
  const out = new Map<number, number>();
  for (const year of new Set(rows.map((r) => r.year))) {
    const inYear = rows.filter((r) => r.year === year && r.value !== null);
    const ofComuni = inYear.filter((r) => r.comune_istat !== null);
    const zoneRow = inYear.find((r) => r.comune_istat === null);
    if (ofComuni.length === comuni.length && comuni.length > 0) out.set(year, ofComuni.reduce((s, r) => s + toNumber(r.value!), 0));
    else if (zoneRow) out.set(year, toNumber(zoneRow.value!));
  }
  return out;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function groups(rows: readonly StaffRow[], previous: readonly StaffRow[] | null, keyOf: (r: StaffRow) => string, labelOf: (key: string) => string, order?: readonly string[]): StaffGroup[] {
  const sum = (list: readonly StaffRow[]) => {
    const m = new Map<string, number>();
    for (const r of list) m.set(keyOf(r), round2((m.get(keyOf(r)) ?? 0) + r.fte));
    return m;
  };
  const now = sum(rows);
  const before = previous ? sum(previous) : null;
  const keys = [...new Set([...now.keys(), ...(before?.keys() ?? [])])];
  keys.sort((a, b) => (order ? order.indexOf(a) - order.indexOf(b) : 0) || (now.get(b) ?? 0) - (now.get(a) ?? 0) || a.localeCompare(b, "it"));
  return keys.map((key) => ({ key, label: labelOf(key), fte: now.get(key) ?? 0, previous: before ? (before.get(key) ?? 0) : null }));
}

/** The staff of every year with data, each at its latest date, with the previous year's figures beside. */
export async function zoneStaff(db: Db, zoneCode: string, options: { service?: string } = {}): Promise<ZoneStaff> {
  const [all, residents, services] = await Promise.all([
    staffRows(db, zoneCode),
    residentsByYear(db, zoneCode),
    db.selectFrom("service").select(["code", "name"]).where("zone_code", "=", zoneCode).where("replaced_by_batch", "is", null).execute(),
  ]);
  const rows = options.service ? all.filter((r) => r.serviceCode === options.service) : all;
  const serviceName = new Map(services.map((s) => [s.code, s.name]));
  const dates = [...new Set(all.map((r) => r.asOf))];
  const years = [...new Set(dates.map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
  const atDate = (year: number) => {
    const date = staffDateOfYear(dates, year);
    return date === null ? null : { date, rows: rows.filter((r) => r.asOf === date) };
  };
  const byYear = years.map((year): StaffYear => {
    const now = atDate(year)!;
    const prev = atDate(year - 1);
    const total = round2(now.rows.reduce((s, r) => s + r.fte, 0));
    const res = residents.get(year) ?? null;
    return {
      year,
      asOf: now.date,
      total,
      previousTotal: prev ? round2(prev.rows.reduce((s, r) => s + r.fte, 0)) : null,
      lepsSocialWorkers: round2(now.rows.filter((r) => countsForLeps(r.profile, r.employer)).reduce((s, r) => s + r.fte, 0)),
      residents: res,
      per10000: ftePer10000(total, res),
      byProfile: groups(now.rows, prev?.rows ?? null, (r) => r.profile, staffProfileLabel, STAFF_PROFILE_CODES),
      byEmployer: groups(now.rows, prev?.rows ?? null, (r) => r.employer, staffEmployerLabel),
      byService: groups(now.rows, prev?.rows ?? null, (r) => r.serviceCode ?? "", (k) => (k === "" ? "Personale trasversale (nessun servizio)" : (serviceName.get(k) ?? k))),
      bySede: groups(now.rows, prev?.rows ?? null, (r) => r.sede ?? "", (k) => (k === "" ? "Sede non indicata" : k)),
      rows: now.rows,
    };
  });
  return { years, byYear };
}
