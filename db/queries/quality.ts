import "server-only";
import { latestBudgetLines } from "./budget";
import type { Db } from "./zones";
import { toNumber, toNumberOrNull } from "./convert";
import { currentObservation } from "./current";
import { listServices, type ServiceRow } from "./services";
import { zoneDisclosureThreshold } from "./zone-settings";
import { seesUnprotectedCounts, type Principal } from "@/lib/auth/roles";
import { protectRow } from "@/lib/disclosure";
import {
  complaintsAnsweredShare,
  coverage,
  evaluateStandard,
  QUALITY_INPUT_CODES,
  QUALITY_METRICS,
  spendingPerUser,
  standardForYear,
  targetPopulationOf,
  trendOf,
  type Derived,
  type QualityMetric,
  type Standard,
  type StandardEvaluation,
  type TargetPopulation,
  type TrendDirection,
} from "@/lib/services/quality";

/**
 * Quality of the zone's services against the carta dei servizi, as the
 * quality page, the service page, their downloads, the API and the report
 * read it. Measures are observations tied to a service (SRV_*, yearly
 * values); standards are current targets tied to the service. Counts of
 * people (users, requests, waiting list) go through lib/disclosure: each is
 * protected with its comuni as one table (users by comune of residence and
 * their total), so the service page's table and the quality page's total
 * show the same pattern; a figure computed on a withheld count is withheld too.
 */

export type ShownState = "public" | "suppressed" | "unpublishable" | "missing";

export interface ShownCount {
  value: number | null;
  state: ShownState;
}

export interface MetricCell {
  metric: QualityMetric;
  value: number | null;
  state: ShownState;
  /** Why there is no value (n.d.), when there is none. */
  reason: string | null;
  /** For computed measures: numerator and denominator. */
  derived: Derived | null;
  standard: Standard | null;
  evaluation: StandardEvaluation;
  previous: number | null;
  trend: { direction: TrendDirection; text: string };
}

export interface ServiceYear {
  year: number;
  metrics: MetricCell[];
  coverage: Derived & { population: TargetPopulation; state: ShownState };
  spendingPerUser: Derived & { state: ShownState };
  /** Users by comune of residence (protected as a table with their total). */
  usersByComune: { istat: string; name: string; value: number | null; state: ShownState }[];
}

export interface ServiceQuality {
  service: ServiceRow;
  /** Every year with a measure of this service, oldest first. */
  years: ServiceYear[];
}

export interface ZoneQuality {
  years: number[];
  threshold: number;
  services: ServiceQuality[];
}

interface Obs {
  indicator: string;
  service: string;
  istat: string | null;
  year: number;
  value: number | null;
  missingReason: string | null;
}

async function qualityObservations(db: Db, zoneCode: string, serviceCode?: string): Promise<Obs[]> {
  let q = db
    .selectFrom("observation as o")
    .select(["o.indicator_code", "o.service_code", "o.comune_istat", "o.year", "o.value", "o.missing_reason"])
    .where("o.zone_code", "=", zoneCode)
    .where("o.service_code", "is not", null)
    .where("o.period_type", "=", "year")
    .where("o.indicator_code", "in", QUALITY_INPUT_CODES)
    .where(currentObservation("o"));
  if (serviceCode) q = q.where("o.service_code", "=", serviceCode);
  const rows = await q.execute();
  return rows.map((r) => ({ indicator: r.indicator_code, service: r.service_code!, istat: r.comune_istat, year: r.year, value: toNumberOrNull(r.value), missingReason: r.missing_reason }));
}

async function serviceStandards(db: Db, zoneCode: string): Promise<Map<string, Standard[]>> {
  const rows = await db
    .selectFrom("target")
    .select(["service_code", "indicator_code", "kind", "target_value", "target_year", "legal_source"])
    .where("zone_code", "=", zoneCode)
    .where("service_code", "is not", null)
    .where("replaced_by_batch", "is", null)
    .execute();
  const out = new Map<string, Standard[]>();
  for (const r of rows) {
    const key = `${r.service_code}|${r.indicator_code}`;
    out.set(key, [...(out.get(key) ?? []), { kind: r.kind, value: toNumber(r.target_value), fromYear: r.target_year, source: r.legal_source }]);
  }
  return out;
}

/** Residents of the reference populations by comune and year (service_code null: the territory's own figures). */
async function populations(db: Db, zoneCode: string, years: readonly number[]): Promise<Map<string, number>> {
  if (years.length === 0) return new Map();
  const rows = await db
    .selectFrom("observation as o")
    .select(["o.indicator_code", "o.comune_istat", "o.year", "o.value"])
    .where("o.zone_code", "=", zoneCode)
    .where("o.service_code", "is", null)
    .where("o.comune_istat", "is not", null)
    .where("o.period_type", "=", "year")
    .where("o.indicator_code", "in", ["POP_TOT", "POP_65_PLUS", "POP_0_17"])
    .where("o.year", "in", [...years])
    .where(currentObservation("o"))
    .execute();
  return new Map(rows.filter((r) => r.value !== null).map((r) => [`${r.indicator_code}|${r.comune_istat}|${r.year}`, toNumber(r.value!)]));
}

/**
 * Spesa impegnata by service and year, net of the users' co-payment (as the
 * ISTAT survey counts the comuni's spending): each line's latest snapshot
 * (db/queries/budget.ts), summed in cents.
 */
async function spending(db: Db, zoneCode: string): Promise<Map<string, number>> {
  const lines = await latestBudgetLines(db, zoneCode, { asOf: "9999-12-31" });
  const cents = new Map<string, number>();
  for (const l of lines) {
    if (l.fundingCode === "COMPARTECIPAZIONE") continue;
    const k = `${l.serviceCode}|${l.year}`;
    cents.set(k, (cents.get(k) ?? 0) + Math.round(l.impegnato * 100));
  }
  return new Map([...cents].map(([k, c]) => [k, c / 100]));
}

/**
 * A count of people of one service and year: the comuni's rows and their
 * total (or the zone's own row when no comune has one), protected as one
 * table. Readers who see raw counts get them, marked when the public would not.
 */
function shownCount(rows: readonly Obs[], threshold: number, raw: boolean): { total: ShownCount; comuni: { istat: string; value: number | null; state: ShownState }[] } {
  const comuneRows = rows.filter((r) => r.istat !== null);
  const zoneRow = rows.find((r) => r.istat === null) ?? null;
  const state = (suppressed: boolean, value: number | null): ShownState => (value === null ? "missing" : suppressed ? (raw ? "unpublishable" : "suppressed") : "public");
  if (comuneRows.length === 0) {
    const value = zoneRow?.value ?? null;
    const p = protectRow([{ key: "zona", value }], undefined, { threshold });
    const suppressed = p.cells[0]!.suppressed;
    return { total: { value: suppressed && !raw ? null : value, state: state(suppressed, value) }, comuni: [] };
  }
  const anyMissing = comuneRows.some((r) => r.value === null);
  const total = anyMissing ? null : comuneRows.reduce((s, r) => s + (r.value ?? 0), 0);
  const p = protectRow(comuneRows.map((r) => ({ key: r.istat!, value: r.value })), total, { threshold });
  const totalSuppressed = p.total?.suppressed ?? false;
  return {
    total: { value: totalSuppressed && !raw ? null : total, state: state(totalSuppressed, total) },
    comuni: comuneRows.map((r, i) => {
      const cell = p.cells[i]!;
      return { istat: r.istat!, value: cell.suppressed && !raw ? null : r.value, state: state(cell.suppressed, r.value) };
    }),
  };
}

/** One figure of the service (days, score, complaints): its zone row, or n.d. */
function plainValue(rows: readonly Obs[], additive: boolean): { value: number | null; reason: string | null } {
  const zoneRow = rows.find((r) => r.istat === null);
  const comuneRows = rows.filter((r) => r.istat !== null);
  if (additive && comuneRows.length > 0 && comuneRows.every((r) => r.value !== null)) return { value: comuneRows.reduce((s, r) => s + r.value!, 0), reason: null };
  if (zoneRow && zoneRow.value !== null) return { value: zoneRow.value, reason: null };
  if (zoneRow?.missingReason) return { value: null, reason: `dato non disponibile (${zoneRow.missingReason})` };
  return { value: null, reason: "nessun dato importato per l'anno" };
}

export interface QualityRequest {
  principal: Principal;
  /** Only this service. */
  service?: string;
}

/** Every service of the zone with its measures in every year they have, judged against the standards. */
export async function zoneServiceQuality(db: Db, zoneCode: string, request: QualityRequest): Promise<ZoneQuality> {
  const [services, observations, standards, threshold, spent, comuni] = await Promise.all([
    listServices(db, zoneCode),
    qualityObservations(db, zoneCode, request.service),
    serviceStandards(db, zoneCode),
    zoneDisclosureThreshold(db, zoneCode),
    spending(db, zoneCode),
    db.selectFrom("comune").select(["istat", "name"]).where("zone_code", "=", zoneCode).orderBy("name").execute(),
  ]);
  const raw = seesUnprotectedCounts(request.principal);
  const years = [...new Set(observations.map((o) => o.year))].sort((a, b) => a - b);
  const pops = await populations(db, zoneCode, years);
  const names = new Map(comuni.map((c) => [c.istat, c.name]));
  const byKey = new Map<string, Obs[]>();
  for (const o of observations) {
    const k = `${o.service}|${o.indicator}|${o.year}`;
    byKey.set(k, [...(byKey.get(k) ?? []), o]);
  }
  const rowsOf = (service: string, code: string, year: number) => byKey.get(`${service}|${code}|${year}`) ?? [];

  const chosen = request.service ? services.filter((s) => s.code === request.service) : services;
  const out: ServiceQuality[] = chosen.map((service) => {
    const serviceYears = [...new Set(observations.filter((o) => o.service === service.code).map((o) => o.year))].sort((a, b) => a - b);
    const computed = new Map<string, { value: number | null; state: ShownState; reason: string | null; derived: Derived | null }>();
    const yearsOut: ServiceYear[] = serviceYears.map((year) => {
      const values = new Map<string, { value: number | null; state: ShownState; reason: string | null; derived: Derived | null }>();
      let usersByComune: ServiceYear["usersByComune"] = [];
      for (const m of QUALITY_METRICS) {
        if (m.code === "SRV_RECLAMI_RISPOSTA_PERC") {
          const d = complaintsAnsweredShare(plainValue(rowsOf(service.code, "SRV_RECLAMI_IN_TEMPO", year), true).value, plainValue(rowsOf(service.code, "SRV_RECLAMI", year), true).value);
          values.set(m.code, { value: d.value, state: d.value === null ? "missing" : "public", reason: d.reason, derived: d });
        } else if (m.people) {
          const shown = shownCount(rowsOf(service.code, m.code, year), threshold, raw);
          if (m.code === "SRV_UTENTI") usersByComune = shown.comuni.map((c) => ({ ...c, name: names.get(c.istat) ?? c.istat })).sort((a, b) => a.name.localeCompare(b.name, "it"));
          values.set(m.code, { value: shown.total.value, state: shown.total.state, reason: shown.total.state === "missing" ? "nessun dato importato per l'anno" : shown.total.state === "suppressed" ? "conteggio protetto dal segreto statistico" : null, derived: null });
        } else {
          const v = plainValue(rowsOf(service.code, m.code, year), m.additive);
          values.set(m.code, { value: v.value, state: v.value === null ? "missing" : "public", reason: v.reason, derived: null });
        }
      }
      const metrics: MetricCell[] = QUALITY_METRICS.map((m) => {
        const v = values.get(m.code)!;
        const previous = computed.get(`${m.code}|${year - 1}`) ?? null;
        const standard = standardForYear(standards.get(`${service.code}|${m.code}`) ?? [], year);
        const judged = v.state === "suppressed" ? null : v.value;
        return {
          metric: m,
          ...v,
          standard,
          evaluation: evaluateStandard(m, standard, judged, v.reason),
          previous: previous?.state === "suppressed" ? null : (previous?.value ?? null),
          trend: trendOf(m, previous?.state === "suppressed" ? null : (previous?.value ?? null), judged),
        };
      });
      for (const [code, v] of values) computed.set(`${code}|${year}`, v);

      // Derived figures on the users: withheld with them.
      const users = values.get("SRV_UTENTI")!;
      const usersValue = users.state === "suppressed" ? null : users.value;
      const population = targetPopulationOf(service.area);
      const scope = service.comuni.length > 0 ? service.comuni.map((c) => c.istat) : comuni.map((c) => c.istat);
      const popValues = scope.map((istat) => pops.get(`${population.indicator}|${istat}|${year}`));
      const popTotal = popValues.every((v): v is number => v !== undefined) ? popValues.reduce((s: number, v) => s + v, 0) : null;
      const cov = coverage(usersValue, popTotal, population.label);
      const perUser = spendingPerUser(spent.get(`${service.code}|${year}`) ?? null, usersValue);
      const derivedState = (d: Derived): ShownState => (users.state === "suppressed" ? "suppressed" : d.value === null ? "missing" : users.state === "unpublishable" ? "unpublishable" : "public");
      const withheld = (d: Derived): Derived => (users.state === "suppressed" ? { ...d, numerator: null, reason: "calcolato su un conteggio protetto dal segreto statistico" } : d);
      return {
        year,
        metrics,
        coverage: { ...withheld(cov), population, state: derivedState(cov) },
        spendingPerUser: { ...withheld(perUser), state: derivedState(perUser) },
        usersByComune,
      };
    });
    return { service, years: yearsOut };
  });
  return { years, threshold, services: out };
}

/** The figures of one year (or null when the service has none that year). */
export function qualityInYear(q: ServiceQuality, year: number): ServiceYear | null {
  return q.years.find((y) => y.year === year) ?? null;
}
