import { sql } from "kysely";
import type { Db } from "./zones";
import { toIsoDate, toNumber, toNumberOrNull } from "./convert";
import { currentObservation } from "./current";
import type { BudgetLineRecord } from "@/lib/budget/lines";
import type { ComunePopulation } from "@/lib/budget/apportion";
import { budgetYearSummary, type BudgetYearSummary } from "@/lib/budget/summary";
import { lineKeyText } from "@/lib/budget/snapshots";
import { progressionOf, type ProgressionStep } from "@/lib/budget/progression";
import { istatSurvey, type IstatAreaRow } from "@/lib/budget/istat";
import { comuniBalance, type ComuneBalance } from "@/lib/budget/comuni";
import { SERVICE_AREA_CODES } from "@/lib/catalog/service-areas";
import { protectRow } from "@/lib/disclosure";
import { zoneDisclosureThreshold } from "./zone-settings";

/**
 * Budget reads (issue 15). A line has one row per snapshot date
 * (migration 0017), so EVERY sum over budget_line must take, for each line,
 * its latest snapshot at the chosen date: `latestBudgetLines` is the one place
 * that does it; every budget figure (pages, downloads, API, reports) reads
 * through it.
 */

export interface LatestOptions {
  /** ISO date: the snapshot of each line is its latest on or before it. */
  asOf: string;
  /** Only these years (esercizi); all when absent. */
  years?: readonly number[];
}

/** The latest snapshot on or before `asOf` of each current budget line of the zone, with its service's name and area. */
export async function latestBudgetLines(db: Db, zoneCode: string, options: LatestOptions): Promise<BudgetLineRecord[]> {
  if (options.years && options.years.length === 0) return [];
  let q = db
    .selectFrom("budget_line as b")
    .leftJoin("service as s", (j) => j.onRef("s.zone_code", "=", "b.zone_code").onRef("s.code", "=", "b.service_code").on("s.replaced_by_batch", "is", null))
    .distinctOn(["b.year", "b.service_code", "b.funding_code", sql<string>`coalesce(b.comune_istat, '')`, sql<string>`coalesce(b.project, '')`])
    .select([
      "b.year",
      "b.service_code",
      "s.name as service_name",
      "s.area",
      "s.spending_type",
      "b.funding_code",
      "b.comune_istat",
      "b.project",
      "b.reference_date",
      "b.deadline",
      "b.stanziato",
      "b.impegnato",
      "b.liquidato",
      "b.pagato",
      "b.residui_iniziali",
      "b.pagato_residui",
      "b.disimpegno_reason",
    ])
    .where("b.zone_code", "=", zoneCode)
    .where("b.replaced_by_batch", "is", null)
    .where("b.reference_date", "<=", options.asOf);
  if (options.years) q = q.where("b.year", "in", [...options.years]);
  const rows = await q
    .orderBy("b.year")
    .orderBy("b.service_code")
    .orderBy("b.funding_code")
    .orderBy(sql`coalesce(b.comune_istat, '')`)
    .orderBy(sql`coalesce(b.project, '')`)
    .orderBy("b.reference_date", "desc")
    .execute();
  return rows.map((r) => ({
    year: r.year,
    serviceCode: r.service_code,
    serviceName: r.service_name ?? r.service_code,
    area: r.area ?? null,
    spendingType: r.spending_type ?? null,
    fundingCode: r.funding_code,
    istat: r.comune_istat,
    project: r.project,
    referenceDate: toIsoDate(r.reference_date) ?? "",
    deadline: toIsoDate(r.deadline),
    stanziato: toNumber(r.stanziato),
    impegnato: toNumber(r.impegnato),
    liquidato: toNumber(r.liquidato),
    pagato: toNumber(r.pagato),
    residuiIniziali: toNumberOrNull(r.residui_iniziali),
    pagatoResidui: toNumberOrNull(r.pagato_residui),
    disimpegnoReason: r.disimpegno_reason,
  }));
}

/** The snapshot dates of the zone's current budget, per year (esercizio), dates ascending, years descending. */
export async function budgetSnapshotDates(db: Db, zoneCode: string): Promise<{ year: number; dates: string[] }[]> {
  const rows = await db
    .selectFrom("budget_line")
    .select(["year", "reference_date"])
    .distinct()
    .where("zone_code", "=", zoneCode)
    .where("replaced_by_batch", "is", null)
    .orderBy("year", "desc")
    .orderBy("reference_date")
    .execute();
  const out: { year: number; dates: string[] }[] = [];
  for (const r of rows) {
    const d = toIsoDate(r.reference_date) ?? "";
    const last = out[out.length - 1];
    if (last && last.year === r.year) last.dates.push(d);
    else out.push({ year: r.year, dates: [d] });
  }
  return out;
}

/**
 * Residents of each comune of the zone (all, 0–17, 65+) in `year`, or in the
 * latest earlier year with data (`year` says which was used); null when none.
 */
export async function budgetPopulations(db: Db, zoneCode: string, year: number): Promise<{ year: number | null; comuni: ComunePopulation[] }> {
  const comuni = await db.selectFrom("comune").select(["istat", "name"]).where("zone_code", "=", zoneCode).where("suppressed_on", "is", null).orderBy("name").execute();
  const found = await db
    .selectFrom("observation as o")
    .select((eb) => eb.fn.max("o.year").as("year"))
    .where("o.zone_code", "=", zoneCode)
    .where("o.indicator_code", "=", "POP_TOT")
    .where("o.comune_istat", "is not", null)
    .where("o.service_code", "is", null)
    .where("o.period_type", "=", "year")
    .where("o.year", "<=", year)
    .where(currentObservation("o"))
    .executeTakeFirst();
  const used = found?.year ?? null;
  const values = new Map<string, number>();
  if (used !== null) {
    const rows = await db
      .selectFrom("observation as o")
      .select(["o.indicator_code", "o.comune_istat", "o.value"])
      .where("o.zone_code", "=", zoneCode)
      .where("o.indicator_code", "in", ["POP_TOT", "POP_0_17", "POP_65_PLUS"])
      .where("o.comune_istat", "is not", null)
      .where("o.service_code", "is", null)
      .where("o.period_type", "=", "year")
      .where("o.year", "=", used)
      .where(currentObservation("o"))
      .execute();
    for (const r of rows) if (r.value !== null) values.set(`${r.indicator_code}|${r.comune_istat}`, toNumber(r.value));
  }
  return {
    year: used,
    comuni: comuni.map((c) => ({
      istat: c.istat,
      name: c.name,
      residents: values.get(`POP_TOT|${c.istat}`) ?? null,
      minors: values.get(`POP_0_17|${c.istat}`) ?? null,
      elderly: values.get(`POP_65_PLUS|${c.istat}`) ?? null,
    })),
  };
}

/** Users of each service per comune (SRV_UTENTI), keyed `${service}|${year}`: weights of the apportionment only, never shown. */
export async function serviceUsersByComune(db: Db, zoneCode: string, years: readonly number[]): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  if (years.length === 0) return out;
  const rows = await db
    .selectFrom("observation as o")
    .select(["o.service_code", "o.comune_istat", "o.year", "o.value"])
    .where("o.zone_code", "=", zoneCode)
    .where("o.indicator_code", "=", "SRV_UTENTI")
    .where("o.service_code", "is not", null)
    .where("o.comune_istat", "is not", null)
    .where("o.period_type", "=", "year")
    .where("o.year", "in", [...years])
    .where(currentObservation("o"))
    .execute();
  for (const r of rows) {
    if (r.value === null) continue;
    const k = `${r.service_code}|${r.year}`;
    const m = out.get(k) ?? new Map<string, number>();
    m.set(r.comune_istat!, toNumber(r.value));
    out.set(k, m);
  }
  return out;
}

/** The same date a year earlier (29/02 → 28/02): the comparison's situazione. */
export function sameDateYearBefore(iso: string): string {
  const y = Number(iso.slice(0, 4)) - 1;
  const md = iso.slice(5);
  return md === "02-29" ? `${y}-02-28` : `${y}-${md}`;
}

export interface BudgetYearRequest {
  year: number;
  /** ISO date; the latest snapshot date of the year when absent or not one of the year's. */
  asOf?: string | null;
  source?: string | null;
  atRisk?: { months: number; threshold: number };
}

/**
 * Everything one year of the budget shows (lib/budget/summary), read through
 * latestBudgetLines; null when the zone has no budget line in that year.
 * `dates` are the year's snapshot dates (the page's «situazione al»).
 */
export async function loadBudgetYear(db: Db, zoneCode: string, request: BudgetYearRequest): Promise<{ summary: BudgetYearSummary; dates: string[] } | null> {
  const all = await budgetSnapshotDates(db, zoneCode);
  const dates = all.find((y) => y.year === request.year)?.dates ?? [];
  if (dates.length === 0) return null;
  const asOf = request.asOf && dates.includes(request.asOf) ? request.asOf : dates[dates.length - 1]!;
  const [allLines, previousLines, populations, users] = await Promise.all([
    latestBudgetLines(db, zoneCode, { asOf }),
    latestBudgetLines(db, zoneCode, { asOf: sameDateYearBefore(asOf), years: [request.year - 1] }),
    budgetPopulations(db, zoneCode, request.year),
    serviceUsersByComune(db, zoneCode, [request.year, request.year - 1]),
  ]);
  const summary = budgetYearSummary({
    year: request.year,
    asOf,
    lines: allLines.filter((l) => l.year === request.year),
    previousLines,
    comuni: populations.comuni,
    users,
    source: request.source ?? null,
    allLines,
    atRisk: request.atRisk,
    populationYear: populations.year,
  });
  return { summary, dates };
}

/** Every current snapshot of the year's lines (not only the latest): the progression over the year. */
async function yearSnapshots(db: Db, zoneCode: string, year: number): Promise<BudgetLineRecord[]> {
  // latestBudgetLines at each date would read the table once per date; one read, then lib/budget/progression picks.
  const dates = (await budgetSnapshotDates(db, zoneCode)).find((y) => y.year === year)?.dates ?? [];
  const out: BudgetLineRecord[] = [];
  for (const d of dates) for (const l of await latestBudgetLines(db, zoneCode, { asOf: d, years: [year] })) if (l.referenceDate === d) out.push(l);
  return out;
}

/** The year's totals and rates at each of its snapshot dates, optionally for one funding source. */
export async function budgetProgression(db: Db, zoneCode: string, year: number, source: string | null = null): Promise<ProgressionStep[]> {
  const dates = (await budgetSnapshotDates(db, zoneCode)).find((y) => y.year === year)?.dates ?? [];
  const snapshots = (await yearSnapshots(db, zoneCode, year)).filter((l) => source === null || l.fundingCode === source);
  return progressionOf(snapshots, dates, lineKeyText);
}

/**
 * Users per area di utenza in `year` (SRV_UTENTI of the area's services: the
 * comuni's rows summed, or the zone's own row), protected as one table
 * (lib/disclosure, the zone's threshold) before anything divides by them.
 */
export async function istatUsersByArea(db: Db, zoneCode: string, year: number): Promise<Map<string, { value: number | null; state: "public" | "suppressed" | "missing" }>> {
  const rows = await db
    .selectFrom("observation as o")
    .innerJoin("service as s", (j) => j.onRef("s.zone_code", "=", "o.zone_code").onRef("s.code", "=", "o.service_code").on("s.replaced_by_batch", "is", null))
    .select(["s.area", "o.service_code", "o.comune_istat", "o.value"])
    .where("o.zone_code", "=", zoneCode)
    .where("o.indicator_code", "=", "SRV_UTENTI")
    .where("o.period_type", "=", "year")
    .where("o.year", "=", year)
    .where(currentObservation("o"))
    .execute();
  const perService = new Map<string, { area: string; comuni: number; anyComune: boolean; zone: number | null }>();
  for (const r of rows) {
    if (r.value === null) continue;
    const e = perService.get(r.service_code!) ?? { area: r.area, comuni: 0, anyComune: false, zone: null };
    if (r.comune_istat !== null) {
      e.comuni += toNumber(r.value);
      e.anyComune = true;
    } else e.zone = toNumber(r.value);
    perService.set(r.service_code!, e);
  }
  const byArea = new Map<string, number>();
  for (const e of perService.values()) byArea.set(e.area, (byArea.get(e.area) ?? 0) + (e.anyComune ? e.comuni : (e.zone ?? 0)));
  const areas = SERVICE_AREA_CODES.filter((a) => byArea.has(a));
  const out = new Map<string, { value: number | null; state: "public" | "suppressed" | "missing" }>();
  if (areas.length === 0) return out;
  const total = areas.reduce((s, a) => s + byArea.get(a)!, 0);
  const p = protectRow(areas.map((a) => ({ key: a, value: byArea.get(a)! })), total, { threshold: await zoneDisclosureThreshold(db, zoneCode) });
  areas.forEach((a, i) => {
    const cell = p.cells[i]!;
    out.set(a, cell.suppressed ? { value: null, state: "suppressed" } : { value: byArea.get(a)!, state: "public" });
  });
  out.set("totale", p.total?.suppressed ? { value: null, state: "suppressed" } : { value: total, state: "public" });
  return out;
}

/** The survey view of a year at a date (lib/budget/istat) and the comuni's balance (lib/budget/comuni). */
export async function loadBudgetIstat(db: Db, zoneCode: string, year: number, asOf: string): Promise<{ rows: IstatAreaRow[]; comuni: ComuneBalance[]; populationYear: number | null }> {
  const [lines, populations, users, usersByComune] = await Promise.all([
    latestBudgetLines(db, zoneCode, { asOf, years: [year] }),
    budgetPopulations(db, zoneCode, year),
    istatUsersByArea(db, zoneCode, year),
    serviceUsersByComune(db, zoneCode, [year]),
  ]);
  return { rows: istatSurvey(lines, populations.comuni, users), comuni: comuniBalance(lines, populations.comuni, usersByComune), populationYear: populations.year };
}
