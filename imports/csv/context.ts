import { sql } from "kysely";
import type { Db } from "@/db/queries/zones";
import { toIsoDate, toNumber, toNumberOrNull } from "@/db/queries/convert";
import type { PlausibilityDefinition } from "@/lib/indicators/plausibility";
import type { ComuneCandidate } from "./comune";
import type { Polarity } from "@/lib/catalog/schema";
import type { ObjectiveArea } from "@/lib/targets/plan";
import { lineKeyText, type SnapshotAmounts } from "@/lib/budget/snapshots";

export interface ObjectiveDefinition {
  area: ObjectiveArea;
  title: string;
  description: string | null;
  office: string | null;
}

export const objectiveKey = (planId: number, code: string) => `${planId}|${code}`;

/** What resolving a file's codes needs from the database, read once per import. */
export interface ImportContext {
  zoneCode: string | null;
  comuni: ComuneCandidate[];
  /** Provinces of the zone's comuni, where names are looked up after the zone. */
  provinces: string[];
  indicatorCodes: Set<string>;
  /** What the plausibility rules need of each indicator. */
  indicators: Map<string, PlausibilityDefinition>;
  serviceCodes: Set<string>;
  fundingCodes: Set<string>;
  plans: { id: number; startYear: number; endYear: number }[];
  /** Objectives of the zone's plans, by `${planId}|${code}` (migration 0012). */
  objectives: Map<string, ObjectiveDefinition>;
  /** Each indicator's polarity: a target must go its way. */
  polarities: Map<string, Polarity>;
  comuneNames: Map<string, string>;
}

type ComuneTuple = [istat: string, name: string, province: string, cadastral: string | null, zone: string | null];

/**
 * Every current comune of Italy (about 7,900) as one JSON value: PGlite decodes
 * a result row by row in JavaScript, and one value is read three times faster
 * than thousands of rows (every import reads this list). A comune that was
 * ever a member of the importing zone counts as the zone's (zone_membership):
 * the zone can still import the years in which it belonged to it, those of
 * a comune since merged by ISTAT (suppressed) included.
 */
async function loadComuni(db: Db, zoneCode: string | null): Promise<ComuneTuple[]> {
  const member = sql`exists (select 1 from zone_membership m where m.zone_code = ${zoneCode} and m.comune_istat = comune.istat)`;
  const result =
    zoneCode === null
      ? await sql<{ comuni: ComuneTuple[] }>`
    select coalesce(json_agg(json_build_array(istat, name, province, cadastral_code, zone_code)), '[]'::json) as comuni
    from comune where suppressed_on is null`.execute(db)
      : await sql<{ comuni: ComuneTuple[] }>`
    select coalesce(json_agg(json_build_array(istat, name, province, cadastral_code, case when ${member} then ${zoneCode}::text else zone_code end)), '[]'::json) as comuni
    from comune where suppressed_on is null or ${member}`.execute(db);
  return result.rows[0]?.comuni ?? [];
}

export async function loadImportContext(db: Db, zoneCode: string | null): Promise<ImportContext> {
  const [comuni, indicators, services, funding, plans, objectives] = await Promise.all([
    loadComuni(db, zoneCode),
    db.selectFrom("indicator").select(["code", "unit", "aggregation", "is_count_of_people", "decimals", "scale", "valid_min", "valid_max", "polarity"]).execute(),
    zoneCode
      ? db.selectFrom("service").select("code").where("zone_code", "=", zoneCode).where("replaced_by_batch", "is", null).execute()
      : Promise.resolve([]),
    db.selectFrom("funding_source").select("code").execute(),
    zoneCode ? db.selectFrom("plan").select(["id", "start_year", "end_year"]).where("zone_code", "=", zoneCode).execute() : Promise.resolve([]),
    zoneCode
      ? db.selectFrom("plan_objective").select(["plan_id", "code", "area", "title", "description", "office"]).where("zone_code", "=", zoneCode).execute()
      : Promise.resolve([]),
  ]);
  const candidates = comuni.map(([istat, name, province, cadastral, zone]) => ({ istat, name, province, cadastral, zoneCode: zone }));
  return {
    zoneCode,
    comuni: candidates,
    provinces: [...new Set(candidates.filter((c) => c.zoneCode === zoneCode && zoneCode !== null).map((c) => c.province))],
    indicatorCodes: new Set(indicators.map((i) => i.code)),
    indicators: new Map(
      indicators.map((i) => [
        i.code,
        {
          code: i.code,
          unit: i.unit,
          aggregation: i.aggregation,
          isCountOfPeople: i.is_count_of_people,
          decimals: i.decimals,
          scale: toNumberOrNull(i.scale),
          validMin: toNumberOrNull(i.valid_min),
          validMax: toNumberOrNull(i.valid_max),
        },
      ]),
    ),
    serviceCodes: new Set(services.map((s) => s.code)),
    fundingCodes: new Set(funding.map((f) => f.code)),
    plans: plans.map((p) => ({ id: toNumber(p.id), startYear: p.start_year, endYear: p.end_year })),
    objectives: new Map(objectives.map((o) => [objectiveKey(toNumber(o.plan_id), o.code), { area: o.area, title: o.title, description: o.description, office: o.office }])),
    polarities: new Map(indicators.map((i) => [i.code, i.polarity])),
    comuneNames: new Map(candidates.map((c) => [c.istat, c.name])),
  };
}

/**
 * The current snapshots of the zone's budget lines, by line (lib/budget/snapshots
 * lineKeyText): what a `bilancio` import checks a new snapshot against.
 */
export async function loadBudgetSnapshots(db: Db, zoneCode: string): Promise<Map<string, SnapshotAmounts[]>> {
  const rows = await db
    .selectFrom("budget_line")
    .select(["year", "service_code", "funding_code", "comune_istat", "project", "reference_date", "impegnato", "liquidato", "disimpegno_reason"])
    .where("zone_code", "=", zoneCode)
    .where("replaced_by_batch", "is", null)
    .execute();
  const out = new Map<string, SnapshotAmounts[]>();
  for (const r of rows) {
    const key = lineKeyText({ year: r.year, serviceCode: r.service_code, fundingCode: r.funding_code, istat: r.comune_istat, project: r.project });
    const s: SnapshotAmounts = { referenceDate: toIsoDate(r.reference_date) ?? "", impegnato: toNumber(r.impegnato), liquidato: toNumber(r.liquidato), disimpegnoReason: r.disimpegno_reason };
    const list = out.get(key);
    if (list) list.push(s);
    else out.set(key, [s]);
  }
  return out;
}
